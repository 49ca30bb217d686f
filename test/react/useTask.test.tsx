import { act, screen } from '@testing-library/react'
import { useLayoutEffect, useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { CancelledError, now, sleep, type Concurrency, type Task, type TaskRunnerOptions } from 'react-taskgroup/core'
import { useTask, useTaskEffect, type TaskHandle } from 'react-taskgroup'
import { advance, modes, renderIn, withFakeTime } from './helpers'

withFakeTime()

type Handle = TaskHandle<[string, number], string>

/** A search whose request for `query` takes `ms`; hands its handle out from each commit. */
function Search(props: { options: TaskRunnerOptions; onHandle: (h: Handle) => void }) {
  const search = useTask(async (signal, query: string, ms: number) => {
    await sleep(ms, signal)
    return `results for ${query}`
  }, props.options)
  useLayoutEffect(() => {
    props.onHandle(search)
  })
  return <p>{`${search.isRunning ? 'running' : 'idle'} ${search.value ?? 'none'} ${search.performCount}`}</p>
}

/** Renders a Search, performs `calls` 10 ms apart, runs time out, and returns the tasks. */
async function performAll(mode: (typeof modes)[number], concurrency: Concurrency, calls: [string, number][]) {
  let handle!: Handle
  renderIn(mode, <Search options={{ concurrency }} onHandle={(h) => (handle = h)} />)
  const tasks: Task<string>[] = []
  const settledAt: number[] = []
  for (const [index, [query, ms]] of calls.entries()) {
    act(() => {
      const task = handle.perform(query, ms)
      task.addDoneCallback(() => (settledAt[index] = now()))
      tasks.push(task)
    })
    await advance(10)
  }
  await advance(1000)
  return { tasks, settledAt }
}

const outcome = (task: Task<string>) => (task.cancelled() ? 'cancelled' : task.result())

describe.each(modes)('useTask ($mode)', (mode) => {
  it("'restart': only the last query's result appears; earlier requests are aborted, not ignored", async () => {
    const { tasks } = await performAll(mode, 'restart', [
      ['r', 100],
      ['re', 100],
      ['react', 100],
    ])
    expect(tasks.map(outcome)).toEqual(['cancelled', 'cancelled', 'results for react'])
    expect(tasks[0]!.signal.aborted).toBe(true)
    expect(screen.getByText('idle results for react 3')).toBeTruthy()
  })

  it("'drop': a performance while one runs ends cancelled at once", async () => {
    const { tasks } = await performAll(mode, 'drop', [
      ['first', 50],
      ['second', 50],
      ['third', 10],
    ])
    expect(tasks.map(outcome)).toEqual(['results for first', 'cancelled', 'cancelled'])
    expect(() => tasks[1]!.result()).toThrow(/dropped/)
  })

  it("'enqueue': performances run one after the other", async () => {
    const { tasks, settledAt } = await performAll(mode, 'enqueue', [
      ['a', 30],
      ['b', 30],
      ['c', 30],
    ])
    expect(tasks.map(outcome)).toEqual(['results for a', 'results for b', 'results for c'])
    expect(settledAt).toEqual([30, 60, 90])
    expect(screen.getByText('idle results for c 3')).toBeTruthy()
  })

  it("'keepLatest': while one runs, only the newest queued performance survives", async () => {
    const { tasks, settledAt } = await performAll(mode, 'keepLatest', [
      ['a', 50],
      ['b', 10],
      ['c', 10],
    ])
    expect(tasks.map(outcome)).toEqual(['results for a', 'cancelled', 'results for c'])
    expect(settledAt).toEqual([50, 20, 60]) // b is cancelled when c arrives; c starts when a is done
  })

  it("'parallel' (the default): every performance runs at once", async () => {
    const { tasks, settledAt } = await performAll(mode, 'parallel', [
      ['a', 50],
      ['b', 10],
    ])
    expect(tasks.map(outcome)).toEqual(['results for a', 'results for b'])
    expect(settledAt).toEqual([50, 20])
  })

  it('derives last, lastSuccessful, value and error from the performances', async () => {
    let handle!: TaskHandle<[boolean], string>
    function Flaky() {
      const task = useTask(async (signal, fail: boolean) => {
        await sleep(10, signal)
        if (fail) throw new Error('flaky')
        return 'ok'
      })
      useLayoutEffect(() => {
        handle = task
      })
      // Rendered fields are tracked: the component re-renders when they change.
      return <p>{`${task.value} ${String(task.error)} ${task.performCount} ${task.last?.name}`}</p>
    }
    renderIn(mode, <Flaky />)
    act(() => void handle.perform(false))
    await advance(10)
    expect(handle).toMatchObject({ value: 'ok', error: undefined, performCount: 1 })
    let failing!: Task<string>
    act(() => void (failing = handle.perform(true)))
    await advance(10)
    expect(handle.last).toBe(failing)
    expect(handle.value).toBe('ok')
    expect((handle.error as Error).message).toBe('flaky')
    expect(handle.lastSuccessful?.result()).toBe('ok')
  })

  it('cancels every performance when the component unmounts', async () => {
    let handle!: Handle
    const { unmount } = renderIn(mode, <Search options={{ concurrency: 'enqueue' }} onHandle={(h) => (handle = h)} />)
    const tasks: Task<string>[] = []
    act(() => void tasks.push(handle.perform('a', 100), handle.perform('b', 100)))
    await advance(10)
    unmount()
    await advance()
    expect(tasks.every((t) => t.cancelled())).toBe(true)
    expect(() => handle.perform('late', 1)).toThrow(/unmounted/)
  })

  it('keeps perform and cancelAll identical across renders, and cancelAll() cancels everything', async () => {
    const handles: Handle[] = []
    renderIn(mode, <Search options={{ concurrency: 'enqueue' }} onHandle={(h) => handles.push(h)} />)
    const tasks: Task<string>[] = []
    act(() => void tasks.push(handles.at(-1)!.perform('a', 100), handles.at(-1)!.perform('b', 100)))
    act(() => handles.at(-1)!.cancelAll())
    await advance()
    expect(tasks.every((t) => t.cancelled())).toBe(true)
    expect(new Set(handles.map((h) => h.perform)).size).toBe(1)
    expect(new Set(handles.map((h) => h.cancelAll)).size).toBe(1)
  })

  it('refuses bad options with a clear error', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => renderIn(mode, <Search options={{ concurrency: 'latest' as never }} onHandle={() => {}} />)).toThrow(
      "useTask(fn, options): options.concurrency must be one of 'parallel', 'restart', 'drop', 'enqueue', 'keepLatest', got 'latest'",
    )
    expect(() => renderIn(mode, <Search options={{ max: 0 }} onHandle={() => {}} />)).toThrow(
      'options.max must be a whole number of at least 1, got the number 0',
    )
  })
})

