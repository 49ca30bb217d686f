import { act, fireEvent, render, screen } from '@testing-library/react'
import { startTransition, useLayoutEffect, useOptimistic } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { useTaskAction, type TaskActionResult, type UseTaskActionOptions } from 'react-taskgroup'
import { CancelledError, captureTaskTree, sleep } from 'react-taskgroup/core'
import { advance, Boundary, modes, withFakeTime } from './helpers'

withFakeTime()

// useTaskAction: React 19's useActionState with a signal per run and a policy.

/** A log of every run: its payload, the state it was given, and its signal. */
interface Run {
  payload: string
  previous: string
  signal: AbortSignal
}

/**
 * A component whose action appends the payload to the state after `ms` (or fails for a
 * payload starting with "fail"); the test holds its result through `out`.
 */
function setup(mode: (typeof modes)[number], options: UseTaskActionOptions = {}, ms = 100) {
  const runs: Run[] = []
  const out: { current?: TaskActionResult<string, string> } = {}
  function Actions() {
    const result = useTaskAction(
      async (signal, previous: string, payload: string) => {
        runs.push({ payload, previous, signal })
        await sleep(ms, signal)
        if (payload.startsWith('fail')) throw new Error(`could not ${payload}`)
        return `${previous}${payload}`
      },
      '',
      options,
    )
    useLayoutEffect(() => void (out.current = result))
    const [state, , isPending] = result
    return (
      <p aria-label="action">
        {state === '' ? '(empty)' : state} {isPending ? 'pending' : 'idle'}
      </p>
    )
  }
  const view = render(
    mode.wrap(
      <Boundary>
        <Actions />
      </Boundary>,
    ),
  )
  // Async act: what the dispatch sets off on microtasks (a restarted run settling) stays inside it.
  const dispatch = (payload: string) => act(async () => out.current![1](payload))
  const shown = () => screen.getByLabelText('action').textContent
  return { runs, out, view, dispatch, shown }
}

/** Watches console.error and console.warn; the returned check says React warned about nothing. */
function quiet() {
  const error = vi.spyOn(console, 'error')
  const warn = vi.spyOn(console, 'warn')
  return () => {
    expect(error).not.toHaveBeenCalled()
    expect(warn).not.toHaveBeenCalled()
  }
}

