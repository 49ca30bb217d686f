import { reportError } from './report'

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
