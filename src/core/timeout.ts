import { CancelNodeInternal, followSignal, isCancellation, toCancelledError } from './internal/cancelNode'
import { now, setTimerAt, type TimerInternal } from './clock'
import { drive, markScope, settleWith } from './internal/drive'
import { CancelledError, InvalidStateError, TimeoutError } from './errors'
import { checkDeadline, checkFunction, checkOptions, checkSignal, checkTime } from './internal/validate'
import type { TaskGenerator } from './task'
import {
  keepsSettledInternal,
  registerScope,
  retireScope,
  runningInternal,
  type InspectedScopeInternal,
} from './internal/inspectable'

/** Options of `timeout()` and `timeoutAt()`. */
export interface TimeoutOptions {
  /** Cancels the body when it aborts; the timeout then rejects with a `CancelledError`, never a `TimeoutError`. */
  signal?: AbortSignal
}

/** What a timeout body may be: like a task function, but called with the `Timeout`. */
export type TimeoutBody<T> = ((t: Timeout) => TaskGenerator<T>) | ((t: Timeout) => PromiseLike<T> | T)

type State = 'active' | 'expiring' | 'expired' | 'finished'

const token = Symbol('Timeout')

/**
 * Runs `body` with a deadline `delayMs` from now, like Python's `async with
 * asyncio.timeout(delay) as t:`. At the deadline `t.signal` aborts with a `CancelledError`;
 * if the body then ends cancelled, the timeout rejects with a `TimeoutError` (its `cause` is
 * the `CancelledError`). A body that catches the cancellation and returns resolves normally,
 * with `t.expired()` true. `null` means no deadline (reschedule one later).
 *
 * @example
 * try {
 *   const res = await timeout(1000, (t) => fetch('/slow', { signal: t.signal }))
 * } catch (error) {
 *   if (error instanceof TimeoutError) console.log('timed out')
 * }
 */
export function timeout<T>(delayMs: number | null, body: TimeoutBody<T>, options?: TimeoutOptions): Promise<T> {
  try {
    checkTime(delayMs, 'timeout(delayMs, body): delayMs')
  } catch (error) {
    return Promise.reject(error)
  }
  // The deadline is taken when timeout() is called, as asyncio.timeout() does.
  return start(delayMs === null ? null : now() + delayMs, body, options, 'timeout(delayMs, body', `timeout(${delayMs})`)
}

/**
 * Like `timeout()`, with an absolute deadline on the `now()` clock (ms), like Python's
 * `asyncio.timeout_at(when)`. `null` means no deadline.
 *
 * @example
 * const deadline = now() + 10_000 // one budget for several steps
 * await timeoutAt(deadline, (t) => stepOne(t.signal))
 * await timeoutAt(deadline, (t) => stepTwo(t.signal))
 */
export function timeoutAt<T>(deadline: number | null, body: TimeoutBody<T>, options?: TimeoutOptions): Promise<T> {
  try {
    checkDeadline(deadline, 'timeoutAt(deadline, body): deadline')
  } catch (error) {
    return Promise.reject(error)
  }
  return start(deadline, body, options, 'timeoutAt(deadline, body', 'timeoutAt(deadline)')
}

function start<T>(
  deadline: number | null,
  body: TimeoutBody<T>,
  options: TimeoutOptions | undefined,
  call: string,
  label: string,
): Promise<T> {
  try {
    checkFunction(body, `${call}): body`)
    checkOptions(options, `${call}, options): options`)
    checkSignal(options?.signal, `${call}, options): options.signal`)
  } catch (error) {
    return Promise.reject(error)
  }
  const promise = new Promise<T>((resolve, reject) => {
    new Timeout(
      token,
      deadline,
      label,
      body as (t: Timeout) => unknown,
      options?.signal,
      resolve as (value: unknown) => void,
      reject,
    )
  })
  markScope(promise, options?.signal)
  return promise
}

/**
 * The handle a `timeout()` body receives: read or move the deadline, see whether it
 * expired, pass its `signal` to the work inside. It cannot be constructed directly.
 */
export class Timeout {
  readonly #node = new CancelNodeInternal()
  #state: State = 'active'
  #deadline: number | null
  #timer: TimerInternal | undefined = undefined
  #outerCancel: CancelledError | undefined = undefined
  #unfollow: (() => void) | undefined = undefined
  /** What set the deadline, for messages: `timeout(5000)`, `timeoutAt(deadline)`. */
  readonly #label: string
  /** Whether `reschedule()` moved the deadline (messages say so). */
  #rescheduled = false
  // For the task tree (inspect.ts).
  readonly #startedAt = now()
  #endedAt: number | undefined = undefined
  #outcome: 'fulfilled' | 'failed' | 'cancelled' | 'expired' | undefined = undefined
  /** Kept only by a timeout that settled under a parent, for the tree. */
  #failure: unknown = undefined
  /** The outer signal, or, without one, the code that opened the timeout. */
  readonly #parent: object | undefined
  readonly #linked: boolean

