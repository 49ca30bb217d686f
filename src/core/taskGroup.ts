import {
  CancelNodeInternal,
  followSignal,
  isCancellation,
  toCancelledError,
  type AbortDependantInternal,
} from './internal/cancelNode'
import { drive, markScope, settleWith } from './internal/drive'
import { microtask } from './internal/microtask'
import { CancelledError, InvalidStateError, TaskGroupError } from './errors'
import type { TaskObserver } from './instrument'
import {
  createTaskInternal,
  inspectTaskInternal,
  startTaskInternal,
  type Task,
  type TaskFn,
  type TaskOwnerInternal,
  type TaskGenerator,
} from './task'
import { checkFunction, checkName, checkOptions, checkSignal, describe } from './internal/validate'
import { now } from './clock'
import {
  keepFailure,
  keepLatest,
  keepsSettledInternal,
  registerScope,
  retireScope,
  runningInternal,
  type InspectedScopeInternal,
  type InspectFnInternal,
} from './internal/inspectable'

/** Options of `taskGroup()`. */
export interface TaskGroupOptions {
  /** Cancels the group (body and every task) when it aborts; pass a parent scope's signal to nest. */
  signal?: AbortSignal
  /** Shown in errors, events and devtools; `TaskGroup-<n>` by default. */
  name?: string
  /** Observes the start and settle of every task in this group. */
  onTaskEvent?: TaskObserver
  /**
   * Isolates failures, for long-lived background work: a failing task does not cancel its
   * siblings or the body. Failures are still collected, and the group still rejects with a
   * `TaskGroupError` of all of them once everything settled. Off by default (fail-fast).
   */
  isolate?: boolean
}

/** Options of `tg.createTask()`. */
export interface CreateTaskOptions {
  /** Shown in errors and events; `Task-<n>` by default. */
  name?: string
}

/** What a group body may be: like a task function, but called with the group. */
export type TaskGroupBody<T> = ((tg: TaskGroup) => TaskGenerator<T>) | ((tg: TaskGroup) => PromiseLike<T> | T)

let groupCount = 0
let inspectGroup: InspectFnInternal
const token = Symbol('TaskGroup')

/**
 * Runs `body` with a new task group, like Python's `async with asyncio.TaskGroup() as tg:`,
 * and settles once the body and every task created in the group have settled.
 *
 * - Resolves with the body's value when nothing failed (also after `tg.cancel()`).
 * - The first task failure cancels the other tasks and the body (through `tg.signal`);
 *   the group then rejects with a `TaskGroupError` of every failure, the body's own last.
 * - When `options.signal` aborts, everything is cancelled and the group rejects with a
 *   `CancelledError` once it has all settled (unless something failed: errors win).
 *
 * @example
 * const [user, posts] = await taskGroup(async (tg) => {
 *   const user = tg.createTask((signal) => getUser(id, signal))
 *   const posts = tg.createTask((signal) => getPosts(id, signal))
 *   return [await user, await posts]
 * })
 */
export function taskGroup<T>(body: TaskGroupBody<T>, options?: TaskGroupOptions): Promise<T> {
  try {
    checkFunction(body, 'taskGroup(body): body')
    checkOptions(options, 'taskGroup(body, options): options')
    checkSignal(options?.signal, 'taskGroup(body, options): options.signal')
    checkName(options?.name, 'taskGroup(body, options): options.name')
    if (options?.onTaskEvent !== undefined)
      checkFunction(options.onTaskEvent, 'taskGroup(body, options): options.onTaskEvent')
    if (options?.isolate !== undefined && typeof options.isolate !== 'boolean') {
      throw new TypeError(
        `taskGroup(body, options): options.isolate must be a boolean (or left out), got ${describe(options.isolate)}`,
      )
    }
  } catch (error) {
    return Promise.reject(error)
  }
  const promise = new Promise<T>((resolve, reject) => {
    new TaskGroup(token, {
      body: body as (tg: TaskGroup) => unknown,
      options,
      resolve: resolve as (value: unknown) => void,
      reject,
    })
  })
  markScope(promise, options?.signal)
  return promise
}

/**
 * For the adapter scopes: a group with no body, which stays open until it is cancelled,
 * under an outer cancel node rather than an outer signal, so that neither signal is made
 * unless somebody reads it. Arguments are trusted.
 */
