import { useDebugValue } from 'react'
import { GroupScope, type GroupScopeOptions, type GroupSnapshot, type TaskGroup } from 'react-taskgroup/core'
import { changesState, outsideRender, useScope } from './useScope'

/** Options of `useTaskGroup`. */
export interface UseTaskGroupOptions extends GroupScopeOptions {
  /** Throws the group's `TaskGroupError` during render, so the nearest error boundary shows it. */
  throwOnError?: boolean
}

/** The methods of a `TaskGroupHandle`: each keeps its identity for the component's life. */
export interface TaskGroupMethods {
  /** Starts `fn(signal)` as a task of the group (in effects and event handlers, never during render). */
  readonly createTask: TaskGroup['createTask']
  /** Cancels every task; the group ends as `'cancelled'`. */
  readonly cancel: (reason?: unknown) => void
  /** Opens a fresh group (after a failure or cancel), cancelling whatever still runs. */
  readonly reset: () => void
}

/**
 * What `useTaskGroup` returns: the group's state (checking `status === 'failed'` narrows
 * `error` to the `TaskGroupError`), and methods that keep their identity.
 */
export type TaskGroupHandle = GroupSnapshot & TaskGroupMethods

/**
 * A task group whose lifetime is the component's: like `async with asyncio.TaskGroup()`
 * around everything the component does. The first failure cancels the other tasks and shows
 * every error in `error`; unmounting cancels every task (their signals abort with a
 * `CancelledError('component unmounted')`), so no late result updates anything.
 *
 * @example
 * function Dashboard({ widgets }: { widgets: string[] }) {
 *   const group = useTaskGroup({ name: 'dashboard' })
 *   const [data, setData] = useState<Record<string, Widget>>({})
 *   useEffect(() => {
 *     for (const id of widgets) {
 *       group.createTask((signal) => loadWidget(id, signal), { name: id })
 *         .then((widget) => setData((d) => ({ ...d, [id]: widget })), () => {})
 *     }
 *   }, [group.createTask, widgets])
 *   if (group.status === 'failed') return <Errors errors={group.error.errors} />
 *   return <Grid data={data} loading={group.running > 0} />
 * }
 */
export function useTaskGroup(options: UseTaskGroupOptions = {}): TaskGroupHandle {
  const group = useGroupScope(options, 'useTaskGroup')
  useDebugValue(group, (g) => `${options.name ?? 'TaskGroup'}: ${g.status}, ${g.running} running`)
  // Read through the handle, so that a failure re-renders the component to throw it.
  if (options.throwOnError === true && group.error !== undefined) throw group.error
  return group
}

/** A `GroupScope` bound to the component, whose errors name `hook` (`useTaskGroup().reset(): …`). */
export function useGroupScope(options: GroupScopeOptions, hook: string, resettable = true): TaskGroupHandle {
  return useScope(
    () => new GroupScope(options, hook, { resettable }),
    (scope) => scope.setOptions(options),
    (scope) => ({
      createTask: outsideRender(scope.createTask, hook, 'createTask') as TaskGroup['createTask'],
      cancel: scope.cancel,
      reset: outsideRender(scope.reset, hook, 'reset', changesState),
    }),
  )
}
