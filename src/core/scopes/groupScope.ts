import { CancelNodeInternal, followSignal, toCancelledError } from '../internal/cancelNode'
import { CancelledError, InvalidStateError, TaskGroupError } from '../errors'
import { reportError } from '../internal/report'
import { defaultScopeName, methodPrefix, ScopeInternal, type Scope, type ScopeCallerInternal } from './scope'
import { closedByScope, closeReason } from './store'
import { createTaskInternal, startTaskInternal, type Task, type TaskFn } from '../task'
import {
  groupCancelReasonInternal,
  groupFinishedInternal,
  groupTaskCountInternal,
  openTaskGroupInternal,
  type CreateTaskOptions,
  type ScopeOwnerInternal,
  type TaskGroup,
} from '../taskGroup'
import { checkFunction, checkName, checkOptions, checkSignal, checkTime } from '../internal/validate'
import { now, setTimerAt, type TimerInternal } from '../clock'
import { deadlineCancel, describeDeadline } from '../timeout'

/** Where a scope's group is: no task running, some running, failed, or cancelled. */
export type GroupStatus = 'idle' | 'running' | 'failed' | 'cancelled'

interface GroupSnapshotBase {
  /** The tasks that have not settled, in creation order. */
  readonly tasks: readonly Task<unknown>[]
  readonly running: number
  /** True once the group's `timeout` window expired and cancelled its work (until `reset()`). */
  readonly expired: boolean
  /** When the running work's `timeout` window ends, on the `now()` clock; `null` when none is open. */
  readonly deadline: number | null
  /**
   * Counts the fresh groups the scope has opened while open: it goes up at `reset()` and when
   * a new outer signal replaces one that cancelled the group (not at a reopen after a close,
   * such as StrictMode's remount or an <Activity>'s show, where React runs effects again
   * itself). An effect that lists it in its dependencies runs again in each fresh group.
   */
  readonly generation: number
  /** The scope's signal: aborts when the group starts cancelling (a task failed, `cancel()`; not for an isolated group's failures), when the scope closes or is reset, and when its outer signal aborts. */
  readonly signal: AbortSignal
}

/**
 * The observable state of a `GroupScope`; a new object whenever something changed. Checking
 * `status` narrows `error`: a `'failed'` group always has its `TaskGroupError`; otherwise
 * `error` holds an isolated group's failures so far, if any.
 */
export type GroupSnapshot = GroupSnapshotBase &
  (
    | { readonly status: 'failed'; readonly error: TaskGroupError }
    | { readonly status: 'idle' | 'running' | 'cancelled'; readonly error: TaskGroupError | undefined }
  )

/** Options of a `GroupScope` (and of `useTaskGroup`). */
export interface GroupScopeOptions {
  /** Names the group in errors, events and devtools. */
  name?: string
  /** Nests the scope under a parent scope: when it aborts, the group is cancelled. */
  signal?: AbortSignal
  /** Failures do not cancel the other tasks (see `taskGroup`'s `isolate`). */
  isolate?: boolean
  /**
   * Called with the group's `TaskGroupError` when it fails, or with each failure of an
   * isolated group. Without it, failures stay in `error`; after the scope closed, nobody can
   * see them there, so they are reported with `reportError`.
   */
  onError?: (error: unknown) => void
  /**
   * A deadline for each burst of work, in ms, like `async with asyncio.timeout()` around it:
   * the window opens when the group goes from idle to running and closes when it is idle
   * again, so work that finished in time is never cancelled later. When it expires, the
   * running tasks are cancelled (their signals abort with `the deadline passed`), `expired`
   * turns true and the status `'cancelled'`, until `reset()`. A new value applies from the
   * next window.
   */
  timeout?: number
}

/**
 * A snapshot whose `signal` is made when first read (through the scope's node): a component
 * that never reads it never pays for an `AbortSignal`, nor for its abort at unmount.
 */
function snapshotOf(
  status: GroupStatus,
  tasks: readonly Task<unknown>[],
  error: TaskGroupError | undefined,
  node: CancelNodeInternal,
  generation: number,
  window: WindowInternal = idleWindow,
): GroupSnapshot {
  return new GroupScopeSnapshot(status, tasks, error, node, generation, window) as GroupSnapshot // status 'failed' comes with its error: see #settled
}