  /** @internal Timeouts are created by `timeout()` and `timeoutAt()`. */
  constructor(
    secret: typeof token,
    deadline: number | null,
    label: string,
    body: (t: Timeout) => unknown,
    outer: AbortSignal | undefined,
    resolve: (value: unknown) => void,
    reject: (error: unknown) => void,
  ) {
    if (secret !== token) {
      throw new TypeError('Timeout cannot be constructed directly: use timeout(delayMs, (t) => { ... })')
    }
    this.#deadline = deadline
    this.#label = label
    this.#parent = outer ?? runningInternal.node
    this.#linked = outer !== undefined
    this.#unfollow = followSignal(outer, (reason) => this.#cancelFromOuter(reason))
    this.#schedule()
    // A closure, not a static block, which would keep the class in bundles that never use it.
    registerScope(this, () => this.#inspect())
    drive(
      body,
      this,
      this.#node,
      settleWith((ok, value) => {
        this.#timer?.cancel()
        this.#unfollow?.()
        const expired = this.#state === 'expiring'
        this.#state = expired ? 'expired' : 'finished'
        const error = ok ? undefined : deadlineError(value, this.#node, expired, this.#outerCancel, this.#describe())
        this.#retire(ok, error)
        if (ok) resolve(value)
        else reject(error)
      }),
    )
  }

  /** Aborts at the deadline (or when the outer signal aborts) with a `CancelledError`. */
  get signal(): AbortSignal {
    return this.#node.signal
  }

  /** The deadline on the `now()` clock (ms), or `null` if there is none. */
  when(): number | null {
    return this.#deadline
  }

  /** True once the deadline fired, even if the body caught the cancellation. */
  expired(): boolean {
    return this.#state === 'expiring' || this.#state === 'expired'
  }

  /**
   * Moves the deadline to `deadline` on the `now()` clock (`null`: none). A deadline in the
   * past fires on the next macrotask. Throws an `InvalidStateError` once the deadline fired
   * or the timeout finished.
   */
  reschedule(deadline: number | null): void {
    checkDeadline(deadline, 't.reschedule(deadline): deadline')
    if (this.#state !== 'active') {
      throw new InvalidStateError(
        `cannot reschedule: the Timeout is ${this.#state}; reschedule only while the timeout body runs and before its deadline passes, or open a new timeout`,
      )
    }
    this.#deadline = deadline
    this.#rescheduled = true
    this.#schedule()
  }

  /** Like Python's repr: `<Timeout [active] when=1234.5>`, `<Timeout [expired]>`. */
  toString(): string {
    return this.#state === 'active' ? `<Timeout [active] when=${this.#deadline}>` : `<Timeout [${this.#state}]>`
  }

  get [Symbol.toStringTag](): string {
    return 'Timeout'
  }

  #schedule(): void {
    this.#timer?.cancel()
    this.#timer = this.#deadline === null ? undefined : setTimerAt(this.#deadline, () => this.#expire())
  }

  #retire(ok: boolean, error: unknown): void {
    this.#endedAt = now()
    this.#outcome = ok
      ? 'fulfilled'
      : error instanceof TimeoutError
        ? 'expired'
        : isCancellation(error, this.#node)
          ? 'cancelled'
          : 'failed'
    if (keepsSettledInternal(this.#parent !== undefined)) this.#failure = ok ? undefined : error
    retireScope(this, this.#parent !== undefined)
  }

  #inspect(): InspectedScopeInternal {
    const node = this.#node
    const signal = node.peekSignal()
    const state = this.#state
    return {
      kind: 'timeout',
      name: this.#label,
      state: this.#outcome ?? (state === 'expiring' ? 'expired' : node.aborted ? 'cancelling' : 'running'),
      startedAt: this.#startedAt,
      endedAt: this.#endedAt,
      deadline: this.#deadline,
      reason: this.#outcome === 'failed' ? undefined : node.reason,
      error: this.#outcome === 'failed' ? this.#failure : undefined,
      parent: this.#parent,
      unlinked: this.#parent !== undefined && !this.#linked,
      keys: signal === undefined ? [node] : [node, signal],
      tasks: [],
      cancel: (reason) =>
        this.#cancelFromOuter(reason ?? new CancelledError('the timeout was cancelled from the task tree')),
      expire: () => {
        this.#timer?.cancel()
        this.#expire()
      },
    }
  }

  #expire(): void {
    this.#timer = undefined
    if (this.#state !== 'active') return
    this.#state = 'expiring'
    this.#node.abort(deadlineCancel(this.#describe()))
  }

  #describe(): string {
    return describeDeadline(this.#label, this.#deadline, this.#rescheduled)
  }

  #cancelFromOuter(reason: unknown): void {
    const error = toCancelledError(reason, 'the timeout was cancelled by its outer signal')
    this.#outerCancel ??= error
    this.#node.abort(error)
  }
}

/**
 * What work that ran under a deadline's `node` rejects with, given what it threw: only the
 * deadline's own expiry becomes a `TimeoutError` (caused by the `CancelledError`); an outer
 * cancellation passes through as its `CancelledError`; anything else passes untouched.
 */
export function deadlineError(
  error: unknown,
  node: CancelNodeInternal,
  expired: boolean,
  outerCancel: CancelledError | undefined,
  deadline: string,
): unknown {
  if (!isCancellation(error, node)) return error
  if (outerCancel !== undefined) return outerCancel
  if (expired) return new TimeoutError(`the deadline passed: ${deadline}`, { cause: error })
  return error
}

/** The `CancelledError` a deadline aborts its signal with; `deadline` says which (see `describeDeadline`). */
export function deadlineCancel(deadline: string): CancelledError {
  return new CancelledError(`the deadline passed: ${deadline}`)
}

/**
 * Which deadline passed, for messages: what set it (`timeout(5000)`, `useTimeout(2000)`,
 * `TaskGroup "report" timeout of 5000 ms`), whether `reschedule()` moved it, and when it was
 * on the `now()` clock.
 */
export function describeDeadline(label: string, deadline: number | null, rescheduled = false): string {
  const what = rescheduled ? `${label}, rescheduled` : label
  return deadline === null ? what : `${what}, at ${Math.round(deadline * 10) / 10} ms on the now() clock`
}
