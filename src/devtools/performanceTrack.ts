import {
  captureTaskTree,
  observeTasks,
  type TaskOutcome,
  type TaskSettleEvent,
  type TaskTreeNode,
} from 'react-taskgroup/core'

/** Chrome's palette for custom tracks (its user-timings extensibility API). */
const colors: Record<TaskOutcome, string> = { fulfilled: 'primary', failed: 'error', cancelled: 'tertiary' }

/** Options of `enablePerformanceTrack`. */
export interface PerformanceTrackOptions {
  /** The group of tracks the tasks appear under in Chrome's Performance panel; `'react-taskgroup'` by default. */
  trackGroup?: string
}

/**
 * Makes every task that settles from now on a `performance.measure()` entry that Chrome's
 * Performance panel draws on a track of its own, next to React's: one track per top-level
 * scope (by its name; a nested group's tasks go on the track of the scope it nests in),
 * under the track group `react-taskgroup`, coloured by outcome, with the group, outcome and
 * reason (or failure) in its properties. Returns the function that stops it.
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
  const tracks = new TrackNames()
  return observeTasks((event) => {
    if (event.type === 'settle') measure(event, trackGroup, tracks)
  })
}

/**
 * The track of a task: the name of the top-level scope its group sits in. Found in a task
 * tree captured when a group's name is first seen, then remembered by that name (a group
 * settles after its tasks, so it is still in the tree when the first of them settles).
 */
class TrackNames {
  readonly #byGroup = new Map<string, string>()

  of(group: string): string {
    let track = this.#byGroup.get(group)
    if (track === undefined) {
      // Unnamed groups are all new names: keep the memory bounded.
      if (this.#byGroup.size > 1000) this.#byGroup.clear()
      for (const root of captureTaskTree()) this.#remember(root, root.name)
      track = this.#byGroup.get(group) ?? group
      this.#byGroup.set(group, track)
    }
    return track
  }

  #remember(node: TaskTreeNode, root: string): void {
    if (node.kind === 'group' && !this.#byGroup.has(node.name)) this.#byGroup.set(node.name, root)
    for (const child of node.children) this.#remember(child, root)
  }
}

function measure(event: TaskSettleEvent, trackGroup: string, tracks: TrackNames): void {
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
        track: tracks.of(event.group),
        trackGroup,
        color: colors[event.outcome],
        properties,
        tooltipText: `${event.name}: ${event.outcome}${why === undefined ? '' : ` (${why})`}`,
      },
    },
  })
}
