import { useState } from 'react'
import { now } from 'react-taskgroup/core'
import { useTaskEffect, useTaskGroup, useTimeout } from 'react-taskgroup'
import { FakeApi, statsLine, useApiStats } from '../support/fakeApi'
import { seconds, Timeline, useFrameTime } from '../support/Timeline'
import { box, Runs } from '../support/ui'

/** Seconds left until `when`, re-drawn every frame. */
function Countdown({ when }: { when: number | null }) {
  const time = useFrameTime(when !== null)
  return <span aria-label="countdown">{when === null ? 'no deadline' : `deadline in ${seconds(when - time)}`}</span>
}

/** A slow report under a deadline, with a banner once the deadline passed. */
function Report({ api, deadlineMs, reportMs }: { api: FakeApi; deadlineMs: number; reportMs: number }) {
  const deadline = useTimeout(deadlineMs)
  const group = useTaskGroup({ name: 'report', signal: deadline.signal })
  const [report, setReport] = useState<string>()
  const { reschedule } = deadline
  // A task of the group: "Try again" (deadline.reset()) opens a fresh group, and this runs again in it.
  useTaskEffect(
    async (signal) => {
      setReport(await api.request('the report', reportMs, signal))
      // useTimeout is a window that does not end with the work: the report is here, so end it.
      reschedule(null)
    },
    [api, reportMs, reschedule],
    { group, name: 'load report' },
  )
  return (
    <>
      {deadline.expired ? (
        <p role="alert" style={{ background: '#fef3c7', padding: 8 }}>
          Taking longer than expected. <button onClick={deadline.reset}>Try again</button>
        </p>
      ) : (
        <p>
          {report ?? 'Loading the report…'} (<Countdown when={report === undefined ? deadline.when : null} />){' '}
          <button disabled={report !== undefined} onClick={() => deadline.reschedule((deadline.when ?? now()) + 2000)}>
            Extend by 2 s
          </button>
        </p>
      )}
      <p aria-label="expired">expired: {String(deadline.expired)}</p>
      <Timeline
        group="report"
        status={group.status}
        error={group.error}
        span={reportMs + 500}
        markers={[{ label: 'deadline', at: deadline.when }]}
      />
    </>
  )
}

export function DeadlineBannerDemo({ deadlineMs = 2000, reportMs = 5000 }: { deadlineMs?: number; reportMs?: number }) {
  const [api] = useState(() => new FakeApi())
  const stats = useApiStats(api)
  return (
    <section style={box}>
      <Runs
        start="Load report"
        again="Start over"
        waiting="Press “Load report” to load a slow report under a deadline."
      >
        {() => <Report api={api} deadlineMs={deadlineMs} reportMs={reportMs} />}
      </Runs>
      <p aria-label="stats">{statsLine(stats)}</p>
    </section>
  )
}
