// Workload 7, in a process of its own (React's production build, jsdom): the heap a mounted
// component holds while its one request is pending, after full collections, for the
// hand-written effect and for each of our hooks. `node --expose-gc --import tsx
// bench/reactHeap.tsx <variant> [N]` prints the bytes per component as JSON.
// The components are workload 4's (bench/react.tsx, which also sets up jsdom).
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { reactVariants } from './react'

function Nothing() {
  return null
}

const measured = ['useEffect + AbortController by hand (baseline)', 'useTaskGroup', 'useTaskEffect', 'useTask']
export const heapVariants: Record<string, (props: { id: number }) => null> = {
  'a component that renders nothing (floor)': Nothing,
  ...Object.fromEntries(measured.map((name) => [name, reactVariants[name]!.Component])),
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
flushSync(() => root.render([<Component key="warm-up" id={-1} />]))
flushSync(() => root.render([]))
await new Promise((resolve) => setImmediate(resolve))
gc()
gc()
const before = process.memoryUsage().heapUsed
flushSync(() => root.render(Array.from({ length: n }, (_, i) => <Component key={i} id={i} />)))
await new Promise((resolve) => setImmediate(resolve))
gc()
gc()
process.stdout.write(JSON.stringify((process.memoryUsage().heapUsed - before) / n))
flushSync(() => root.unmount())
process.exit(0)
