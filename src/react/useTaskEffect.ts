import { useEffect, type DependencyList } from 'react'
import { CancelledError, reportError, type TaskFn } from 'react-taskgroup/core'
import { useTaskGroup } from './useTaskGroup'

/** Options of `useTaskEffect`. */
export interface UseTaskEffectOptions {
  /** Names the task in errors, events and devtools. */
  name?: string
}

/**
 * Like `useEffect`, but `fn(signal)` runs as a task (SwiftUI's `.task(id:)`): it is cancelled
 * — its signal aborts — when `deps` change and when the component unmounts, and a new one
 * starts for the new deps. Failures are reported (`reportError`, or `console.error`), never
 * lost; cancellations are not failures. `fn` may be a generator function.
 *
 * @example
 * function Profile({ id }: { id: string }) {
 *   const [user, setUser] = useState<User>()
 *   useTaskEffect(async (signal) => setUser(await fetchUser(id, signal)), [id])
 *   return user ? <Card user={user} /> : <Spinner />
 * }
 */
export function useTaskEffect(fn: TaskFn<unknown>, deps: DependencyList, options: UseTaskEffectOptions = {}): void {
  const { createTask } = useTaskGroup({ name: options.name, isolate: true, onError: reportError })
  useEffect(() => {
    const task = createTask(fn, { name: options.name })
    // At unmount the group has already cancelled the task ('component unmounted').
    return () => void task.cancel(new CancelledError('the effect dependencies changed'))
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `deps` are the caller's, as for useEffect
  }, deps)
}
