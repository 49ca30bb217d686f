import { now } from './clock'
import type { CancelledError } from './errors'
import type { InspectedScopeInternal, InspectedTaskInternal } from './internal/inspectable'
import { shared } from './internal/shared'

/**
 * The task tree: every live scope (groups, the hooks' scopes, timeouts) and task, nested as
 * cancellation flows, for debugging "what is running, and why was this cancelled?". Built
 * only when asked for: while nobody captures a tree, scopes only register and unregister.
 */

/** Where a node stands. `'cancelling'`: cancelled, still winding down; `'expired'`: a timeout's deadline passed. */
export type TaskTreeState = 'running' | 'cancelling' | 'fulfilled' | 'failed' | 'cancelled' | 'expired'

/** One scope or task in a captured tree. */
export interface TaskTreeNode {
  /** Stable for the life of the scope or task across captures (`group-3`, `task-12`): a React key. */
  readonly id: string
  readonly kind: 'group' | 'timeout' | 'task'
  /** The `name` option, or the default (`TaskGroup-2`, `Task-7`, `useTaskGroup-1`, `timeout(5000)`). */
  readonly name: string
  readonly state: TaskTreeState
  /**
   * When it started, on the `now()` clock. Always known for scopes; for a task only if it
   * started while somebody observed tasks (`observeTasks`, `<TaskDevtools />`), which is what
   * reads the clock for tasks.
   */
  readonly startedAt: number | undefined
  /** When it settled (as `startedAt`); `undefined` while it runs. */
  readonly endedAt: number | undefined
  /** A timeout's deadline on the `now()` clock, `null` for none; `undefined` for groups and tasks. */
  readonly deadline: number | null | undefined
  /** Why it was cancelled (also while `'cancelling'`, or for an expired timeout: the deadline's). */
  readonly reason: CancelledError | undefined
  /** What it failed with (`'failed'`): a task's error, a group's `TaskGroupError`. */
  readonly error: unknown
  /**
   * True for a scope shown under the task or body whose code opened it, though it was given no
   * `signal`: it is not cancelled with that parent (pass the parent's signal to nest it).
   */
  readonly unlinked: boolean
  /** When the tree was captured, on the `now()` clock: what `formatTaskTree` measures ages against. */
  readonly capturedAt: number
  /** Tasks (in creation order) and the scopes nested under this node. */
  readonly children: readonly TaskTreeNode[]
  /** Cancels it (a task, a group or hook scope, a timeout); only on nodes in state `'running'`. */
  readonly cancel?: (reason?: unknown) => void
  /** Lets a timeout's deadline pass now; only on running timeouts. */
  readonly expire?: () => void
}

type MutableNode = { -readonly [K in keyof TaskTreeNode]: TaskTreeNode[K] } & { children: MutableNode[] }

const { live, retired, nodeOfSignal } = shared
const ids = new WeakMap<object, string>()
let idCount = 0

function idOf(object: object, kind: string): string {
  let id = ids.get(object)
  if (id === undefined) ids.set(object, (id = `${kind}-${++idCount}`))
  return id
}

function isSettled(state: TaskTreeState): boolean {
  return state !== 'running' && state !== 'cancelling' && state !== 'expired'
}

/**
 * A snapshot of every live scope and task, as a forest: a group or timeout nested through
 * `options.signal` sits under the scope or task that owns the signal (the hooks' scopes too,
 * through their `signal`), a scope opened by a task's code without a signal under that task
 * (`unlinked`). Settled tasks stay under their group (the latest ones and the first
 * failures), and a settled scope under its parent for a while, so a failed group still shows
 * what failed and what was cancelled.
 *
 * @example
 * console.log(formatTaskTree(captureTaskTree()))
 */
