import { CancelNodeInternal, followSignal, toCancelledError } from '../internal/cancelNode'
import { now, setTimerAt, type TimerInternal } from '../clock'
import { driveWithSignal, settleWith } from '../internal/drive'
import { CancelledError, InvalidStateError } from '../errors'
import { defaultScopeName, methodPrefix, ScopeInternal, type Scope, type ScopeCallerInternal } from './scope'
import { closedByScope, closeReason } from './store'
import { deadlineCancel, deadlineError, describeDeadline } from '../timeout'
import { checkDeadline, checkFunction, checkSignal, checkTime, describe } from '../internal/validate'
import type { TaskGenerator } from '../task'
import { registerScope, retireScope, type InspectedScopeInternal } from '../internal/inspectable'

/** The observable state of a `TimeoutScope`; a new object whenever something changed. */
export interface TimeoutSnapshot {
  /** True once the deadline passed (until `reset()`). */
  readonly expired: boolean
  /** The deadline on the `now()` clock (ms), or `null` for none. */
  readonly when: number | null
  /** Aborts at the deadline, when the scope closes or is reset, or when the outer signal aborts. */
  readonly signal: AbortSignal
}

/** Options of a `TimeoutScope` (`useTimeout(delayMs, { signal })` passes them). */
export interface TimeoutScopeOptions {
  /** The deadline, in ms from the window's start; `null` for none. */
  delayMs: number | null
  /** Nests the window under a parent scope: when it aborts, the window is cancelled (not expired). */
  signal?: AbortSignal
}

/** One deadline window: its node (and signal), deadline, and why it was cancelled. */
interface WindowInternal {
  readonly node: CancelNodeInternal
  readonly start: number
  deadline: number | null
  expired: boolean
  /** Set when something other than the deadline cancelled the window. */
  cancel: CancelledError | undefined
  /** Whether `reschedule()` moved the deadline (messages say so). */
  rescheduled: boolean
}

/** The window's snapshot; its `signal` is made when first read, like a task's. */
function snapshotOf(window: WindowInternal): TimeoutSnapshot {
  return new TimeoutScopeSnapshot(window)
}

let signalField: PropertyDescriptor

/** A class for the reason `GroupScopeSnapshot` is one: no closure per snapshot, one fast shape. */
class TimeoutScopeSnapshot implements TimeoutSnapshot {
  declare readonly expired: boolean
  declare readonly when: number | null
  declare readonly signal: AbortSignal
  readonly #node: CancelNodeInternal

  constructor(window: WindowInternal) {
    this.expired = window.expired
    this.when = window.deadline
    this.#node = window.node
    Object.defineProperty(this, 'signal', signalField)
  }

  static {
    signalField = {
      enumerable: true,
      get(this: TimeoutScopeSnapshot) {
        return this.#node.signal
      },
    }
  }
}

function openWindow(delay: number | null): WindowInternal {
  const start = now()
  return {
    node: new CancelNodeInternal(),
    start,
    deadline: delay === null ? null : start + delay,
    expired: false,
    cancel: undefined,
    rescheduled: false,
  }
}

/**
 * A deadline window whose lifetime is set from outside — by a component's mount — like
 * `asyncio.timeout` around everything the component does: the `Scope` behind `useTimeout`.
 * The deadline is `delayMs` from construction; `open` arms the timer (at mount) and returns
 * the close (at unmount), which cancels the window's signal. Opening again after a close
 * starts a fresh window. Constructing one has no side effects. `caller` names the API that
 * made the scope in its errors (`useTimeout` passes its name); leave it out.
 *
 * @example
 * const window = new TimeoutScope({ delayMs: 5_000 })
 * const close = window.open()
 * await window.run((signal) => fetch('/report', { signal })) // TimeoutError after 5 s
 */
