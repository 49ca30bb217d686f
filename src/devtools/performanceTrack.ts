import { observeTasks, type TaskOutcome, type TaskSettleEvent } from 'react-taskgroup/core'

/** Chrome's palette for custom tracks (its user-timings extensibility API). */
const colors: Record<TaskOutcome, string> = { fulfilled: 'primary', failed: 'error', cancelled: 'tertiary' }

/** Options of `enablePerformanceTrack`. */
export interface PerformanceTrackOptions {
  /** The group of tracks the tasks appear under in Chrome's Performance panel; `'react-taskgroup'` by default. */
  trackGroup?: string
}

/**
 * Makes every task that settles from now on a `performance.measure()` entry that Chrome's
 * Performance panel draws on a track of its own, next to React's: one track per group (by
 * its name), under the track group `react-taskgroup`, coloured by outcome, with the group,
 * outcome and reason (or failure) in its properties. Returns the function that stops it.
 * Does nothing where `performance.measure` is missing.
 *
 * @example
 * if (import.meta.env.DEV) enablePerformanceTrack()
 */
export function enablePerformanceTrack(options: PerformanceTrackOptions = {}): () => void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `enablePerformanceTrack(options): options must be an object (or left out), got ${typeof options}`,
    )
  }
  const trackGroup = options.trackGroup ?? 'react-taskgroup'
  if (typeof trackGroup !== 'string') {
    throw new TypeError(
      `enablePerformanceTrack(options): options.trackGroup must be a string (or left out), got ${typeof trackGroup}`,
    )
  }
  if (typeof performance === 'undefined' || typeof performance.measure !== 'function') return () => {}
  return observeTasks((event) => {
    if (event.type === 'settle') measure(event, trackGroup)
  })
}

function measure(event: TaskSettleEvent, trackGroup: string): void {
  // A task that started before the track was enabled has no start time: it is left out.
  if (Number.isNaN(event.duration)) return
  const why =
    event.outcome === 'failed' ? String(event.error) : event.outcome === 'cancelled' ? event.reason?.message : undefined
  const properties: [string, string][] = [
    ['group', event.group],
    ['outcome', event.outcome],
  ]
  if (why !== undefined) properties.push([event.outcome === 'failed' ? 'error' : 'reason', why])
  performance.measure(event.name, {
    start: event.time - event.duration,
    end: event.time,
    detail: {
      devtools: {
        dataType: 'track-entry',
        track: event.group,
        trackGroup,
        color: colors[event.outcome],
        properties,
        tooltipText: `${event.name}: ${event.outcome}${why === undefined ? '' : ` (${why})`}`,
      },
    },
  })
}