export function captureTaskTree(options?: CaptureTaskTreeOptions): TaskTreeNode[] {
  const settledRoots = options?.settledRoots ?? false
  if (typeof settledRoots !== 'boolean') {
    throw new TypeError(
      `captureTaskTree(options): options.settledRoots must be true or false, got ${typeof settledRoots}`,
    )
  }
  const capturedAt = now()
  const byKey = new Map<object, MutableNode>()
  const scopes: { node: MutableNode; parent: object | undefined; retired: boolean; root: boolean }[] = []
  const seen = new Set<object>()
  const add = (scope: object, raw: InspectedScopeInternal, isRetired: boolean, root: boolean): void => {
    if (seen.has(scope)) return
    seen.add(scope)
    const node = scopeNode(scope, raw, capturedAt)
    for (const key of raw.keys) byKey.set(key, node)
    for (const task of raw.tasks) {
      const child = taskNode(task, capturedAt)
      for (const key of task.keys) byKey.set(key, child)
      node.children.push(child)
    }
    scopes.push({ node, parent: raw.parent, retired: isRetired, root })
  }
  for (const [scope, inspect] of live) add(scope, inspect(scope), false, false)
  // Latest first, so that of two entries for one scope the latest counts.
  for (const { scope, inspect, root } of [...retired].reverse()) add(scope, inspect(scope), true, root)
  const roots: MutableNode[] = []
  const settled: MutableNode[] = []
  for (const { node, parent, retired: isRetired, root } of scopes) {
    const owner = parent === undefined ? undefined : resolve(byKey, parent)
    if (owner !== undefined && owner !== node && !isWithin(owner, node)) owner.children.push(node)
    else if (!isRetired) roots.push(node)
    else if (root && settledRoots) settled.push(node)
  }
  return settled.length === 0 ? roots : [...roots, ...settled]
}

/** Options of `captureTaskTree`. */
export interface CaptureTaskTreeOptions {
  /**
   * Also list top-level scopes that settled while somebody observed tasks (`observeTasks`,
   * `<TaskDevtools />`), latest first, after the live ones: a failed group with no parent
   * then stays visible with what failed in it. `false` by default.
   */
  settledRoots?: boolean
}

function resolve(byKey: Map<object, MutableNode>, key: object): MutableNode | undefined {
  const found = byKey.get(key)
  if (found !== undefined) return found
  const node = key instanceof AbortSignal ? nodeOfSignal.get(key) : undefined
  return node === undefined ? undefined : byKey.get(node)
}

/** Whether `node` lies under `ancestor` already (a cycle guard: scopes never follow their own children). */
function isWithin(node: MutableNode, ancestor: MutableNode): boolean {
  for (const child of ancestor.children) if (child === node || isWithin(node, child)) return true
  return false
}

function scopeNode(scope: object, raw: InspectedScopeInternal, capturedAt: number): MutableNode {
  const running = raw.endedAt === undefined && !isSettled(raw.state)
  return {
    id: idOf(scope, raw.kind),
    kind: raw.kind,
    name: raw.name,
    state: raw.state,
    startedAt: raw.startedAt,
    endedAt: raw.endedAt,
    deadline: raw.deadline,
    reason: raw.reason,
    error: raw.error,
    unlinked: raw.unlinked,
    capturedAt,
    children: [],
    // Cancelling or expired, it is winding down already: nothing left to cancel.
    ...(running && raw.state === 'running' && { cancel: (reason?: unknown) => raw.cancel(reason) }),
    ...(running && raw.state === 'running' && raw.expire !== undefined && { expire: raw.expire }),
  }
}

function taskNode(raw: InspectedTaskInternal, capturedAt: number): MutableNode {
  const { task } = raw
  return {
    id: idOf(task, 'task'),
    kind: 'task',
    name: task.name,
    state: raw.state,
    startedAt: raw.startedAt,
    endedAt: raw.endedAt,
    deadline: undefined,
    reason: raw.reason,
    error: raw.error,
    unlinked: false,
    capturedAt,
    children: [],
    ...(raw.state === 'running' && { cancel: (reason?: unknown) => void task.cancel(reason) }),
  }
}

