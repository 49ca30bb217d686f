import { act, screen } from '@testing-library/react'
import { useEffect, useLayoutEffect, useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { CancelledError, now, sleep, TimeoutError, type Task } from 'react-taskgroup/core'
import { useTaskGroup, useTimeout, type TimeoutHandle } from 'react-taskgroup'
import { advance, modes, renderIn, withFakeTime } from './helpers'

withFakeTime()

/** Renders a deadline's state, and hands its handle out from each commit. */
function Deadline(props: { delay: number | null; onHandle?: (t: TimeoutHandle) => void }) {
  const deadline = useTimeout(props.delay)
  useLayoutEffect(() => {
    props.onHandle?.(deadline)
  })
  return <p>{deadline.expired ? 'expired' : `until ${deadline.when}`}</p>
}

/** Runs a one-second job inside a 100 ms window, recording how it ended. */
function Runner({ outcomes }: { outcomes: unknown[] }) {
  const { run } = useTimeout(100)
  useEffect(() => {
    run((signal) => sleep(1000, signal)).catch((error: unknown) => outcomes.push(error))
  }, [run, outcomes])
  return null
}

describe.each(modes)('useTimeout ($mode)', (mode) => {
  it('opens its window at mount and expires at the deadline', async () => {
    const handles: TimeoutHandle[] = []
    renderIn(mode, <Deadline delay={100} onHandle={(t) => handles.push(t)} />)
    expect(screen.getByText('until 100')).toBeTruthy()
    await advance(99)
    expect(handles.at(-1)!.signal.aborted).toBe(false)
    await advance(1)
    expect(screen.getByText('expired')).toBeTruthy()
    const { signal } = handles.at(-1)!
    expect(signal.aborted).toBe(true)
    expect(signal.reason).toBeInstanceOf(CancelledError)
  })

  it('moves the deadline with reschedule() and restarts the window with reset()', async () => {
    const handles: TimeoutHandle[] = []
    renderIn(mode, <Deadline delay={100} onHandle={(t) => handles.push(t)} />)
    act(() => handles.at(-1)!.reschedule(now() + 300))
    expect(screen.getByText('until 300')).toBeTruthy()
    await advance(300)
    expect(screen.getByText('expired')).toBeTruthy()
    act(() => handles.at(-1)!.reset())
    expect(screen.getByText('until 400')).toBeTruthy()
    expect(handles.at(-1)!.signal.aborted).toBe(false)
    await advance(100)
    expect(screen.getByText('expired')).toBeTruthy()
  })

  it('keeps no deadline for null, and takes a new delay from the window start', async () => {
    const { rerender } = renderIn(mode, <Deadline delay={null} />)
    expect(screen.getByText('until null')).toBeTruthy()
    expect(vi.getTimerCount()).toBe(0)
    rerender(mode.wrap(<Deadline delay={50} />))
    expect(screen.getByText('until 50')).toBeTruthy()
    await advance(50)
    expect(screen.getByText('expired')).toBeTruthy()
  })

  it('run(): a TimeoutError when the deadline cut the work short', async () => {
    const outcomes: unknown[] = []
    renderIn(mode, <Runner outcomes={outcomes} />)
    await advance(100)
    const last = outcomes.at(-1) as TimeoutError
    expect(last).toBeInstanceOf(TimeoutError)
    expect(last.cause).toBeInstanceOf(CancelledError)
  })

  it('run(): a CancelledError, not a TimeoutError, when the component unmounts first', async () => {
    const outcomes: unknown[] = []
    const { unmount } = renderIn(mode, <Runner outcomes={outcomes} />)
    await advance(50)
    unmount()
    await advance()
    const last = outcomes.at(-1)
    expect(last).toBeInstanceOf(CancelledError)
    expect(last).not.toBeInstanceOf(TimeoutError)
    expect((last as Error).message).toBe('component unmounted')
    expect(vi.getTimerCount()).toBe(0)
  })

  it("puts a whole group under one deadline, like the seed's third program", async () => {
    const results: number[] = []
    const tasks: Task<number>[] = []
    function Fetches() {
      const deadline = useTimeout(1000)
      const group = useTaskGroup({ name: 'fetches', signal: deadline.signal })
      const { createTask } = group
      useEffect(() => {
        for (let i = 0; i < 6; i++) {
          const task = createTask((signal) => sleep(300 * i, signal).then(() => i), { name: `fetch ${i}` })
          tasks.push(task)
          task.then(
            (value) => results.push(value),
            () => {},
          )
        }
      }, [createTask])
      const outcome = deadline.expired && group.status === 'cancelled' ? 'timed out' : group.status
      return <p>{outcome}</p>
    }
    renderIn(mode, <Fetches />)
    await advance(1000)
    expect(screen.getByText('timed out')).toBeTruthy()
    expect(results.sort()).toEqual([0, 1, 2, 3])
    const cancelled = tasks.filter((t) => t.cancelled()).map((t) => t.name)
    expect(cancelled.slice(-2)).toEqual(['fetch 4', 'fetch 5'])
  })

  it('tells a timeout from a failure: a failure before the deadline is "failed", not expired', async () => {
    function Failing() {
      const deadline = useTimeout(1000)
      const group = useTaskGroup({ signal: deadline.signal })
      const { createTask } = group
      useEffect(() => {
        createTask((signal) => sleep(10, signal).then(() => Promise.reject(new Error('broken'))))
      }, [createTask])
      return <p>{`${group.status} expired=${deadline.expired}`}</p>
    }
    renderIn(mode, <Failing />)
    await advance(10)
    expect(screen.getByText('failed expired=false')).toBeTruthy()
    await advance(1000)
  })

  it('hands a group nested under it a fresh scope when it is reset', async () => {
    let reset!: () => void
    function Retry() {
      const deadline = useTimeout(100)
      reset = deadline.reset
      const group = useTaskGroup({ signal: deadline.signal })
      const [round, setRound] = useState(0)
      const { createTask } = group
      useEffect(() => {
        if (group.status === 'idle') createTask((signal) => sleep(150, signal).then(() => setRound((r) => r + 1)))
      }, [createTask, group.status, group.signal])
      return <p>{`${group.status} round ${round}`}</p>
    }
    renderIn(mode, <Retry />)
    await advance(100)
    expect(screen.getByText('cancelled round 0')).toBeTruthy()
    act(() => reset())
    await advance()
    expect(screen.getByText('running round 0')).toBeTruthy()
    await advance(100)
    expect(screen.getByText('cancelled round 0')).toBeTruthy()
  })
})
