import { CancelledError } from '../errors'
import { microtask } from '../internal/microtask'
import { reportError } from '../internal/report'
import { shared } from '../internal/shared'

// A registry every copy of the runtime shares (shared.ts): the reasons scopes' closes abort with.
const { closeReasons } = shared

/** The reason a scope's signal aborts with when the scope closes (its component unmounted). */
export function closeReason(): CancelledError {
  // Made without a stack: at an unmount it would only show the framework's commit phase, and
  // capturing it was the largest single cost of unmounting a component (React's stacks are deep).
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  let reason: CancelledError
  try {
    reason = new CancelledError('component unmounted')
  } finally {
    Error.stackTraceLimit = limit
  }
  closeReasons.add(reason)
  return reason
}

/**
 * Whether `signal` was aborted by its scope's close: a reopened scope does not follow such a
 * signal (StrictMode renewal, docs/internals.md).
 */
export function closedByScope(signal: AbortSignal | undefined): boolean {
  return signal !== undefined && signal.aborted && closeReasons.has(signal.reason as object)
}

/**
 * The subscribe/snapshot half of the adapter contract, shared by the scopes: an immutable
 * snapshot that changes identity only when something changed, and listeners told after each
 * change. `subscribe` and `getSnapshot` are bound once, so frameworks can pass them around
 * (React's `useSyncExternalStore` re-subscribes whenever `subscribe` changes identity).
 */
export class StoreInternal<S> {
  #snapshot: S
  #stale = false
  #notifyQueued = false
  /** Made at the first `subscribe`: many scopes (a hook's that nobody renders from) have none. */
  #listeners: Set<() => void> | undefined = undefined

  constructor(initial: S) {
    this.#snapshot = initial
  }

  readonly getSnapshot = (): S => {
    if (this.#stale) {
      this.#stale = false
      this.#snapshot = this.rebuild(this.#snapshot)
    }
    return this.#snapshot
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    // A wrapper, so that the same function subscribed twice is also unsubscribed twice.
    const entry = (): void => listener()
    const listeners = (this.#listeners ??= new Set())
    listeners.add(entry)
    return () => {
      listeners.delete(entry)
    }
  }

  /** Replaces the snapshot and tells the listeners now (for transitions a UI must not miss). */
  protected setSnapshot(snapshot: S, notify = true): void {
    this.#stale = false
    this.#snapshot = snapshot
    if (notify) this.#notify()
  }

  /**
   * Marks the snapshot stale, to be rebuilt on its next read, and tells the listeners once,
   * on a microtask, however many changes come in meanwhile: starting N tasks in a loop costs
   * one rebuild, not N copies of a growing list.
   */
  protected invalidate(notify = true): void {
    this.#stale = true
    if (!notify || this.#notifyQueued) return
    this.#notifyQueued = true
    microtask(() => {
      this.#notifyQueued = false
      this.#notify()
    })
  }

  /** Builds the snapshot after `invalidate`; scopes that invalidate override it. */
  protected rebuild(current: S): S {
    return current
  }

  #notify(): void {
    const listeners = this.#listeners
    if (listeners === undefined) return
    for (const listener of listeners) {
      try {
        listener()
      } catch (error) {
        reportError(error)
      }
    }
  }
}
