import { useEffect, useState } from 'react'
import { useTaskGroup } from 'react-taskgroup'
import { FakeApi } from '../support/fakeApi'
import { Timeline } from '../support/Timeline'
import { box, Controls, Runs } from '../support/ui'

const pollers = ['prices', 'inbox', 'flaky']

/** Three pollers in an isolated group: one failing does not cancel the others. */
function Pollers({ api, intervalMs, flakyFails }: { api: FakeApi; intervalMs: number; flakyFails: boolean }) {
  const group = useTaskGroup({ name: 'pollers', isolate: true })
  const [polls, setPolls] = useState<Record<string, number>>({})
  const { createTask } = group
  useEffect(() => {
    for (const name of pollers) {
      createTask(
        async (signal) => {
          for (let poll = 1; ; poll++) {
            const fail = flakyFails && name === 'flaky' && poll === 3 ? 'flaky: poll 3 failed' : undefined
            await api.request(poll, intervalMs, signal, fail)
            setPolls((counts) => ({ ...counts, [name]: poll }))
          }
        },
        { name },
      ).then(
        () => {},
        () => {}, // in group.error; the other pollers keep going
      )
    }
  }, [api, createTask, intervalMs, flakyFails])
  return (
    <>
      <Controls>
        <button disabled={group.status !== 'running'} onClick={() => group.cancel('stopped by the user')}>
          Stop polling
        </button>
      </Controls>
      <ul aria-label="polls">
        {pollers.map((name) => (
          <li key={name}>{`${name}: ${polls[name] ?? 0} polls`}</li>
        ))}
      </ul>
      <Timeline group="pollers" status={group.status} error={group.error} span={intervalMs * 6} />
    </>
  )
}

export function PollersDemo({ intervalMs = 500, flakyFails = true }: { intervalMs?: number; flakyFails?: boolean }) {
  const [api] = useState(() => new FakeApi())
  return (
    <section style={box}>
      <Runs start="Start polling" again="Start again" waiting="Press “Start polling” to start three pollers.">
        {() => <Pollers api={api} intervalMs={intervalMs} flakyFails={flakyFails} />}
      </Runs>
    </section>
  )
}