export class TimeoutScope
  extends ScopeInternal<TimeoutSnapshot, TimeoutScopeOptions>
  implements Scope<TimeoutSnapshot, TimeoutScopeOptions>
{
  #delay: number | null
  #window: WindowInternal
  #outer: AbortSignal | undefined
  #unfollow: (() => void) | undefined = undefined
  #timer: TimerInternal | undefined = undefined
  #armed = false
  readonly #caller: ScopeCallerInternal
  /** For the task tree: `useTimeout-2` (the caller's and a number), or `TimeoutScope`. */
  readonly #name: string

  constructor(options: TimeoutScopeOptions, caller?: string) {
    checkTimeoutScopeOptions(options, caller)
    const { delayMs } = options
    const window = openWindow(delayMs)
    super(snapshotOf(window))
    this.#delay = delayMs
    this.#window = window
    this.#outer = options.signal
    this.#caller = caller
    this.#name = defaultScopeName(caller) ?? 'TimeoutScope'
  }

  /** Takes a new delay (measured from the window's start) and a new outer signal. */
  setOptions(options: TimeoutScopeOptions): void {
    checkTimeoutScopeOptions(options, this.#caller)
    const { delayMs } = options
    const window = this.#window
    if (delayMs !== this.#delay) {
      this.#delay = delayMs
      if (!window.expired && window.cancel === undefined) this.#move(delayMs === null ? null : window.start + delayMs)
    }
    if (options.signal === this.#outer) return
    this.#outer = options.signal
    if (!this.#armed || this.isClosed) return
    // The outer scope was replaced: start afresh if the old one cancelled this window.
    if (window.cancel !== undefined) this.#renew()
    else this.#follow()
  }

  /**
   * Moves the deadline to `deadline` on the `now()` clock (`null`: none). Throws an
   * `InvalidStateError` once the deadline passed or the scope closed.
   */
  readonly reschedule = (deadline: number | null): void => {
    const caller = this.#caller
    checkDeadline(
      deadline,
      caller === undefined ? 'reschedule(deadline): deadline' : `${caller}().reschedule(deadline): deadline`,
    )
    const window = this.#window
    if (this.isClosed || window.expired || window.cancel !== undefined) {
      const state = this.isClosed ? 'closed' : window.expired ? 'expired' : 'cancelled'
      throw new InvalidStateError(
        `${methodPrefix(caller, 'reschedule')}cannot reschedule: the timeout is ${state}; call reset() to open a new window`,
      )
    }
    this.#window.rescheduled = true
    this.#move(deadline)
  }

  /** Cancels the current window and opens a new one, `delayMs` from now, with a fresh signal. */
  readonly reset = (): void => {
    if (this.isClosed) {
      throw new InvalidStateError(
        `${methodPrefix(this.#caller, 'reset')}cannot reset: the timeout scope is closed, its component unmounted`,
      )
    }
    this.#cancelWindow(new CancelledError('the timeout was reset'))
    this.#renew()
  }

  /**
   * Runs `fn(signal)` inside the window: like `timeout()`, it rejects with a `TimeoutError`
   * when the deadline cut it short (once it settled), and with a `CancelledError` when the
   * window was closed, reset or cancelled from outside.
   */
  readonly run = <T>(fn: (signal: AbortSignal) => TaskGenerator<T> | PromiseLike<T> | T): Promise<T> => {
    try {
      const caller = this.#caller
      checkFunction(fn, caller === undefined ? 'run(fn): fn' : `${caller}().run(fn): fn`)
      if (this.isClosed) {
        throw new InvalidStateError(
          `${methodPrefix(caller, 'run')}cannot run: the timeout scope is closed, its component unmounted`,
        )
      }
    } catch (error) {
      return Promise.reject(error)
    }
    // A child's effect may run before the effect that opens this scope: arm it now.
    if (!this.#armed) this.#arm()
    const window = this.#window
    return new Promise<T>((resolve, reject) =>
      driveWithSignal(
        fn,
        window.node,
        settleWith((ok, value) =>
          ok
            ? resolve(value as T)
            : reject(deadlineError(value, window.node, window.expired, window.cancel, this.#describe(window))),
        ),
      ),
    )
  }

  #arm(): void {
    this.#armed = true
    // A closure, not a static block, which would keep the class in bundles that never use it.
    registerScope(this, () => this.#inspect())
    this.#follow()
    this.#schedule()
  }

  #renew(): void {
    const window = (this.#window = openWindow(this.#delay))
    this.#arm()
    this.setSnapshot(snapshotOf(window))
  }

  #move(deadline: number | null): void {
    this.#window.deadline = deadline
    if (this.#armed && !this.isClosed) this.#schedule()
    this.setSnapshot(snapshotOf(this.#window))
  }

  #schedule(): void {
    this.#timer?.cancel()
    const window = this.#window
    this.#timer = window.deadline === null ? undefined : setTimerAt(window.deadline, () => this.#expire(window))
  }

  #expire(window: WindowInternal): void {
    this.#timer = undefined
    if (window !== this.#window || window.cancel !== undefined) return
    window.expired = true
    window.node.abort(deadlineCancel(this.#describe(window)))
    this.setSnapshot(snapshotOf(window))
  }

  /** Which deadline passed: `useTimeout(2000)` (the caller's words), `…, rescheduled` once moved. */
  #describe(window: WindowInternal): string {
    const caller = this.#caller
    const label = caller === undefined ? `TimeoutScope delayMs ${this.#delay}` : `${caller}(${this.#delay})`
    return describeDeadline(label, window.deadline, window.rescheduled)
  }

  #follow(): void {
    this.#unfollow?.()
    const window = this.#window
    const outer = closedByScope(this.#outer) ? undefined : this.#outer
    this.#unfollow = followSignal(outer, (reason) =>
      this.#cancelWindow(toCancelledError(reason, 'the timeout was cancelled by its outer signal'), window),
    )
  }

  #cancelWindow(reason: CancelledError, window = this.#window): void {
    if (window.expired || window.cancel !== undefined) return
    window.cancel = reason
    if (window === this.#window) this.#timer?.cancel()
    window.node.abort(reason)
  }

  protected start(): void {
    if (!this.#armed) this.#arm()
  }

  protected reopen(): void {
    this.#renew()
  }

  protected close(): void {
    this.#unfollow?.()
    this.#unfollow = undefined
    this.#timer?.cancel()
    this.#timer = undefined
    this.#cancelWindow(closeReason())
    // An expired window's signal is already aborted; nothing else to release.
    retireScope(this, false)
  }

  #inspect(): InspectedScopeInternal {
    const window = this.#window
    const { node } = window
    const signal = node.peekSignal()
    return {
      kind: 'timeout',
      name: this.#name,
      state: window.expired ? 'expired' : window.cancel !== undefined ? 'cancelled' : 'running',
      startedAt: window.start,
      endedAt: undefined,
      deadline: window.deadline,
      reason: node.reason,
      error: undefined,
      parent: closedByScope(this.#outer) ? undefined : this.#outer,
      unlinked: false,
      keys: signal === undefined ? [node] : [node, signal],
      tasks: [],
      cancel: (reason) =>
        this.#cancelWindow(toCancelledError(reason, 'the timeout was cancelled from the task tree'), window),
      expire: () => {
        if (window === this.#window) this.#timer?.cancel()
        this.#expire(window)
      },
    }
  }
}

/**
 * Checks options in the caller's words: `useTimeout(delayMs): delayMs` and
 * `useTimeout(delayMs, options): options.signal` for the hook, `TimeoutScope options.…` for the class.
 */
function checkTimeoutScopeOptions(options: TimeoutScopeOptions, caller: ScopeCallerInternal): void {
  const where = caller === undefined ? 'TimeoutScope options' : `${caller}(delayMs, options): options`
  if (typeof options !== 'object' || options === null) {
    const example = caller === undefined ? ' such as { delayMs: 1000 }' : ' (or left out)'
    throw new TypeError(`${where} must be an object${example}, got ${describe(options)}`)
  }
  checkTime(options.delayMs, caller === undefined ? `${where}.delayMs` : `${caller}(delayMs): delayMs`)
  checkSignal(options.signal, `${where}.signal`)
}
