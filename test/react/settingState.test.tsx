import { renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useEffect, useState } from 'react'
import { useTaskGroup } from 'react-taskgroup'
import { CancelledError, sleep, type Task } from 'react-taskgroup/core'
import { advance, modes, withFakeTime } from './helpers'

withFakeTime()

// What the README and docs/hooks.md promise about setting state from a task when the
// component unmounts mid-load (test/setup.ts fails a test on any unhandled rejection).
describe.each(modes)('setting state from a task, unmounted mid-load ($mode)', (mode) => {
  const wrapper = ({ children }: { children: React.ReactNode }) => mode.wrap(<>{children}</>)

  it('inside the task: nothing runs after the await, nothing is unhandled', async () => {
    const after: string[] = []
    const { unmount } = renderHook(
      () => {
        const { createTask } = useTaskGroup()
        const [, setData] = useState<string>()
        useEffect(() => {
          createTask(async (signal) => {
            const data = await sleep(1_000, signal).then(() => 'data')
            after.push(data)
            setData(data)
          })
        }, [createTask])
      },
      { wrapper },
    )
    await advance(500)
    unmount()
    await advance(1_000)
    expect(after).toEqual([])
  })

  it('task.then(ok, () => {}): ok is never called, nothing is unhandled', async () => {
    const fulfilled: string[] = []
    const { unmount } = renderHook(
      () => {
        const { createTask } = useTaskGroup()
        useEffect(() => {
          createTask((signal) => sleep(1_000, signal).then(() => 'data')).then(
            (data) => void fulfilled.push(data),
            () => {},
          )
        }, [createTask])
      },
      { wrapper },
    )
    await advance(500)
    unmount()
    await advance(1_000)
    expect(fulfilled).toEqual([])
  })

  it('task.then(ok) alone rejects with the unmount’s CancelledError, as documented', async () => {
    const derived: Promise<void>[] = []
    const { unmount } = renderHook(
      () => {
        const { createTask } = useTaskGroup()
        useEffect(() => {
          const task: Task<string> = createTask((signal) => sleep(1_000, signal).then(() => 'data'))
          // Held here so the test can look at it; left alone, it is an unhandled rejection.
          const promise = task.then(() => {})
          promise.catch(() => {})
          derived.push(promise)
        }, [createTask])
      },
      { wrapper },
    )
    unmount()
    await advance(0)
    const reason = await derived.at(-1)!.then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(reason).toBeInstanceOf(CancelledError)
    expect((reason as Error).message).toBe('component unmounted')
  })
})
