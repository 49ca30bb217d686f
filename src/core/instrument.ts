import type { CancelledError } from './errors'
import { reportError } from './internal/report'
import { shared } from './internal/shared'
import type { Task } from './task'

/**
 * Task instrumentation: every task's start and settle, with its name, its group's name,
 * timing and outcome. Observers are called synchronously, so keep them cheap; when nobody
 * observes, the runtime builds no events at all.
 */

/** How a task ended. */
export type TaskOutcome = 'fulfilled' | 'failed' | 'cancelled'

interface TaskEventBase {
  /** The task itself (its `name`, `signal`, result accessors). */
  readonly task: Task<unknown>
  /** The task's name (`Task-7` when none was given). */
  readonly name: string
  /** The name of the group the task belongs to. */
  readonly group: string
  /** When the event happened, on the `now()` clock (ms). */
  readonly time: number
}

/** The task was registered and its function is about to be called. */
export interface TaskStartEvent extends TaskEventBase {
  readonly type: 'start'
}

/** The task settled. `error` is set when it failed, `reason` (why) when it was cancelled. */
export interface TaskSettleEvent extends TaskEventBase {
  readonly type: 'settle'
  readonly outcome: TaskOutcome
  /** Milliseconds from start to settle, on the `now()` clock; `NaN` if nobody observed the start. */
  readonly duration: number
  readonly value?: unknown
  readonly error?: unknown
  readonly reason?: CancelledError
}

export type TaskEvent = TaskStartEvent | TaskSettleEvent

/** Receives task events; an observer that throws is reported and never breaks a task. */
export type TaskObserver = (event: TaskEvent) => void

// Shared by every copy of the runtime (shared.ts), so one observer sees all of their tasks.
const { observers } = shared

/**
 * Observes every task of every group in this runtime until the returned function is called.
 * For one group only, pass `onTaskEvent` to `taskGroup()`.
 *
 * @example
 * const stop = observeTasks((event) => {
 *   if (event.type === 'settle') console.debug(`${event.group}/${event.name}: ${event.outcome} in ${event.duration} ms`)
 * })
 */
export function observeTasks(observer: TaskObserver): () => void {
  if (typeof observer !== 'function') {
    throw new TypeError(`observeTasks(observer): observer must be a function, got ${typeof observer}`)
  }
  // A wrapper, so the same function observing twice is two observers and stops twice.
  const entry: TaskObserver = (event) => observer(event)
  observers.add(entry)
  return () => {
    if (!observers.delete(entry) || observers.size > 0) return
    // The settled top-level scopes kept for observers (inspectable.ts) go with the last one.
    const { retired } = shared
    let kept = 0
    for (const scope of retired) if (!scope.root) retired[kept++] = scope
    retired.length = kept
  }
}

/** Whether an event built now would reach anyone. */
export function isObserved(local: TaskObserver | undefined): boolean {
  return local !== undefined || observers.size > 0
}

export function emitTaskEvent(event: TaskEvent, local: TaskObserver | undefined): void {
  if (local !== undefined) call(local, event)
  for (const observer of observers) call(observer, event)
}

function call(observer: TaskObserver, event: TaskEvent): void {
  try {
    observer(event)
  } catch (error) {
    reportError(error)
  }
}
