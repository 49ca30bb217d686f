import type { CancelNodeInternal } from './cancelNode'

/**
 * Runs the function of a task or the body of a group or timeout, whichever kind it is:
 * - a plain function: its return value or its throw;
 * - an async function (anything returning a thenable): what the promise settles with;
 *   cancellation reaches it only through the signal it was given;
 * - a generator function: the runtime drives it, resuming it with what each `yield`ed
 *   promise settles with, and throws the node's `CancelledError` into it at its current
 *   `yield` once when the node aborts, even if the awaited promise never settles.
 *
 * `settle` is called exactly once; synchronously when the function finished synchronously.
 */
export type SettleInternal = (ok: boolean, value: unknown) => void

export function drive<A>(fn: (arg: A) => unknown, arg: A, node: CancelNodeInternal, settle: SettleInternal): void {
  let result: unknown
  try {
    result = fn(arg)
  } catch (error) {
    settle(false, error)
    return
  }
  if (isGenerator(result)) {
    new GeneratorDriver(result, node, settle).start()
  } else if (isThenable(result)) {
    // Promise.resolve adopts native promises as they are and guards foreign thenables whose
    // `then` throws; either way both outcomes are handled, so nothing rejects unhandled.
    Promise.resolve(result).then(
      (value) => settle(true, value),
      (error) => settle(false, error),
    )
  } else {
    settle(true, result)
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  )
}

function isGenerator(value: unknown): value is Generator<unknown, unknown, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.prototype.toString.call(value) === '[object Generator]' &&
    typeof (value as Generator).next === 'function' &&
    typeof (value as Generator).throw === 'function'
  )
}

class GeneratorDriver {
  readonly #generator: Generator<unknown, unknown, unknown>
  readonly #node: CancelNodeInternal
  readonly #settle: SettleInternal
  /** Bumped whenever a pending resumption must be ignored (the cancellation overtook it). */
  #epoch = 0
  #state: 'running' | 'suspended' | 'done' = 'running'
  #cancelDelivered = false
  #unsubscribe: (() => void) | undefined = undefined

  constructor(generator: Generator<unknown, unknown, unknown>, node: CancelNodeInternal, settle: SettleInternal) {
    this.#generator = generator
    this.#node = node
    this.#settle = settle
  }

  start(): void {
    if (!this.#node.aborted) {
      this.#unsubscribe = this.#node.subscribe(() => {
        // While the generator runs, the abort is seen at its next `yield` instead.
        if (this.#state === 'suspended') this.#deliverCancel()
      })
    }
    this.#step(false, undefined)
  }

  #deliverCancel(): void {
    if (this.#cancelDelivered) return
    this.#cancelDelivered = true
    const epoch = ++this.#epoch
    // Delivered on a later microtask, as asyncio wakes a cancelled task on a later step: the
    // code that cancelled finishes its statement first.
    queueMicrotask(() => {
      if (epoch === this.#epoch) this.#step(true, this.#node.reason)
    })
  }

  #step(isThrow: boolean, value: unknown): void {
    this.#state = 'running'
    let next: IteratorResult<unknown, unknown>
    try {
      next = isThrow ? this.#generator.throw(value) : this.#generator.next(value)
    } catch (error) {
      this.#finish(false, error)
      return
    }
    if (next.done === true) {
      this.#finish(true, next.value)
      return
    }
    this.#state = 'suspended'
    const epoch = ++this.#epoch
    Promise.resolve(next.value).then(
      (result) => {
        if (epoch === this.#epoch) this.#step(false, result)
      },
      (error) => {
        if (epoch === this.#epoch) this.#step(true, error)
      },
    )
    // Aborted while it ran (it cancelled its own scope): the cancellation wins over the value.
    if (this.#node.aborted) this.#deliverCancel()
  }

  #finish(ok: boolean, value: unknown): void {
    this.#state = 'done'
    this.#unsubscribe?.()
    this.#settle(ok, value)
  }
}
