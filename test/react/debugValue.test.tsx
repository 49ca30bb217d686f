import { useEffect } from 'react'
import { expect, it, vi } from 'vitest'
import { sleep } from 'react-taskgroup/core'
import { useTaskGroup, useTimeout } from 'react-taskgroup'
import { advance, modes, renderIn, withFakeTime } from './helpers'

// React DevTools calls the formatter given to useDebugValue; this records what it would show.
const shown = vi.hoisted(() => [] as string[])
vi.mock('react', async (importOriginal) => {
  const react = await importOriginal<typeof import('react')>()
  return {
    ...react,
    useDebugValue: <T,>(value: T, format?: (value: T) => unknown) =>
      void shown.push(String(format ? format(value) : value)),
  }
})

withFakeTime()

it("shows a group's name, status and running count, and a timeout's deadline, in React DevTools", async () => {
  function Probe() {
    useTimeout(100)
    const { createTask } = useTaskGroup({ name: 'uploads' })
    useEffect(() => {
      createTask((signal) => sleep(10, signal))
    }, [createTask])
    return null
  }
  renderIn(modes[0], <Probe />)
  await advance()
  expect(shown).toContain('uploads: running, 1 running')
  expect(shown).toContain('deadline 100')
  await advance(100)
  expect(shown).toContain('uploads: idle, 0 running')
  expect(shown).toContain('expired')
})
