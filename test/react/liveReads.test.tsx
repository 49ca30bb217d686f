import { act, fireEvent, renderHook, screen } from '@testing-library/react'
import { useEffect, useState } from 'react'
import { describe, expect, it } from 'vitest'
import { sleep, TaskGroupError } from 'react-taskgroup/core'
import { useTask, useTaskGroup, useTimeout } from 'react-taskgroup'
import { advance, modes, renderIn, withFakeTime } from './helpers'

withFakeTime()

const fail = (ms: number) => async (signal: AbortSignal) => {
  await sleep(ms, signal)
  throw new Error('boom')
}

// A handle's fields read outside render (event handlers, effects, timers, tests) give the
// scope's current state, never the state of the render that made the handle.
describe.each(modes)('a handle read outside render ($mode)', (mode) => {
  const wrapper = ({ children }: { children: React.ReactNode }) => mode.wrap(<>{children}</>)

  it('useTaskGroup: renderHook’s result.current shows the failure', async () => {
    const { result } = renderHook(() => useTaskGroup(), { wrapper })
    act(() => void result.current.createTask(fail(10)))
    expect(result.current.running).toBe(1)
    await advance(10)
    expect(result.current.status).toBe('failed')
    expect(result.current.error).toBeInstanceOf(TaskGroupError)
    expect(result.current.running).toBe(0)
  })

  it('useTaskGroup: a task that rejects with no reason fails the group', async () => {
    const { result } = renderHook(() => useTaskGroup(), { wrapper })
    act(() => void result.current.createTask(() => Promise.reject(undefined)))
    await advance()
    expect(result.current.status).toBe('failed')
    expect(result.current.error!.errors).toEqual([undefined])
  })

  it('useTaskGroup: a click handler of a component that renders only a button sees the failure', async () => {
    const seen: string[] = []
    function OnlyAButton() {
      const group = useTaskGroup()
      const { createTask } = group
      useEffect(() => void createTask(fail(10)), [createTask])
      return <button onClick={() => seen.push(group.status)}>check</button>
    }
    renderIn(mode, <OnlyAButton />)
    await advance(10)
    fireEvent.click(screen.getByText('check'))
    expect(seen).toEqual(['failed'])
  })

  it('useTaskGroup: a field first read outside render shows its current value at the next render', async () => {
    function Lazy() {
      const group = useTaskGroup()
      const [shown, setShown] = useState<string>()
      const { createTask } = group
      useEffect(() => void createTask(fail(10)), [createTask])
      return (
        <>
          <button onClick={() => setShown(`clicked while ${group.status}`)}>show</button>
          {shown !== undefined && <p>{`${shown}, rendered ${group.status}`}</p>}
        </>
      )
    }
    renderIn(mode, <Lazy />)
    await advance(10)
    fireEvent.click(screen.getByText('show'))
    expect(screen.getByText('clicked while failed, rendered failed')).toBeTruthy()
  })

  it('useTimeout: result.current.expired turns true at the deadline', async () => {
    const { result } = renderHook(() => useTimeout(100), { wrapper })
    const handle = result.current
    await advance(99)
    expect(handle.expired).toBe(false)
    await advance(1)
    expect(result.current.expired).toBe(true)
    expect(handle.expired).toBe(true) // an older handle, read outside render, is live too
    expect(result.current.signal.aborted).toBe(true)
  })

  it('useTask: result.current shows value, isRunning, last, lastSuccessful and error', async () => {
    const { result } = renderHook(
      () =>
        useTask(async (signal, n: number) => {
          await sleep(10, signal)
          if (n < 0) throw new Error(`negative: ${n}`)
          return n * 2
        }),
      { wrapper },
    )
    act(() => void result.current.perform(2).then(undefined, () => {}))
    expect(result.current.isRunning).toBe(true)
    await advance(10)
    expect(result.current).toMatchObject({ value: 4, isRunning: false, error: undefined })
    expect(result.current.lastSuccessful).toBe(result.current.last)
    act(() => void result.current.perform(-1).then(undefined, () => {}))
    await advance(10)
    expect(result.current.error).toEqual(new Error('negative: -1'))
    expect(result.current.value).toBe(4)
  })

  it('keeps a component that reads nothing during render from re-rendering as tasks start and settle', async () => {
    let renders = 0
    let group!: ReturnType<typeof useTaskGroup>
    function CreatesOnly() {
      renders += 1
      group = useTaskGroup()
      return null
    }
    renderIn(mode, <CreatesOnly />)
    await advance()
    const before = renders
    act(() => {
      for (let i = 0; i < 5; i++) group.createTask((signal) => sleep(10 * i, signal))
    })
    expect(group.running).toBe(5) // read outside render: live, and not tracked
    await advance(100)
    expect(group.status).toBe('idle')
    expect(renders).toBe(before)
  })
})
