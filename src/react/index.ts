export { useTaskGroup, type UseTaskGroupOptions, type TaskGroupHandle } from './useTaskGroup'
export { useTimeout, type TimeoutHandle } from './useTimeout'
