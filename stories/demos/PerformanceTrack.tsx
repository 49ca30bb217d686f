import { useEffect, useState } from 'react'
import { enablePerformanceTrack } from 'react-taskgroup/devtools'
import { useTaskGroup } from 'react-taskgroup'
import { taskGroup } from 'react-taskgroup/core'
import { FakeApi } from '../support/fakeApi'
import { box, Controls } from '../support/ui'

/** A measure's devtools detail, as Chrome's Performance panel reads it. */
interface TrackEntry {
  name: string
  track: string
  color: string
  properties: [string, string][]
}

/** The `performance.measure()` entries that the performance track made, newest last. */
function trackEntries(): TrackEntry[] {
  return performance
    .getEntriesByType('measure')
    .map((entry) => ({ name: entry.name, devtools: (entry as PerformanceMeasure).detail?.devtools }))
    .filter((entry) => entry.devtools?.trackGroup === 'react-taskgroup')
    .map(({ name, devtools }) => ({
      name,
      track: devtools.track,
      color: devtools.color,
      properties: devtools.properties,
    }))
}

/**
 * Three requests in a group while the performance track is on: one finishes, one fails, and
 * the third (in a nested group) is cancelled by the failure. Record a profile in Chrome's Performance panel while
 * pressing the button: each task is a bar on the "uploads" track under "react-taskgroup".
 */
export function PerformanceTrackDemo({ requestMs = 400 }: { requestMs?: number }) {
  const [api] = useState(() => new FakeApi())
  const group = useTaskGroup({ name: 'uploads' })
  const [entries, setEntries] = useState<TrackEntry[]>([])
  useEffect(() => enablePerformanceTrack(), [])
  const run = () => {
    group.reset()
    performance.clearMeasures()
    const done = () => setEntries(trackEntries())
    group.createTask((signal) => api.request('a.png', requestMs, signal), { name: 'a.png' }).then(done, done)
    group
      .createTask((signal) => api.request('b.png', requestMs * 2, signal, 'HTTP 503'), { name: 'b.png' })
      .then(done, done)
    // A nested group: its task goes on the track of the top-level scope, "uploads".
    group
      .createTask(
        (signal) =>
          taskGroup(
            (thumbnails) =>
              void thumbnails.createTask((s) => api.request('c.png', requestMs * 4, s), { name: 'c.png thumbnail' }),
            { signal, name: 'thumbnails' },
          ),
        { name: 'c.png' },
      )
      .then(done, done)
  }
  return (
    <section style={box}>
      <Controls>
        <button onClick={run}>Run three uploads</button>
      </Controls>
      <table aria-label="performance entries">
        <thead>
          <tr>
            <th>measure</th>
            <th>track</th>
            <th>colour</th>
            <th>properties</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.name}>
              <td>{entry.name}</td>
              <td>{entry.track}</td>
              <td>{entry.color}</td>
              <td>{entry.properties.map(([key, value]) => `${key}: ${value}`).join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
