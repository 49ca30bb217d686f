// `npm run bench`: every workload at 10,000 and 100,000 children, then React and heap, as tables.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { heapPerChild } from './heap'
import { reactMountUnmount } from './react'
import { measure, measureSequentially, print, type Row } from './table'
import { cancelPending, spawnAndSettle, timeoutScopes } from './workloads'

// React's act() warns outside a test runner; its messages are not results.
console.error = () => {}

const sizes = process.env.BENCH_SIZES?.split(',').map(Number) ?? [10_000, 100_000]
const rows: Row[] = []
for (const n of sizes) {
  rows.push(...(await measure('1. spawn + settle', n, spawnAndSettle)))
  rows.push(...(await measure('2. cancel pending', n, cancelPending)))
  rows.push(...(await measure('3. timeout scopes', n, timeoutScopes)))
}
rows.push(...(await measureSequentially('4. React mount + unmount (development build)', 1000, reactMountUnmount)))
// React's production build can only be loaded by a process of its own.
const production = execFileSync(
  process.execPath,
  ['--import', 'tsx', fileURLToPath(new URL('reactProduction.ts', import.meta.url))],
  {
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
  },
)
rows.push(...(JSON.parse(production) as Row[]))
print(rows)

const heap = await heapPerChild(sizes[0]!)
console.log()
if (heap === undefined) {
  console.log('5. heap per pending child: run with node --expose-gc (npm run bench does)')
} else {
  console.log(`5. heap per pending child (N = ${sizes[0]}, after GC)`)
  for (const [name, bytes] of Object.entries(heap)) console.log(`  ${name}: ${(bytes / 1024).toFixed(2)} KB`)
}
