import { useSyncExternalStore } from 'react'
import { sleep } from 'react-taskgroup/core'

/** What the fake API has seen: requests started, completed, failed, and aborted mid-flight. */
export interface ApiStats {
  readonly started: number
  readonly completed: number
  readonly failed: number
  readonly aborted: number
}

/**
 * A fake backend with controllable latency and failure, for the demos. Requests honour
 * their signal exactly as `fetch` does: aborting one rejects it with the signal's reason,
 * and the API counts it as aborted, so a demo can show that work was cancelled, not ignored.
 */
export class FakeApi {
  #stats: ApiStats = { started: 0, completed: 0, failed: 0, aborted: 0 }
  readonly #listeners = new Set<() => void>()

  /** Resolves with `value` after `ms`, or rejects with `Error(fail)` then if `fail` is given. */
  async request<T>(value: T, ms: number, signal: AbortSignal, fail?: string): Promise<T> {
    this.#count('started')
    try {
      await sleep(ms, signal)
    } catch (error) {
      this.#count('aborted')
      throw error
    }
    if (fail !== undefined) {
      this.#count('failed')
      throw new Error(fail)
    }
    this.#count('completed')
    return value
  }

  readonly subscribe = (listener: () => void) => {
    this.#listeners.add(listener)
    return () => void this.#listeners.delete(listener)
  }

  readonly getStats = (): ApiStats => this.#stats

  #count(key: keyof ApiStats): void {
    this.#stats = { ...this.#stats, [key]: this.#stats[key] + 1 }
    for (const listener of this.#listeners) listener()
  }
}

/** The API's counters, re-rendering when they change. */
export function useApiStats(api: FakeApi): ApiStats {
  return useSyncExternalStore(api.subscribe, api.getStats, api.getStats)
}

/** Renders the counters as one line the demos (and their tests) can read. */
export function statsLine({ started, completed, failed, aborted }: ApiStats): string {
  return `requests: ${started} started, ${completed} completed, ${failed} failed, ${aborted} aborted`
}
