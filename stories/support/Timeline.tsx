import { useEffect, useLayoutEffect, useState } from 'react'
import { now, observeTasks, type Task, type TaskGroupError } from 'react-taskgroup/core'

/** What happened to a task, as the timeline shows it. */
export type RowState = 'running' | 'fulfilled' | 'failed' | 'cancelled' | 'timed out'

/** One task on the timeline; times are on the `now()` clock. */
export interface TimelineRow {
  readonly name: string
  readonly start: number
  readonly end: number | undefined
  readonly state: RowState
}

/** A vertical marker, such as a deadline; `at` is on the `now()` clock, `null` for none. */
export interface TimelineMarker {
  readonly label: string
  readonly at: number | null
}

// Each colour is at least 4.5:1 against white, so the state words are readable on the page.
export const stateColors: Record<RowState, string> = {
  running: '#1d4ed8',
  fulfilled: '#15803d',
  failed: '#b91c1c',
  cancelled: '#4b5563',
  'timed out': '#b45309',
}

function isDeadline(reason: Error | undefined): boolean {
  return reason?.message.startsWith('the deadline passed') ?? false
}

/**
 * Records the tasks of the group named `group` from the component's mount on. Rows are
 * keyed by the task object itself: two tasks with one name are two rows.
 */
function useTaskRows(group: string): TimelineRow[] {
  const [rows, setRows] = useState<ReadonlyMap<Task<unknown>, TimelineRow>>(new Map())
  // A layout effect: it runs before any passive effect of the page, so the timeline sees
  // the start of tasks created in effects of components mounted in the same commit.
  useLayoutEffect(
    () =>
      observeTasks((event) => {
        if (event.group !== group) return
        const { task, time } = event
        if (event.type === 'start') {
          setRows((rows) =>
            new Map(rows).set(task, { name: event.name, start: time, end: undefined, state: 'running' }),
          )
          return
        }
        const state: RowState = event.outcome === 'cancelled' && isDeadline(event.reason) ? 'timed out' : event.outcome
        setRows((rows) => {
          const row = rows.get(task)
          return row === undefined ? rows : new Map(rows).set(task, { ...row, end: time, state })
        })
      }),
    [group],
  )
  return [...rows.values()]
}

/** `now()`, re-read on every animation frame while `active` (so bars grow and countdowns run). */
export function useFrameTime(active: boolean): number {
  const [time, setTime] = useState(now)
  useEffect(() => {
    if (!active) return
    let frame = requestAnimationFrame(function tick() {
      setTime(now())
      frame = requestAnimationFrame(tick)
    })
    return () => cancelAnimationFrame(frame)
  }, [active])
  // Between frames (and once inactive) the latest reading is still the truth to draw.
  return active ? time : now()
}

/** Seconds for people: `1.8 s`, `0.3 s`. */
export function seconds(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`
}

/** A tick every `step` ms with `step` picked so that about six ticks fit the span. */
function ticksFor(span: number): number[] {
  const steps = [100, 200, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000]
  const step = steps.find((s) => span / s <= 8) ?? 60_000
  const ticks: number[] = []
  for (let t = 0; t <= span; t += step) ticks.push(t)
  return ticks
}

const labelWidth = 96
const width = 480

/**
 * A group's tasks as a live timeline: one row per task with its name and state, a bar from
 * start to end that grows while the task runs, a time axis with ticks, markers (deadlines),
 * then the group's status, its collected errors and a legend. Part of the demos only.
 */
export function Timeline(props: {
  /** The name of the group (or `useTask`) whose tasks are drawn. */
  group: string
  status: string
  error?: TaskGroupError | undefined
  /** The shortest span of the axis in ms; it grows to fit what happens. */
  span?: number
  markers?: readonly TimelineMarker[]
  /** Rows the demo keeps itself (work that is not a task, such as `useTimeout().run`). */
  extraRows?: readonly TimelineRow[]
}) {
  const [origin] = useState(now)
  const rows = [...useTaskRows(props.group), ...(props.extraRows ?? [])]
  const running = rows.some((row) => row.end === undefined)
  const markers = (props.markers ?? []).filter((m): m is { label: string; at: number } => m.at !== null)
  const pendingMarker = markers.some((m) => m.at > now())
  const time = useFrameTime(running || pendingMarker) - origin
  const latest = Math.max(time, ...rows.map((r) => (r.end ?? time) - origin), ...markers.map((m) => m.at - origin))
  const span = Math.max(props.span ?? 1000, Math.ceil(latest / 500) * 500)
  const x = (t: number) => (Math.max(0, t) / span) * width
  const ticks = ticksFor(span)
  return (
    <figure style={{ fontFamily: 'system-ui, sans-serif', fontSize: 13, margin: '12px 0', color: '#111827' }}>
      <div
        role="table"
        aria-label={`tasks of ${props.group}`}
        style={{ position: 'relative', width: labelWidth + width + 170 }}
      >
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
                style={{ position: 'absolute', left: x(t), top: 0, bottom: 0, borderLeft: '1px solid #e5e7eb' }}
              />
            ))}
            {markers.map((m) => (
              <div
                key={m.label}
                aria-label={`marker ${m.label}`}
                style={{
                  position: 'absolute',
                  left: x(m.at - origin),
                  top: -4,
                  bottom: -4,
                  borderLeft: '2px dashed #b45309',
                }}
              >
                <span
                  style={{
                    position: 'absolute',
                    bottom: -16,
                    left: 2,
                    whiteSpace: 'nowrap',
                    color: '#b45309',
                    fontSize: 11,
                  }}
                >
                  {m.label} {seconds(m.at - origin)}
                </span>
              </div>
            ))}
          </div>
          {rows.length === 0 && (
            <div style={{ height: 22, marginLeft: labelWidth, color: '#374151' }}>no tasks yet</div>
          )}
          {rows.map((row, index) => {
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
                  style={{ width: labelWidth, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                >
                  {row.name}
                </span>
                <span role="cell" style={{ position: 'relative', width, height: 12 }}>
                  <span
                    style={{
                      position: 'absolute',
                      left: x(start),
                      width: Math.max(3, x(end) - x(start)),
                      top: 0,
                      bottom: 0,
                      background: stateColors[row.state],
                      borderRadius: 3,
                      opacity: row.state === 'running' ? 0.75 : 1,
                    }}
                  />
                </span>
                <span role="cell" style={{ paddingLeft: 8, color: stateColors[row.state], fontWeight: 600 }}>
                  {row.state}
                </span>
                <span role="cell" style={{ paddingLeft: 6, color: '#374151' }}>
                  {row.end === undefined ? `${seconds(start)} →` : `${seconds(start)} – ${seconds(end)}`}
                </span>
              </div>
            )
          })}
        </div>
      </div>
      <figcaption style={{ marginTop: 20 }}>
        group “{props.group}”: <strong aria-label="group status">{props.status}</strong>
        {props.error !== undefined && (
          <ul aria-label="errors" style={{ margin: '4px 0' }}>
            {props.error.errors.map((error, index) => (
              <li key={index} style={{ color: stateColors.failed }}>
                {String(error)}
              </li>
            ))}
          </ul>
        )}
        <div aria-label="legend" style={{ display: 'flex', gap: 12, marginTop: 6, color: '#374151' }}>
          {Object.entries(stateColors).map(([state, color]) => (
            <span key={state} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
              <span style={{ width: 10, height: 10, background: color, borderRadius: 2, display: 'inline-block' }} />
              {state}
            </span>
          ))}
          {markers.length > 0 && <span style={{ color: '#b45309' }}>┆ deadline</span>}
        </div>
      </figcaption>
    </figure>
  )
}
