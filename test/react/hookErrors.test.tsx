import { act, renderHook } from '@testing-library/react'
import { useEffect } from 'react'
import { describe, expect, it } from 'vitest'
import { useTask, useTaskEffect, useTaskGroup, useTimeout } from 'react-taskgroup'
import { CancelledError, now, sleep, TimeoutError, type Task } from 'react-taskgroup/core'
import { advance, modes, withFakeTime } from './helpers'

withFakeTime()

// Every error a hook throws names the hook and the argument as the user wrote them, and its
// advice works when followed in a component.
describe.each(modes)('errors in the hook’s own words ($mode)', (mode) => {
  const wrapper = ({ children }: { children: React.ReactNode }) => mode.wrap(<>{children}</>)
  const mount = <T,>(hook: () => T) => renderHook(hook, { wrapper })

  it('names the hook and the argument for bad arguments', () => {
    expect(() => mount(() => useTimeout(Number.NaN))).toThrow(
      'useTimeout(delayMs): delayMs must be a number of milliseconds or null, got NaN',
    )
    expect(() => mount(() => useTimeout(1_000, { signal: 'x' as never }))).toThrow(
      'useTimeout(delayMs, options): options.signal must be an AbortSignal (or left out), got a string',
    )
    expect(() => mount(() => useTimeout(1_000, 5 as never))).toThrow(
      'useTimeout(delayMs, options): options must be an object (or left out), got the number 5',
    )
    expect(() => mount(() => useTaskGroup({ signal: {} as never }))).toThrow(
      'useTaskGroup(options): options.signal must be an AbortSignal (or left out), got an object',
    )
    expect(() => mount(() => useTaskGroup({ name: 7 as never }))).toThrow(
      'useTaskGroup(options): options.name must be a string (or left out), got the number 7',
    )
    expect(() => mount(() => useTask('x' as never))).toThrow('useTask(fn): fn must be a function, got a string')
    expect(() => mount(() => useTaskEffect('x' as never, []))).toThrow(
      'useTaskEffect(fn, deps): fn must be a function, got a string',
    )
    expect(() => mount(() => useTaskEffect(() => {}, undefined as never))).toThrow(
      'useTaskEffect(fn, deps): deps must be an array of the values the effect reads, as for useEffect, got undefined',
    )
    expect(() => mount(() => useTaskEffect(() => {}, [], { name: 1 as never }))).toThrow(
      'useTaskEffect(fn, deps, options): options.name must be a string (or left out), got a number',
    )
    expect(() => mount(() => useTaskEffect(() => {}, [], { group: {} as never }))).toThrow(
      'useTaskEffect(fn, deps, options): options.group must be what useTaskGroup() returns (or left out), got an object',
    )
  })

  it('names the hook’s method for bad arguments and after unmount', () => {
    const group = mount(() => useTaskGroup({ name: 'uploads' }))
    expect(() => group.result.current.createTask('x' as never)).toThrow(
      'useTaskGroup().createTask(fn): fn must be a function, got a string',
    )
    const deadline = mount(() => useTimeout(1_000))
    expect(() => deadline.result.current.reschedule('soon' as never)).toThrow(
      'useTimeout().reschedule(deadline): deadline must be a number of milliseconds or null, got a string',
    )
    const task = mount(() => useTask(async () => 1, { name: 'save' }))
    group.unmount()
    deadline.unmount()
    task.unmount()
    expect(() => group.result.current.createTask(() => {})).toThrow(
      /^useTaskGroup\(\)\.createTask\(\): cannot create a task: the scope of TaskGroup "uploads" is closed/,
    )
    expect(() => group.result.current.reset()).toThrow(/^useTaskGroup\(\)\.reset\(\): cannot reset/)
    expect(() => deadline.result.current.reset()).toThrow(/^useTimeout\(\)\.reset\(\): cannot reset/)
    expect(() => deadline.result.current.reschedule(null)).toThrow(/^useTimeout\(\)\.reschedule\(\): cannot reschedule/)
    expect(() => task.result.current.perform()).toThrow(
      'useTask().perform(): cannot perform "save": the runner is closed, its component unmounted',
    )
  })

  it('after a parent deadline expired, cancels new tasks with the deadline’s reason, until the deadline is reset', async () => {
    const { result, unmount } = mount(() => {
      const deadline = useTimeout(1_000)
      const group = useTaskGroup({ name: 'report', signal: deadline.signal })
      return { deadline, group }
    })
    act(() => void result.current.group.createTask((signal) => sleep(5_000, signal)))
    await advance(1_000)
    expect(result.current.group.status).toBe('cancelled')
    // Taken and cancelled, as asyncio's create_task while a cancellation is pending: nothing
    // is thrown into the effect or handler that called it, and the reason says why.
    const late = result.current.group.createTask((signal) => sleep(5_000, signal))
    await advance(0)
    expect(late.cancelled()).toBe(true)
    expect((late.signal.reason as Error).message).toMatch(/^the deadline passed: useTimeout\(1000\)/)
    // A reset of the group alone opens a group that its aborted outer signal cancels at once.
    act(() => result.current.group.reset())
    await advance(0)
    expect(result.current.group.status).toBe('cancelled')
    // The deadline's reset(): the group starts afresh under its new signal.
    act(() => result.current.deadline.reset())
    expect(result.current.group.status).toBe('idle')
    let done = false
    act(() => void result.current.group.createTask(() => void (done = true)))
    await advance(0)
    expect(done).toBe(true)
    expect(result.current.group.status).toBe('idle')
    unmount() // the fresh deadline's timer with it
  })

  it('a useTimeout deadline says which it was, in the hook’s words', async () => {
    const { result, unmount } = mount(() => useTimeout(1_000))
    let error: unknown
    act(() => void result.current.run((signal) => sleep(5_000, signal)).catch((e: unknown) => (error = e)))
    await advance(1_000)
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as Error).message).toMatch(
      /^the deadline passed: useTimeout\(1000\), at [\d.]+ ms on the now\(\) clock$/,
    )
    act(() => result.current.reset())
    act(() => result.current.reschedule(now() + 10))
    await advance(10)
    expect((result.current.signal.reason as Error).message).toMatch(
      /^the deadline passed: useTimeout\(1000\), rescheduled, at /,
    )
    unmount()
  })

  it('after its own timeout expired, says that, and reset() works', async () => {
    const { result } = mount(() => useTaskGroup({ name: 'report', timeout: 1_000 }))
    act(() => void result.current.createTask((signal) => sleep(5_000, signal)))
    await advance(1_000)
    expect(() => result.current.createTask(() => {})).toThrow(
      'useTaskGroup().createTask(): cannot create a task: TaskGroup "report" was cancelled when its timeout of 1000 ms expired; call reset() to open a fresh scope',
    )
    act(() => result.current.reset())
    expect(() => act(() => void result.current.createTask(() => {}))).not.toThrow()
  })
})

describe.each(modes)('a group nested under a deadline that already expired ($mode)', (mode) => {
  const wrapper = ({ children }: { children: React.ReactNode }) => mode.wrap(<>{children}</>)

  it('takes the tasks its effects create, cancels them, and reports cancelled, never failed', async () => {
    const expired = AbortSignal.abort(new CancelledError('the deadline passed: useTimeout(1000)'))
    const tasks: Task<unknown>[] = []
    const signals: boolean[] = []
    const { result, unmount } = renderHook(
      () => {
        const group = useTaskGroup({ name: 'report', signal: expired })
        const { createTask } = group
        useEffect(() => {
          tasks.push(createTask((signal) => (signals.push(signal.aborted), sleep(1_000, signal))))
        }, [createTask])
        return group
      },
      { wrapper },
    )
    await advance(0)
    expect(result.current).toMatchObject({ status: 'cancelled', error: undefined })
    expect(tasks.every((task) => task.cancelled())).toBe(true)
    expect(signals.every(Boolean)).toBe(true) // each ran up to its first await with an aborted signal
    unmount()
  })
})
