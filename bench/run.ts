// `npm run bench`: every workload at 10,000 and 100,000 children, one table.
import { measure, print, type Row } from './table'
import { cancelPending, spawnAndSettle, timeoutScopes } from './workloads'

const sizes = process.env.BENCH_SIZES?.split(',').map(Number) ?? [10_000, 100_000]
const rows: Row[] = []
for (const n of sizes) {
  rows.push(...(await measure('1. spawn + settle', n, spawnAndSettle)))
  rows.push(...(await measure('2. cancel pending', n, cancelPending)))
  rows.push(...(await measure('3. timeout scopes', n, timeoutScopes)))
}
print(rows)
