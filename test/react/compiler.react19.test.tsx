import { act, fireEvent, render, screen } from '@testing-library/react'
import { useEffect, useState } from 'react'
import { describe, expect, it } from 'vitest'
import { useTask, useTaskEffect, useTaskGroup, useTimeout, type TaskGroupHandle } from 'react-taskgroup'
import { now, sleep } from 'react-taskgroup/core'
import { advance, modes, withFakeTime } from './helpers'

withFakeTime()

// Components that follow the Rules of React and use every field and method of every hook.
// The "react 19 compiled" project runs this file with the React Compiler over it (it
// memoizes on the identity of what hooks return); "react 19" runs it as written. Both must
// pass the same assertions.
const compiled = process.env.REACT_COMPILER === '1'

/** A child that reads the parent's handle: the parent must re-render it when those fields change. */
function GroupState({ group }: { group: TaskGroupHandle }) {
  return (
    <p aria-label="group">
      {group.status} {group.running} {group.tasks.map((task) => task.name).join(',')} {String(group.expired)}{' '}
      {group.deadline === null ? 'no deadline' : 'deadline'} gen {group.generation}{' '}
      {group.status === 'failed' ? group.error.errors.map(String).join(';') : 'no error'}{' '}
      {group.signal.aborted ? 'aborted' : 'live'}
    </p>
  )
}

function Group({ fail }: { fail: boolean }) {
  const group = useTaskGroup({ name: 'widgets', timeout: 5_000 })
  const [loaded, setLoaded] = useState(0)
  const [clicked, setClicked] = useState('')
  const { createTask } = group
  useEffect(() => {
    createTask(
      async (signal) => {
        await sleep(100, signal)
        if (fail) throw new Error('HTTP 503')
        setLoaded((n) => n + 1)
      },
      { name: 'a' },
    )
  }, [createTask, fail])
  return (
    <>
      <GroupState group={group} />
      <p aria-label="loaded">{loaded}</p>
      <button onClick={() => setClicked(group.status)}>read status</button>
      <button onClick={() => group.cancel('user')}>cancel</button>
      <button onClick={group.reset}>reset</button>
      <p aria-label="clicked">{clicked}</p>
    </>
  )
}

function Deadline() {
  const deadline = useTimeout(1_000)
  const [ran, setRan] = useState('')
  return (
    <>
      <p aria-label="deadline">
        {String(deadline.expired)} {deadline.when === null ? 'none' : Math.round(deadline.when)}{' '}
        {deadline.signal.aborted ? 'aborted' : 'live'}
      </p>
      <button onClick={() => deadline.reschedule(null)}>no deadline</button>
      <button onClick={() => deadline.reschedule(now() + 50)}>soon</button>
      <button onClick={deadline.reset}>restart</button>
      <button
        onClick={() =>
          deadline
            .run((signal) => sleep(10, signal))
            .then(
              () => setRan('ran'),
              (error: Error) => setRan(error.name),
            )
        }
      >
        run
      </button>
      <p aria-label="ran">{ran}</p>
    </>
  )
}

function Search() {
  const search = useTask((signal, query: string) => sleep(100, signal).then(() => query.toUpperCase()), {
    concurrency: 'restart',
    name: 'search',
  })
  const [id, setId] = useState(1)
  const [effects, setEffects] = useState<number[]>([])
  useTaskEffect(
    async (signal) => {
      await sleep(10, signal)
      setEffects((e) => [...e, id])
    },
    [id],
  )
  return (
    <>
      <input aria-label="query" onChange={(e) => search.perform(e.target.value)} />
      <p aria-label="search">
        {String(search.isRunning)} {search.queued} {search.performCount} {search.last?.name ?? 'none'}{' '}
        {search.lastSuccessful === undefined ? 'none' : search.value} {search.error === undefined ? 'ok' : 'error'}
      </p>
      <button onClick={() => search.cancelAll()}>stop</button>
      <button onClick={() => setId((n) => n + 1)}>next id</button>
      <p aria-label="effects">{effects.join(',')}</p>
    </>
  )
}

