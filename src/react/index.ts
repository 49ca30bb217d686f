export { useTaskGroup, type UseTaskGroupOptions, type TaskGroupHandle, type TaskGroupMethods } from './useTaskGroup'
export { useTimeout, type TimeoutHandle, type UseTimeoutOptions } from './useTimeout'
export { useTask, type TaskHandle, type TaskMethods } from './useTask'
export { useTaskEffect, type UseTaskEffectOptions } from './useTaskEffect'
export {
  useTaskAction,
  type ActionConcurrency,
  type TaskActionControls,
  type TaskActionFn,
  type TaskActionResult,
  type UseTaskActionOptions,
} from './useTaskAction'
