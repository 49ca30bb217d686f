import type { Meta, StoryObj } from '@storybook/react-vite'
import { useEffect, useState } from 'react'
import { expect, within } from 'storybook/test'
import { sleep, TimeoutError } from 'react-taskgroup/core'
import { useTaskGroup, useTimeout } from 'react-taskgroup'
import { withClock } from './support/time'
import { Timeline } from './support/Timeline'

/** The seed's first program: five workers in a group, results collected by done callbacks. */
function FiveWorkers() {
  const group = useTaskGroup({ name: 'workers' })
  const [results, setResults] = useState<number[]>([])
  const { createTask } = group
  useEffect(() => {
    for (let i = 0; i < 5; i++) {
      createTask((signal) => sleep(1000, signal).then(() => i), { name: `worker ${i}` }).addDoneCallback((t) => {
        if (!t.cancelled()) setResults((r) => [...r, t.result()].sort())
      })
    }
  }, [createTask])
  return (
    <section>
      <Timeline group="workers" status={group.status} error={group.error} />
      <output aria-label="printed">{results.length === 5 ? `[${results.join(', ')}]` : 'waiting…'}</output>
    </section>
  )
}

/** The seed's second program: a two-second fetch inside a one-second timeout. */
function SlowFetch() {
  const deadline = useTimeout(1000)
  const [printed, setPrinted] = useState('waiting…')
  const { run } = deadline
  useEffect(() => {
    run(async (signal) => {
      await sleep(2000, signal) // the two-second fetch
      return 'OK'
    }).then(setPrinted, (error: unknown) => {
      if (error instanceof TimeoutError) setPrinted('超时被优雅捕获 (the timeout was caught gracefully)')
    })
  }, [run])
  return (
    <section style={{ fontFamily: 'system-ui, sans-serif' }}>
      <p>deadline expired: {String(deadline.expired)}</p>
      <output aria-label="printed">{printed}</output>
    </section>
  )
}

/** The seed's third program: one one-second deadline over a group of six fetches (0 to 1.5 s). */
function DeadlineOverGroup() {
  const deadline = useTimeout(1000)
  const group = useTaskGroup({ name: 'fetches', signal: deadline.signal })
  const [results, setResults] = useState<number[]>([])
  const [callbackErrors, setCallbackErrors] = useState<string[]>([])
  const { createTask } = group
  useEffect(() => {
    for (let i = 0; i < 6; i++) {
      createTask((signal) => sleep(300 * i, signal).then(() => i), { name: `fetch ${i}` }).addDoneCallback((t) => {
        try {
          const value = t.result() // throws the CancelledError for the two cancelled fetches
          setResults((r) => [...r, value].sort())
        } catch (error) {
          // What asyncio logs for a callback that raised: shown, not thrown.
          setCallbackErrors((e) => [...e, `Exception in callback for ${t.name}: ${String(error)}`])
        }
      })
    }
  }, [createTask])
  const timedOut = deadline.expired && group.status === 'cancelled'
  return (
    <section>
      <Timeline group="fetches" status={group.status} error={group.error} />
      <ul aria-label="callback errors" style={{ color: '#b45309', fontFamily: 'monospace', fontSize: 12 }}>
        {callbackErrors.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <output aria-label="printed">
        {timedOut
          ? `整体操作超时，TaskGroup 中的任务已被取消 (the whole operation timed out; its tasks were cancelled) [${results.join(', ')}]`
          : 'waiting…'}
      </output>
    </section>
  )
}

const meta: Meta = {
  title: 'Seed programs',
}
export default meta

export const TaskGroupOfFiveWorkers: StoryObj = {
  name: '1. A TaskGroup of five workers',
  render: () => <FiveWorkers />,
  parameters: {
    docs: { description: { story: 'Look for five bars that all end at 1000 ms, then `[0, 1, 2, 3, 4]`.' } },
  },
  play: withClock(async (canvas, clock) => {
    await clock.advance(999)
    // In real time (Storybook's UI) the instant before the deadline cannot be caught exactly.
    if (clock.fake) await expect(canvas.getByLabelText('printed')).toHaveTextContent('waiting…')
    await clock.advance(1)
    await expect(canvas.getByLabelText('printed')).toHaveTextContent('[0, 1, 2, 3, 4]')
    await expect(canvas.getAllByText('fulfilled')).toHaveLength(5)
  }),
}

export const TimeoutAroundASlowFetch: StoryObj = {
  name: '2. A timeout around a slow fetch',
  render: () => <SlowFetch />,
  parameters: {
    docs: { description: { story: 'The fetch takes two seconds; after one, the timeout is caught and reported.' } },
  },
  play: withClock(async (canvas, clock) => {
    await clock.advance(1000)
    await expect(canvas.getByLabelText('printed')).toHaveTextContent('超时被优雅捕获')
    await expect(canvas.getByText('deadline expired: true')).toBeInTheDocument()
  }),
}

export const DeadlineOverATaskGroup: StoryObj = {
  name: '3. One deadline over a TaskGroup',
  render: () => <DeadlineOverGroup />,
  parameters: {
    docs: {
      description: {
        story:
          'Six fetches of 0–1.5 s under a one-second deadline: four finish, two time out, the timeout is reported, and the two callbacks that read a cancelled result show their errors.',
      },
    },
  },
  play: withClock(async (canvas, clock) => {
    await clock.advance(1000)
    await expect(canvas.getByLabelText('printed')).toHaveTextContent('整体操作超时，TaskGroup 中的任务已被取消')
    await expect(canvas.getByLabelText('printed')).toHaveTextContent('[0, 1, 2, 3]')
    await expect(canvas.getAllByText('fulfilled')).toHaveLength(4)
    await expect(canvas.getAllByText('timed out')).toHaveLength(2)
    const errors = within(canvas.getByLabelText('callback errors')).getAllByRole('listitem')
    await expect(errors.map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^Exception in callback for fetch 4: CancelledError: the deadline passed/),
      expect.stringMatching(/^Exception in callback for fetch 5: CancelledError: the deadline passed/),
    ])
  }),
}
