import { useDebugValue } from 'react'
import { TimeoutScope, type TimeoutScopeOptions, type TimeoutSnapshot } from 'react-taskgroup/core'
import { changesState, outsideRender, useScope } from './useScope'

/** The options of `useTimeout`: nest the window under a parent scope's `signal`. */
export type UseTimeoutOptions = Omit<TimeoutScopeOptions, 'delayMs'>

/** What `useTimeout` returns: the window's state, and methods that keep their identity. */
export interface TimeoutHandle extends TimeoutSnapshot {
  /**
   * Runs `fn(signal)` inside the window: rejects with a `TimeoutError` when the deadline cut it
   * short (after it settled), with a `CancelledError` when the component unmounted.
   */
  readonly run: TimeoutScope['run']
  /** Moves the deadline to an absolute time on the core's `now()` clock (`null`: none). */
  readonly reschedule: (deadline: number | null) => void
  /** Restarts the window from now with the current delay, with a fresh signal. */
  readonly reset: () => void
}

/**
 * A deadline for everything the component does, like `async with asyncio.timeout(delay)`:
 * the window opens when the component mounts; `signal` aborts at the deadline (and at
 * unmount), and `expired` turns true. Pass `signal` to `useTaskGroup({ signal })` to put a
 * whole group under the deadline. `null` means no deadline.
 *
 * @example
 * function Report() {
 *   const deadline = useTimeout(5_000)
 *   const group = useTaskGroup({ signal: deadline.signal })
 *   // …
 *   if (deadline.expired) return <p>Taking longer than expected <button onClick={deadline.reset}>Retry</button></p>
 * }
 */
export function useTimeout(delayMs: number | null, options: UseTimeoutOptions = {}): TimeoutHandle {
  // Options that are not an object are passed as they are, for the scope to refuse.
  const scopeOptions = () =>
    (typeof options === 'object' && options !== null ? { ...options, delayMs } : options) as TimeoutScopeOptions
  const deadline = useScope(
    () => new TimeoutScope(scopeOptions(), 'useTimeout'),
    (scope) => scope.setOptions(scopeOptions()),
    (scope) => ({
      run: outsideRender(scope.run, 'useTimeout', 'run') as TimeoutScope['run'],
      reschedule: outsideRender(scope.reschedule, 'useTimeout', 'reschedule', changesState),
      reset: outsideRender(scope.reset, 'useTimeout', 'reset', changesState),
    }),
  )
  useDebugValue(deadline, (d) => (d.expired ? 'expired' : `deadline ${d.when ?? 'none'}`))
  return deadline
}
