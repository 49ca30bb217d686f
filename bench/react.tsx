/**
 * 4. React: mount and unmount 1,000 components that each start one task, written with
 * useTaskGroup, and written by hand with useEffect + AbortController. Runs in jsdom, with
 * React's development build (commits through act()) or, under NODE_ENV=production, its
 * production build (commits through flushSync, which also runs the passive effects).
 */
import { JSDOM } from 'jsdom'
import { act, useEffect } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { useTaskGroup } from 'react-taskgroup'

const dom = new JSDOM('<!doctype html><div id="root"></div>')
const production = process.env.NODE_ENV === 'production'
Object.assign(globalThis, { window: dom.window, document: dom.window.document, IS_REACT_ACT_ENVIRONMENT: !production })

/** Commits `update` and runs its effects; then lets the tasks' settle callbacks run. */
async function commit(update: () => void): Promise<void> {
  if (!production) return act(async () => update())
  flushSync(update)
  await new Promise((resolve) => setImmediate(resolve))
}

/** How many tasks started: checked, so that a run that rendered nothing cannot pass for fast. */
export let started = 0

const work = (signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    started++
    const timer = setTimeout(resolve, 60_000)
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true })
  })

function WithTaskGroup() {
  const { createTask } = useTaskGroup()
  useEffect(() => {
    createTask(work).then(
      () => {},
      () => {},
    )
  }, [createTask])
  return null
}

function ByHand() {
  useEffect(() => {
    const controller = new AbortController()
    work(controller.signal).then(
      () => {},
      () => {},
    )
    return () => controller.abort()
  }, [])
  return null
}

function mountUnmount(Component: () => null, count: number) {
  return async () => {
    const root = createRoot(document.getElementById('root')!)
    const before = started
    await commit(() => root.render(Array.from({ length: count }, (_, i) => <Component key={i} />)))
    await commit(() => root.unmount())
    if (started - before !== count) throw new Error(`${started - before} of ${count} components started their task`)
  }
}

export const reactMountUnmount = {
  'useEffect + AbortController by hand (baseline)': (n: number) => mountUnmount(ByHand, n)(),
  useTaskGroup: (n: number) => mountUnmount(WithTaskGroup, n)(),
}
