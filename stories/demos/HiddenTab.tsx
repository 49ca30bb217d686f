import { Activity, useState } from 'react'
import { useTaskGroup, type TaskGroupHandle } from 'react-taskgroup'
import { FakeApi, statsLine, useApiStats } from '../support/fakeApi'
import { Timeline } from '../support/Timeline'
import { box, Controls, Runs } from '../support/ui'

const files = ['a.png', 'b.png', 'c.png']

/**
 * The uploads tab: one click uploads the three files twice, in the page's group (lifted above
 * the <Activity>) and in the tab's own group. Hiding the tab destroys the tab's effects, and
 * with them its own group: those uploads are aborted; the page's group lives on.
 */
function UploadsTab({ api, page, uploadMs }: { api: FakeApi; page: TaskGroupHandle; uploadMs: number }) {
  const own = useTaskGroup({ name: 'uploads in the tab' })
  // State survives the hide: the counts are the tab's, kept by React while it is hidden.
  const [done, setDone] = useState({ page: 0, own: 0 })
  const upload = () => {
    for (const file of files) {
      page.createTask(
        async (signal) => {
          await api.request(file, uploadMs, signal)
          setDone((d) => ({ ...d, page: d.page + 1 }))
        },
        { name: file },
      )
      own.createTask(
        async (signal) => {
          await api.request(file, uploadMs, signal)
          setDone((d) => ({ ...d, own: d.own + 1 }))
        },
        { name: file },
      )
    }
  }
  return (
    <>
      <Controls>
        <button onClick={upload} disabled={page.running + own.running > 0}>
          Upload 3 files
        </button>
      </Controls>
      <p aria-label="page uploads">group above the tab: {done.page} of 3 uploaded</p>
      <p aria-label="tab uploads">group inside the tab: {done.own} of 3 uploaded</p>
    </>
  )
}

function Page({ api, uploadMs }: { api: FakeApi; uploadMs: number }) {
  // Lifted above the <Activity>: its tasks belong to the page, not to the tab that starts them.
  const page = useTaskGroup({ name: 'uploads of the page' })
  const [tab, setTab] = useState<'uploads' | 'settings'>('uploads')
  return (
    <>
      <div role="tablist" style={{ display: 'flex', gap: 4 }}>
        {(['uploads', 'settings'] as const).map((name) => (
          <button key={name} role="tab" aria-selected={tab === name} onClick={() => setTab(name)}>
            {name === 'uploads' ? 'Uploads tab' : 'Settings tab'}
          </button>
        ))}
      </div>
      <Activity mode={tab === 'uploads' ? 'visible' : 'hidden'}>
        <UploadsTab api={api} page={page} uploadMs={uploadMs} />
      </Activity>
      <Activity mode={tab === 'settings' ? 'visible' : 'hidden'}>
        <p>Settings. The uploads tab is hidden: its own group was cancelled, the page’s goes on.</p>
      </Activity>
      {/* Outside the <Activity>: a timeline inside it would stop listening while hidden. */}
      <Timeline
        group="uploads in the tab"
        status={tab === 'uploads' ? 'shown' : 'hidden: its effects, and its group, destroyed'}
        span={uploadMs + 500}
      />
      <Timeline group="uploads of the page" status={page.status} span={uploadMs + 500} />
    </>
  )
}

export function HiddenTabDemo({ uploadMs = 2000 }: { uploadMs?: number }) {
  const [api] = useState(() => new FakeApi())
  const stats = useApiStats(api)
  return (
    <section style={box}>
      <Runs
        start="Open the page"
        again="Open it afresh"
        waiting="Press “Open the page”, upload, then switch to the settings tab before the uploads finish."
      >
        {() => <Page api={api} uploadMs={uploadMs} />}
      </Runs>
      <p aria-label="stats">{statsLine(stats)}</p>
    </section>
  )
}
