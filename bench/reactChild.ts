// Workload 4 for one variant, in a process of its own (bench/run.ts starts one per variant
// and round, interleaved, so that one variant's JIT state and garbage never weigh on the
// next), with the React build NODE_ENV picks. Prints JSON: the timed runs' durations, and how
// many of the last run's requests were aborted once it unmounted.
import { aborted, reactMountUnmount, reactVariants } from './react'

const [variant, count = '1000', timed = '3'] = process.argv.slice(2)
if (variant === '--list') {
  process.stdout.write(JSON.stringify(Object.keys(reactVariants)))
  process.exit(0)
}
const run = reactMountUnmount(variant!, Number(count))
for (let i = 0; i < 2; i++) await run()
const times: number[] = []
let abortedAtUnmount = 0
for (let i = 0; i < Number(timed); i++) {
  const before = aborted
  const start = performance.now()
  await run()
  times.push(performance.now() - start)
  // Some libraries abort on a later tick: give them one before counting.
  await new Promise((resolve) => setTimeout(resolve, 20))
  abortedAtUnmount = aborted - before
}
process.stdout.write(JSON.stringify({ times, aborted: abortedAtUnmount }))
// Requests nobody aborted are still pending: do not wait a minute for them.
process.exit(0)
