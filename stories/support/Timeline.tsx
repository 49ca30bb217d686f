import type { TaskGroupError } from 'react-taskgroup/core'
import { TaskTimeline, type TaskTimelineProps, timelineColors } from 'react-taskgroup/devtools'

export type { TimelineMarker, TimelineRow } from 'react-taskgroup/devtools'
// Demo helpers the library's timeline is built on (not part of the package's API).
export { seconds, useFrameTime } from '../../src/devtools/TaskTimeline'

/**
 * A demo's timeline: the library's `<TaskTimeline />` for one group, with the group's
 * status and its collected errors under the rows.
 */
export function Timeline(
  props: Omit<TaskTimelineProps, 'group' | 'children'> & {
    /** The name of the group (or `useTask`) whose tasks are drawn. */
    group: string
    status: string
    error?: TaskGroupError | undefined
  },
) {
  const { status, error, ...timeline } = props
  return (
    <TaskTimeline {...timeline}>
      group “{props.group}”: <strong aria-label="group status">{status}</strong>
      {error !== undefined && (
        <ul aria-label="errors" style={{ margin: '4px 0' }}>
          {error.errors.map((error, index) => (
            <li key={index} style={{ color: timelineColors.failed }}>
              {String(error)}
            </li>
          ))}
        </ul>
      )}
    </TaskTimeline>
  )
}
