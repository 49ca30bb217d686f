import { act, screen } from '@testing-library/react'
import {
  Component,
  startTransition,
  Suspense,
  useEffect,
  useLayoutEffect,
  useState,
  version,
  type ReactNode,
} from 'react'
import { describe, expect, it, vi } from 'vitest'
import { observeTasks, sleep, TaskGroupError, type Task } from 'react-taskgroup/core'
import { useTask, useTaskEffect, useTaskGroup, useTimeout, type TaskGroupHandle } from 'react-taskgroup'
import { advance, modes, renderIn, withFakeTime } from './helpers'

withFakeTime()

/**
 * Suspends on `promise` the way React 18 and 19 both support: by throwing it until it settled.
 * (React 19's `use()` does not resume under fake timers in this set-up.)
 */
const settledValues = new WeakMap<Promise<unknown>, unknown>()
function suspendOn<T>(promise: Promise<T>): T {
  if (settledValues.has(promise)) return settledValues.get(promise) as T
  throw promise.then((value) => void settledValues.set(promise, value))
}

it('runs against the React major of its project', () => {
  expect(version.split('.')[0]).toBe(process.env.REACT_MAJOR)
})

/** Starts one task per delay from an effect; fails the task whose delay is negative. */
function Loader(props: {
  delays: number[]
  onHandle?: (group: TaskGroupHandle) => void
  onResult?: (v: number) => void
}) {
  const group = useTaskGroup({ name: 'loader' })
  // Reported from commits only: React 18's StrictMode also renders a discarded instance.
  useLayoutEffect(() => {
    props.onHandle?.(group)
  })
  const { createTask } = group
  const { delays, onResult } = props
  useEffect(() => {
    for (const delay of delays) {
      createTask(
        async (signal) => {
          await sleep(Math.abs(delay), signal)
          if (delay < 0) throw new Error(`failed after ${-delay}`)
          return delay
        },
        { name: `wait ${delay}` },
      ).then(onResult, () => {})
    }
  }, [createTask, delays, onResult])
  return (
    <p>
      {group.status} {group.running} {group.error?.errors.map((e) => (e as Error).message).join(', ')}
    </p>
  )
}

