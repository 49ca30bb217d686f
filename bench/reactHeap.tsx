// Workload 7, in a process of its own (React's production build, jsdom): the heap a mounted
// component holds while its one request is pending, after full collections, for the
// hand-written effect and for each of our hooks. `node --expose-gc --import tsx
// bench/reactHeap.tsx <variant> [N]` prints the bytes per component as JSON.
import { JSDOM } from 'jsdom'

const dom = new JSDOM('<!doctype html><div id="root"></div>')
Object.assign(globalThis, { window: dom.window, document: dom.window.document })
const { useEffect } = await import('react')
const { flushSync } = await import('react-dom')
const { createRoot } = await import('react-dom/client')
const { useTask, useTaskEffect, useTaskGroup } = await import('react-taskgroup')

/** The request: pending until its signal aborts. */
const work = (signal: AbortSignal) =>
  new Promise<void>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }))
const ignore = () => {}

function ByHand() {
  useEffect(() => {
    const controller = new AbortController()
    work(controller.signal).then(ignore, ignore)
    return () => controller.abort()
  }, [])
  return null
}

function WithTaskGroup() {
  const { createTask } = useTaskGroup()
  useEffect(() => void createTask(work).then(ignore, ignore), [createTask])
  return null
}

function WithTaskEffect() {
  useTaskEffect(work, [])
  return null
}

function WithTask() {
  const { perform } = useTask(work)
  useEffect(() => void perform().then(ignore, ignore), [perform])
  return null
}

function Nothing() {
  return null
}

export const heapVariants: Record<string, () => null> = {
  'a component that renders nothing (floor)': Nothing,
  'useEffect + AbortController by hand (baseline)': ByHand,
  useTaskGroup: WithTaskGroup,
  useTaskEffect: WithTaskEffect,
  useTask: WithTask,
}

const [variant, count = '5000'] = process.argv.slice(2)
if (variant === '--list') {
  process.stdout.write(JSON.stringify(Object.keys(heapVariants)))
  process.exit(0)
}
const Component = heapVariants[variant!]!
const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) throw new Error('run with node --expose-gc')
const n = Number(count)
const root = createRoot(document.getElementById('root')!)
// One mount and unmount first, so that what is measured is per component, not first use.
flushSync(() => root.render([<Component key="warm-up" />]))
flushSync(() => root.render([]))
await new Promise((resolve) => setImmediate(resolve))
gc()
gc()
const before = process.memoryUsage().heapUsed
flushSync(() => root.render(Array.from({ length: n }, (_, i) => <Component key={i} />)))
await new Promise((resolve) => setImmediate(resolve))
gc()
gc()
process.stdout.write(JSON.stringify((process.memoryUsage().heapUsed - before) / n))
flushSync(() => root.unmount())
process.exit(0)
