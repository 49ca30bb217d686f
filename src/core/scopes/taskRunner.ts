import { isGenerator, isThenable, shield } from '../internal/drive'
import { CancelledError, InvalidStateError } from '../errors'
import { GroupScope } from './groupScope'
import { methodPrefix, type Scope, type ScopeCallerInternal } from './scope'
import { StoreInternal } from './store'
import type { Task, TaskGenerator } from '../task'
import { checkFunction, checkName, describe } from '../internal/validate'

/**
 * What `perform` does while earlier performances still run (ember-concurrency's policies):
 * - `'parallel'`: runs every performance at once (up to `max`, then queues);
 * - `'restart'`: cancels the oldest running one to make room (search-as-you-type);
 * - `'drop'`: refuses the new one (double submit): it returns a task that ends cancelled;
 * - `'enqueue'`: runs them one after the other (`max` at a time);
 * - `'keepLatest'`: queues only the newest, cancelling any older queued one.
 */
export type Concurrency = 'parallel' | 'restart' | 'drop' | 'enqueue' | 'keepLatest'

const policies: readonly Concurrency[] = ['parallel', 'restart', 'drop', 'enqueue', 'keepLatest']

/** The policy options of a `TaskRunner` (the options of `useTask`). */
export interface TaskRunnerOptions {
  /** The policy for overlapping performances; `'parallel'` by default. */
  concurrency?: Concurrency
  /** How many performances may run at once: 1 by default, unlimited for `'parallel'`. */
  max?: number
  /** Names the tasks (and their group) in errors, events and devtools. */
  name?: string
}

/** What a `TaskRunner` takes: the function it performs, and its policy options. */
export interface TaskRunnerScopeOptions<A extends unknown[], R> extends TaskRunnerOptions {
  fn: PerformFn<A, R>
}

interface TaskRunnerSnapshotBase<R> {
  /** Some performance is running (queued ones are not). */
  readonly isRunning: boolean
  /** How many performances are waiting for a slot. */
  readonly queued: number
  /** How many times `perform` was called. */
  readonly performCount: number
  /** The newest performance that was not dropped. */
  readonly last: Task<R> | undefined
  /** What `last` failed with, if it failed (`last.failed()` tells a failure with no reason). */
  readonly error: unknown
}

/**
 * The observable state of a `TaskRunner`; a new object whenever something changed. Checking
 * `lastSuccessful` narrows `value`: once a performance fulfilled, `value` is its value.
 */
export type TaskRunnerSnapshot<R> = TaskRunnerSnapshotBase<R> &
  (
    | { readonly lastSuccessful: Task<R>; readonly value: R }
    | { readonly lastSuccessful: undefined; readonly value: undefined }
  )

/** The function a runner performs: called with the task's signal, then `perform`'s arguments. */
export type PerformFn<A extends unknown[], R> = (
  signal: AbortSignal,
  ...args: A
) => TaskGenerator<R> | PromiseLike<R> | R

/**
 * One named operation performed many times, with a concurrency policy, on a task group whose
 * lifetime is set from outside (see `GroupScope`): the core of `useTask`. Failures of one
 * performance do not cancel the others; closing the runner cancels all of them. `caller`
 * names the API that made the runner in its errors (`useTask` passes its name); leave it out.
 *
 * @example
 * const search = new TaskRunner({ fn: (signal, query: string) => fetchResults(query, signal), concurrency: 'restart' })
 * search.open()
 * search.perform('re')
 * search.perform('react') // cancels the search for 're'
 */
