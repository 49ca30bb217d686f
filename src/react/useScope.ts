import { useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react'
import { InvalidStateError, type Scope } from 'react-taskgroup/core'
import { isRendering } from './isRendering'

// useLayoutEffect warns during server rendering in React 18; effects never run there anyway.
export const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect

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
  const [binding] = useState(() => new BindingInternal(create(), methods))
  const scope = binding.scope as T
  // note: open before update, so that a first update finds the scope open.
  useIsomorphicLayoutEffect(() => scope.open(), [scope])
  const snapshot = useSyncExternalStore(binding.subscribe, scope.getSnapshot, scope.getSnapshot)
  useIsomorphicLayoutEffect(() => {
    update(scope)
    binding.setRendered(snapshot)
  })
  return binding.handle(snapshot) as SnapshotOf<T> & M
}

/** Where a handle keeps the snapshot its field getters read, and its component's binding. */
const snapshotKey = Symbol('snapshot')
const bindingKey = Symbol('binding')

type HandleInternal = { [snapshotKey]: Record<string, unknown>; [bindingKey]: BindingInternal }

/**
 * What the bridge keeps per component: the scope, the handle's methods (made once, so they
 * keep their identity), the fields read during render, and the snapshot the committed UI
 * shows. One object, made once per component: the handles' field getters are shared by every
 * component (see `fieldsOf`) and find the component's binding through the handle.
 */
class BindingInternal {
  /** The fields read during render (a change of another field re-renders nothing); made at the first. */
  #tracked: Set<string> | undefined = undefined
  #rendered: object
  readonly #methods: object
  readonly #fields: [key: string, field: PropertyDescriptor][]
  /** React's callback while it is subscribed (`useSyncExternalStore`). */
  #onChange: (() => void) | undefined = undefined
  /** The last handle made, and the one the committed UI was rendered with. */
  #handle: HandleInternal | undefined = undefined
  #committed: HandleInternal | undefined = undefined
  /** Ends the subscription to the scope, made only once a field is tracked. */
  #unsubscribe: (() => void) | undefined = undefined

  constructor(
    readonly scope: Scope<object, never>,
    methods: (scope: never) => object,
  ) {
    this.#rendered = scope.getSnapshot()
    this.#methods = methods(scope as never)
    this.#fields = fieldsOf(scope)
  }

  /**
   * React's subscription. The scope is listened to only once the component has read a field
   * during render: a component that only creates tasks subscribes to nothing.
   */
  readonly subscribe = (onChange: () => void): (() => void) => {
    this.#onChange = onChange
    if (this.#tracked !== undefined) this.#listen()
    return () => {
      this.#onChange = undefined
      this.#unsubscribe?.()
      this.#unsubscribe = undefined
    }
  }

  /**
   * Notes that the component shows `key`. A field first read at a later render starts the
   * listening then; a change before that render's commit is still seen, as the listener
   * compares with what the committed UI shows.
   */
  track(key: string): void {
    const tracked = (this.#tracked ??= new Set())
    if (tracked.has(key)) return
    tracked.add(key)
    if (this.#onChange !== undefined) this.#listen()
  }

  #listen(): void {
    this.#unsubscribe ??= this.scope.subscribe(() => {
      const next = this.scope.getSnapshot() as Record<string, unknown>
      const rendered = this.#rendered as Record<string, unknown>
      for (const key of this.#tracked!) {
        if (next[key] !== rendered[key]) return this.#onChange?.()
      }
    })
  }

  /** What the committed UI shows, which later changes are compared with. */
  setRendered(snapshot: object): void {
    this.#rendered = snapshot
    if (this.#handle?.[snapshotKey] === snapshot) this.#committed = this.#handle
  }

  /**
   * The handle for `snapshot`: the methods, and the snapshot's fields as tracked getters. The
   * same object for as long as the snapshot is the same (what a `useMemo` on the snapshot
   * would give, without a hook), so it can sit in dependency lists.
   */
  handle(snapshot: object): object {
    const last = this.#handle
    if (last?.[snapshotKey] === snapshot) return last
    // A render React threw away may have made a newer one since the last commit.
    const committed = this.#committed
    if (committed?.[snapshotKey] === snapshot) return committed
    const handle = Object.assign({}, this.#methods) as HandleInternal
    handle[snapshotKey] = snapshot as Record<string, unknown>
    handle[bindingKey] = this
    // One defineProperty per field: faster than defineProperties, which reads a descriptor map.
    for (const [key, field] of this.#fields) Object.defineProperty(handle, key, field)
    this.#handle = handle
    return handle
  }
}

/** The shared field getters, per kind of scope (each kind's snapshots have the same keys). */
const fieldsByKind = new WeakMap<object, [key: string, field: PropertyDescriptor][]>()

/**
 * Enumerable getters for the keys of `scope`'s snapshot. During render a getter reads its
 * handle's own snapshot (one consistent state per render, no tearing) and notes the field as
 * tracked; outside render it reads the scope's current snapshot, so a handler or a test never
 * sees an old value. Shared by all components whose scopes are of one kind, which also lets
 * the engine share the handles' shape.
 */
function fieldsOf(scope: Scope<object, never>): [key: string, field: PropertyDescriptor][] {
  let fields = fieldsByKind.get(scope.constructor)
  if (fields !== undefined) return fields
  fields = Object.keys(scope.getSnapshot()).map((key) => [
    key,
    {
      enumerable: true,
      get(this: HandleInternal) {
        const binding = this[bindingKey]
        if (!isRendering()) return (binding.scope.getSnapshot() as Record<string, unknown>)[key]
        binding.track(key)
        return this[snapshotKey][key]
      },
    },
  ])
  fieldsByKind.set(scope.constructor, fields)
  return fields
}

type SnapshotOf<T> = T extends Scope<infer S, never> ? S : never

/** What `outsideRender` says to do instead: for methods that start work, and for the others. */
const startsWork = 'tasks are created in effects or event handlers, not during render'
export const changesState = 'call it from an event handler or an effect, not during render'

/**
 * Wraps a method so that calling it while React renders throws a clear error that names the
 * call as the user wrote it (`useTaskGroup().reset()`) and says where to call it instead. The
 * name is put together only then: no string per component.
 */
export function outsideRender<A extends unknown[], R>(
  method: (...args: A) => R,
  hook: string,
  name: string,
  advice: string = startsWork,
): (...args: A) => R {
  return (...args) => {
    if (isRendering()) {
      throw new InvalidStateError(
        `${hook}().${name}() was called during render: ${advice} (render must stay free of side effects)`,
      )
    }
    return method(...args)
  }
}
