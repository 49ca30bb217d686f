import { CancelNodeInternal, isCancellation, toCancelledError } from './internal/cancelNode'
import { now } from './clock'
import { driveWithSignal, type SettleTargetInternal } from './internal/drive'
import { CancelledError, InvalidStateError } from './errors'
import { emitTaskEvent, isObserved, type TaskObserver, type TaskOutcome } from './instrument'
import { microtask } from './internal/microtask'
import { reportError } from './internal/report'
import { checkFunction } from './internal/validate'
import type { InspectedTaskInternal } from './internal/inspectable'

/**
 * A generator the runtime drives: each `yield`ed value is awaited and sent back in, so what a
 * `yield` gives back has the type of whatever was yielded, which a `Generator` type cannot
 * say per `yield`: its `next` type is `any` on purpose (the rest of the API stays `unknown`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type TaskGenerator<R> = Generator<unknown, R, any>

/**
 * What a task runs, called with the task's `signal`: an async function, a plain function, or
 * a generator function whose `yield`s the runtime awaits (and interrupts on cancellation).
 */
export type TaskFn<R> = ((signal: AbortSignal) => TaskGenerator<R>) | ((signal: AbortSignal) => PromiseLike<R> | R)

/** A callback run after a task settled; see `Task.addDoneCallback`. */
export type DoneCallback<R> = (task: Task<R>) => void

/** What a task belongs to: its group, seen from the task. */
export interface TaskOwnerInternal {
  readonly name: string
  readonly observer: TaskObserver | undefined
  /**
   * Called first among the done callbacks, on the microtask after the task settled, with
   * whether it failed and what with (cancelled and fulfilled tasks have not failed).
   */
  childDone(task: Task<unknown>, failed: boolean, error: unknown): void
}

type State = 'pending' | 'fulfilled' | 'failed' | 'cancelled'

let taskCount = 0
const token = Symbol('Task')

/** Friend access for the group, which registers a task between creating and starting it. */
export let createTaskInternal: <R>(owner: TaskOwnerInternal, name: string | undefined) => Task<R>
export let startTaskInternal: <R>(task: Task<R>, fn: TaskFn<R>) => void
let settleTaskInternal: (task: Task<unknown>, ok: boolean, value: unknown) => void
/** When observed tasks settled (few tasks are observed: no field on every task for it). */
const endedAt = new WeakMap<Task<unknown>, number>()
/** For the task tree (inspect.ts): the task as plain data. */
export let inspectTaskInternal: (task: Task<unknown>) => InspectedTaskInternal

/**
 * A task's cancel node, which is also where its function's outcome is told: one companion
 * object per task instead of a node and a settle closure.
 */
class TaskNodeInternal extends CancelNodeInternal implements SettleTargetInternal {
  readonly #task: Task<unknown>

  constructor(task: Task<unknown>) {
    super(false)
    this.#task = task
  }

  settled(ok: boolean, value: unknown): void {
    settleTaskInternal(this.#task, ok, value)
  }
}

/**
 * One unit of work in a task group, like an `asyncio.Task`: it can be awaited (it is a
 * `PromiseLike`), inspected once done, cancelled through its `signal`, and observed with done
 * callbacks. Create tasks with `tg.createTask()`.
 *
 * @example
 * await taskGroup(async (tg) => {
 *   const user = tg.createTask((signal) => fetchUser(id, signal), { name: 'user' })
 *   console.log((await user).name)
 * })
 */
export class Task<R> implements PromiseLike<R> {
  readonly #id = ++taskCount
  readonly #name: string | undefined
  readonly #owner: TaskOwnerInternal
  readonly #node: TaskNodeInternal = new TaskNodeInternal(this)
  #state: State = 'pending'
  /** The value, the failure, or the `CancelledError` the task ended with. */
  #outcome: unknown = undefined
  // `any`: the element type must not make Task<R> invariant in R.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
  #callbacks: DoneCallback<any>[] | undefined = undefined
  #deferred: { promise: Promise<R>; resolve(value: R): void; reject(error: unknown): void } | undefined = undefined
  /** When the task started, read from the clock only if an observer was there to see it (its end: `endedAt`). */
  #started: number | undefined = undefined
  /** A microtask that runs the registered callbacks is queued. */
  #flushQueued = false

  static {
    createTaskInternal = <T>(owner: TaskOwnerInternal, name: string | undefined) => new Task<T>(token, owner, name)
    startTaskInternal = (task, fn) => task.#start(fn)
    settleTaskInternal = (task, ok, value) => task.#settle(ok, value)
    inspectTaskInternal = (task) => task.#inspect()
  }

  /** @internal Tasks are created by `tg.createTask()`. */
  constructor(secret: typeof token, owner: TaskOwnerInternal, name: string | undefined) {
    if (secret !== token) {
      throw new TypeError('Task cannot be constructed directly: create tasks with tg.createTask(fn) inside taskGroup()')
    }
    this.#name = name
    this.#owner = owner
  }

