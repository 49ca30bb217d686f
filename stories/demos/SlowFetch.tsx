import { useEffect, useState } from 'react'
import { now, sleep, TimeoutError } from 'react-taskgroup/core'
import { useTimeout } from 'react-taskgroup'
import { Timeline, type TimelineRow } from '../support/Timeline'
import { box, Runs } from '../support/ui'

/** A slow fetch inside a deadline; the timeout is caught and told apart from other errors. */
function Fetch({ fetchMs, deadlineMs }: { fetchMs: number; deadlineMs: number }) {
  const deadline = useTimeout(deadlineMs)
  const [printed, setPrinted] = useState('waiting…')
  // `run` is not a task of a group, so the demo draws its row itself.
  const [row, setRow] = useState<TimelineRow>(() => ({ name: 'fetch', start: now(), end: undefined, state: 'running' }))
  const { start } = row
  const { run } = deadline
  useEffect(() => {
    run(async (signal) => {
      await sleep(fetchMs, signal) // stands for fetch(url, { signal })
      return 'OK'
    }).then(
      (value) => {
        setRow({ name: 'fetch', start, end: now(), state: 'fulfilled' })
        setPrinted(value)
      },
      (error: unknown) => {
        const timedOut = error instanceof TimeoutError
        setRow({ name: 'fetch', start, end: now(), state: timedOut ? 'timed out' : 'cancelled' })
        if (timedOut) setPrinted('超时被优雅捕获 (the timeout was caught gracefully)')
      },
    )
  }, [run, fetchMs, start])
  return (
    <>
      <Timeline
        group="fetch"
        status={deadline.expired ? 'expired' : 'within the deadline'}
        span={Math.max(fetchMs, deadlineMs) + 200}
        markers={[{ label: 'deadline', at: deadline.when }]}
        extraRows={[row]}
      />
      <p aria-label="expired">deadline expired: {String(deadline.expired)}</p>
      <output aria-label="printed">{printed}</output>
    </>
  )
}

export function SlowFetchDemo({ fetchMs = 2000, deadlineMs = 1000 }: { fetchMs?: number; deadlineMs?: number }) {
  return (
    <section style={box}>
      <Runs start="Run" again="Run again" waiting="Press Run to start a fetch under a deadline.">
        {() => <Fetch fetchMs={fetchMs} deadlineMs={deadlineMs} />}
      </Runs>
    </section>
  )
}
