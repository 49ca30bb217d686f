export { useTaskGroup, type UseTaskGroupOptions, type TaskGroupHandle } from './useTaskGroup'
export { useTimeout, type TimeoutHandle, type UseTimeoutOptions } from './useTimeout'
export { useTask, type TaskHandle } from './useTask'
export { useTaskEffect, type UseTaskEffectOptions } from './useTaskEffect'