  /** The name given to `createTask`, or `Task-<n>` (made when first read). */
  get name(): string {
    return this.#name ?? `Task-${this.#id}`
  }

  /**
   * Aborts when the task is cancelled (by `cancel()`, its group or an outer scope), with a
   * `CancelledError` saying why. Pass it to `fetch` and friends.
   */
  get signal(): AbortSignal {
    return this.#node.signal
  }

  /** True once the task fulfilled, failed or was cancelled. */
  done(): boolean {
    return this.#state !== 'pending'
  }

  /** True if the task ended cancelled. */
  cancelled(): boolean {
    return this.#state === 'cancelled'
  }

  /**
   * True if the task ended with a failure: anything it threw or rejected with that is not a
   * cancellation, `undefined` and `null` included. JavaScript can throw `undefined`, which
   * asyncio cannot raise, so `exception() === undefined` does not tell a success; this does.
   *
   * @example
   * task.addDoneCallback((t) => (t.failed() ? showError(t.exception()) : t.cancelled() || show(t.result())))
   */
  failed(): boolean {
    return this.#state === 'failed'
  }

  /**
   * The task's value. Throws what it failed with, its `CancelledError` if it was cancelled,
   * and an `InvalidStateError` while it is pending.
   */
  result(): R {
    if (this.#state === 'fulfilled') return this.#outcome as R
    throw this.#pendingError('result') ?? this.#outcome
  }

  /**
   * What the task failed with, or `undefined` if it fulfilled. Throws its `CancelledError` if
   * it was cancelled and an `InvalidStateError` while it is pending.
   */
  exception(): unknown {
    if (this.#state === 'fulfilled') return undefined
    if (this.#state === 'failed') return this.#outcome
    throw this.#pendingError('exception') ?? this.#outcome
  }

  /**
   * Requests cancellation: aborts the task's signal with a `CancelledError` (`reason` itself
   * if it is one, otherwise its `cause`). Returns false if the task is already done. The task
   * ends cancelled if it rejects with that error; it may also catch it and return a value.
   */
  cancel(reason?: unknown): boolean {
    if (this.#state !== 'pending') return false
    // A group passes its own CancelledError: no message to build on this hot path.
    this.#node.abort(
      reason instanceof CancelledError ? reason : toCancelledError(reason, `task "${this.name}" was cancelled`),
    )
    return true
  }

  /**
   * Calls `callback(task)` after the task settled, on a later microtask (never synchronously,
   * even if it is done already). An error thrown by a callback is reported with `reportError`
   * and changes nothing else.
   */
  addDoneCallback(callback: DoneCallback<R>): void {
    checkFunction(callback, 'task.addDoneCallback(callback): callback')
    ;(this.#callbacks ??= []).push(callback)
    // A done task runs it on a later microtask; until then removeDoneCallback can still take it.
    if (this.#state !== 'pending' && !this.#flushQueued) {
      this.#flushQueued = true
      microtask(() => this.#runCallbacks())
    }
  }

  /** Removes every registration of `callback`; returns how many there were. */
  removeDoneCallback(callback: DoneCallback<R>): number {
    const callbacks = this.#callbacks
    if (callbacks === undefined) return 0
    const kept = callbacks.filter((registered) => registered !== callback)
    this.#callbacks = kept
    return callbacks.length - kept.length
  }

  /** Awaiting a task gives its value, or rejects with its failure or its `CancelledError`. */
  then<A = R, B = never>(
    onFulfilled?: ((value: R) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#promise().then(onFulfilled, onRejected)
  }

  /**
   * Where the task stands, in the words of the thenable protocol that React's `use()` reads:
   * `'pending'`, `'fulfilled'` (see `value`) or `'rejected'` (see `reason`; a cancelled task
   * is rejected with its `CancelledError`, as awaiting it is). So `use(task)` suspends only
   * while the task is pending, and reads a settled task at once, without a fallback.
   */
  get status(): 'pending' | 'fulfilled' | 'rejected' {
    return this.#state === 'pending' ? 'pending' : this.#state === 'fulfilled' ? 'fulfilled' : 'rejected'
  }

  /**
   * The task's value once `status` is `'fulfilled'`; `undefined` until then (`result()` throws
   * instead). Typed `R`, as React types a fulfilled thenable's `value`, so that `use(task)`
   * type-checks: read it only after checking `status`, or use `result()`.
   */
  get value(): R {
    return (this.#state === 'fulfilled' ? this.#outcome : undefined) as R
  }

  /** What awaiting the task rejects with once `status` is `'rejected'`: its failure or its `CancelledError`. */
  get reason(): unknown {
    return this.#state === 'failed' || this.#state === 'cancelled' ? this.#outcome : undefined
  }

  get [Symbol.toStringTag](): string {
    return 'Task'
  }

  // The promise is made only when someone awaits the task, so a failed task that nobody
  // awaits never becomes an unhandled rejection.
  #promise(): Promise<R> {
    if (this.#state === 'fulfilled') return Promise.resolve(this.#outcome as R)
    if (this.#state !== 'pending') return Promise.reject(this.#outcome)
    if (this.#deferred === undefined) {
      let resolve!: (value: R) => void
      let reject!: (error: unknown) => void
      const promise = new Promise<R>((res, rej) => {
        resolve = res
        reject = rej
      })
      // Its resolvers as they are: a settle closure would keep a context besides, per awaited task.
      this.#deferred = { promise, resolve, reject }
    }
    return this.#deferred.promise
  }

  #pendingError(call: string): InvalidStateError | undefined {
    if (this.#state !== 'pending') return undefined
    return new InvalidStateError(
      `cannot read task.${call}(): task "${this.name}" is still pending; await the task or check task.done() first`,
    )
  }

  #start(fn: TaskFn<R>): void {
    const owner = this.#owner
    // Timed only when observed, to keep the clock off the spawn path.
    if (isObserved(owner.observer)) {
      this.#started = now()
      emitTaskEvent(
        { type: 'start', task: this, name: this.name, group: owner.name, time: this.#started },
        owner.observer,
      )
    }
    // A function declared without parameters gets no signal: it is made if `task.signal` is read.
    driveWithSignal(fn as (signal: AbortSignal) => unknown, this.#node, this.#node)
  }

  #settle(ok: boolean, value: unknown): void {
    const node = this.#node
    if (ok) {
      this.#state = 'fulfilled'
      this.#outcome = value
    } else if (isCancellation(value, node)) {
      this.#state = 'cancelled'
      this.#outcome = value instanceof CancelledError ? value : node.reason
    } else {
      this.#state = 'failed'
      this.#outcome = value
    }
    const owner = this.#owner
    if (isObserved(owner.observer)) this.#emitSettle(owner)
    this.#flushQueued = true
    // On the next microtask, as a closure would be, but without one per task: each settled
    // task queues one turn of the shared flush, so the turns run in the order the tasks
    // settled, interleaved with other microtasks as theirs would be.
    settledQueue.push(this)
    microtask(Task.#flushSettled)
  }

  /** The turn after a task settled: its group hears of it, then its callbacks, then awaiters. */
  static #flushSettled(): void {
    const task = settledQueue[settledHead]!
    settledQueue[settledHead++] = undefined
    if (settledHead === settledQueue.length || (settledHead > 1023 && settledHead * 2 > settledQueue.length)) {
      settledQueue = settledQueue.slice(settledHead)
      settledHead = 0
    }
    task.#owner.childDone(task, task.#state === 'failed', task.#outcome)
    task.#runCallbacks()
    const deferred = task.#deferred
    if (deferred === undefined) return
    if (task.#state === 'fulfilled') deferred.resolve(task.#outcome)
    else deferred.reject(task.#outcome)
  }

  #inspect(): InspectedTaskInternal {
    const state = this.#state
    const node = this.#node
    const signal = node.peekSignal()
    return {
      task: this,
      id: this.#id,
      state: state === 'pending' ? (node.aborted ? 'cancelling' : 'running') : state,
      startedAt: this.#started,
      endedAt: endedAt.get(this),
      reason: state === 'cancelled' ? (this.#outcome as CancelledError) : state === 'pending' ? node.reason : undefined,
      error: state === 'failed' ? this.#outcome : undefined,
      keys: signal === undefined ? [node] : [node, signal],
    }
  }

  #emitSettle(owner: TaskOwnerInternal): void {
    const time = now()
    endedAt.set(this, time)
    const outcome = this.#state as TaskOutcome
    emitTaskEvent(
      {
        type: 'settle',
        task: this,
        name: this.name,
        group: owner.name,
        time,
        duration: this.#started === undefined ? Number.NaN : time - this.#started,
        outcome,
        ...(outcome === 'fulfilled' && { value: this.#outcome }),
        ...(outcome === 'failed' && { error: this.#outcome }),
        ...(outcome === 'cancelled' && { reason: this.#outcome as CancelledError }),
      },
      owner.observer,
    )
  }

  #runCallbacks(): void {
    this.#flushQueued = false
    const callbacks = this.#callbacks
    this.#callbacks = undefined
    if (callbacks !== undefined) for (const callback of callbacks) runCallback(callback, this)
  }
}

/**
 * Tasks that settled and whose turn has not come yet, oldest first from `settledHead` (an
 * array's `shift` would copy it): emptied whenever it drains, trimmed when mostly drained.
 */
let settledQueue: (Task<unknown> | undefined)[] = []
let settledHead = 0

function runCallback<R>(callback: DoneCallback<R>, task: Task<R>): void {
  try {
    callback(task)
  } catch (error) {
    reportError(error)
  }
}