describe.each(modes)('useTaskAction ($mode)', (mode) => {
  it("'enqueue' (the default): one at a time, in order, each with the state before; isPending throughout", async () => {
    const noWarnings = quiet()
    const { runs, view, dispatch, shown } = setup(mode)
    await dispatch('a')
    await dispatch('b')
    await dispatch('c')
    expect(shown()).toBe('(empty) pending')
    await advance(100)
    await advance(100)
    await advance(100)
    expect(runs.map((r) => `${r.previous}+${r.payload}`)).toEqual(['+a', 'a+b', 'ab+c'])
    expect(shown()).toBe('abc idle')
    view.unmount()
    noWarnings()
  })

  it('a cancel from the task tree (the devtools panel) cancels the running run, and later dispatches still run', async () => {
    const noWarnings = quiet()
    const { runs, view, dispatch, shown } = setup(mode, { name: 'saver' })
    await dispatch('a')
    await advance(50)
    const live = captureTaskTree().filter((node) => node.kind === 'group' && node.name === 'saver' && node.cancel)
    expect(live).toHaveLength(1)
    act(() => live[0]!.cancel!('from the panel'))
    await advance(0)
    expect(runs[0]!.signal.aborted).toBe(true)
    expect(shown()).toBe('(empty) idle')
    await dispatch('b')
    await advance(100)
    expect(runs.map((r) => `${r.previous}+${r.payload}`)).toEqual(['+a', '+b'])
    expect(shown()).toBe('b idle')
    view.unmount()
    noWarnings()
  })

  it("'restart': aborts the running run, whose result never becomes state; the new one gets the committed state", async () => {
    const noWarnings = quiet()
    const { runs, view, dispatch, shown } = setup(mode, { concurrency: 'restart' })
    await dispatch('a')
    await advance(50)
    await dispatch('b')
    await advance(0)
    expect(runs[0]!.signal.aborted).toBe(true)
    expect(runs[0]!.signal.reason).toBeInstanceOf(CancelledError)
    expect((runs[0]!.signal.reason as Error).message).toMatch(/^restarted/)
    await advance(100)
    expect(runs.map((r) => `${r.previous}+${r.payload}`)).toEqual(['+a', '+b'])
    expect(shown()).toBe('b idle')
    view.unmount()
    noWarnings()
  })

  it("'drop': a dispatch while one runs is ignored; its function never runs", async () => {
    const noWarnings = quiet()
    const { runs, view, dispatch, shown } = setup(mode, { concurrency: 'drop' })
    await dispatch('a')
    await dispatch('b')
    await advance(100)
    expect(runs.map((r) => r.payload)).toEqual(['a'])
    expect(shown()).toBe('a idle')
    await dispatch('c') // nothing runs now: accepted
    await advance(100)
    expect(shown()).toBe('ac idle')
    view.unmount()
    noWarnings()
  })

  it("'keepLatest': the running one finishes, then only the newest waiting one runs", async () => {
    const noWarnings = quiet()
    const { runs, view, dispatch, shown } = setup(mode, { concurrency: 'keepLatest' })
    await dispatch('a')
    await dispatch('b')
    await dispatch('c')
    await advance(100)
    await advance(100)
    expect(runs.map((r) => `${r.previous}+${r.payload}`)).toEqual(['+a', 'a+c'])
    expect(shown()).toBe('ac idle')
    view.unmount()
    noWarnings()
  })

  it('a failure goes to the error boundary, and the waiting runs are called off', async () => {
    const { runs, view, dispatch } = setup(mode)
    await dispatch('fail once')
    await dispatch('b')
    await advance(100)
    await advance(100)
    expect(screen.getByRole('alert').textContent).toBe('Error: could not fail once')
    expect(runs.map((r) => r.payload)).toEqual(['fail once'])
    view.unmount()
  })

  it('with onError, a failure goes there: state stays, the waiting runs go on', async () => {
    const onError = vi.fn()
    const { runs, view, dispatch, shown } = setup(mode, { onError })
    await dispatch('a')
    await dispatch('fail once')
    await dispatch('b')
    await advance(100)
    await advance(100)
    await advance(100)
    expect(onError).toHaveBeenCalledTimes(1)
    expect(String(onError.mock.calls[0]![0])).toBe('Error: could not fail once')
    expect(runs.map((r) => r.payload)).toEqual(['a', 'fail once', 'b'])
    expect(shown()).toBe('ab idle')
    view.unmount()
  })

  it('cancelAll() aborts the running run and drops the waiting ones; state stays', async () => {
    const noWarnings = quiet()
    const { runs, out, view, dispatch, shown } = setup(mode)
    await dispatch('a')
    await advance(100)
    await dispatch('b')
    await dispatch('c')
    act(() => out.current![3].cancelAll())
    await advance(100)
    expect(runs.map((r) => r.payload)).toEqual(['a', 'b'])
    expect(runs[1]!.signal.aborted).toBe(true)
    expect(shown()).toBe('a idle')
    view.unmount()
    noWarnings()
  })

  it('unmount aborts the running run (component unmounted) and nothing runs or updates afterwards', async () => {
    const noWarnings = quiet()
    const { runs, view, dispatch } = setup(mode)
    await dispatch('a')
    await dispatch('b')
    view.unmount()
    await advance(300)
    expect(runs.map((r) => r.payload)).toEqual(['a'])
    expect((runs[0]!.signal.reason as Error).message).toBe('component unmounted')
    noWarnings()
  })

  it('one dispatch calls fn once, called straight from an event handler', async () => {
    const noWarnings = quiet()
    const { runs, view, out } = setup(mode)
    // Not wrapped in startTransition by the caller: dispatch starts the transition itself.
    render(<button onClick={() => out.current![1]('clicked')}>go</button>)
    fireEvent.click(screen.getByText('go'))
    await advance(100)
    expect(runs.map((r) => r.payload)).toEqual(['clicked'])
    expect(screen.getByLabelText('action').textContent).toBe('clicked idle')
    view.unmount()
    noWarnings()
  })

  it('takes a dispatch from a child’s mount effect, which runs before the parent’s effects', async () => {
    const noWarnings = quiet()
    const runs: string[] = []
    function Child({ dispatch }: { dispatch: (payload: string) => void }) {
      useLayoutEffect(() => dispatch('from the child'), [dispatch])
      return null
    }
    function Parent() {
      const [state, dispatch] = useTaskAction(async (signal, previous: string, payload: string) => {
        runs.push(payload)
        await sleep(10, signal)
        return previous + payload
      }, '')
      return (
        <>
          <Child dispatch={dispatch} />
          <p aria-label="state">{state}</p>
        </>
      )
    }
    const view = render(mode.wrap(<Parent />))
    await advance(10)
    await advance(0)
    expect(runs[0]).toBe('from the child')
    expect(screen.getByLabelText('state').textContent).toMatch(/^from the child/)
    view.unmount()
    noWarnings()
  })

  it('works as a button’s formAction and inside startTransition', async () => {
    const noWarnings = quiet()
    const runs: string[] = []
    let dispatch!: (payload: FormData | string) => void
    function Form() {
      const [state, save, isPending] = useTaskAction(async (signal, previous: string, payload: FormData | string) => {
        const text = typeof payload === 'string' ? payload : String(payload.get('text'))
        runs.push(text)
        await sleep(10, signal)
        return `${previous}${text}`
      }, '')
      useLayoutEffect(() => void (dispatch = save))
      return (
        <form>
          <input name="text" aria-label="text" defaultValue="from the button" />
          <button formAction={save}>save</button>
          <p aria-label="state">
            {state} {isPending ? 'pending' : 'idle'}
          </p>
        </form>
      )
    }
    const view = render(mode.wrap(<Form />))
    await act(async () => fireEvent.click(screen.getByText('save')))
    expect(screen.getByLabelText('state').textContent).toBe(' pending')
    await advance(10)
    expect(screen.getByLabelText('state').textContent).toBe('from the button idle')
    await act(async () => startTransition(() => dispatch(', in a transition')))
    await advance(10)
    expect(runs).toEqual(['from the button', ', in a transition'])
    expect(screen.getByLabelText('state').textContent).toBe('from the button, in a transition idle')
    view.unmount()
    noWarnings()
  })

  it('works as a form action, with the FormData as payload, and useOptimistic under restart', async () => {
    const noWarnings = quiet()
    const runs: string[] = []
    function Form() {
      const [items, post, isPending] = useTaskAction(
        async (signal, list: string[], form: FormData) => {
          const text = String(form.get('text'))
          runs.push(text)
          await sleep(100, signal)
          return [...list, text]
        },
        [],
        { concurrency: 'restart' },
      )
      const [optimistic, add] = useOptimistic(items, (list: string[], text: string) => [...list, `${text}…`])
      return (
        <form
          action={(form: FormData) => {
            add(String(form.get('text')))
            post(form)
          }}
        >
          <input name="text" aria-label="text" />
          <button type="submit">post</button>
          <p aria-label="items">
            {optimistic.join(',')} {isPending ? 'pending' : 'idle'}
          </p>
        </form>
      )
    }
    const view = render(mode.wrap(<Form />))
    const submit = async (text: string) => {
      fireEvent.change(screen.getByLabelText('text'), { target: { value: text } })
      await act(async () => fireEvent.submit(screen.getByLabelText('text').closest('form')!))
    }
    await submit('first')
    expect(screen.getByLabelText('items').textContent).toBe('first… pending')
    await advance(50)
    await submit('second')
    // The restarted submission's optimistic item stays until the newer one settles.
    expect(screen.getByLabelText('items').textContent).toBe('first…,second… pending')
    await advance(100)
    expect(runs).toEqual(['first', 'second'])
    expect(screen.getByLabelText('items').textContent).toBe('second idle')
    view.unmount()
    noWarnings()
  })
})

describe('useTaskAction elsewhere', () => {
  it('renders its initial state on the server, and runs nothing', () => {
    const fn = vi.fn()
    function Actions() {
      const [state, , isPending] = useTaskAction(fn, 'initial')
      return (
        <p>
          {state} {String(isPending)}
        </p>
      )
    }
    expect(renderToString(<Actions />)).toBe('<p>initial<!-- --> <!-- -->false</p>')
    expect(fn).not.toHaveBeenCalled()
  })

  it('names itself in errors for bad arguments', () => {
    function Bad({ options }: { options: UseTaskActionOptions }) {
      useTaskAction(async () => 1, 0, options)
      return null
    }
    expect(() => render(<Bad options={{ concurrency: 'latest' as never }} />)).toThrow(
      "useTaskAction(fn, initialState, options): options.concurrency must be one of 'enqueue', 'restart', 'drop', 'keepLatest', got 'latest'",
    )
  })
})
