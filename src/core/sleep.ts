import { followSignal } from './internal/cancelNode'
import { now, setTimerAt } from './clock'
import { checkSignal, describe } from './internal/validate'

/**
 * Resolves after `ms` milliseconds (on the `now()` clock, so fake timers drive it). Rejects
 * with `signal.reason` as soon as `signal` aborts, as `fetch` does, and at once if it is
 * already aborted. A negative delay counts as 0; `Infinity` waits for the signal only.
 *
 * @example
 * await sleep(250, signal) // a debounce that stops when the task is cancelled
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    if (typeof ms !== 'number' || Number.isNaN(ms)) {
      throw new (typeof ms === 'number' ? RangeError : TypeError)(
        `sleep(ms, signal): ms must be a number of milliseconds, got ${describe(ms)}`,
      )
    }
    checkSignal(signal, 'sleep(ms, signal): signal')
  } catch (error) {
    return Promise.reject(error)
  }
  if (signal?.aborted) return Promise.reject(signal.reason)
  return new Promise<void>((resolve, reject) => {
    let unfollow: (() => void) | undefined
    const timer = setTimerAt(now() + Math.max(ms, 0), () => {
      unfollow?.()
      resolve()
    })
    if (signal !== undefined) {
      unfollow = followSignal(signal, (reason) => {
        timer.cancel()
        reject(reason)
      })
    }
  })
}

/**
 * Yields to the event loop once (a zero-delay timer, so timers that are already due fire
 * first), then rejects with `signal.reason` if `signal` aborted meanwhile. Put one inside
 * long synchronous loops so that a deadline or a cancellation can interrupt them.
 *
 * @example
 * for (const row of rows) {
 *   process(row)
 *   await checkpoint(signal)
 * }
 */
export function checkpoint(signal?: AbortSignal): Promise<void> {
  try {
    checkSignal(signal, 'checkpoint(signal): signal')
  } catch (error) {
    return Promise.reject(error)
  }
  return sleep(0, signal)
}
