import { useEffect, useLayoutEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { InvalidStateError, type Scope } from 'react-taskgroup/core'
import { isRendering } from './isRendering'

// useLayoutEffect warns during server rendering in React 18; effects never run there anyway.
const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect

/**
 * The one bridge between React and the core: creates the scope once per component, opens it
 * when the component mounts and closes it when it unmounts, and reads its snapshot with
 * `useSyncExternalStore` (no tearing under concurrent rendering).
 *
 * The scope opens in a layout effect, which runs before any passive effect of the tree, so a
 * child's `useEffect` can already create tasks in it. `update` runs after every commit, to
 * pass the latest options. On the server nothing opens: the first snapshot is rendered.
 *
 * The handle returned is the snapshot's fields plus `methods` (made once, so they keep their
 * identity). Its fields are tracked: a change of the scope re-renders the component only if
 * the component has read a field that changed during render, so a component that only
 * creates tasks is not re-rendered each time one starts and settles. A field read outside
 * render is live (the scope's current state) and is not tracked: the component does not show
 * it, and whatever it shows at its next render comes from the snapshot of that render.
 */
// `never` options: the bridge passes options only through `update`, never reads them.
export function useScope<T extends Scope<object, never>, M extends object>(
  create: () => T,
  update: (scope: T) => void,
  methods: (scope: T) => M,
): SnapshotOf<T> & M {
  const [state] = useState(() => {
    const scope = create()
    const tracked = new Set<string>()
    let rendered = scope.getSnapshot() as Record<string, unknown>
    return {
      scope,
      methods: methods(scope),
      // The handle's field getters, made once per component (not per render) and shared by
      // every handle it returns: during render each reads the snapshot its handle was made
      // from; anywhere else (handlers, effects, timers, tests) the scope's current state.
      fields: trackedFields(Object.keys(rendered), tracked, scope),
      setRendered: (snapshot: object) => void (rendered = snapshot as Record<string, unknown>),
      // Tells React about a change only when a field the component read has changed.
      subscribe: (onChange: () => void) =>
        scope.subscribe(() => {
          if (tracked.size === 0) return // nothing read: no snapshot to build
          const next = scope.getSnapshot() as Record<string, unknown>
          for (const key of tracked) {
            if (next[key] !== rendered[key]) return onChange()
          }
        }),
    }
  })
  const { scope } = state
  // note: open before update, so that a first update finds the scope open.
  useIsomorphicLayoutEffect(() => scope.open(), [scope])
  const snapshot = useSyncExternalStore(state.subscribe, scope.getSnapshot, scope.getSnapshot) as SnapshotOf<T>
  useIsomorphicLayoutEffect(() => {
    update(scope)
    // What the committed UI shows, which later changes are compared with.
    state.setRendered(snapshot)
  })
  return useMemo(
    () =>
      Object.defineProperties({ ...state.methods, [snapshotKey]: snapshot }, state.fields) as unknown as SnapshotOf<T> &
        M,
    [snapshot, state],
  )
}

/** Where a handle keeps the snapshot its field getters read. */
const snapshotKey = Symbol('snapshot')

/**
 * Enumerable getters for `keys`. During render a getter reads its handle's own snapshot (one
 * consistent state per render, no tearing) and notes the field in `tracked`; outside render
 * it reads `scope`'s current snapshot, so a handler or a test never sees an old value.
 */
function trackedFields(keys: string[], tracked: Set<string>, scope: Scope<object, never>): PropertyDescriptorMap {
  const fields: PropertyDescriptorMap = {}
  for (const key of keys) {
    fields[key] = {
      enumerable: true,
      get(this: { [snapshotKey]: Record<string, unknown> }) {
        if (!isRendering()) return (scope.getSnapshot() as Record<string, unknown>)[key]
        tracked.add(key)
        return this[snapshotKey][key]
      },
    }
  }
  return fields
}

type SnapshotOf<T> = T extends Scope<infer S, never> ? S : never

/** What `outsideRender` says to do instead: for methods that start work, and for the others. */
const startsWork = 'tasks are created in effects or event handlers, not during render'
export const changesState = 'call it from an event handler or an effect, not during render'

/**
 * Wraps a method so that calling it while React renders throws a clear error that names the
 * call as the user wrote it (`useTaskGroup().reset()`) and says where to call it instead.
 */
export function outsideRender<A extends unknown[], R>(
  method: (...args: A) => R,
  call: string,
  advice: string = startsWork,
): (...args: A) => R {
  return (...args) => {
    if (isRendering()) {
      throw new InvalidStateError(`${call} was called during render: ${advice} (render must stay free of side effects)`)
    }
    return method(...args)
  }
}
