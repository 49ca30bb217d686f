// @vitest-environment node
import { StrictMode, useEffect } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { observeTasks } from 'react-taskgroup/core'
import { useTask, useTaskEffect, useTaskGroup, useTimeout } from 'react-taskgroup'

describe('server rendering', () => {
  it('renders the idle state, starts no task and schedules no timer', () => {
    vi.useFakeTimers()
    const consoleError = vi.spyOn(console, 'error')
    const stop = observeTasks(() => {
      throw new Error('no task may start on the server')
    })
    function Page() {
      const deadline = useTimeout(1000)
      const group = useTaskGroup({ name: 'ssr', signal: deadline.signal })
      useTask(async () => 1)
      useTaskEffect(async () => 1, [])
      const { createTask } = group
      useEffect(() => {
        createTask(() => 1)
      }, [createTask])
      return <p>{`${group.status} ${group.running} ${deadline.expired}`}</p>
    }
    expect(renderToString(<Page />)).toBe('<p>idle 0 false</p>')
    expect(
      renderToString(
        <StrictMode>
          <Page />
        </StrictMode>,
      ),
    ).toBe('<p>idle 0 false</p>')
    expect(vi.getTimerCount()).toBe(0)
    expect(consoleError).not.toHaveBeenCalled()
    stop()
    vi.useRealTimers()
  })
})
