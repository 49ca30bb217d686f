import { type ReactNode, useEffect, useLayoutEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { now, observeTasks, type Task, type TaskEvent } from 'react-taskgroup/core'
import { cancelFrame, requestFrame } from './env'

/** What happened to a task, as the timeline shows it. */
export type TimelineRowState = 'running' | 'fulfilled' | 'failed' | 'cancelled' | 'timed out'

/** One bar on the timeline; times are on the `now()` clock. */
export interface TimelineRow {
  readonly name: string
  /** The name of the task's group (the section it is drawn in when the timeline shows every group). */
  readonly group?: string
  readonly start: number
  readonly end: number | undefined
  readonly state: TimelineRowState
}

/** A vertical marker, such as a deadline; `at` is on the `now()` clock, `null` for none (not drawn). */
export interface TimelineMarker {
  readonly label: string
  readonly at: number | null
}

/** Props of `<TaskTimeline />`. */
export interface TaskTimelineProps {
  /** Draw only the tasks of the group (or hook scope) with this name; by default every group's, one section each. */
  group?: string
  /** The shortest span of the time axis in ms (1000 by default); it grows to fit what happens. */
  span?: number
  /** Vertical lines at given times, such as a deadline. */
  markers?: readonly TimelineMarker[]
  /** Rows kept by the caller (work that is not a task), drawn after the recorded ones. */
  extraRows?: readonly TimelineRow[]
  /** How many settled tasks stay on the timeline (the latest ones); 300 by default. Running tasks always do. */
  limit?: number
  /** The width of the bars' area in CSS pixels; 480 by default. */
  width?: number
  /** Shown under the rows, above the legend: the caller's status line. */
  children?: ReactNode
}

// Each colour is at least 4.5:1 against white, so the state words are readable on the page.
export const timelineColors: Record<TimelineRowState, string> = {
  running: '#1d4ed8',
  fulfilled: '#15803d',
  failed: '#b91c1c',
  cancelled: '#4b5563',
  'timed out': '#b45309',
}

const deadlineColor = '#b45309'

function isDeadline(reason: Error | undefined): boolean {
  return reason?.message.startsWith('the deadline passed') ?? false
}

/**
 * Records tasks as they start and settle (those of one group, or all), keeping the running
 * ones and the latest `limit` settled ones. Recording costs a map update per event; the rows
 * are copied for React only when read, and readers are told at most once per frame, so a
 * burst of a thousand tasks is one render.
 */
export class TimelineRecorder {
  readonly #group: string | undefined
  readonly #limit: number
  readonly #rows = new Map<Task<unknown>, TimelineRow>()
  readonly #listeners = new Set<() => void>()
  #settled = 0
  #snapshot: readonly TimelineRow[] = []
  #stale = false
  #frame: number | undefined

  constructor(group: string | undefined, limit: number) {
    this.#group = group
    this.#limit = limit
  }

  /** Starts recording; returns the function that stops it. */
  start(): () => void {
    const stop = observeTasks((event) => this.#record(event))
    return () => {
      stop()
      if (this.#frame !== undefined) cancelFrame(this.#frame)
      this.#frame = undefined
    }
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  readonly getSnapshot = (): readonly TimelineRow[] => {
    if (this.#stale) {
      this.#stale = false
      this.#snapshot = [...this.#rows.values()]
    }
    return this.#snapshot
  }

  #record(event: TaskEvent): void {
    if (this.#group !== undefined && event.group !== this.#group) return
    const { task, time } = event
    if (event.type === 'start') {
      this.#rows.set(task, { name: event.name, group: event.group, start: time, end: undefined, state: 'running' })
    } else {
      const row = this.#rows.get(task)
      if (row === undefined) return
      const state = event.outcome === 'cancelled' && isDeadline(event.reason) ? 'timed out' : event.outcome
      // Setting an existing key keeps its place: rows stay in the order their tasks started.
      this.#rows.set(task, { ...row, end: time, state })
      if (++this.#settled > this.#limit) this.#dropOldestSettled()
    }
    this.#stale = true
    this.#frame ??= requestFrame(() => {
      this.#frame = undefined
      for (const listener of this.#listeners) listener()
    })
  }

  #dropOldestSettled(): void {
    for (const [task, row] of this.#rows) {
      if (row.end !== undefined) {
        this.#rows.delete(task)
        this.#settled--
        return
      }
    }
  }
}

/** `now()`, re-read on every animation frame while `active` (so bars grow and countdowns run). */
export function useFrameTime(active: boolean): number {
  const [time, setTime] = useState(now)
  useEffect(() => {
    if (!active) return
    let frame = requestFrame(function tick() {
      setTime(now())
      frame = requestFrame(tick)
    })
    return () => cancelFrame(frame)
  }, [active])
  // Between frames (and once inactive) the latest reading is still the truth to draw.
  return active ? time : now()
}

/** Seconds for people: `1.8 s`, `0.3 s`. */
export function seconds(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`
}

/** A tick every `step` ms with `step` picked so that at most `most` ticks fit the span. */
function ticksFor(span: number, most: number): number[] {
  const steps = [100, 200, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000, 300_000, 600_000]
  const step = steps.find((s) => span / s <= most) ?? 3_600_000
  const ticks: number[] = []
  for (let t = 0; t <= span; t += step) ticks.push(t)
  return ticks
}

/**
 * Tasks as a live timeline: one row per task with its name and state, a bar from start to
 * end that grows while the task runs, a time axis, markers (deadlines) and a legend. With
 * `group`, the tasks of that group; without, every group's, one section per group. It records
 * from its mount on, keeps the latest `limit` settled tasks, and re-renders at most once per
 * animation frame however many tasks settle. Unlike `<TaskDevtools />` it renders in
 * production builds too: it is a view an app may show its users.
 *
 * @example
 * <TaskTimeline group="checkout" />
 */
export function TaskTimeline(props: TaskTimelineProps): ReactNode {
  const { group, limit = 300 } = props
  if (group !== undefined && typeof group !== 'string') {
    throw new TypeError(`<TaskTimeline group>: group must be a group's name (a string), got ${typeof group}`)
  }
  if (!Number.isInteger(limit) || limit < 0) {
    throw new RangeError(`<TaskTimeline limit>: limit must be a whole number of tasks ≥ 0, got ${String(limit)}`)
  }
  const recorder = useMemo(() => new TimelineRecorder(group, limit), [group, limit])
  // A layout effect: it runs before any passive effect of the page, so the timeline sees the
  // start of tasks created in effects of components mounted in the same commit.
  useLayoutEffect(() => recorder.start(), [recorder])
  return <TimelineView recorder={recorder} {...props} />
}

/** The timeline of what `recorder` records (the panel keeps one recorder for its whole life). */
export function TimelineView(props: TaskTimelineProps & { recorder: TimelineRecorder }): ReactNode {
  const { recorder } = props
  const recorded = useSyncExternalStore(recorder.subscribe, recorder.getSnapshot, recorder.getSnapshot)
  const [mountedAt] = useState(now)
  const rows = props.extraRows === undefined ? recorded : [...recorded, ...props.extraRows]
  const running = rows.some((row) => row.end === undefined)
  const markers = (props.markers ?? []).filter((m): m is { label: string; at: number } => m.at !== null)
  const pendingMarker = markers.some((m) => m.at > now())
  // Times are drawn from the earlier of the mount and the first kept row (a recorder that
  // started before this view, as the panel's, has older rows).
  let origin = mountedAt
  for (const row of rows) origin = Math.min(origin, row.start)
  const time = useFrameTime(running || pendingMarker) - origin
  let latest = Math.max(time, ...markers.map((m) => m.at - origin))
  for (const row of rows) latest = Math.max(latest, (row.end ?? time + origin) - origin)
  const span = Math.max(props.span ?? 1000, Math.ceil(latest / 500) * 500)
  const width = props.width ?? 480
  const x = (t: number) => (Math.max(0, t) / span) * width
  const ticks = ticksFor(span, Math.max(2, Math.floor(width / 60)))
  const sections =
    props.group === undefined ? groupsOf(rows) : [{ group: props.group, rows: rows as readonly TimelineRow[] }]
  const labelWidth = 96
  return (
    <figure style={{ fontFamily: 'system-ui, sans-serif', fontSize: 13, margin: '12px 0', color: '#111827' }}>
      <div style={{ position: 'relative', height: 18, marginLeft: labelWidth, width }} aria-hidden>
        {ticks.map((t) => (
          <span
            key={t}
            style={{
              position: 'absolute',
              left: x(t),
              transform: 'translateX(-50%)',
              whiteSpace: 'nowrap',
              color: '#374151',
              fontSize: 11,
            }}
          >
            {seconds(t)}
          </span>
        ))}
      </div>
      <div style={{ position: 'relative' }}>
        <div aria-hidden style={{ position: 'absolute', left: labelWidth, top: 0, bottom: 0, width }}>
          {ticks.map((t) => (
            <div
              key={t}
              style={{
                position: 'absolute',
                left: x(t),
                top: 0,
                bottom: 0,
                borderLeft: '1px solid #e5e7eb',
              }}
            />
          ))}
        </div>
        {markers.map((m) => (
          <div
            key={m.label}
            aria-label={`marker ${m.label}`}
            style={{
              position: 'absolute',
              left: labelWidth + x(m.at - origin),
              top: -4,
              bottom: -4,
              borderLeft: `2px dashed ${deadlineColor}`,
            }}
          >
            <span
              style={{
                position: 'absolute',
                bottom: -16,
                left: 2,
                whiteSpace: 'nowrap',
                color: deadlineColor,
                fontSize: 11,
              }}
            >
              {m.label} {seconds(m.at - origin)}
            </span>
          </div>
        ))}
        {sections.length === 0 && (
          <div style={{ height: 22, marginLeft: labelWidth, color: '#374151' }}>no tasks yet</div>
        )}
        {sections.map((section) => (
          <div
            key={section.group}
            role="table"
            aria-label={`tasks of ${section.group}`}
            style={{ position: 'relative', width: labelWidth + width + 170 }}
          >
            {props.group === undefined && (
              <div role="row" style={{ fontWeight: 600, color: '#374151', paddingTop: 4 }}>
                <span role="columnheader">{section.group}</span>
              </div>
            )}
            {section.rows.length === 0 && (
              <div style={{ height: 22, marginLeft: labelWidth, color: '#374151' }}>no tasks yet</div>
            )}
            {section.rows.map((row, index) => {
              const start = row.start - origin
              const end = row.end === undefined ? time : row.end - origin
              return (
                <div
                  role="row"
                  key={index}
                  aria-label={`task ${row.name}`}
                  style={{ display: 'flex', alignItems: 'center', height: 22 }}
                >
                  <span
                    role="cell"
                    title={row.name}
                    style={{ width: labelWidth, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                  >
                    {row.name}
                  </span>
                  <span role="cell" style={{ position: 'relative', width, height: 12, flex: 'none' }}>
                    <span
                      style={{
                        position: 'absolute',
                        left: x(start),
                        width: Math.max(3, x(end) - x(start)),
                        top: 0,
                        bottom: 0,
                        background: timelineColors[row.state],
                        borderRadius: 3,
                        opacity: row.state === 'running' ? 0.75 : 1,
                      }}
                    />
                  </span>
                  <span role="cell" style={{ paddingLeft: 8, color: timelineColors[row.state], fontWeight: 600 }}>
                    {row.state}
                  </span>
                  <span role="cell" style={{ paddingLeft: 6, color: '#374151', whiteSpace: 'nowrap' }}>
                    {row.end === undefined ? `${seconds(start)} →` : `${seconds(start)} – ${seconds(end)}`}
                  </span>
                </div>
              )
            })}
          </div>
        ))}
      </div>
      <figcaption style={{ marginTop: 20 }}>
        {props.children}
        <div aria-label="legend" style={{ display: 'flex', flexWrap: 'wrap', gap: 12, marginTop: 6, color: '#374151' }}>
          {Object.entries(timelineColors).map(([state, color]) => (
            <span key={state} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
              <span style={{ width: 10, height: 10, background: color, borderRadius: 2, display: 'inline-block' }} />
              {state}
            </span>
          ))}
          {markers.length > 0 && <span style={{ color: deadlineColor }}>┆ deadline</span>}
        </div>
      </figcaption>
    </figure>
  )
}

/** Rows by group, in the order each group first appears. */
function groupsOf(rows: readonly TimelineRow[]): { group: string; rows: TimelineRow[] }[] {
  const sections = new Map<string, TimelineRow[]>()
  for (const row of rows) {
    const group = row.group ?? '(no group)'
    let section = sections.get(group)
    if (section === undefined) sections.set(group, (section = []))
    section.push(row)
  }
  return [...sections].map(([group, rows]) => ({ group, rows }))
}
