import { act, render, screen } from '@testing-library/react'
import { Activity, useEffect, useState, type ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import {
  useTask,
  useTaskEffect,
  useTaskGroup,
  useTimeout,
  type TaskGroupHandle,
  type TaskHandle,
  type TimeoutHandle,
} from 'react-taskgroup'
import { CancelledError, now, sleep } from 'react-taskgroup/core'
import { advance, Boundary, modes, withFakeTime } from './helpers'

withFakeTime()

// <Activity mode="hidden"> destroys a subtree's effects and keeps its state; showing it
// again re-creates the effects. What each hook does then (docs/hooks.md, "<Activity>").

/** Renders `children` under an Activity whose mode the test sets. */
function mountUnder(mode: (typeof modes)[number], children: () => ReactNode) {
  let setVisible!: (visible: boolean) => void
  function Host() {
    const [visible, set] = useState(true)
    setVisible = set
    return <Activity mode={visible ? 'visible' : 'hidden'}>{children()}</Activity>
  }
  const view = render(mode.wrap(<Host />))
  return {
    ...view,
    hide: () => act(() => setVisible(false)),
    show: () => act(() => setVisible(true)),
  }
}

describe.each(modes)('hooks under <Activity> ($mode)', (mode) => {
  it('useTaskGroup: hide cancels the running work; show opens a fresh scope and re-runs useTaskEffect', async () => {
    const signals: AbortSignal[] = []
    let group!: TaskGroupHandle
    function Panel() {
      group = useTaskGroup({ name: 'panel' })
      useTaskEffect((signal) => (signals.push(signal), sleep(60_000, signal)), [], { group })
      return null
    }
    const view = mountUnder(mode, () => <Panel />)
    await advance(0)
    const before = signals.at(-1)!
    const { generation } = group
    view.hide()
    expect(before.aborted).toBe(true)
    // React does not tell an effect's cleanup a hide from an unmount: the reason is the same.
    expect(before.reason).toBeInstanceOf(CancelledError)
    expect((before.reason as Error).message).toBe('component unmounted')
    const runs = signals.length
    view.show()
    await advance(0)
    // StrictMode runs the effects of a revealed tree twice, as at a mount; once otherwise.
    expect(signals).toHaveLength(runs + (mode.mode === 'StrictMode' ? 2 : 1))
    expect(signals.map((signal) => signal.aborted)).toEqual([...signals.slice(0, -1).map(() => true), false])
    expect(group).toMatchObject({ status: 'running', running: 1 })
    expect(group.generation).toBe(generation) // React ran the effect again itself: no second run
    view.unmount()
  })

  it('useTaskGroup: a failure survives hide and show until reset(); an effect that re-runs meets the refusal', async () => {
    let group!: TaskGroupHandle
    let fail = true
    function Panel() {
      group = useTaskGroup({ name: 'panel' })
      const { createTask } = group
      useEffect(() => {
        createTask(async () => {
          if (fail) throw new Error('HTTP 503')
        })
      }, [createTask])
      return <p>{group.status}</p>
    }
    const view = mountUnder(mode, () => (
      <Boundary show={(error) => (error as Error).message}>
        <Panel />
      </Boundary>
    ))
    await advance(0)
    expect(group.status).toBe('failed')
    view.hide()
    fail = false
    view.show()
    expect(screen.getByRole('alert').textContent).toBe(
      'useTaskGroup().createTask(): cannot create a task: TaskGroup "panel" has failed; call reset() to open a fresh scope',
    )
    expect(group.status).toBe('failed')
    expect(group.error?.errors.map(String)).toEqual(['Error: HTTP 503'])
    view.unmount()
  })

  it('useTaskEffect bound to a failed group waits through hide and show, and runs at reset()', async () => {
    let group!: TaskGroupHandle
    let runs = 0
    let fail = true
    function Panel() {
      group = useTaskGroup({ name: 'panel' })
      useTaskEffect(
        async () => {
          runs++
          if (fail) throw new Error('HTTP 503')
        },
        [],
        { group },
      )
      return null
    }
    const view = mountUnder(mode, () => <Panel />)
    await advance(0)
    expect(group.status).toBe('failed')
    const before = runs
    view.hide()
    view.show()
    await advance(0)
    expect(runs).toBe(before)
    expect(group.status).toBe('failed')
    fail = false
    act(() => group.reset())
    await advance(0)
    expect(runs).toBe(before + 1)
    expect(group.status).toBe('idle')
    view.unmount()
  })

  it('useTask: hide cancels the running performance; value and lastSuccessful survive', async () => {
    let task!: TaskHandle<[number], number>
    function Panel() {
      task = useTask((signal, n: number) => sleep(100, signal).then(() => n * 2))
      return null
    }
    const view = mountUnder(mode, () => <Panel />)
    act(() => void task.perform(1))
    await advance(100)
    expect(task.value).toBe(2)
    let running!: ReturnType<typeof task.perform>
    act(() => void (running = task.perform(5)))
    view.hide()
    await advance(0)
    expect(running.cancelled()).toBe(true)
    view.show()
    expect(task).toMatchObject({ value: 2, isRunning: false })
    expect(task.lastSuccessful?.result()).toBe(2)
    act(() => void task.perform(3))
    await advance(100)
    expect(task.value).toBe(6)
    view.unmount()
  })

  it('useTimeout: hide cancels the window (not expired); show opens a fresh one from now', async () => {
    let deadline!: TimeoutHandle
    function Panel() {
      deadline = useTimeout(1_000)
      return null
    }
    const view = mountUnder(mode, () => <Panel />)
    const signal = deadline.signal
    await advance(500)
    view.hide()
    expect(signal.aborted).toBe(true)
    expect(deadline.expired).toBe(false)
    await advance(5_000) // hidden: no deadline runs
    view.show()
    expect(deadline).toMatchObject({ expired: false, when: now() + 1_000 })
    expect(deadline.signal.aborted).toBe(false)
    await advance(1_000)
    expect(deadline.expired).toBe(true)
    view.unmount()
  })

  it('a group lifted above the <Activity> keeps the hidden tab’s uploads running', async () => {
    const uploads: AbortSignal[] = []
    let start!: () => void
    function UploadsTab({ group }: { group: TaskGroupHandle }) {
      start = () => void group.createTask((signal) => (uploads.push(signal), sleep(10_000, signal)))
      return <p>{group.running} uploading</p>
    }
    let setVisible!: (visible: boolean) => void
    function Page() {
      const group = useTaskGroup({ name: 'uploads' })
      const [visible, set] = useState(true)
      setVisible = set
      return (
        <Activity mode={visible ? 'visible' : 'hidden'}>
          <UploadsTab group={group} />
        </Activity>
      )
    }
    const view = render(mode.wrap(<Page />))
    act(() => start())
    await advance(0)
    act(() => setVisible(false))
    await advance(5_000)
    expect(uploads[0]!.aborted).toBe(false)
    act(() => setVisible(true))
    expect(screen.getByText('1 uploading')).toBeTruthy()
    await advance(5_000)
    expect(screen.getByText('0 uploading')).toBeTruthy()
    expect(uploads[0]!.aborted).toBe(false) // it finished; never cancelled
    view.unmount()
  })
})
