import { useEffect, useState } from 'react'
import { useTaskGroup } from 'react-taskgroup'
import { FakeApi } from '../support/fakeApi'
import { Timeline } from '../support/Timeline'
import { box, Runs } from '../support/ui'

const widgets = [
  { name: 'profile', ms: 400 },
  { name: 'orders', ms: 700 },
  { name: 'ads', ms: 300, fail: 'ads failed: 503 from the ad server' },
  { name: 'stats', ms: 900, failOnCancel: 'stats: cache write failed while cancelling' },
  { name: 'news', ms: 600 },
]

/** Five widgets load in one group: the first failure cancels the rest. */
function Dashboard({ api, adsFail }: { api: FakeApi; adsFail: boolean }) {
  const group = useTaskGroup({ name: 'dashboard' })
  const [loaded, setLoaded] = useState<string[]>([])
  const { createTask } = group
  useEffect(() => {
    for (const widget of widgets) {
      createTask(
        async (signal) => {
          try {
            await api.request(widget.name, widget.ms, signal, adsFail ? widget.fail : undefined)
          } catch (error) {
            // A widget whose cleanup fails while it is being cancelled: a second error.
            if (signal.aborted && widget.failOnCancel) throw new Error(widget.failOnCancel, { cause: error })
            throw error
          }
          setLoaded((names) => [...names, widget.name])
        },
        { name: widget.name },
      ).then(
        () => {},
        () => {}, // every failure is collected in group.error
      )
    }
  }, [api, createTask, adsFail])
  return (
    <>
      <p>loaded: {loaded.join(', ') || 'nothing yet'}</p>
      <Timeline group="dashboard" status={group.status} error={group.error} span={1000} />
    </>
  )
}

export function DashboardDemo({ adsFail = true }: { adsFail?: boolean }) {
  const [api] = useState(() => new FakeApi())
  return (
    <section style={box}>
      <Runs
        start="Load dashboard"
        again="Load again"
        waiting="Press “Load dashboard” to load five widgets in one group."
      >
        {() => <Dashboard api={api} adsFail={adsFail} />}
      </Runs>
    </section>
  )
}
