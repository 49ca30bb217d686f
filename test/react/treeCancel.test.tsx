import { act } from '@testing-library/react'
import { useEffect } from 'react'
import { describe, expect, it } from 'vitest'
import { captureTaskTree, sleep, type TaskTreeNode } from 'react-taskgroup/core'
import { useTask, useTaskEffect, useTaskGroup } from 'react-taskgroup'
import { advance, modes, renderIn, withFakeTime } from './helpers'

withFakeTime()

// The devtools panel's cancel on a hook's scope, through the task tree it reads. A hook that
// offers no reset() (useTaskEffect's own scope, useTask; useTaskAction in its React 19 file)
// gets its tasks cancelled and goes on; useTaskGroup's group is cancelled until its reset().

/** The live group named `name` (StrictMode's discarded first scope has ended). */
function liveGroup(name: string): TaskTreeNode {
  const found = captureTaskTree().filter((node) => node.kind === 'group' && node.name === name && node.cancel)
  expect(found).toHaveLength(1)
  return found[0]!
}

describe.each(modes)('a cancel from the task tree ($mode)', (mode) => {
  it("cancels useTaskEffect's task, and the effect runs again when its dependencies change", async () => {
    const runs: { query: string; signal: AbortSignal }[] = []
    function Search({ query }: { query: string }) {
      useTaskEffect(
        async (signal) => {
          runs.push({ query, signal })
          await sleep(1000, signal)
        },
        [query],
        { name: 'search' },
      )
      return null
    }
    const view = renderIn(mode, <Search query="a" />)
    await advance(0)
    act(() => liveGroup('search').cancel!('from the panel'))
    await advance(0)
    expect(runs.at(-1)!.signal.aborted).toBe(true)
    view.rerender(mode.wrap(<Search query="b" />))
    await advance(0)
    expect(runs.at(-1)!.query).toBe('b')
    expect(runs.at(-1)!.signal.aborted).toBe(false)
    view.unmount()
    await advance(0)
  })

  it("cancels useTask's performances, and it goes on performing", async () => {
    const out: { perform?: () => unknown } = {}
    function Saver() {
      const { perform } = useTask((signal) => sleep(1000, signal), { name: 'save' })
      useEffect(() => void (out.perform = perform))
      return null
    }
    const view = renderIn(mode, <Saver />)
    const first = out.perform!() as Promise<unknown>
    const outcome = first.then(
      () => 'fulfilled',
      (error: Error) => error.name,
    )
    await advance(0)
    act(() => liveGroup('save').cancel!('from the panel'))
    await advance(0)
    expect(await outcome).toBe('CancelledError')
    const second = out.perform!() as Promise<unknown>
    await advance(1000)
    await expect(second).resolves.toBeUndefined()
    view.unmount()
  })

  it("cancels useTaskGroup's group until its reset(), as its cancel() does", async () => {
    const out: { group?: ReturnType<typeof useTaskGroup> } = {}
    function Loader() {
      const group = useTaskGroup({ name: 'loader' })
      useEffect(() => void (out.group = group))
      return null
    }
    const view = renderIn(mode, <Loader />)
    out
      .group!.createTask((signal) => sleep(1000, signal))
      .then(
        () => {},
        () => {},
      )
    await advance(0)
    act(() => liveGroup('loader').cancel!('from the panel'))
    await advance(0)
    expect(out.group!.status).toBe('cancelled')
    act(() => out.group!.reset())
    expect(out.group!.status).toBe('idle')
    view.unmount()
  })
})
