/**
 * `react-taskgroup/core`: Python's asyncio TaskGroup and timeout for any JavaScript runtime.
 * No React, no dependencies; the hooks in `react-taskgroup` are built on these exports.
 */
export { CancelledError, InvalidStateError, TaskGroupError, TimeoutError } from './errors'
export { now } from './clock'
export { reportError } from './internal/report'
export { sleep, checkpoint } from './sleep'
export { Task, type TaskFn, type TaskGenerator, type DoneCallback } from './task'
export { taskGroup, TaskGroup, type TaskGroupOptions, type TaskGroupBody, type CreateTaskOptions } from './taskGroup'
export { timeout, timeoutAt, Timeout, type TimeoutOptions, type TimeoutBody } from './timeout'
export {
  observeTasks,
  type TaskEvent,
  type TaskStartEvent,
  type TaskSettleEvent,
  type TaskObserver,
  type TaskOutcome,
} from './instrument'
export {
  captureTaskTree,
  formatTaskTree,
  formatDuration,
  describeNodeParts,
  type TaskTreeNodeWords,
  type TaskTreeNode,
  type TaskTreeState,
  type FormatTaskTreeOptions,
  type CaptureTaskTreeOptions,
} from './inspect'
export type { Scope } from './scopes/scope'
export { GroupScope, type GroupScopeOptions, type GroupSnapshot, type GroupStatus } from './scopes/groupScope'
export { TimeoutScope, type TimeoutScopeOptions, type TimeoutSnapshot } from './scopes/timeoutScope'
export {
  TaskRunner,
  type Concurrency,
  type PerformFn,
  type TaskRunnerOptions,
  type TaskRunnerScopeOptions,
  type TaskRunnerSnapshot,
} from './scopes/taskRunner'