const text = (label: string) => screen.getByLabelText(label).textContent

describe.each(modes)(`hooks under the React Compiler (${compiled ? 'compiled' : 'as written'}, $mode)`, (mode) => {
  it('this file is compiled exactly in the compiled project', () => {
    // The compiler's output keeps what it memoizes in the slots of a cache array, `$[0]`, `$[1]`, …
    const memoized = (component: (props: never) => unknown) => /\$\[\d+\]/.test(component.toString())
    expect([Group, GroupState, Deadline, Search].map(memoized)).toEqual([compiled, compiled, compiled, compiled])
  })

  it('useTaskGroup: fields in render and in handlers, cancel and reset', async () => {
    const view = render(mode.wrap(<Group fail={false} />))
    await advance(0)
    expect(text('group')).toBe('running 1 a false deadline gen 0 no error live')
    await advance(100)
    expect(text('group')).toBe('idle 0  false no deadline gen 0 no error live')
    expect(text('loaded')).toBe('1')
    fireEvent.click(screen.getByText('read status'))
    expect(text('clicked')).toBe('idle')
    view.rerender(mode.wrap(<Group fail />))
    await advance(100)
    expect(text('group')).toBe('failed 0  false no deadline gen 0 Error: HTTP 503 aborted')
    fireEvent.click(screen.getByText('read status'))
    expect(text('clicked')).toBe('failed')
    act(() => fireEvent.click(screen.getByText('reset')))
    expect(text('group')).toBe('idle 0  false no deadline gen 1 no error live')
    act(() => fireEvent.click(screen.getByText('cancel')))
    await advance(0)
    expect(text('group')).toBe('cancelled 0  false no deadline gen 1 no error aborted')
    view.unmount()
  })

  it('useTaskGroup: its timeout in render', async () => {
    function Slow() {
      const group = useTaskGroup({ name: 'slow', timeout: 1_000 })
      const { createTask } = group
      useEffect(() => void createTask((signal) => sleep(5_000, signal)), [createTask])
      return <GroupState group={group} />
    }
    const view = render(mode.wrap(<Slow />))
    await advance(1_000)
    expect(text('group')).toBe('cancelled 0  true deadline gen 0 no error aborted')
    view.unmount()
  })

  it('useTimeout: fields, reschedule, reset and run', async () => {
    const view = render(mode.wrap(<Deadline />))
    const start = Math.round(now())
    expect(text('deadline')).toBe(`false ${start + 1_000} live`)
    act(() => fireEvent.click(screen.getByText('no deadline')))
    expect(text('deadline')).toBe('false none live')
    act(() => fireEvent.click(screen.getByText('soon')))
    act(() => fireEvent.click(screen.getByText('run')))
    await advance(10)
    expect(text('ran')).toBe('ran')
    await advance(50)
    expect(text('deadline')).toBe(`true ${start + 50} aborted`)
    act(() => fireEvent.click(screen.getByText('restart')))
    expect(text('deadline')).toBe(`false ${start + 1_060} live`)
    view.unmount()
  })

  it('useTask and useTaskEffect: every field, perform, cancelAll, deps', async () => {
    const view = render(mode.wrap(<Search />))
    expect(text('search')).toBe('false 0 0 none none ok')
    act(() => void fireEvent.change(screen.getByLabelText('query'), { target: { value: 're' } }))
    act(() => void fireEvent.change(screen.getByLabelText('query'), { target: { value: 'react' } }))
    expect(text('search')).toBe('true 0 2 search none ok')
    await advance(100)
    expect(text('search')).toBe('false 0 2 search REACT ok')
    act(() => void fireEvent.change(screen.getByLabelText('query'), { target: { value: 'x' } }))
    act(() => fireEvent.click(screen.getByText('stop')))
    await advance(100)
    expect(text('search')).toBe('false 0 3 search REACT ok')
    await advance(10)
    act(() => fireEvent.click(screen.getByText('next id')))
    await advance(10)
    expect(text('effects')).toBe('1,2')
    view.unmount()
  })
})