/** Options of `formatTaskTree`. */
export interface FormatTaskTreeOptions {
  /** The time ages and countdowns are measured at, on the `now()` clock; by default when the tree was captured. */
  now?: number
}

/**
 * The tree as text, one line per node, indented as it nests, in the spirit of Python's
 * `python -m asyncio pstree`: kind, name, state, how long it has run (or took), a timeout's
 * deadline, and why it was cancelled or what it failed with. The same tree gives the same text.
 *
 * @example
 * formatTaskTree()
 * // group "checkout" running for 1.2 s
 * // ├── task "user" fulfilled in 120 ms
 * // └── task "cart" running for 1.2 s
 * //     └── timeout "timeout(5000)" running for 1.1 s, deadline in 3.9 s
 */
export function formatTaskTree(
  tree: readonly TaskTreeNode[] = captureTaskTree(),
  options?: FormatTaskTreeOptions,
): string {
  if (tree.length === 0) return '(no live scopes)'
  const lines: string[] = []
  const walk = (node: TaskTreeNode, lead: string, branch: string): void => {
    lines.push(`${lead}${branch}${describeNode(node, options?.now ?? node.capturedAt)}`)
    const childLead = lead + (branch === '' ? '' : branch === '└── ' ? '    ' : '│   ')
    node.children.forEach((child, index) => {
      walk(child, childLead, index === node.children.length - 1 ? '└── ' : '├── ')
    })
  }
  for (const root of tree) walk(root, '', '')
  return lines.join('\n')
}

/** One node's line, without the tree's indentation: `task "user" fulfilled in 120 ms`. */
export function describeNode(node: TaskTreeNode, at: number = node.capturedAt): string {
  const { age, deadline, outcome } = describeNodeParts(node, at)
  let line = `${node.kind} ${JSON.stringify(node.name)} ${node.state}`
  if (age !== undefined) line += ` ${age}`
  if (deadline !== undefined) line += `, ${deadline}`
  if (node.unlinked) line += ', unlinked (opened here without its signal)'
  if (outcome !== undefined) line += ` — ${outcome}`
  return line
}

/** The words `formatTaskTree` prints for a node, piece by piece, for a view that lays them out itself. */
export interface TaskTreeNodeWords {
  /** `for 1.2 s` while it runs, `in 120 ms` once settled; none when its start is unknown. */
  readonly age: string | undefined
  /** A running timeout's `deadline in 3.9 s`, `deadline passed` or `no deadline`. */
  readonly deadline: string | undefined
  /** What it failed with (`TypeError: card declined`), or why it was cancelled (the reason's message). */
  readonly outcome: string | undefined
}

/**
 * A node's age, deadline and outcome in `formatTaskTree`'s words, measured at `at` (on the
 * `now()` clock; by default when the tree was captured). `<TaskDevtools />` shows these.
 */
export function describeNodeParts(node: TaskTreeNode, at: number = node.capturedAt): TaskTreeNodeWords {
  const { startedAt, endedAt, deadline } = node
  return {
    age:
      startedAt === undefined
        ? undefined
        : endedAt === undefined
          ? `for ${formatDuration(at - startedAt)}`
          : `in ${formatDuration(endedAt - startedAt)}`,
    deadline:
      node.kind !== 'timeout' || node.state !== 'running'
        ? undefined
        : deadline === null || deadline === undefined
          ? 'no deadline'
          : deadline > at
            ? `deadline in ${formatDuration(deadline - at)}`
            : 'deadline passed',
    outcome:
      node.state === 'failed'
        ? describeError(node.error)
        : node.reason !== undefined && node.state !== 'fulfilled'
          ? node.reason.message
          : undefined,
  }
}

/** `120 ms`, `1.2 s`, `3 min 5 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '0 ms'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`
  const minutes = Math.floor(ms / 60_000)
  return `${minutes} min ${Math.floor((ms - minutes * 60_000) / 1000)} s`
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`
  try {
    return `thrown ${typeof error === 'string' ? JSON.stringify(error) : String(error)}`
  } catch {
    return 'thrown value'
  }
}
