import { act, renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { now, sleep, type Task } from 'react-taskgroup/core'
import { useTaskGroup } from 'react-taskgroup'
import { advance, modes, withFakeTime } from './helpers'

withFakeTime()

// useTaskGroup({ timeout }): a deadline that ends with its work, as `async with timeout()`
// ends with its block; each burst of work gets a fresh window.
describe.each(modes)('useTaskGroup({ timeout }) ($mode)', (mode) => {
  const wrapper = ({ children }: { children: React.ReactNode }) => mode.wrap(<>{children}</>)
  const render = () => renderHook(() => useTaskGroup({ name: 'report', timeout: 5_000 }), { wrapper })

  it('never fires once the work finished in time', async () => {
    const { result } = render()
    act(() => void result.current.createTask((signal) => sleep(20, signal)))
    expect(result.current.deadline).toBe(now() + 5_000)
    await advance(20)
    expect(result.current).toMatchObject({ status: 'idle', expired: false, deadline: null })
    await advance(10_000)
    expect(result.current).toMatchObject({ status: 'idle', expired: false })
  })

  it('cancels the work still running at the deadline: status cancelled, expired', async () => {
    const { result } = render()
    let task!: Task<void>
    act(() => void (task = result.current.createTask((signal) => sleep(60_000, signal))))
    await advance(4_999)
    expect(result.current.status).toBe('running')
    await advance(1)
    expect(result.current).toMatchObject({ status: 'cancelled', expired: true })
    expect(task.cancelled()).toBe(true)
    expect((task.signal.reason as Error).message).toMatch(
      /^the deadline passed: TaskGroup "report" timeout of 5000 ms, at [\d.]+ ms on the now\(\) clock$/,
    )
    act(() => result.current.reset())
    expect(result.current).toMatchObject({ status: 'idle', expired: false, deadline: null })
  })

  it('gives each burst of work a fresh window', async () => {
    const { result } = render()
    act(() => void result.current.createTask((signal) => sleep(3_000, signal)))
    await advance(4_000) // done at 3 s; idle for a second
    act(() => void result.current.createTask((signal) => sleep(3_000, signal)))
    expect(result.current.deadline).toBe(now() + 5_000)
    await advance(3_000) // 7 s from the first window's start: in time for the second one
    expect(result.current).toMatchObject({ status: 'idle', expired: false })
  })

  it('refuses a timeout that is not a number of milliseconds', () => {
    expect(() => renderHook(() => useTaskGroup({ timeout: Number.NaN }), { wrapper })).toThrow(/options.timeout/)
  })
})
