import { StoreInternal } from './store'

/**
 * What every adapter scope (`GroupScope`, `TimeoutScope`, `TaskRunner`) offers a framework
 * binding, as zustand's store API or TanStack's observers do: the lifecycle is set from
 * outside, state is read as immutable snapshots.
 *
 * - `open()` starts the scope (at mount) and returns its close (at unmount). Closing twice
 *   does nothing; opening again after a close starts afresh (React StrictMode's remount).
 * - `subscribe(listener)` / `getSnapshot()`: a snapshot that changes identity only when
 *   something changed; both are bound, so they can be passed around.
 * - `setOptions(options)` takes the latest options, in the shape the constructor takes them.
 *
 * @example
 * function bind<S, O>(scope: Scope<S, O>, render: (snapshot: S) => void): () => void {
 *   const close = scope.open()
 *   const unsubscribe = scope.subscribe(() => render(scope.getSnapshot()))
 *   return () => (unsubscribe(), close())
 * }
 */
export interface Scope<Snapshot, Options> {
  open(): () => void
  subscribe(listener: () => void): () => void
  getSnapshot(): Snapshot
  setOptions(options: Options): void
}

/**
 * How a scope's errors name the call the user made. A scope's constructor takes the name of
 * the API that made it (the hooks pass theirs: `useTaskGroup`), so that its errors read
 * `useTaskGroup(options): options.signal must be …` and `useTaskGroup().reset(): …`; without
 * one they name the class and the bare method, as a direct user of the scope wrote them.
 */
export type ScopeCallerInternal = string | undefined

/** The prefix of a method's errors: `useTaskGroup().reset(): ` for a hook, none for the class. */
export function methodPrefix(caller: ScopeCallerInternal, method: string): string {
  return caller === undefined ? '' : `${caller}().${method}(): `
}

/**
 * The open/close-once half of the contract, shared by the scopes that own a lifetime: `open`
 * calls `start()` the first time (and whenever it is called while open, which `start` must
 * allow), `reopen()` after a close, and the close it returns calls `close()` once.
 */
export abstract class ScopeInternal<S, O> extends StoreInternal<S> implements Scope<S, O> {
  #closed = false

  /** Whether the scope's last opening was closed (its component unmounted). */
  protected get isClosed(): boolean {
    return this.#closed
  }

  readonly open = (): (() => void) => {
    if (this.#closed) {
      this.#closed = false
      this.reopen()
    } else {
      this.start()
    }
    let open = true
    return () => {
      if (!open) return
      open = false
      this.#closed = true
      this.close()
    }
  }

  abstract setOptions(options: O): void

  /** Starts the scope if it has not started yet; called by `open` while not closed. */
  protected abstract start(): void

  /** Starts a fresh scope after a close. */
  protected abstract reopen(): void

  /** Closes the scope; `isClosed` is already true. */
  protected abstract close(): void
}

const numbers = new Map<string, number>()

/**
 * The name of a scope made by `caller` when its options give none: the caller's and the next
 * number of its scopes (`useTaskGroup-3`), for events, errors and the task tree.
 */
export function defaultScopeName(caller: ScopeCallerInternal): string | undefined {
  if (caller === undefined) return undefined
  const next = (numbers.get(caller) ?? 0) + 1
  numbers.set(caller, next)
  return `${caller}-${next}`
}
