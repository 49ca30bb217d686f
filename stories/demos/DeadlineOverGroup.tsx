import { useEffect, useState } from 'react'
import { sleep } from 'react-taskgroup/core'
import { useTaskGroup, useTimeout } from 'react-taskgroup'
import { Timeline } from '../support/Timeline'
import { box, Runs } from '../support/ui'

/** Six fetches, the i-th taking i × stepMs, in one group under one deadline. */
function Fetches({ deadlineMs, stepMs }: { deadlineMs: number; stepMs: number }) {
  const deadline = useTimeout(deadlineMs)
  const group = useTaskGroup({ name: 'fetches', signal: deadline.signal })
  const [results, setResults] = useState<number[]>([])
  const [callbackErrors, setCallbackErrors] = useState<string[]>([])
  const { createTask } = group
  useEffect(() => {
    for (let i = 0; i < 6; i++) {
      createTask((signal) => sleep(stepMs * i, signal).then(() => i), { name: `fetch ${i}` }).addDoneCallback((t) => {
        try {
          const value = t.result() // throws the CancelledError of a cancelled fetch
          setResults((r) => [...r, value].sort((a, b) => a - b))
        } catch (error) {
          // What asyncio logs for a callback that raised: shown, not thrown.
          setCallbackErrors((e) => [...e, `Exception in callback for ${t.name}: ${String(error)}`])
        }
      })
    }
  }, [createTask, stepMs])
  const timedOut = deadline.expired && group.status === 'cancelled'
  return (
    <>
      <Timeline
        group="fetches"
        status={group.status}
        error={group.error}
        span={Math.max(deadlineMs, stepMs * 5) + 200}
        markers={[{ label: 'deadline', at: deadline.when }]}
      />
      <ul aria-label="callback errors" style={{ color: '#b45309', fontFamily: 'monospace', fontSize: 12 }}>
        {callbackErrors.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <output aria-label="printed">
        {timedOut
          ? `整体操作超时，TaskGroup 中的任务已被取消 (the whole operation timed out; its tasks were cancelled) [${results.join(', ')}]`
          : group.status === 'idle' && results.length === 6
            ? `all six finished in time: [${results.join(', ')}]`
            : 'waiting…'}
      </output>
    </>
  )
}

export function DeadlineOverGroupDemo({ deadlineMs = 1000, stepMs = 300 }: { deadlineMs?: number; stepMs?: number }) {
  return (
    <section style={box}>
      <Runs start="Run" again="Run again" waiting="Press Run to start six fetches under one deadline.">
        {() => <Fetches deadlineMs={deadlineMs} stepMs={stepMs} />}
      </Runs>
    </section>
  )
}