export function openTaskGroupInternal(
  options: Omit<TaskGroupOptions, 'signal'>,
  outer: CancelNodeInternal,
  owner: ScopeOwnerInternal,
): TaskGroup {
  return new TaskGroup(token, { body: undefined, options, resolve: undefined, reject: undefined, outer, owner })
}

/**
 * The adapter scope that opened a group (one object per scope, whatever the number of groups
 * it opens): told of the group's changes, and asked what it knows better than the group (for
 * the task tree). The group is passed in, as the scope may have replaced it since.
 */
export interface ScopeOwnerInternal {
  /**
   * The group's live tasks (`tg.tasks`) changed: a task was added, or one settled (after its
   * done callbacks' turn, with whether it failed and what with).
   */
  tasksChanged(group: TaskGroup, failed: boolean, error: unknown): void
  /**
   * The group settled, told on the microtask after it finished (as a promise's reaction
   * would be): with its `TaskGroupError`, its outer cancellation, or nothing.
   */
  settled(group: TaskGroup, error: unknown): void
  /** The signal the scope follows now. */
  parent(): AbortSignal | undefined
  /** Cancels `group` the way the scope's own `cancel()` does (its signal aborts too), if it is still the scope's. */
  cancel(group: TaskGroup, reason?: unknown): void
}

/** How a `TaskGroup` is made: by `taskGroup()` (with a body) or for a scope (without one). */
interface TaskGroupInitInternal {
  /** The body; `undefined` for a scope's group, which stays open until it is cancelled. */
  readonly body: ((tg: TaskGroup) => unknown) | undefined
  readonly options: TaskGroupOptions | undefined
  /** How `taskGroup()`'s promise settles; a scope's group tells its `owner` instead. */
  readonly resolve: ((value: unknown) => void) | undefined
  readonly reject: ((error: unknown) => void) | undefined
  /** A scope's cancel node, followed instead of `options.signal`. */
  readonly outer?: CancelNodeInternal
  readonly owner?: ScopeOwnerInternal
}

/**
 * For the adapter scopes: why the group is cancelling (`undefined` while it is not), without
 * making its signal.
 */
export let groupCancelReasonInternal: (group: TaskGroup) => CancelledError | undefined

/** For the adapter scopes: how many tasks of the group have not settled (no array copy). */
export let groupTaskCountInternal: (group: TaskGroup) => number

/** For the adapter scopes: whether the group has finished (it takes no more tasks). */
export let groupFinishedInternal: (group: TaskGroup) => boolean

// Friend access for the group's companions below.
let groupAbortingInternal: (group: TaskGroup, reason: CancelledError) => void
let groupCancelFromOuterInternal: (group: TaskGroup, reason: CancelledError) => void
let groupChildDoneInternal: (group: TaskGroup, task: Task<unknown>, failed: boolean, error: unknown) => void
let groupBodyDoneInternal: (group: TaskGroup, ok: boolean, value: unknown) => void

/**
 * A group's cancel node: cancels the group's tasks first when it aborts, and follows the
 * scope's node a scope's group is nested under. A companion rather than closures: each one
 * was an object per group, and a scope's group lives as long as its component.
 */
class GroupNodeInternal extends CancelNodeInternal implements AbortDependantInternal {
  readonly #group: TaskGroup

  constructor(group: TaskGroup) {
    super()
    this.#group = group
  }

