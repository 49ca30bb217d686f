import type { CancelledError } from '../errors'
import type { Task } from '../task'
import { shared } from './shared'

/**
 * What the task tree (inspect.ts) reads: every scope that has not settled registers itself in
 * `shared.live` with a function that describes it on demand, so nothing is built while nobody
 * captures a tree. A scope that settles under a parent stays readable for a while in
 * `shared.retired`, so a failed group still shows beside its parent's other children. The
 * descriptions are plain data, since a scope may belong to another copy of the runtime.
 */

/** Where a scope or task stands, in the task tree's words. */
export type TreeStateInternal = 'running' | 'cancelling' | 'fulfilled' | 'failed' | 'cancelled' | 'expired'

export interface InspectedTaskInternal {
  readonly task: Task<unknown>
  readonly id: number
  readonly state: TreeStateInternal
  /** On the `now()` clock; known only for tasks that started while somebody observed tasks. */
  readonly startedAt: number | undefined
  readonly endedAt: number | undefined
  readonly reason: CancelledError | undefined
  readonly error: unknown
  /** The task's cancel node and, once made, its signal: what scopes nested under it point at. */
  readonly keys: readonly object[]
}

export interface InspectedScopeInternal {
  readonly kind: 'group' | 'timeout'
  readonly name: string
  readonly state: TreeStateInternal
  readonly startedAt: number
  readonly endedAt: number | undefined
  /** A timeout's deadline on the `now()` clock (`null`: none); `undefined` for groups. */
  readonly deadline: number | null | undefined
  readonly reason: CancelledError | undefined
  readonly error: unknown
  /** The signal the scope follows, if any; otherwise the node of the task or body whose code opened it. */
  readonly parent: object | undefined
  /** The parent is only where the scope was opened: it was given no signal, so it is not cancelled with it. */
  readonly unlinked: boolean
  /** The scope's own nodes and signals, which scopes nested under it point at. */
  readonly keys: readonly object[]
  /** Its tasks, live and recently settled, in creation order. */
  readonly tasks: readonly InspectedTaskInternal[]
  cancel(reason?: unknown): void
  /** A timeout's: lets the deadline pass now. */
  expire?(): void
}

export type InspectFnInternal = (scope: object) => InspectedScopeInternal

export interface RetiredScopeInternal {
  readonly scope: object
  readonly inspect: InspectFnInternal
  /** Settled with no parent: kept only while somebody observes tasks (a devtools panel), shown on request. */
  readonly root: boolean
}

/** How many settled scopes stay readable under their parents, across the realm. */
const RETIRED_KEPT = 200

const { live, retired } = shared

/** `scope` is open: the tree shows it until `retireScope`. */
export function registerScope(scope: object, inspect: InspectFnInternal): void {
  live.set(scope, inspect)
}

/**
 * Whether a scope that settles now stays readable in the tree with what it held (its settled
 * tasks, its failure): under a parent always, at the top only while somebody observes tasks.
 */
export function keepsSettledInternal(hasParent: boolean): boolean {
  return hasParent || shared.observers.size > 0
}

/**
 * `scope` settled. With a parent it stays readable (among the last `RETIRED_KEPT`), shown
 * while that parent is in the tree; a scope without one leaves it, unless somebody observes
 * tasks (a devtools panel shows recently settled top-level scopes).
 */
export function retireScope(scope: object, hasParent: boolean): void {
  const inspect = live.get(scope)
  if (inspect === undefined) return
  live.delete(scope)
  if (!keepsSettledInternal(hasParent)) return
  retired.push({ scope, inspect, root: !hasParent })
  if (retired.length > 2 * RETIRED_KEPT) retired.splice(0, retired.length - RETIRED_KEPT)
}

/**
 * The code of which task or body runs now, synchronously (drive.ts sets it around each call and
 * each generator step): a scope opened without a signal is shown under it, marked unlinked.
 */
export const runningInternal: { node: object | undefined } = { node: undefined }

/** How many settled tasks a group keeps for the tree: the latest that did not fail, and its first failures. */
export const SETTLED_KEPT = 50
export const FAILURES_KEPT = 100

/**
 * Adds a task that settled without failing to a group's latest ones, trimmed to the latest
 * `SETTLED_KEPT` in batches, so that a push stays cheap. Returns the list.
 */
export function keepLatest(list: Task<unknown>[] | undefined, task: Task<unknown>): Task<unknown>[] {
  if (list === undefined) return [task]
  list.push(task)
  if (list.length > 2 * SETTLED_KEPT) list.splice(0, list.length - SETTLED_KEPT)
  return list
}

/** Adds a failed task to a group's first `FAILURES_KEPT` failures (the first ones explain the rest). */
export function keepFailure(list: Task<unknown>[] | undefined, task: Task<unknown>): Task<unknown>[] {
  if (list === undefined) return [task]
  if (list.length < FAILURES_KEPT) list.push(task)
  return list
}
