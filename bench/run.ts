// `npm run bench`: every workload at 10,000 and 100,000 children, then React and heap, as tables.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { heapPerChild } from './heap'
import { hookSizes } from './sizes'
import { measure, print, rowsFromTimes, type Row } from './table'
import { cancelPending, spawnAndSettle, timeoutScopes } from './workloads'

// React's act() warns outside a test runner; its messages are not results.
console.error = () => {}

/** Rounds of workload 4 (each starts every variant in turn): BENCH_REACT_ROUNDS, 3 unless set. */
const reactRounds = Number(process.env.BENCH_REACT_ROUNDS ?? 3)

const sizes = process.env.BENCH_SIZES?.split(',').map(Number) ?? [10_000, 100_000]
const rows: Row[] = []
for (const n of sizes) {
  rows.push(...(await measure('1. spawn + settle', n, spawnAndSettle)))
  rows.push(...(await measure('2. cancel pending', n, cancelPending)))
  rows.push(...(await measure('3. timeout scopes', n, timeoutScopes)))
}
for (const build of ['development', 'production'] as const) rows.push(...reactRows(build))
print(rows)

/**
 * Workload 4 with React's `build`: each variant in a process of its own (React picks its build
 * when first imported), `reactRounds` rounds that start every variant in turn, three timed runs each.
 * A variant's row says how many of its 1,000 requests were aborted at unmount.
 */
function reactRows(build: 'development' | 'production'): Row[] {
  const child = (...args: string[]) =>
    execFileSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('reactChild.ts', import.meta.url)), ...args],
      {
        env: { ...process.env, NODE_ENV: build },
        encoding: 'utf8',
      },
    )
  const variants = JSON.parse(child('--list')) as string[]
  const times = variants.map(() => [] as number[])
  const abortedAt = variants.map(() => 0)
  for (let round = 0; round < reactRounds; round++) {
    for (const [index, variant] of variants.entries()) {
      const result = JSON.parse(child(variant, '1000', '3')) as { times: number[]; aborted: number }
      times[index]!.push(...result.times)
      abortedAt[index] = result.aborted
    }
  }
  const names = variants.map((variant, index) => `${variant} (aborts ${abortedAt[index]} of 1000 at unmount)`)
  return rowsFromTimes(`4. React mount + unmount (${build} build)`, 1000, names, times)
}

const heap = await heapPerChild(sizes[0]!)
console.log()
if (heap === undefined) {
  console.log('5. heap per pending child: run with node --expose-gc (npm run bench does)')
} else {
  console.log(`5. heap per pending child (N = ${sizes[0]}, after GC)`)
  for (const [name, bytes] of Object.entries(heap)) console.log(`  ${name}: ${(bytes / 1024).toFixed(2)} KB`)
}

console.log()
console.log('6. min+gzip of one hook (esbuild, minified, React external, production)')
for (const [name, bytes] of await hookSizes()) console.log(`  ${name}: ${(bytes / 1000).toFixed(2)} kB`)

console.log()
console.log('7. heap per mounted React component with its one request pending (N = 5,000, production build, after GC)')
const heapChild = (...args: string[]) =>
  execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(new URL('reactHeap.tsx', import.meta.url)), ...args],
    { env: { ...process.env, NODE_ENV: 'production' }, encoding: 'utf8' },
  )
for (const variant of JSON.parse(heapChild('--list')) as string[]) {
  console.log(`  ${variant}: ${(Number(heapChild(variant)) / 1024).toFixed(2)} KB`)
}