let signalField: PropertyDescriptor

/**
 * A class rather than an object literal with a getter: a literal's getter is a new closure
 * for every snapshot, and the engine builds such literals on a slow path. `signal` stays an
 * own enumerable field, one getter shared by every snapshot.
 */
class GroupScopeSnapshot {
  declare readonly status: GroupStatus
  declare readonly tasks: readonly Task<unknown>[]
  declare readonly running: number
  declare readonly error: TaskGroupError | undefined
  declare readonly generation: number
  declare readonly expired: boolean
  declare readonly deadline: number | null
  declare readonly signal: AbortSignal
  readonly #node: CancelNodeInternal

  constructor(
    status: GroupStatus,
    tasks: readonly Task<unknown>[],
    error: TaskGroupError | undefined,
    node: CancelNodeInternal,
    generation: number,
    window: WindowInternal,
  ) {
    this.status = status
    this.tasks = tasks
    this.running = tasks.length
    this.error = error
    this.generation = generation
    this.expired = window.expired
    this.deadline = window.deadline
    this.#node = node
    Object.defineProperty(this, 'signal', signalField)
  }

  static {
    signalField = {
      enumerable: true,
      get(this: GroupScopeSnapshot) {
        return this.#node.signal
      },
    }
  }
}

/** The `timeout` window of the running burst of work. */
interface WindowInternal {
  readonly deadline: number | null
  readonly expired: boolean
  readonly timer?: TimerInternal
}
const idleWindow: WindowInternal = { deadline: null, expired: false }

/** How a hook uses its `GroupScope` (the constructor's `mode`). */
export interface ScopeModeInternal {
  lazy?: boolean
  resettable?: boolean
}

/** What `ScopeLinkInternal` calls on its scope: its private methods, set by `GroupScope`'s constructor. */
let linkedScope:
  | {
      tasksChanged(scope: GroupScope, group: TaskGroup, failed: boolean, error: unknown): void
      settled(scope: GroupScope, group: TaskGroup, error: unknown): void
      parent(scope: GroupScope): AbortSignal | undefined
      cancel(scope: GroupScope, group: TaskGroup, reason: unknown): void
    }
  | undefined

/**
 * A task group whose lifetime is set from outside — by a component's mount — instead of by a
 * body: the adapter contract the hooks stand on (`open` at mount, the returned close at
 * unmount, `subscribe`/`getSnapshot` for rendering, `setOptions` on every commit). Closing
 * cancels every task; opening again after a close (React StrictMode's remount) starts a
 * fresh group with a fresh signal. Constructing one has no side effects. `caller` names the
 * API that made the scope in its errors (the hooks pass `useTaskGroup`); leave it out.
 *
 * @example
 * const scope = new GroupScope({ name: 'uploads' })
 * const close = scope.open()
 * scope.subscribe(() => render(scope.getSnapshot()))
 * scope.createTask((signal) => upload(file, signal))
 * close() // every task is cancelled with a CancelledError('component unmounted')
 */