describe.each(modes)('useTaskGroup ($mode)', (mode) => {
  it('runs tasks created in an effect and re-renders as they start and settle', async () => {
    const results: number[] = []
    renderIn(mode, <Loader delays={[10, 20]} onResult={(v) => results.push(v)} />)
    await advance()
    expect(screen.getByText('running 2')).toBeTruthy()
    await advance(10)
    expect(screen.getByText('running 1')).toBeTruthy()
    await advance(10)
    expect(screen.getByText('idle 0')).toBeTruthy()
    expect(results).toEqual([10, 20])
  })

  it('cancels the siblings of a failing task and shows the errors', async () => {
    const handles: TaskGroupHandle[] = []
    const started: Task<unknown>[] = []
    const stop = observeTasks((event) => event.type === 'start' && started.push(event.task))
    renderIn(mode, <Loader delays={[-10, 50]} onHandle={(g) => handles.push(g)} />)
    await advance(10)
    stop()
    expect(screen.getByText('failed 0 failed after 10')).toBeTruthy()
    expect(handles.at(-1)!.error).toBeInstanceOf(TaskGroupError)
    expect(started.at(-1)!.cancelled()).toBe(true) // the 50 ms sibling
  })

  it('cancels every task on unmount, with a reason that says so, and updates nothing afterwards', async () => {
    const consoleError = vi.spyOn(console, 'error')
    const tasks: Task<unknown>[] = []
    const stop = observeTasks((event) => event.type === 'start' && tasks.push(event.task))
    const onResult = vi.fn()
    const { unmount } = renderIn(mode, <Loader delays={[100, 200]} onResult={onResult} />)
    await advance(50)
    unmount()
    await advance(500)
    stop()
    expect(tasks.length).toBeGreaterThanOrEqual(2)
    for (const task of tasks) {
      expect(task.cancelled()).toBe(true)
      expect((task.signal.reason as Error).message).toBe('component unmounted')
    }
    expect(onResult).not.toHaveBeenCalled()
    expect(consoleError).not.toHaveBeenCalled()
  })

  it('keeps its methods identical across renders', async () => {
    const handles: TaskGroupHandle[] = []
    const delays = [10]
    const { rerender } = renderIn(mode, <Loader delays={delays} onHandle={(g) => handles.push(g)} />)
    await advance(10)
    rerender(mode.wrap(<Loader delays={delays} onHandle={(g) => handles.push(g)} />))
    const [first] = handles
    for (const handle of handles) {
      expect(handle.createTask).toBe(first!.createTask)
      expect(handle.cancel).toBe(first!.cancel)
      expect(handle.reset).toBe(first!.reset)
    }
  })

  it('copies like a plain object: spread and rest keep every field, each handle its own render', async () => {
    const handles: TaskGroupHandle[] = []
    renderIn(mode, <Loader delays={[10]} onHandle={(g) => handles.push(g)} />)
    await advance(10)
    const first = handles[0]!
    const { createTask, cancel, reset, ...state } = handles.at(-1)!
    expect(Object.keys(state).sort()).toEqual([
      'deadline',
      'error',
      'expired',
      'generation',
      'running',
      'signal',
      'status',
      'tasks',
    ])
    // Each handle reads the snapshot of its own render, also once copied.
    expect(handles.map((handle) => ({ ...handle }).running)).toEqual(handles.map((handle) => handle.running))
    expect(state).toMatchObject({ status: 'idle', running: 0, tasks: [] })
    expect([createTask, cancel, reset]).toEqual([first.createTask, first.cancel, first.reset])
  })

  it('lets a child component create tasks in its parent group from an effect', async () => {
    function Child({ group }: { group: TaskGroupHandle }) {
      const { createTask } = group
      useEffect(() => {
        createTask((signal) => sleep(10, signal), { name: 'from child' })
      }, [createTask])
      return null
    }
    function Parent() {
      const group = useTaskGroup()
      return (
        <>
          <p>{group.tasks.map((t) => t.name).join(',') || 'none'}</p>
          <Child group={group} />
        </>
      )
    }
    renderIn(mode, <Parent />)
    await advance()
    expect(screen.getByText('from child')).toBeTruthy()
    await advance(10)
    expect(screen.getByText('none')).toBeTruthy()
  })

  it('refuses to create a task during render, saying where to do it', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    function Bad() {
      const group = useTaskGroup()
      group.createTask(() => 1)
      return null
    }
    expect(() => renderIn(mode, <Bad />)).toThrow(
      'createTask() was called during render: tasks are created in effects or event handlers, not during render',
    )
  })

  it('refuses reset() during render in the hook’s words, without talking about tasks', () => {
    function Bad() {
      const group = useTaskGroup()
      group.reset()
      return null
    }
    expect(() => renderIn(mode, <Bad />)).toThrow(
      'useTaskGroup().reset() was called during render: call it from an event handler or an effect, not during render',
    )
  })

  it('throws the TaskGroupError to the nearest error boundary with throwOnError', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    class Boundary extends Component<{ children: ReactNode }, { error?: unknown }> {
      override state: { error?: unknown } = {}
      static getDerivedStateFromError(error: unknown) {
        return { error }
      }
      override render() {
        const { error } = this.state
        return error instanceof TaskGroupError ? <p>boundary: {error.errors.length} error(s)</p> : this.props.children
      }
    }
    function Throwing() {
      const group = useTaskGroup({ throwOnError: true })
      const { createTask } = group
      useEffect(() => {
        createTask(() => Promise.reject(new Error('boom')))
      }, [createTask])
      return <p>{group.status}</p>
    }
    renderIn(
      mode,
      <Boundary>
        <Throwing />
      </Boundary>,
    )
    await advance()
    expect(screen.getByText('boundary: 1 error(s)')).toBeTruthy()
  })

  it('opens a fresh scope with reset() after a failure', async () => {
    const handles: TaskGroupHandle[] = []
    renderIn(mode, <Loader delays={[-5]} onHandle={(g) => handles.push(g)} />)
    await advance(5)
    const failed = handles.at(-1)!
    expect(failed.status).toBe('failed')
    expect(() => failed.createTask(() => 1)).toThrow(/call reset\(\)/)
    // Read before the reset: outside render, every handle shows the scope's current state.
    const failedSignal = failed.signal
    act(() => failed.reset())
    const fresh = handles.at(-1)!
    expect(fresh).toMatchObject({ status: 'idle', error: undefined })
    expect(fresh.signal).not.toBe(failedSignal)
    expect(failedSignal.aborted).toBe(true)
    let task!: Task<string>
    act(() => {
      task = fresh.createTask(() => 'works again')
    })
    await advance()
    expect(task.result()).toBe('works again')
  })

  it('isolates failures of long-lived background work when asked', async () => {
    const onError = vi.fn()
    function Pollers() {
      const group = useTaskGroup({ isolate: true, onError })
      const { createTask } = group
      useEffect(() => {
        createTask(() => Promise.reject(new Error('poller a failed')))
        createTask((signal) => sleep(100, signal))
      }, [createTask])
      return (
        <p>
          {group.status} {group.running} {group.error?.errors.length ?? 0}
        </p>
      )
    }
    renderIn(mode, <Pollers />)
    await advance()
    expect(screen.getByText('running 1 1')).toBeTruthy()
    expect(onError).toHaveBeenCalledWith(new Error('poller a failed'))
    await advance(100)
    expect(screen.getByText('idle 0 1')).toBeTruthy()
  })

  it('nests under a parent signal: its abort cancels the group', async () => {
    const parent = new AbortController()
    function Nested() {
      const group = useTaskGroup({ signal: parent.signal })
      const { createTask } = group
      useEffect(() => {
        createTask((signal) => sleep(1000, signal))
      }, [createTask])
      return <p>{group.status}</p>
    }
    renderIn(mode, <Nested />)
    await advance()
    expect(screen.getByText('running')).toBeTruthy()
    act(() => parent.abort())
    await advance()
    expect(screen.getByText('cancelled')).toBeTruthy()
  })

  it('re-renders once per state change, and never re-subscribes on unrelated renders', async () => {
    let renders = 0
    let setUnrelated!: (n: number) => void
    function Counted() {
      renders += 1
      const [unrelated, set] = useState(0)
      setUnrelated = set
      const group = useTaskGroup()
      const { createTask } = group
      useEffect(() => {
        createTask((signal) => sleep(10, signal))
      }, [createTask])
      return (
        <p>
          {group.status} {unrelated}
        </p>
      )
    }
    renderIn(mode, <Counted />)
    await advance()
    const afterStart = renders
    await advance(10) // the task settles: one state change
    expect(renders - afterStart).toBe(mode.mode === 'StrictMode' ? 2 : 1) // StrictMode renders twice
    const beforeUnrelated = renders
    act(() => setUnrelated(1))
    expect(renders - beforeUnrelated).toBe(mode.mode === 'StrictMode' ? 2 : 1)
    expect(screen.getByText('idle 1')).toBeTruthy()
  })
})