describe.each(modes)('useTaskEffect ($mode)', (mode) => {
  it('runs fn(signal) as a task, cancelled when the deps change and at unmount', async () => {
    const signals: AbortSignal[] = []
    const loaded: string[] = []
    function Profile({ id }: { id: string }) {
      useTaskEffect(
        async (signal) => {
          signals.push(signal)
          await sleep(50, signal)
          loaded.push(id)
        },
        [id],
      )
      return null
    }
    const { rerender, unmount } = renderIn(mode, <Profile id="a" />)
    await advance(10)
    rerender(mode.wrap(<Profile id="b" />))
    await advance(50)
    expect(loaded).toEqual(['b'])
    const changed = signals.at(-2)!
    expect(changed.aborted).toBe(true)
    expect((changed.reason as Error).message).toBe('the effect dependencies changed')
    rerender(mode.wrap(<Profile id="c" />))
    unmount()
    await advance(50)
    expect(loaded).toEqual(['b'])
    expect((signals.at(-1)!.reason as Error).message).toBe('component unmounted')
  })

  it('counts a rejection with no reason as a failure: not successful, not running', async () => {
    let handle!: TaskHandle<[boolean], string>
    function Maybe() {
      const run = useTask(async (signal, ok: boolean) => {
        await sleep(10, signal)
        if (!ok) return Promise.reject(undefined)
        return 'ok'
      })
      handle = run
      return <p>{`${run.isRunning ? 'running' : 'idle'} ${run.value ?? 'none'}`}</p>
    }
    renderIn(mode, <Maybe />)
    act(() => void handle.perform(true))
    await advance(10)
    act(() => void handle.perform(false).then(undefined, () => {}))
    await advance(10)
    expect(screen.getByText('idle ok')).toBeTruthy()
    expect(handle.last!.failed()).toBe(true)
    expect(handle.lastSuccessful).not.toBe(handle.last)
    expect(handle.value).toBe('ok')
    expect(handle.isRunning).toBe(false)
  })

  it('reports an effect that rejects with no reason', async () => {
    const reported = vi.spyOn(console, 'error').mockImplementation(() => {})
    function Quiet() {
      useTaskEffect(() => Promise.reject(undefined), [])
      return null
    }
    renderIn(mode, <Quiet />)
    await advance()
    expect(reported).toHaveBeenCalledWith(undefined)
  })

  it('reports failures instead of losing them, and does not report cancellations', async () => {
    const reported = vi.spyOn(console, 'error').mockImplementation(() => {})
    function Broken({ fail }: { fail: boolean }) {
      const [runs, setRuns] = useState(0)
      useTaskEffect(
        function* (signal) {
          yield sleep(10, signal)
          if (fail) throw new Error('effect failed')
          setRuns((r) => r + 1)
        },
        [fail],
      )
      return <p>{`runs ${runs}`}</p>
    }
    const { unmount } = renderIn(mode, <Broken fail />)
    await advance(10)
    expect(reported).toHaveBeenCalledWith(new Error('effect failed'))
    const count = reported.mock.calls.length
    unmount()
    await advance(10)
    expect(reported.mock.calls.length).toBe(count)
    expect(reported.mock.calls.every(([error]) => !(error instanceof CancelledError))).toBe(true)
  })
})
