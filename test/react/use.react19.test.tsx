import { act, render, screen } from '@testing-library/react'
import { startTransition, Suspense, use, useLayoutEffect, useState } from 'react'
import { describe, expect, it } from 'vitest'
import { useTaskGroup, type TaskGroupHandle } from 'react-taskgroup'
import { CancelledError, sleep, type Task } from 'react-taskgroup/core'
import { advance, Boundary, modes, withFakeTime } from './helpers'

withFakeTime()

// use(task): a Task is a thenable with React's status/value/reason fields, so React 19's
// use() suspends on a pending task and reads a settled one at once.

const showLoadError = (error: unknown) =>
  error instanceof CancelledError ? `cancelled: ${error.message}` : `failed: ${String(error)}`

let fallbacks = 0
function Fallback() {
  fallbacks++
  return <p>loading…</p>
}

function Reader({ task }: { task: Task<string> }) {
  return <p>value: {use(task)}</p>
}

/** Advances fake time past the task; React reveals a boundary's content 300 ms after its fallback at the earliest. */
const settleAndFind = async (ms: number, text: string | RegExp) => {
  await advance(ms)
  await advance(300)
  return screen.getByText(text)
}

/** A parent that owns the group; the test starts tasks through `start` and shows them. */
function mountPage(mode: (typeof modes)[number]) {
  const handles: { group?: TaskGroupHandle; show?: (task: Task<string>) => void } = {}
  function Page() {
    const group = useTaskGroup({ name: 'page' })
    const [task, setTask] = useState<Task<string>>()
    useLayoutEffect(() => {
      handles.group = group
      handles.show = setTask
    }, [group])
    return (
      <Boundary show={showLoadError}>
        <Suspense fallback={<Fallback />}>{task === undefined ? <p>nothing yet</p> : <Reader task={task} />}</Suspense>
      </Boundary>
    )
  }
  const view = render(mode.wrap(<Page />))
  const start = (fn: (signal: AbortSignal) => Promise<string>) => handles.group!.createTask(fn)
  // Awaited: React then goes on with the work a suspended render left (its act scope).
  return { view, start, show: (task: Task<string>) => act(async () => handles.show!(task)), handles }
}

describe.each(modes)('use(task) ($mode)', (mode) => {
  it('shows the fallback while the task is pending, then its value', async () => {
    fallbacks = 0
    const page = mountPage(mode)
    await page.show(page.start((signal) => sleep(100, signal).then(() => 'report')))
    expect(screen.getByText('loading…')).toBeTruthy()
    expect(await settleAndFind(100, 'value: report')).toBeTruthy()
    page.view.unmount()
  })

  it('throws a failure to the error boundary', async () => {
    const page = mountPage(mode)
    await page.show(page.start((signal) => sleep(100, signal).then(() => Promise.reject(new TypeError('bad report')))))
    expect((await settleAndFind(100, /^failed/)).textContent).toBe('failed: TypeError: bad report')
    page.view.unmount()
  })

  it('throws the CancelledError of a cancelled task, which the boundary tells from a failure', async () => {
    const page = mountPage(mode)
    const task = page.handles.group!.createTask((signal) => sleep(1_000, signal).then(() => 'never'), {
      name: 'page-task',
    })
    await page.show(task)
    act(() => void task.cancel('the user stopped it'))
    expect((await settleAndFind(0, /^cancelled/)).textContent).toBe(
      'cancelled: task "page-task" was cancelled: the user stopped it',
    )
    page.view.unmount()
  })

  it('reads a settled task at once: no fallback, not even once', async () => {
    const page = mountPage(mode)
    const task = page.start(async () => 'ready')
    await advance(0)
    expect(task.status).toBe('fulfilled')
    fallbacks = 0
    await page.show(task)
    expect(screen.getByText('value: ready')).toBeTruthy()
    expect(fallbacks).toBe(0)
    page.view.unmount()
  })

  it('goes away with its parent while suspended: the task is cancelled, nothing is shown or left', async () => {
    const page = mountPage(mode)
    const task = page.start((signal) => sleep(1_000, signal).then(() => 'never'))
    await page.show(task)
    expect(screen.getByText('loading…')).toBeTruthy()
    page.view.unmount()
    await advance(0)
    expect(task.cancelled()).toBe(true)
    expect(screen.queryByRole('alert')).toBeNull()
    expect(document.body.textContent).toBe('')
  })

  it('keeps the old UI during a transition while the new task is pending', async () => {
    const page = mountPage(mode)
    await page.show(page.start(async () => 'first'))
    await advance(0)
    expect(screen.getByText('value: first')).toBeTruthy()
    const next = page.start((signal) => sleep(100, signal).then(() => 'second'))
    await act(async () => startTransition(() => page.handles.show!(next)))
    // The old UI stays on screen: the fallback is never shown.
    expect(screen.getByText('value: first')).toBeTruthy()
    expect(screen.queryByText('loading…')).toBeNull()
    expect(await settleAndFind(100, 'value: second')).toBeTruthy()
    page.view.unmount()
  })
})

describe('Task as React reads it', () => {
  it('has status, value and reason for each outcome', async () => {
    const page = mountPage(modes[0])
    const ok = page.start(async () => 'v')
    const failed = page.start(async () => Promise.reject(new Error('x')))
    const pending = page.start((signal) => sleep(1_000, signal).then(() => 'p'))
    expect([pending.status, pending.value, pending.reason]).toEqual(['pending', undefined, undefined])
    await advance(0)
    expect([ok.status, ok.value, ok.reason]).toEqual(['fulfilled', 'v', undefined])
    expect(failed.status).toBe('rejected')
    expect(String(failed.reason)).toBe('Error: x')
    page.view.unmount()
  })
})
