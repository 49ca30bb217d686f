/**
 * `react-taskgroup/devtools`: what helps while debugging, kept out of the other entries so
 * that an app pays for it only when it imports it.
 */
export { enablePerformanceTrack, type PerformanceTrackOptions } from './performanceTrack'
export {
  TaskTimeline,
  timelineColors,
  type TaskTimelineProps,
  type TimelineMarker,
  type TimelineRow,
  type TimelineRowState,
} from './TaskTimeline'
export { TaskDevtools, treeStateColors, type TaskDevtoolsPosition, type TaskDevtoolsProps } from './TaskDevtools'