export class GroupScope
  extends ScopeInternal<GroupSnapshot, GroupScopeOptions>
  implements Scope<GroupSnapshot, GroupScopeOptions>
{
  #options: GroupScopeOptions
  /** The scope's cancellation (and signal): aborts at close, reset and outer abort. */
  #node: CancelNodeInternal
  #group: TaskGroup | undefined = undefined
  #follows: AbortSignal | undefined = undefined
  #unfollow: (() => void) | undefined = undefined
  // The state the snapshot is rebuilt from (see rebuild), besides the group's live tasks.
  #final: 'failed' | 'cancelled' | undefined = undefined
  #error: TaskGroupError | undefined = undefined
  #window: WindowInternal = idleWindow
  #generation = 0
  readonly #caller: ScopeCallerInternal
  readonly #lazy: boolean
  readonly #resettable: boolean
  /** What the scope's groups tell it and ask it: one object for the scope's life. */
  readonly #link: ScopeLinkInternal
  /** The name when `options.name` gives none: the caller's and a number (`useTaskGroup-3`), kept across renewals. */
  readonly #defaultName: string | undefined

  /**
   * `mode` (for the hooks):
   * - `lazy`: the group opens at the first `createTask`, not at `open()`, so a scope that
   *   never runs a task (`useTaskEffect` given another `group`) never shows in the task tree;
   * - `resettable: false`: whoever uses the scope offers no `reset()` (`useTask`,
   *   `useTaskAction`, `useTaskEffect`'s own scope), so a `cancel` from the task tree (the
   *   devtools panel) cancels the scope's tasks and leaves it open: a cancelled group would
   *   refuse every later task until a `reset()` nobody can call.
   */
  constructor(options: GroupScopeOptions = {}, caller?: string, mode: ScopeModeInternal = {}) {
    checkGroupScopeOptions(options, caller)
    const node = new CancelNodeInternal()
    super(snapshotOf('idle', [], undefined, node, 0))
    this.#options = options
    this.#node = node
    this.#caller = caller
    this.#defaultName = defaultScopeName(caller)
    this.#lazy = mode.lazy === true
    this.#resettable = mode.resettable !== false
    this.#link = new ScopeLinkInternal(this)
    // The scope's side of the link, made at the first construction rather than in a static
    // block, which bundlers must keep (and GroupScope with it) even where nothing uses it.
    linkedScope ??= {
      tasksChanged: (scope, group, failed, error) => scope.#tasksChanged(group, failed, error),
      settled: (scope, group, error) =>
        scope.#settled(group, error instanceof TaskGroupError ? 'failed' : 'cancelled', error),
      parent: (scope) => scope.#follows,
      // From the tree, whose node may be of a group this scope has replaced since.
      cancel: (scope, group, reason) => {
        if (group !== scope.#group) return
        if (scope.#resettable) scope.cancel(reason)
        else for (const task of group.tasks) task.cancel(reason)
      },
    }
  }

  /** Takes new options: callbacks at once; a new `signal` is followed from now on. */
  setOptions(options: GroupScopeOptions): void {
    checkGroupScopeOptions(options, this.#caller)
    this.#options = options
    if (options.signal === this.#follows || this.#group === undefined || this.isClosed) return
    // The outer scope was replaced (reset, or remounted). If the old one cancelled this
    // group, start afresh under the new one; otherwise follow the new one from now on.
    if (this.#node.aborted) this.#renew()
    else this.#follow(options.signal)
  }

  /**
   * Starts `fn(signal)` as a task of the scope's group; see `tg.createTask`. Throws an
   * `InvalidStateError` once the scope closed, and after a failure or cancellation until
   * `reset()`.
   */
  readonly createTask = ((fn: TaskFn<unknown>, options?: CreateTaskOptions): Task<unknown> => {
    const caller = this.#caller
    // In the caller's words, before the group checks them again in its own.
    if (caller !== undefined) checkTaskArguments(fn, options, caller)
    const prefix = methodPrefix(caller, 'createTask')
    if (this.isClosed) {
      throw new InvalidStateError(
        `${prefix}cannot create a task: the scope of TaskGroup "${this.#name()}" is closed, its component unmounted; create tasks while it is mounted`,
      )
    }
    // A child's effect may run before the effect that opens this scope: open it now.
    if (this.#group === undefined) this.#start()
    const group = this.#group!
    const outer = this.#follows
    // Cancelled by an outer signal that stays aborted, and done winding down: the scope is a
    // body that runs while the component is mounted, with that cancellation pending, so the
    // task is taken and cancelled, as asyncio's create_task does then (the group's own
    // createTask does the same while it winds down). Nothing is thrown into the effect.
    if (outer?.aborted === true && this.#final !== 'failed' && !this.#window.expired && groupFinishedInternal(group)) {
      checkFunction(fn, 'createTask(fn): fn')
      return cancelledTask(fn, options?.name, group.name, groupCancelReasonInternal(group)!)
    }
    if (this.#final !== undefined) {
      checkFunction(fn, 'createTask(fn): fn')
      throw new InvalidStateError(`${prefix}cannot create a task: ${this.#refusal()}`)
    }
    return group.createTask(fn, options)
  }) as TaskGroup['createTask']

  /** Why a failed or cancelled group takes no tasks, and what opens a fresh one. */
  #refusal(): string {
    const name = `TaskGroup "${this.#name()}"`
    if (this.#final === 'failed') return `${name} has failed; call reset() to open a fresh scope`
    if (this.#window.expired) {
      return `${name} was cancelled when its timeout of ${this.#options.timeout} ms expired; call reset() to open a fresh scope`
    }
    return `${name} has been cancelled; call reset() to open a fresh scope`
  }

  /** Cancels every task and lets the group end quietly with status `'cancelled'` (`tg.cancel`). */
  readonly cancel = (reason?: unknown): void => {
    const group = this.#group
    if (group === undefined) return
    group.cancel(reason)
    this.#cancelling(group)
  }

  /** Cancels what still runs and opens a fresh group with a fresh signal, status `'idle'`. */
  readonly reset = (): void => {
    if (this.isClosed) {
      throw new InvalidStateError(
        `${methodPrefix(this.#caller, 'reset')}cannot reset: the scope of TaskGroup "${this.#name()}" is closed, its component unmounted`,
      )
    }
    this.#node.abort(new CancelledError(`TaskGroup "${this.#name()}" was reset`))
    this.#renew()
  }

  #name(): string {
    return this.#group?.name ?? this.#options.name ?? this.#defaultName ?? 'TaskGroup'
  }

  /**
   * A fresh node (and signal) and group: the only news a snapshot gets without a task. A
   * reopen keeps the generation: whoever reopens (React, at a remount or an <Activity>'s
   * show) runs its effects again anyway.
   */
  #renew(reopened = false): void {
    const node = (this.#node = new CancelNodeInternal())
    this.#group = undefined
    this.#setWindow(idleWindow)
    if (!this.#lazy) this.#start()
    if (!reopened) this.#generation++
    this.setSnapshot(snapshotOf('idle', [], undefined, node, this.#generation))
  }

  #start(): void {
    this.#follow(this.#options.signal)
    this.#group = openTaskGroupInternal(
      { name: this.#options.name ?? this.#defaultName, isolate: this.#options.isolate },
      this.#node,
      this.#link,
    )
    this.#final = this.#error = undefined
  }

  #follow(outer: AbortSignal | undefined): void {
    this.#unfollow?.()
    this.#follows = outer
    const node = this.#node
    this.#unfollow = followSignal(closedByScope(outer) ? undefined : outer, (reason) =>
      node.abort(toCancelledError(reason, `TaskGroup "${this.#name()}" was cancelled by its outer signal`)),
    )
  }

  protected start(): void {
    if (this.#group === undefined && !this.#lazy) this.#start()
  }

  protected reopen(): void {
    // A failure is finished work, kept as React keeps component state across <Activity>'s
    // hide and show: the group stays failed, signal aborted, until reset().
    if (this.#final === 'failed') return
    this.#renew(true)
  }

  protected close(): void {
    this.#setWindow(idleWindow)
    this.#unfollow?.()
    this.#unfollow = this.#follows = undefined
    this.#node.abort(closeReason())
  }

  /**
   * The group started cancelling (a task failed, or `cancel()`): the scope's signal aborts
   * with the group's reason, as `tg.signal` does, so every scope nested under it (in child
   * components too) is cancelled with the group.
   */
  #cancelling(group: TaskGroup): void {
    const reason = groupCancelReasonInternal(group)
    if (reason !== undefined && group === this.#group) this.#node.abort(reason)
  }

  /** Opens the `timeout` window when work starts, closes it when the group is idle again. */
  #followWork(group: TaskGroup): void {
    const { timeout } = this.#options
    const window = this.#window
    if (timeout === undefined || window.expired || this.isClosed) return
    const busy = groupTaskCountInternal(group) > 0 && groupCancelReasonInternal(group) === undefined
    if (busy && window.timer === undefined) {
      const deadline = now() + timeout
      this.#setWindow({ deadline, expired: false, timer: setTimerAt(deadline, () => this.#expire(group, deadline)) })
    } else if (!busy && window.timer !== undefined) {
      this.#setWindow(idleWindow)
    }
  }

  #expire(group: TaskGroup, deadline: number): void {
    if (group !== this.#group) return
    this.#window = { deadline, expired: true }
    const label = `TaskGroup "${this.#name()}" timeout of ${this.#options.timeout} ms`
    this.#node.abort(deadlineCancel(describeDeadline(label, deadline)))
    this.setSnapshot(this.rebuild())
  }

  #setWindow(window: WindowInternal): void {
    this.#window.timer?.cancel()
    this.#window = window
  }

  #tasksChanged(group: TaskGroup, failed: boolean, error: unknown): void {
    if (group !== this.#group) return
    if (failed && !this.#options.isolate) this.#cancelling(group)
    this.#followWork(group)
    if (failed && this.#options.isolate) {
      this.#error = new TaskGroupError([...(this.#error?.errors ?? []), error])
      this.#report(error)
    }
    this.invalidate(!this.isClosed)
  }

  protected override rebuild(): GroupSnapshot {
    const group = this.#group
    const tasks = this.#final === undefined && group !== undefined ? group.tasks : []
    // A group that is cancelling stays 'running' until it settled, then goes straight to
    // 'failed' or 'cancelled' without passing through 'idle'.
    const cancelling = group !== undefined && groupCancelReasonInternal(group) !== undefined
    const status = this.#final ?? (tasks.length > 0 || cancelling ? 'running' : 'idle')
    return snapshotOf(status, tasks, this.#error, this.#node, this.#generation, this.#window)
  }

  #settled(group: TaskGroup, status: 'failed' | 'cancelled', error: unknown): void {
    if (group !== this.#group) return
    const failed = status === 'failed'
    this.#final = status
    if (failed) this.#error = error as TaskGroupError
    this.setSnapshot(this.rebuild(), !this.isClosed)
    if (failed && !this.#options.isolate) this.#report(error)
  }

  #report(error: unknown): void {
    const onError = this.#options.onError
    if (onError === undefined) {
      if (this.isClosed) reportError(error)
      return
    }
    try {
      onError(error)
    } catch (thrown) {
      reportError(thrown)
    }
  }
}

/**
 * A scope's side of its groups: one object per scope, where a closure per callback and a
 * promise for the settling cost a dozen objects per group (per mounted component).
 */
class ScopeLinkInternal implements ScopeOwnerInternal {
  constructor(readonly scope: GroupScope) {}

  tasksChanged(group: TaskGroup, failed: boolean, error: unknown): void {
    linkedScope!.tasksChanged(this.scope, group, failed, error)
  }

  settled(group: TaskGroup, error: unknown): void {
    linkedScope!.settled(this.scope, group, error)
  }

  parent(): AbortSignal | undefined {
    return linkedScope!.parent(this.scope)
  }

  cancel(group: TaskGroup, reason?: unknown): void {
    linkedScope!.cancel(this.scope, group, reason)
  }
}

/**
 * A task that belongs to no live group: cancelled before it starts (its function runs up to
 * its first await with an aborted signal), and a failure before that await is reported.
 */
function cancelledTask(
  fn: TaskFn<unknown>,
  name: string | undefined,
  group: string,
  reason: CancelledError,
): Task<unknown> {
  const task = createTaskInternal<unknown>(
    { name: group, observer: undefined, childDone: (_, failed, error) => failed && reportError(error) },
    name,
  )
  task.cancel(reason)
  startTaskInternal(task, fn)
  return task
}

/** Checks options in the caller's words: `useTaskGroup(options): options.signal`, or `GroupScope options.signal`. */
function checkGroupScopeOptions(options: GroupScopeOptions, caller: ScopeCallerInternal): void {
  const where = caller === undefined ? 'GroupScope options' : `${caller}(options): options`
  checkOptions(options, where)
  checkName(options.name, `${where}.name`)
  checkSignal(options.signal, `${where}.signal`)
  if (options.onError !== undefined) checkFunction(options.onError, `${where}.onError`)
  if (options.timeout !== undefined) {
    checkTime(options.timeout, `${where}.timeout`)
    if (options.timeout === null)
      throw new TypeError(`${where}.timeout must be a number of milliseconds (or left out), got null`)
  }
}

function checkTaskArguments(fn: unknown, options: CreateTaskOptions | undefined, caller: string): void {
  checkFunction(fn, `${caller}().createTask(fn): fn`)
  checkOptions(options, `${caller}().createTask(fn, options): options`)
  checkName(options?.name, `${caller}().createTask(fn, options): options.name`)
}
