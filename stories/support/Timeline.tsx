import { useEffect, useState } from 'react'
import { now, observeTasks, type TaskGroupError } from 'react-taskgroup/core'

/** One task as the timeline shows it. */
interface Row {
  readonly name: string
  readonly start: number
  readonly end: number | undefined
  readonly state: 'running' | 'fulfilled' | 'failed' | 'cancelled' | 'timed out'
}

/**
 * Records the tasks of the group named `group`, from the component's mount on: start, end
 * and final state. A task cancelled by a deadline is shown as "timed out".
 */
function useTaskRows(group: string): { rows: Row[]; origin: number } {
  const [origin] = useState(now)
  const [rows, setRows] = useState<Row[]>([])
  useEffect(
    () =>
      observeTasks((event) => {
        if (event.group !== group) return
        const at = Math.round(event.time - origin)
        if (event.type === 'start') {
          setRows((rows) => [...rows, { name: event.name, start: at, end: undefined, state: 'running' }])
          return
        }
        const timedOut = event.outcome === 'cancelled' && event.reason?.message.startsWith('the deadline passed')
        const state = timedOut ? 'timed out' : event.outcome
        setRows((rows) =>
          rows.map((row) => (row.name === event.name && row.end === undefined ? { ...row, end: at, state } : row)),
        )
      }),
    [group, origin],
  )
  return { rows, origin }
}

const colors: Record<Row['state'], string> = {
  running: '#3b82f6',
  fulfilled: '#16a34a',
  failed: '#dc2626',
  cancelled: '#9ca3af',
  'timed out': '#d97706',
}

/**
 * A group's tasks as a live timeline: one row per task with its name, start, end and final
 * state, then the group's status and its collected errors. Part of the demos only.
 */
export function Timeline(props: { group: string; status: string; error?: TaskGroupError | undefined; scale?: number }) {
  const { rows } = useTaskRows(props.group)
  const scale = props.scale ?? 0.2 // pixels per millisecond
  return (
    <figure style={{ fontFamily: 'system-ui, sans-serif', fontSize: 13, margin: '12px 0' }}>
      <table style={{ borderCollapse: 'collapse' }} aria-label={`tasks of ${props.group}`}>
        <thead>
          <tr style={{ textAlign: 'left' }}>
            <th>task</th>
            <th>start</th>
            <th>end</th>
            <th>state</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index} aria-label={`task ${row.name}`}>
              <td style={{ paddingRight: 12 }}>{row.name}</td>
              <td style={{ paddingRight: 12 }}>{row.start} ms</td>
              <td style={{ paddingRight: 12 }}>{row.end === undefined ? '…' : `${row.end} ms`}</td>
              <td style={{ paddingRight: 12, color: colors[row.state] }}>{row.state}</td>
              <td>
                <div
                  style={{
                    marginLeft: row.start * scale,
                    width: Math.max(2, ((row.end ?? row.start) - row.start) * scale),
                    height: 10,
                    background: colors[row.state],
                    borderRadius: 2,
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <figcaption style={{ marginTop: 8 }}>
        group “{props.group}”: <strong aria-label="group status">{props.status}</strong>
        {props.error !== undefined && (
          <ul aria-label="errors">
            {props.error.errors.map((error, index) => (
              <li key={index} style={{ color: colors.failed }}>
                {String(error)}
              </li>
            ))}
          </ul>
        )}
      </figcaption>
    </figure>
  )
}
