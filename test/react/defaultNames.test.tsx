import { act, renderHook } from '@testing-library/react'
import { useEffect } from 'react'
import { expect, it } from 'vitest'
import { useTask, useTaskEffect, useTaskGroup } from 'react-taskgroup'
import { observeTasks } from 'react-taskgroup/core'
import { advance, modes, withFakeTime } from './helpers'

withFakeTime()

// A hook's scope that is given no name is named after the hook and a number, and keeps that
// name across reset(), so events, errors and the Performance-panel track can tell them apart.
it.each(modes)('names unnamed hook scopes after the hook, and keeps the name across reset() ($mode)', async (mode) => {
  const groups: string[] = []
  const stop = observeTasks((event) => void (event.type === 'start' && groups.push(event.group)))
  const wrapper = ({ children }: { children: React.ReactNode }) => mode.wrap(<>{children}</>)
  const { result, unmount } = renderHook(
    () => {
      const group = useTaskGroup()
      const task = useTask(async () => 1)
      useTaskEffect(async () => {}, [])
      const { createTask } = group
      useEffect(() => void createTask(async () => {}), [createTask])
      return { group, task }
    },
    { wrapper },
  )
  await advance(0)
  act(() => void result.current.task.perform())
  act(() => result.current.group.reset())
  act(() => void result.current.group.createTask(async () => {}))
  await advance(0)
  stop()
  unmount()
  const names = [...new Set(groups)]
  expect(names.map((name) => name.replace(/-\d+$/, '-n')).sort()).toEqual([
    'useTask-n',
    'useTaskEffect-n',
    'useTaskGroup-n',
  ])
})