describe('useTaskGroup re-renders', () => {
  it('only for the fields a component reads: one that only creates tasks is not re-rendered', async () => {
    let renders = 0
    function CreatesOnly() {
      renders += 1
      const { createTask } = useTaskGroup()
      useEffect(() => {
        for (let i = 0; i < 10; i++) createTask((signal) => sleep(10 * i, signal))
      }, [createTask])
      return null
    }
    renderIn(modes[0], <CreatesOnly />)
    await advance(100)
    expect(renders).toBe(1)
  })

  it('from the render that first reads a field: a component that starts reading later follows it from then on', async () => {
    let show!: (value: boolean) => void
    function ReadsLater() {
      const [shown, setShown] = useState(false)
      show = setShown
      const group = useTaskGroup()
      const { createTask } = group
      useEffect(() => {
        for (const delay of [10, 20]) createTask((signal) => sleep(delay, signal))
      }, [createTask])
      return <p>{shown ? `running ${group.running}` : 'hidden'}</p>
    }
    renderIn(modes[0], <ReadsLater />)
    await advance(5)
    expect(screen.getByText('hidden')).toBeTruthy()
    act(() => show(true))
    expect(screen.getByText('running 2')).toBeTruthy()
    await advance(5) // the first task settles after the field was first read
    expect(screen.getByText('running 1')).toBeTruthy()
    await advance(10)
    expect(screen.getByText('running 0')).toBeTruthy()
  })
})