  protected override aborting(reason: CancelledError): void {
    groupAbortingInternal(this.#group, reason)
  }

  /** The scope's node it follows aborted. */
  abortedWith(reason: CancelledError): void {
    groupCancelFromOuterInternal(this.#group, reason)
  }
}

/** What the group's tasks see of it (their owner), and what ends a scope's group when its node aborts. */
class GroupOwnerInternal implements TaskOwnerInternal, AbortDependantInternal {
  readonly name: string
  readonly #group: TaskGroup

  constructor(
    group: TaskGroup,
    readonly observer: TaskObserver | undefined,
  ) {
    this.name = group.name
    this.#group = group
  }

  childDone(task: Task<unknown>, failed: boolean, error: unknown): void {
    groupChildDoneInternal(this.#group, task, failed, error)
  }

  /** A scope's group (no body): its node aborted, which ends it as an awaiting body would end. */
  abortedWith(reason: CancelledError): void {
    groupBodyDoneInternal(this.#group, false, reason)
  }
}

/**
 * The handle a `taskGroup()` body receives: create tasks in it, cancel it, pass its `signal`
 * to nest other scopes under it. A group is used once; it cannot be constructed directly.
 */
export class TaskGroup {
  /** The name given in the options, or `TaskGroup-<n>`. */
  readonly name: string
  readonly #node = new GroupNodeInternal(this)
  readonly #tasks = new Set<Task<unknown>>()
  readonly #owner: GroupOwnerInternal
  readonly #isolate: boolean
  /** The failures so far, in the order they happened (made at the first). */
  #errors: unknown[] | undefined = undefined
  #bodyFailed = false
  #bodyError: unknown = undefined
  #bodyValue: unknown = undefined
  #exiting = false
  #finished = false
  /** A settle is queued for the microtask after the last task's done callbacks. */
  #finishing = false
  /** The cancellation that came from the outer signal; propagated unless errors win. */
  #outerCancel: CancelledError | undefined = undefined
  /** Whether the outer signal was what started the cancelling (no failure, no `cancel()` before it). */
  #outerFirst = false
  /** A cancellation the body raised that the group did not cause; propagated too. */
  #bodyCancel: CancelledError | undefined = undefined
  #unfollow: (() => void) | undefined = undefined
  /** A scope's group, which has no body and stays open until it is cancelled. */
  readonly #bodyless: boolean
  #resolve: ((value: unknown) => void) | undefined
  #reject: ((error: unknown) => void) | undefined
  // For the task tree (inspect.ts), which reads them only when a tree is captured.
  readonly #startedAt = now()
  #endedAt: number | undefined = undefined
  #outcome: 'fulfilled' | 'failed' | 'cancelled' | undefined = undefined
  /** Settled tasks kept for the tree: the latest that did not fail, and the first failures (inspectable.ts). */
  #settled: Task<unknown>[] | undefined = undefined
  #failedTasks: Task<unknown>[] | undefined = undefined
  /** The signal the group follows (`options.signal`), or, without one, the code that opened it. */
  readonly #parent: AbortSignal | object | undefined
  readonly #scopeOwner: ScopeOwnerInternal | undefined
  readonly #outer: CancelNodeInternal | undefined
  /** Whether `#parent` is a signal the group was given (it is cancelled with it). */
  readonly #linked: boolean
  /** Kept only by a group that settled under a parent, for the tree. */
  #failure: TaskGroupError | undefined = undefined

  static {
    groupAbortingInternal = (group, reason) => {
      for (const task of group.#tasks) task.cancel(reason)
    }
    groupCancelFromOuterInternal = (group, reason) => group.#cancelFromOuter(reason)
    groupChildDoneInternal = (group, task, failed, error) => group.#childDone(task, failed, error)
    groupBodyDoneInternal = (group, ok, value) => group.#bodyDone(ok, value)
    groupCancelReasonInternal = (group) => group.#node.reason
    groupTaskCountInternal = (group) => group.#tasks.size
    groupFinishedInternal = (group) => group.#isFinished()
    inspectGroup = (group) => (group as TaskGroup).#inspect()
  }

  /** @internal Groups are created by `taskGroup()`. */
  constructor(secret: typeof token, init: TaskGroupInitInternal) {
    if (secret !== token) {
      throw new TypeError('TaskGroup cannot be constructed directly: use taskGroup((tg) => { ... })')
    }
    const { body, options, outer } = init
    this.name = options?.name ?? `TaskGroup-${++groupCount}`
    this.#isolate = options?.isolate === true
    this.#bodyless = body === undefined
    this.#resolve = init.resolve
    this.#reject = init.reject
    this.#scopeOwner = init.owner
    this.#outer = outer
    this.#parent = options?.signal ?? runningInternal.node
    this.#linked = options?.signal !== undefined || outer !== undefined
    this.#owner = new GroupOwnerInternal(this, options?.onTaskEvent)
    // An outer signal that is already aborted does not refuse the group: the body runs
    // with an aborted signal up to its first checkpoint, as CPython's cancel-before-enter.
    // A scope's node is followed by the group's own node (no closure, no listener).
    if (outer === undefined) this.#unfollow = followSignal(options?.signal, (reason) => this.#cancelFromOuter(reason))
    else if (outer.aborted) this.#cancelFromOuter(outer.reason)
    else outer.subscribe(this.#node)
    registerScope(this, inspectGroup)
    if (body === undefined) {
      // No body (a scope's group): it exits as a body would that awaits until it is
      // cancelled, told by its owner, the first to follow its node.
      if (this.#node.aborted) this.#bodyDone(false, this.#node.reason)
      else this.#node.subscribe(this.#owner)
    } else {
      drive(
        body,
        this,
        this.#node,
        settleWith((ok, value) => this.#bodyDone(ok, value)),
      )
    }
  }

  /** Aborts when the group starts cancelling: a task failed, the body threw, `cancel()`, or the outer signal. */
  get signal(): AbortSignal {
    return this.#node.signal
  }

  /** The tasks that have not settled yet, in creation order. */
  get tasks(): readonly Task<unknown>[] {
    return [...this.#tasks]
  }

  /**
   * Starts `fn(signal)` as a task of this group and returns its handle. The task is
   * registered before `fn` is called; a synchronous throw in `fn` fails the task (handled
   * on a later microtask), it never throws out of `createTask`. Throws an `InvalidStateError`
   * once the group is finished or shutting down, without calling `fn`; under a cancellation
   * from the outer signal while the body runs, takes the task and cancels it at once.
   */
  createTask<R>(fn: (signal: AbortSignal) => TaskGenerator<R>, options?: CreateTaskOptions): Task<R>
  createTask<R>(fn: (signal: AbortSignal) => PromiseLike<R> | R, options?: CreateTaskOptions): Task<R>
  createTask<R>(fn: TaskFn<R>, options?: CreateTaskOptions): Task<R>
  createTask<R>(fn: TaskFn<R>, options?: CreateTaskOptions): Task<R> {
    checkFunction(fn, 'tg.createTask(fn): fn')
    checkOptions(options, 'tg.createTask(fn, options): options')
    checkName(options?.name, 'tg.createTask(fn, options): options.name')
    if (this.#isFinished()) {
      throw new InvalidStateError(
        `cannot create a task: TaskGroup "${this.name}" is finished; create tasks while the group's body or tasks are still running, or open a new group`,
      )
    }
    const reason = this.#node.reason
    // Cancelled from outside only, while the body still runs (a scope's group: until it
    // finished): CPython's create_task while a cancellation is pending, which accepts the
    // task, and the cancellation then reaches it. Here it is cancelled before it starts, so
    // it runs up to its first await with an aborted signal, as the body does.
    const pending = reason !== undefined && this.#outerFirst && (!this.#exiting || this.#bodyless)
    if (reason !== undefined && !pending) {
      throw new InvalidStateError(
        `cannot create a task: TaskGroup "${this.name}" is shutting down (${reason.message}); no new work is started while it cancels`,
      )
    }
    const task = createTaskInternal<R>(this.#owner, options?.name)
    this.#tasks.add(task)
    if (pending) task.cancel(reason)
    startTaskInternal(task, fn)
    this.#scopeOwner?.tasksChanged(this, false, undefined)
    return task
  }

  /**
   * Cancels the body and every task, then lets the group finish quietly (Python 3.15's
   * `TaskGroup.cancel()`): it resolves with the body's value, or `undefined`. Failures that
   * happen meanwhile, and an outer cancellation, still propagate. Safe to call at any time.
   */
  cancel(reason?: unknown): void {
    if (this.#finished) return
    this.#node.abort(toCancelledError(reason, `TaskGroup "${this.name}" was cancelled`))
  }

  get [Symbol.toStringTag](): string {
    return 'TaskGroup'
  }

  /**
   * Finished, or about to be: the body exited and no task is left (CPython's `_exiting and not
   * _tasks`), even while the last task's done callbacks still run.
   */
  #isFinished(): boolean {
    return this.#finished || (this.#exiting && this.#tasks.size === 0)
  }

  #cancelFromOuter(reason: unknown): void {
    if (this.#finished) return
    const error = toCancelledError(reason, `TaskGroup "${this.name}" was cancelled by its outer signal`)
    this.#outerCancel ??= error
    if (!this.#node.aborted) this.#outerFirst = true
    this.#node.abort(error)
  }

  #bodyDone(ok: boolean, value: unknown): void {
    this.#exiting = true
    if (ok) {
      this.#bodyValue = value
    } else if (isCancellation(value, this.#node)) {
      // Not aborted yet means the body raised a CancelledError of its own making.
      if (!this.#node.aborted) {
        this.#bodyCancel = value as CancelledError
        this.#node.abort(this.#bodyCancel)
      }
    } else {
      this.#bodyFailed = true
      this.#bodyError = value
      this.#abort(`its body threw`, value)
    }
    this.#maybeFinish()
  }

  #childDone(task: Task<unknown>, failed: boolean, error: unknown): void {
    this.#tasks.delete(task)
    if (failed) {
      this.#failedTasks = keepFailure(this.#failedTasks, task)
      ;(this.#errors ??= []).push(error)
      if (!this.#isolate) this.#abort(`task "${task.name}" failed`, error)
    } else {
      this.#settled = keepLatest(this.#settled, task)
    }
    this.#scopeOwner?.tasksChanged(this, failed, error)
    this.#maybeFinish(true)
  }

  /** Starts cancelling because of `cause`, unless the group is cancelling already. */
  #abort(why: string, cause: unknown): void {
    if (this.#node.aborted) return
    this.#node.abort(new CancelledError(`TaskGroup "${this.name}" is cancelling: ${why}`, { cause }))
  }

  /**
   * Settles the group once the body has exited and no task is left. After the last task, on
   * the next microtask (`deferred`): the rest of that task's done callbacks run first, as in
   * CPython, where the task waiting in `__aexit__` resumes only after them, so an outer
   * cancellation one of them brings still counts (a task one of them creates is refused with
   * `is finished`, as there: see `#isFinished`).
   */
  #maybeFinish(deferred = false): void {
    if (!this.#exiting || this.#tasks.size > 0 || this.#finished) return
    if (deferred) {
      if (!this.#finishing) {
        this.#finishing = true
        microtask(() => {
          this.#finishing = false
          this.#maybeFinish()
        })
      }
      return
    }
    this.#finished = true
    this.#unfollow?.()
    this.#outer?.unsubscribe(this.#node)
    const errors = this.#errors ?? []
    if (this.#bodyFailed) errors.push(this.#bodyError)
    const resolve = this.#resolve
    const reject = this.#reject
    // Drop what the settled group no longer needs, so a kept handle holds no task or error.
    this.#resolve = this.#reject = this.#unfollow = this.#errors = undefined
    this.#bodyError = undefined
    const failure = errors.length > 0 ? new TaskGroupError(errors) : undefined
    this.#endedAt = now()
    // A scope's group ends only when it is cancelled; a group with a body may end cancelled or not.
    this.#outcome = failure !== undefined ? 'failed' : this.#node.aborted || this.#bodyless ? 'cancelled' : 'fulfilled'
    // Under a parent (or while observed) the group stays in the tree for a while, with its
    // settled tasks and failure.
    const hasParent = this.#currentParent() !== undefined
    if (!keepsSettledInternal(hasParent)) this.#settled = this.#failedTasks = undefined
    else this.#failure = failure
    retireScope(this, hasParent)
    const error = failure ?? this.#outerCancel ?? this.#bodyCancel
    const owner = this.#scopeOwner
    if (resolve === undefined || reject === undefined) microtask(() => owner!.settled(this, error))
    else if (error !== undefined) reject(error)
    else resolve(this.#bodyValue)
    this.#bodyValue = undefined
  }

  #currentParent(): object | undefined {
    return this.#scopeOwner === undefined ? this.#parent : this.#scopeOwner.parent()
  }

  #inspect(): InspectedScopeInternal {
    const node = this.#node
    const outcome = this.#outcome
    const tasks = [...(this.#failedTasks ?? []), ...(this.#settled ?? []), ...this.#tasks]
    const keys: object[] = [node]
    for (const key of [node.peekSignal(), this.#outer, this.#outer?.peekSignal()]) if (key !== undefined) keys.push(key)
    const parent = this.#currentParent()
    return {
      kind: 'group',
      name: this.name,
      state: outcome ?? (node.aborted ? 'cancelling' : 'running'),
      startedAt: this.#startedAt,
      endedAt: this.#endedAt,
      deadline: undefined,
      reason: outcome === 'failed' ? undefined : node.reason,
      error: this.#failure,
      parent,
      unlinked: parent !== undefined && !this.#linked,
      keys,
      tasks: tasks.map(inspectTaskInternal).sort((a, b) => a.id - b.id),
      cancel: (reason) =>
        this.#scopeOwner === undefined ? this.cancel(reason) : this.#scopeOwner.cancel(this, reason),
    }
  }
}
