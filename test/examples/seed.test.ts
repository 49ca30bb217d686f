import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CancelledError } from 'react-taskgroup/core'
import { main as taskGroupExample } from '../../examples/taskgroup'
import { main as timeoutExample } from '../../examples/timeout'
import { main as timeoutTaskGroupExample } from '../../examples/timeoutTaskGroup'

/** Runs an example under fake time; returns what it printed and what it reported. */
async function run(example: (print: (line: string) => void) => Promise<void>) {
  const printed: string[] = []
  const reported = vi.spyOn(console, 'error').mockImplementation(() => {})
  const done = example((line) => printed.push(line))
  await vi.runAllTimersAsync()
  await done
  return { printed, reported: reported.mock.calls.map(([error]) => error), elapsed: Date.now() }
}

describe("the seed's programs", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 })
  })
  afterEach(() => {
    expect(vi.getTimerCount()).toBe(0)
  })

  it('TaskGroup: prints [0, 1, 2, 3, 4] after one second', async () => {
    const { printed, reported, elapsed } = await run(taskGroupExample)
    expect(printed).toEqual(['[0, 1, 2, 3, 4]'])
    expect(reported).toEqual([])
    expect(elapsed).toBe(1000)
  })

  it('timeout: prints the timeout message after one second, never the result', async () => {
    const { printed, elapsed } = await run(timeoutExample)
    expect(printed).toEqual(['超时被优雅捕获'])
    expect(elapsed).toBe(1000)
  })

  it('timeout around a TaskGroup: prints the message, then [0, 1, 2, 3], and reports the two callback errors', async () => {
    const { printed, reported, elapsed } = await run(timeoutTaskGroupExample)
    expect(printed).toEqual(['整体操作超时，TaskGroup 中的任务已被取消', '[0, 1, 2, 3]'])
    expect(reported).toHaveLength(2)
    for (const error of reported) expect(error).toBeInstanceOf(CancelledError)
    expect(elapsed).toBe(1000)
  })
})
