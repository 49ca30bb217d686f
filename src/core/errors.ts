/**
 * The error classes of the runtime. Each has its own `name`, so logs and `instanceof`
 * checks both tell them apart, and takes `(message?, options?)` like `Error`. `instanceof`
 * holds across copies of the runtime (the ESM and the CommonJS build loaded side by side):
 * each class is branded with a `Symbol.for` key that every copy shares.
 */

/**
 * Work was cancelled: by its group, by a deadline, by an outer signal, by an unmount or by
 * an explicit `cancel()`. Every signal the library creates aborts with one of these as its
 * `reason`, and a task that rejects with one ends *cancelled*, not failed.
 *
 * @example
 * try {
 *   await tg.createTask(load)
 * } catch (error) {
 *   if (error instanceof CancelledError) return // nobody needs the result any more
 *   throw error
 * }
 */
export class CancelledError extends Error {
  constructor(message = 'the operation was cancelled', options?: ErrorOptions) {
    super(message, options)
    this.name = 'CancelledError'
  }
}

/**
 * A `timeout()` or `timeoutAt()` scope reached its deadline and the work inside it ended
 * because of that. Its `cause` is the `CancelledError` the work was cut short with.
 *
 * @example
 * try {
 *   await timeout(1000, () => fetchReport(signal))
 * } catch (error) {
 *   if (error instanceof TimeoutError) showSlowBanner()
 * }
 */
export class TimeoutError extends Error {
  constructor(message = 'the deadline passed', options?: ErrorOptions) {
    super(message, options)
    this.name = 'TimeoutError'
  }
}

/**
 * A call that is not allowed in the object's current state, such as reading the result of a
 * pending task or creating a task in a group that is shutting down. The message names the
 * call, the state and what to do instead.
 *
 * @example
 * try {
 *   task.result()
 * } catch (error) {
 *   if (error instanceof InvalidStateError) await task
 * }
 */
export class InvalidStateError extends Error {
  constructor(message = 'the object is not in a state that allows this call', options?: ErrorOptions) {
    super(message, options)
    this.name = 'InvalidStateError'
  }
}

/**
 * Every failure of a task group, like Python's `ExceptionGroup`: the failed children in the
 * order they failed, then the body's own error. Cancellations are never members; a nested
 * group's `TaskGroupError` is a member of the outer one, not flattened. Its message says how
 * many and shows the first, so a toast or a log line is useful on its own:
 * `unhandled errors in a TaskGroup (2 sub-errors): TypeError: bad input; and 1 more`.
 *
 * @example
 * try {
 *   await taskGroup((tg) => { tg.createTask(a); tg.createTask(b) })
 * } catch (error) {
 *   if (error instanceof TaskGroupError) error.errors.forEach(console.error)
 * }
 */
export class TaskGroupError extends AggregateError {
  constructor(errors: Iterable<unknown>, message?: string, options?: ErrorOptions) {
    const list = [...errors]
    super(list, message ?? summarize(list), options)
    this.name = 'TaskGroupError'
  }
}

/** `unhandled errors in a TaskGroup (2 sub-errors): TypeError: bad input; and 1 more`. */
function summarize(errors: unknown[]): string {
  const head = 'unhandled errors in a TaskGroup'
  if (errors.length === 0) return head
  const count = `${errors.length} sub-error${errors.length === 1 ? '' : 's'}`
  const more = errors.length > 1 ? `; and ${errors.length - 1} more` : ''
  return `${head} (${count}): ${describeError(errors[0])}${more}`
}

function describeError(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  } catch {
    return 'an error that cannot be shown as text' // a value whose toString throws
  }
}

/**
 * Brands `Class` so that `value instanceof Class` is true for the instances of every copy's
 * class of that name, not only this copy's. A subclass (`class MyError extends
 * CancelledError`) keeps the ordinary prototype check.
 */
function brand(Class: abstract new (...args: never[]) => Error, name: string): void {
  const key = Symbol.for(`react-taskgroup.${name}`)
  Object.defineProperty(Class.prototype, key, { value: true })
  Object.defineProperty(Class, Symbol.hasInstance, {
    value(this: unknown, value: unknown): boolean {
      if (this !== Class) return Function.prototype[Symbol.hasInstance].call(this, value)
      return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[key] === true
    },
  })
}

brand(CancelledError, 'CancelledError')
brand(TimeoutError, 'TimeoutError')
brand(InvalidStateError, 'InvalidStateError')
brand(TaskGroupError, 'TaskGroupError')
