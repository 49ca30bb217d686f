import { useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react'
import { InvalidStateError } from 'react-taskgroup/core'
import { isRendering } from './isRendering'

/** What every core scope offers an adapter (see GroupScope and TimeoutScope). */
export interface ScopeInternal<S> {
  open(): () => void
  subscribe(listener: () => void): () => void
  getSnapshot(): S
}

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
 */
export function useScope<T extends ScopeInternal<unknown>>(
  create: () => T,
  update: (scope: T) => void,
): [T, ReturnType<T['getSnapshot']>] {
  const [scope] = useState(create)
  // note: open before update, so that a first update finds the scope open.
  useIsomorphicLayoutEffect(() => scope.open(), [scope])
  useIsomorphicLayoutEffect(() => update(scope))
  const snapshot = useSyncExternalStore(scope.subscribe, scope.getSnapshot, scope.getSnapshot)
  return [scope, snapshot as ReturnType<T['getSnapshot']>]
}

/** Wraps a method so that calling it while React renders throws a clear error. */
export function outsideRender<A extends unknown[], R>(method: (...args: A) => R, call: string): (...args: A) => R {
  return (...args) => {
    if (isRendering()) {
      throw new InvalidStateError(
        `${call} was called during render: tasks are created in effects or event handlers, not during render (render must stay free of side effects)`,
      )
    }
    return method(...args)
  }
}
