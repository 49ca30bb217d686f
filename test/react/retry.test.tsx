import { act, renderHook } from '@testing-library/react'
import { useEffect } from 'react'
import { describe, expect, it } from 'vitest'
import { useTaskEffect, useTaskGroup, useTimeout } from 'react-taskgroup'
import { sleep } from 'react-taskgroup/core'
import { advance, modes, withFakeTime } from './helpers'

withFakeTime()

// Retry in one line: an effect bound to a group with useTaskEffect(fn, deps, { group }) runs
// again whenever the group opens a fresh scope, so "Try again" is just group.reset().
describe.each(modes)('retry in one line ($mode)', (mode) => {
  const wrapper = ({ children }: { children: React.ReactNode }) => mode.wrap(<>{children}</>)

  /** A load that fails or hangs as told, counted each time it starts. */
  function loader() {
    const runs: AbortSignal[] = []
    let outcome: 'fail' | 'hang' | 'ok' = 'fail'
    return {
      runs,
      set: (next: typeof outcome) => void (outcome = next),
      load: async (signal: AbortSignal) => {
        runs.push(signal)
        if (outcome === 'hang') return sleep(60_000, signal)
        await sleep(10, signal)
        if (outcome === 'fail') throw new Error('HTTP 503')
        return 'report'
      },
    }
  }

  it('reset() after a failure runs the effect again', async () => {
    const api = loader()
    const { result, unmount } = renderHook(
      () => {
        const group = useTaskGroup({ name: 'report' })
        useTaskEffect(api.load, [], { group })
        return group
      },
      { wrapper },
    )
    await advance(10)
    expect(result.current.status).toBe('failed')
    // (StrictMode runs the effect more than once at mount, as it does every effect.)
    const runs = api.runs.length
    api.set('ok')
    const generation = result.current.generation
    act(() => result.current.reset())
    expect(result.current.generation).toBe(generation + 1)
    expect(api.runs).toHaveLength(runs + 1)
    await advance(10)
    expect(result.current).toMatchObject({ status: 'idle', error: undefined })
    unmount()
    expect(api.runs.at(-1)!.aborted).toBe(false) // it had finished: nothing left to abort
  })

  it('reset() after its own timeout expired runs the effect again', async () => {
    const api = loader()
    api.set('hang')
    const { result, unmount } = renderHook(
      () => {
        const group = useTaskGroup({ name: 'report', timeout: 1_000 })
        useTaskEffect(api.load, [], { group })
        return group
      },
      { wrapper },
    )
    await advance(1_000)
    expect(result.current).toMatchObject({ status: 'cancelled', expired: true })
    const runs = api.runs.length
    api.set('ok')
    act(() => result.current.reset())
    await advance(10)
    expect(result.current).toMatchObject({ status: 'idle', expired: false })
    expect(api.runs).toHaveLength(runs + 1)
    unmount()
  })

  it('a useTimeout deadline’s reset() runs the effect again in the group under it', async () => {
    const api = loader()
    api.set('hang')
    const { result, unmount } = renderHook(
      () => {
        const deadline = useTimeout(1_000)
        const group = useTaskGroup({ name: 'report', signal: deadline.signal })
        useTaskEffect(api.load, [], { group })
        return { deadline, group }
      },
      { wrapper },
    )
    await advance(1_000)
    expect(result.current.group.status).toBe('cancelled')
    expect(api.runs.at(-1)!.aborted).toBe(true)
    const runs = api.runs.length
    api.set('ok')
    act(() => result.current.deadline.reset())
    expect(api.runs).toHaveLength(runs + 1)
    await advance(10)
    expect(result.current.group.status).toBe('idle')
    unmount()
  })

  /** A group and an effect bound to it that depends on an `id` prop. */
  const mountWithId = (api: ReturnType<typeof loader>) =>
    renderHook(
      ({ id }: { id: number }) => {
        const group = useTaskGroup({ name: 'report' })
        useTaskEffect(api.load, [id], { group })
        return group
      },
      { wrapper, initialProps: { id: 1 } },
    )

  it('waits while the group is failed: a deps change runs nothing until reset()', async () => {
    const api = loader()
    const { result, rerender, unmount } = mountWithId(api)
    await advance(10)
    expect(result.current.status).toBe('failed')
    const runs = api.runs.length
    rerender({ id: 2 }) // no refusal thrown from the effect, no run
    expect(api.runs).toHaveLength(runs)
    api.set('ok')
    act(() => result.current.reset())
    expect(api.runs).toHaveLength(runs + 1)
    await advance(10)
    expect(result.current.status).toBe('idle')
    unmount()
  })

  it('a deps change cancels the running effect without failing the group', async () => {
    const api = loader()
    api.set('hang')
    const { result, rerender, unmount } = mountWithId(api)
    const before = api.runs.at(-1)!
    rerender({ id: 2 })
    await advance(0)
    expect(before.aborted).toBe(true)
    expect((before.reason as Error).message).toBe('the effect dependencies changed')
    expect(result.current).toMatchObject({ status: 'running', running: 1 })
    unmount()
    expect(api.runs.at(-1)!.aborted).toBe(true)
  })

  it('generation goes up at each fresh scope, for effects that list it', async () => {
    const api = loader()
    api.set('ok')
    const { result, unmount } = renderHook(
      () => {
        const group = useTaskGroup()
        const { createTask } = group
        // The plain-effect form of the same retry.
        useEffect(() => void createTask(api.load), [createTask, group.generation])
        return group
      },
      { wrapper },
    )
    const runs = api.runs.length
    act(() => result.current.reset())
    act(() => result.current.reset())
    expect(api.runs).toHaveLength(runs + 2)
    await advance(10)
    unmount()
  })
})
