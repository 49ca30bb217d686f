/**
 * Time, read lazily from the globals on every call, so that `vi.useFakeTimers()` (or any
 * other fake clock installed after this module loaded) drives every deadline and sleep.
 */

/** The longest delay `setTimeout` takes before it overflows and fires at once. */
const MAX_DELAY = 2 ** 31 - 1

/**
 * The monotonic clock that deadlines are measured on, in milliseconds (`performance.now()`).
 * It never jumps with the wall clock, and it follows fake timers.
 *
 * @example
 * const deadline = now() + 5_000
 * await timeoutAt(deadline, () => upload(file))
 */
export function now(): number {
  return globalThis.performance.now()
}

/** A pending timer; `cancel()` clears it and is safe to call more than once. */
export interface TimerInternal {
  cancel(): void
}

/**
 * Calls `callback` once `now()` has reached `deadline`. Deadlines past the platform's 24.8-day
 * limit are reached in steps; `Infinity` never fires. A deadline in the past fires on the
 * next macrotask, after work already queued.
 */
export function setTimerAt(deadline: number, callback: () => void): TimerInternal {
  let handle: ReturnType<typeof setTimeout> | undefined
  const arm = (): void => {
    const remaining = deadline - now()
    if (remaining === Infinity) return
    handle = globalThis.setTimeout(
      () => {
        handle = undefined
        // Node rounds timer delays to whole milliseconds, so a timer may fire a fraction of a
        // millisecond before the deadline on the sub-millisecond clock: wait for the rest.
        if (now() >= deadline) callback()
        else arm()
      },
      Math.min(Math.max(Math.ceil(remaining), 0), MAX_DELAY),
    )
  }
  arm()
  return {
    cancel() {
      if (handle !== undefined) globalThis.clearTimeout(handle)
      handle = undefined
    },
  }
}
