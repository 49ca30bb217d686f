import { useEffect, useState } from 'react'
import { sleep } from 'react-taskgroup/core'
import { useTaskGroup } from 'react-taskgroup'
import { Timeline } from '../support/Timeline'
import { box, Runs } from '../support/ui'

/** Five workers in one group; each result is collected by a done callback. */
function Workers({ workMs }: { workMs: number }) {
  const group = useTaskGroup({ name: 'workers' })
  const [results, setResults] = useState<number[]>([])
  const { createTask } = group
  useEffect(() => {
    for (let i = 0; i < 5; i++) {
      createTask((signal) => sleep(workMs, signal).then(() => i), { name: `worker ${i}` }).addDoneCallback((t) => {
        if (!t.cancelled()) setResults((r) => [...r, t.result()].sort((a, b) => a - b))
      })
    }
  }, [createTask, workMs])
  return (
    <>
      <Timeline group="workers" status={group.status} error={group.error} span={workMs + 200} />
      <output aria-label="printed">{results.length === 5 ? `[${results.join(', ')}]` : 'waiting…'}</output>
    </>
  )
}

export function FiveWorkersDemo({ workMs = 1000 }: { workMs?: number }) {
  return (
    <section style={box}>
      <Runs start="Run" again="Run again" waiting="Press Run to start five workers.">
        {() => <Workers workMs={workMs} />}
      </Runs>
    </section>
  )
}
