import { act, screen } from '@testing-library/react'
import { useEffect } from 'react'
import { describe, expect, it } from 'vitest'
import { CancelledError, sleep } from 'react-taskgroup/core'
import { useTaskGroup, type TaskGroupHandle } from 'react-taskgroup'
import { advance, modes, renderIn, withFakeTime } from './helpers'

withFakeTime()

/** A child component whose own group is nested under its parent's signal. */
function Child({ signal }: { signal: AbortSignal }) {
  const group = useTaskGroup({ name: 'child', signal })
  const { createTask } = group
  useEffect(() => void createTask((s) => sleep(1000, s)), [createTask])
  return <p>{`child ${group.status}`}</p>
}

function Parent({ isolate = false, onHandle }: { isolate?: boolean; onHandle?: (group: TaskGroupHandle) => void }) {
  const group = useTaskGroup({ name: 'parent', isolate })
  const { createTask } = group
  onHandle?.(group)
  useEffect(() => {
    createTask(async (s) => {
      await sleep(10, s)
      throw new Error('parent task failed')
    })
  }, [createTask])
  return (
    <>
      <p>{`parent ${group.status}`}</p>
      <Child signal={group.signal} />
    </>
  )
}

// useTaskGroup().signal follows fail-fast like tg.signal: structure holds across components.
describe.each(modes)('a group’s signal ($mode)', (mode) => {
  it('aborts when one of its tasks fails, cancelling the scopes nested under it in child components', async () => {
    let parent!: TaskGroupHandle
    renderIn(mode, <Parent onHandle={(g) => (parent = g)} />)
    await advance(10)
    expect(screen.getByText('parent failed')).toBeTruthy()
    expect(screen.getByText('child cancelled')).toBeTruthy()
    expect(parent.signal.aborted).toBe(true)
    expect(parent.signal.reason).toBeInstanceOf(CancelledError)
    expect((parent.signal.reason as Error).message).toMatch(/is cancelling: task ".*" failed/)
    // reset() opens a fresh signal, and the child follows it with a fresh scope (its effect
    // does not run again: it depends on createTask only).
    act(() => parent.reset())
    await advance()
    expect(parent.signal.aborted).toBe(false)
    expect(screen.getByText('child idle')).toBeTruthy()
  })

  it('aborts at cancel()', async () => {
    let parent!: TaskGroupHandle
    renderIn(mode, <Parent onHandle={(g) => (parent = g)} />)
    await advance()
    act(() => parent.cancel())
    await advance()
    expect(parent.signal.aborted).toBe(true)
    expect(screen.getByText('child cancelled')).toBeTruthy()
  })

  it('does not abort when a task of an isolated group fails', async () => {
    let parent!: TaskGroupHandle
    renderIn(mode, <Parent isolate onHandle={(g) => (parent = g)} />)
    await advance(10)
    expect(parent.signal.aborted).toBe(false)
    expect(screen.getByText('child running')).toBeTruthy()
    await advance(1000)
    expect(screen.getByText('child idle')).toBeTruthy()
  })
})