describe('useTaskGroup under StrictMode', () => {
  it("cancels the first mount's tasks and gives the remount a fresh, working scope", async () => {
    const started: Task<unknown>[] = []
    const signals: AbortSignal[] = []
    function Probe() {
      const group = useTaskGroup()
      useLayoutEffect(() => void signals.push(group.signal), [group.signal])
      const { createTask } = group
      useEffect(() => {
        started.push(createTask((signal) => sleep(10, signal).then(() => 'done')))
      }, [createTask])
      return (
        <p>
          {group.status} {group.error === undefined ? 'no error' : 'error'}
        </p>
      )
    }
    renderIn(modes[1], <Probe />)
    await advance(10)
    expect(started).toHaveLength(2)
    expect(started[0]!.cancelled()).toBe(true)
    expect(started[1]!.result()).toBe('done')
    expect(screen.getByText('idle no error')).toBeTruthy()
    const last = signals.at(-1)!
    expect(last.aborted).toBe(false)
    expect(signals[0]!.aborted).toBe(true)
  })
})

describe('every hook together: leaks', () => {
  it('leaves no task, timer or listener behind after 1,000 StrictMode mount/unmount cycles', async () => {
    const parent = new AbortController()
    const add = vi.spyOn(parent.signal, 'addEventListener')
    const remove = vi.spyOn(parent.signal, 'removeEventListener')
    let live = 0
    const stop = observeTasks((event) => (live += event.type === 'start' ? 1 : -1))
    function Mounted() {
      const deadline = useTimeout(5000, { signal: parent.signal })
      const { createTask } = useTaskGroup({ signal: deadline.signal })
      const { perform } = useTask((signal) => sleep(1000, signal), { concurrency: 'enqueue' })
      useTaskEffect((signal) => sleep(1000, signal), [])
      useEffect(() => {
        createTask((signal) => sleep(1000, signal))
        perform()
        perform()
      }, [createTask, perform])
      return null
    }
    for (let i = 0; i < 1000; i++) {
      const { unmount } = renderIn(modes[1], <Mounted />)
      unmount()
    }
    await advance()
    stop()
    expect(live).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
    expect(add.mock.calls.length).toBeGreaterThan(0)
    expect(add.mock.calls.length).toBe(remove.mock.calls.length)
  }, 20_000) // 1,000 StrictMode cycles take 3.5–6 s on this 2-core machine under a full run: above vitest's 5 s default
})

describe('concurrent rendering', () => {
  it('works when mounted in a transition', async () => {
    function Loader() {
      const group = useTaskGroup()
      const { createTask } = group
      useEffect(() => {
        createTask((signal) => sleep(10, signal))
      }, [createTask])
      return <p>{`group ${group.status}`}</p>
    }
    function App() {
      const [show, setShow] = useState(false)
      useEffect(() => startTransition(() => setShow(true)), [])
      return show ? <Loader /> : <p>not yet</p>
    }
    renderIn(modes[1], <App />)
    await advance()
    expect(screen.getByText('group running')).toBeTruthy()
    await advance(10)
    expect(screen.getByText('group idle')).toBeTruthy()
  })

  it('opens nothing while a render suspends, and works once it commits', async () => {
    let live = 0
    const stop = observeTasks((event) => (live += event.type === 'start' ? 1 : -1))
    let resolveData!: (value: string) => void
    const data = new Promise<string>((resolve) => (resolveData = resolve))
    function Inner() {
      const group = useTaskGroup()
      const text = suspendOn(data)
      const { createTask } = group
      useEffect(() => {
        createTask((signal) => sleep(1000, signal))
      }, [createTask])
      return <p>{`${text} ${group.status}`}</p>
    }
    renderIn(
      modes[1],
      <Suspense fallback={<p>loading</p>}>
        <Inner />
      </Suspense>,
    )
    await advance()
    expect(screen.getByText('loading')).toBeTruthy()
    expect(live).toBe(0)
    await act(async () => resolveData('data arrived'))
    await advance(500) // React throttles revealing a boundary's content after its fallback
    expect(screen.getByText('data arrived running')).toBeTruthy()
    await advance(1000)
    expect(screen.getByText('data arrived idle')).toBeTruthy()
    stop()
    expect(live).toBe(0)
  })
})