export class TaskRunner<A extends unknown[], R>
  extends StoreInternal<TaskRunnerSnapshot<R>>
  implements Scope<TaskRunnerSnapshot<R>, TaskRunnerScopeOptions<A, R>>
{
  #options: TaskRunnerScopeOptions<A, R>
  readonly #scope: GroupScope
  /** Performances holding a slot, oldest first. */
  // Sets, not arrays: insertion-ordered like a queue, and a settled task leaves in O(1).
  readonly #running = new Set<Task<unknown>>()
  /** Performances waiting for a slot, oldest first, with the function that starts each. */
  // Made at the first performance that waits: most runners never queue one.
  #waiting: Map<Task<unknown>, () => void> | undefined = undefined
  readonly #caller: ScopeCallerInternal
  #closed = false

  constructor(options: TaskRunnerScopeOptions<A, R>, caller?: string) {
    checkRunnerOptions(options, caller)
    super({
      isRunning: false,
      queued: 0,
      performCount: 0,
      last: undefined,
      lastSuccessful: undefined,
      value: undefined,
      error: undefined,
    })
    this.#options = options
    this.#caller = caller
    // The caller names the group when `name` does not (`useTask-2`), for events and devtools.
    // A runner has no reset(): a cancel from the task tree cancels its performances.
    this.#scope = new GroupScope({ name: options.name, isolate: true }, caller, { resettable: false })
  }

  /** Opens the runner (at mount); returns the function that closes it (at unmount). */
  // Its group scope holds the lifetime: opening and closing are that scope's.
  readonly open = (): (() => void) => {
    const close = this.#scope.open()
    this.#closed = false
    return () => {
      this.#closed = true
      close()
    }
  }

  /** Takes the latest function and options; the policy applies from the next `perform`. */
  setOptions(options: TaskRunnerScopeOptions<A, R>): void {
    checkRunnerOptions(options, this.#caller)
    this.#options = options
  }

  /** Performs the operation with `args` under the concurrency policy; returns its task. */
  readonly perform = (...args: A): Task<R> => {
    const { concurrency = 'parallel', name } = this.#options
    if (this.#closed) {
      throw new InvalidStateError(
        `${methodPrefix(this.#caller, 'perform')}cannot perform "${name ?? 'task'}": the runner is closed, its component unmounted`,
      )
    }
    const max = this.#options.max ?? (concurrency === 'parallel' ? Infinity : 1)
    const full = this.#running.size >= max
    const snapshot = this.getSnapshot()
    if (full && concurrency === 'drop') {
      const dropped = this.#scope.createTask(
        () => {
          throw new CancelledError(`dropped: "${name ?? 'task'}" is already running ${max} performance(s)`)
        },
        { name },
      ) as Task<R>
      this.setSnapshot({ ...snapshot, performCount: snapshot.performCount + 1 })
      return dropped
    }
    if (full && concurrency === 'restart') {
      let excess = this.#running.size - max + 1
      for (const task of this.#running) {
        if (excess-- <= 0) break
        this.#running.delete(task)
        task.cancel('restarted')
      }
    }
    if (full && concurrency === 'keepLatest') {
      for (const task of this.#waiting?.keys() ?? []) task.cancel('a newer performance replaced it')
      this.#waiting?.clear()
    }
    const waits = full && concurrency !== 'restart'
    const { fn } = this.#options
    let task: Task<R>
    if (waits) {
      let start!: () => void
      const slot = new Promise<void>((resolve) => (start = resolve))
      task = this.#scope.createTask(
        function* (signal): TaskGenerator<unknown> {
          yield slot // cancelled while it waits: thrown in here
          const result = fn(signal, ...args)
          if (isGenerator(result)) return yield* result
          // An async function runs as it would as a task of its own: cancelled through its signal.
          if (isThenable(result)) return yield shield(Promise.resolve(result))
          return result
        },
        { name },
      ) as Task<R>
      ;(this.#waiting ??= new Map()).set(task, start)
    } else {
      // Nothing to wait for: the function runs as the task's own, whatever kind it is.
      task = this.#scope.createTask((signal) => fn(signal, ...args), { name }) as Task<R>
      this.#running.add(task)
    }
    task.addDoneCallback(this.#done)
    this.setSnapshot({ ...this.#derive(task), performCount: snapshot.performCount + 1 })
    return task
  }

  /** Cancels every running and queued performance. */
  readonly cancelAll = (reason?: unknown): void => {
    for (const task of this.#waiting?.keys() ?? []) task.cancel(reason)
    for (const task of this.#running) task.cancel(reason)
  }

  /** The done callback of every performance: one function for the runner's life. */
  readonly #done = (task: Task<unknown>): void => this.#settled(task)

  #settled(task: Task<unknown>): void {
    this.#running.delete(task)
    const waiting = this.#waiting
    if (waiting !== undefined) {
      waiting.delete(task)
      const { concurrency = 'parallel' } = this.#options
      const max = this.#options.max ?? (concurrency === 'parallel' ? Infinity : 1)
      for (const [next, start] of waiting) {
        if (this.#running.size >= max) break
        waiting.delete(next)
        this.#running.add(next)
        start()
      }
    }
    // A failure with no reason (`Promise.reject()`) is a failure too: ask the task, not its exception.
    const lastSuccessful = task.done() && !task.cancelled() && !task.failed() ? (task as Task<R>) : undefined
    this.setSnapshot(this.#derive(this.getSnapshot().last, lastSuccessful))
  }

  #derive(last: Task<R> | undefined, succeeded?: Task<R>): TaskRunnerSnapshot<R> {
    const snapshot = this.getSnapshot()
    const lastSuccessful = succeeded ?? snapshot.lastSuccessful
    const failed = last !== undefined && last.failed()
    return {
      isRunning: this.#running.size > 0,
      queued: this.#waiting?.size ?? 0,
      performCount: snapshot.performCount,
      last,
      lastSuccessful,
      value: lastSuccessful?.result(),
      error: failed ? last.exception() : undefined,
    } as TaskRunnerSnapshot<R> // value is lastSuccessful's
  }
}

/** Checks options in the caller's words: `useTask(fn, options): options.max`, or `TaskRunner options.max`. */
function checkRunnerOptions(options: TaskRunnerScopeOptions<never, unknown>, caller: ScopeCallerInternal): void {
  const where = caller === undefined ? 'TaskRunner options' : `${caller}(fn, options): options`
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${where} must be an object (or left out), got ${describe(options)}`)
  }
  checkFunction(options.fn, caller === undefined ? `${where}.fn` : `${caller}(fn): fn`)
  checkName(options.name, `${where}.name`)
  const { concurrency, max } = options
  if (concurrency !== undefined && !policies.includes(concurrency)) {
    throw new TypeError(
      `${where}.concurrency must be one of ${policies.map((p) => `'${p}'`).join(', ')}, got ${typeof concurrency === 'string' ? `'${concurrency}'` : describe(concurrency)}`,
    )
  }
  if (max !== undefined && !(typeof max === 'number' && (Number.isInteger(max) || max === Infinity) && max >= 1)) {
    throw new RangeError(`${where}.max must be a whole number of at least 1, got ${describe(max)}`)
  }
}
