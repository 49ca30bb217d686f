import { declaresNoParameters } from './arity'
import type { AbortDependantInternal, CancelNodeInternal } from './cancelNode'
import { runningInternal } from './inspectable'
import { microtask } from './microtask'
import { shared } from './shared'

/**
 * Runs the function of a task or the body of a group or timeout, whichever kind it is:
 * - a plain function: its return value or its throw;
 * - an async function (anything returning a thenable): what the promise settles with;
 *   cancellation reaches it only through the signal it was given;
 * - a generator function: the runtime drives it, resuming it with what each `yield`ed
 *   promise settles with, and throws the node's `CancelledError` into it at its current
 *   `yield` once when the node aborts, even if the awaited promise never settles. Yielding
 *   a generator object runs it as a nested step, like `await coro()` in Python: the
 *   cancellation is thrown into the innermost one.
 *
 * `target.settled` is called exactly once; synchronously when the function finished
 * synchronously. The target is an object, so that a task can be told through a companion
 * it has anyway (its cancel node) rather than a closure per task.
 */
export interface SettleTargetInternal {
  settled(ok: boolean, value: unknown): void
}

/** A target for a one-off callback (group and timeout bodies, `run`). */
export function settleWith(settled: (ok: boolean, value: unknown) => void): SettleTargetInternal {
  return { settled }
}

/** The promises of `taskGroup()` and `timeout()` calls, mapped to the signal they follow (a registry every copy shares: shared.ts). */
const { scopeParents, shielded } = shared

/**
 * Marks `promise` as the outcome of a scope (group or timeout) nested under `signal`. A
 * generator that yields it is not interrupted when that signal aborts: the scope is
 * cancelled with it, and the generator resumes with the scope's outcome once every task in
 * it has settled, as an asyncio task awaiting `async with TaskGroup()` would.
 */
export function markScope(promise: Promise<unknown>, signal: AbortSignal | undefined): void {
  if (signal !== undefined) scopeParents.set(promise, signal)
}

/**
 * Marks `promise` (in `shielded`) so that a generator yielding it is not interrupted by a cancellation: the
 * work behind it reacts to the signal itself, and the generator resumes with its outcome.
 * This is how a wrapper runs an async function with the same semantics as a task does.
 */
export function shield<T>(promise: Promise<T>): Promise<T> {
  shielded.add(promise)
  return promise
}

export function drive<A>(
  fn: (arg: A) => unknown,
  arg: A,
  node: CancelNodeInternal,
  target: SettleTargetInternal,
): void {
  let result: unknown
  // While it runs, scopes it opens without a signal are shown under it in the task tree.
  const previous = runningInternal.node
  runningInternal.node = node
  try {
    result = fn(arg)
  } catch (error) {
    runningInternal.node = previous
    target.settled(false, error)
    return
  }
  runningInternal.node = previous
  // Thenables first: async functions are the common case, and the generator check is dearer.
  if (isThenable(result)) {
    // Promise.resolve adopts native promises as they are and guards foreign thenables whose
    // `then` throws; either way both outcomes are handled, so nothing rejects unhandled.
    Promise.resolve(result).then(
      (value) => target.settled(true, value),
      (error) => target.settled(false, error),
    )
  } else if (isGenerator(result)) {
    new GeneratorDriver(result, node, target).start()
  } else {
    target.settled(true, result)
  }
}

/**
 * `drive` for a function that takes a signal (a task's, or one run in a window): it gets the
 * node's signal, unless it was declared without parameters and so cannot read one; then no
 * signal is made here (reading the owner's `signal` later makes it).
 */
export function driveWithSignal(
  fn: (signal: AbortSignal) => unknown,
  node: CancelNodeInternal,
  target: SettleTargetInternal,
): void {
  // Called without its argument only when it declares none.
  if (declaresNoParameters(fn)) drive(fn as () => unknown, undefined, node, target)
  else drive(fn, node.signal, node, target)
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  )
}

export function isGenerator(value: unknown): value is Generator<unknown, unknown, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.prototype.toString.call(value) === '[object Generator]' &&
    typeof (value as Generator).next === 'function' &&
    typeof (value as Generator).throw === 'function'
  )
}

class GeneratorDriver implements AbortDependantInternal, SettleTargetInternal {
  readonly #generator: Generator<unknown, unknown, unknown>
  readonly #node: CancelNodeInternal
  readonly #target: SettleTargetInternal
  /**
   * The driver of the outermost generator, which the generators it yields share: it keeps
   * whether the cancellation was delivered, since it is delivered once to the whole stack.
   */
  readonly #root: GeneratorDriver
  #delivered = false
  /** Bumped whenever a pending resumption must be ignored (the cancellation overtook it). */
  #epoch = 0
  /** Waiting at a `yield` for a value (not running, nor running a nested generator). */
  #suspended = false
  /** The pending `yield` is a scope nested under this node, which takes the cancellation. */
  #awaitingScope = false
  #subscribed = false

  constructor(
    generator: Generator<unknown, unknown, unknown>,
    node: CancelNodeInternal,
    target: SettleTargetInternal,
    root?: GeneratorDriver,
  ) {
    this.#generator = generator
    this.#node = node
    this.#target = target
    this.#root = root ?? this
  }

  start(): void {
    if (!this.#node.aborted) {
      this.#subscribed = true
      this.#node.subscribe(this)
    }
    this.#step(false, undefined)
  }

  /** The node aborted. While the generator runs, the abort is seen at its next `yield` instead. */
  abortedWith(): void {
    if (this.#suspended) this.#deliverCancel()
  }

  #deliverCancel(): void {
    const root = this.#root
    if (root.#delivered) return
    root.#delivered = true
    if (this.#awaitingScope) return // the nested scope delivers it, through its outcome
    const epoch = ++this.#epoch
    // Delivered on a later microtask, as asyncio wakes a cancelled task on a later step: the
    // code that cancelled finishes its statement first.
    microtask(() => {
      if (epoch === this.#epoch) this.#step(true, this.#node.reason)
    })
  }

  #step(isThrow: boolean, value: unknown): void {
    this.#suspended = false
    let next: IteratorResult<unknown, unknown>
    const previous = runningInternal.node
    runningInternal.node = this.#node
    try {
      next = isThrow ? this.#generator.throw(value) : this.#generator.next(value)
    } catch (error) {
      runningInternal.node = previous
      this.#finish(false, error)
      return
    }
    runningInternal.node = previous
    if (next.done === true) {
      this.#finish(true, next.value)
      return
    }
    if (isGenerator(next.value)) {
      // A nested generator: it gets the cancellation while it runs; this one resumes with
      // its outcome.
      new GeneratorDriver(next.value, this.#node, this, this.#root).start()
      return
    }
    this.#suspended = true
    const parent = scopeParents.get(next.value as object)
    this.#awaitingScope =
      (parent !== undefined && parent === this.#node.peekSignal()) || shielded.has(next.value as object)
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
    if (this.#subscribed) this.#node.unsubscribe(this)
    this.#target.settled(ok, value)
  }

  /** A nested generator this one yielded has settled: resume with its outcome. */
  settled(ok: boolean, value: unknown): void {
    this.#step(!ok, value)
  }
}
