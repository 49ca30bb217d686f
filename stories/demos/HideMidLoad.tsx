import { useEffect, useState } from 'react'
import { useTaskGroup } from 'react-taskgroup'
import { FakeApi, statsLine, useApiStats } from '../support/fakeApi'
import { Timeline } from '../support/Timeline'
import { box, Controls } from '../support/ui'

/** A panel that loads three slow rows in its own group. */
function SlowPanel({ api, requestMs }: { api: FakeApi; requestMs: number }) {
  const group = useTaskGroup({ name: 'panel' })
  const [rows, setRows] = useState(0)
  const { createTask } = group
  useEffect(() => {
    for (let i = 0; i < 3; i++) {
      createTask((signal) => api.request(i, requestMs, signal), { name: `row ${i}` }).then(
        () => setRows((n) => n + 1),
        () => {},
      )
    }
  }, [api, createTask, requestMs])
  return <p>panel: {rows} of 3 rows loaded</p>
}

export function HideMidLoadDemo({ requestMs = 2000 }: { requestMs?: number }) {
  const [api] = useState(() => new FakeApi())
  const [shown, setShown] = useState(false)
  const [opened, setOpened] = useState(0)
  const stats = useApiStats(api)
  const toggle = () => {
    if (!shown) setOpened((n) => n + 1)
    setShown(!shown)
  }
  return (
    <section style={box}>
      <Controls>
        <button onClick={toggle}>{shown ? 'Hide panel' : 'Show panel'}</button>
      </Controls>
      {shown ? <SlowPanel api={api} requestMs={requestMs} /> : <p>panel hidden</p>}
      <p aria-label="stats">{statsLine(stats)}</p>
      {/* Outside the panel, so it still shows the rows after the panel unmounted. */}
      <Timeline key={opened} group="panel" status={shown ? 'mounted' : 'unmounted'} span={requestMs + 200} />
    </section>
  )
}
