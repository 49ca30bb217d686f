import { CancelledError } from './errors'
import { reportError } from './report'

const closeReasons = new WeakSet<object>()

/** The reason a scope's signal aborts with when the scope closes (its component unmounted). */
export function closeReason(): CancelledError {
  const reason = new CancelledError('component unmounted')
  closeReasons.add(reason)
  return reason
}

/**
 * Whether `signal` was aborted by its scope's close. A scope reopened under such a signal —
 * StrictMode remounts a child before the parent whose signal it follows — does not follow
 * it: the parent reopens with a new signal, which `setOptions` then passes on.
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
  readonly #listeners = new Set<() => void>()

  constructor(initial: S) {
    this.#snapshot = initial
  }

  readonly getSnapshot = (): S => this.#snapshot

  readonly subscribe = (listener: () => void): (() => void) => {
    // A wrapper, so that the same function subscribed twice is also unsubscribed twice.
    const entry = (): void => listener()
    this.#listeners.add(entry)
    return () => {
      this.#listeners.delete(entry)
    }
  }

  /** The number of listeners, for leak tests. */
  get listenerCount(): number {
    return this.#listeners.size
  }

  protected setSnapshot(snapshot: S, notify = true): void {
    this.#snapshot = snapshot
    if (!notify) return
    for (const listener of this.#listeners) {
      try {
        listener()
      } catch (error) {
        reportError(error)
      }
    }
  }
}
