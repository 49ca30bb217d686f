// `npm run bench:compare -- <git rev> [N]`: the react-taskgroup rows of workloads 1–3 (spawn,
// cancel, timeout), from this checkout's sources and from those of <rev>, in child processes
// that alternate (this, rev, this, rev, …), so drift in the machine's speed weighs on both
// sides alike. Each child runs every row 5 times after 3 warm-ups; the table gives each side's
// median over all its children's runs, and the change. Nothing observes or captures tasks,
// so this is the cost of the core alone ("no inspector attached"). BENCH_ROUNDS sets the
// number of rounds (8), BENCH_ROWS a substring of the rows to time.
import { execFileSync } from 'node:child_process'
import { existsSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('..', import.meta.url))

if (process.argv[2] === '--child') {
  // In a child: this checkout's workloads, on the core of the checkout at argv[3] (cwd is that
  // checkout, so its tsconfig maps react-taskgroup/core to its own sources); time the rows,
  // print JSON. One set of workloads, so only the core differs.
  const { cancelPending, spawnAndSettle, timeoutScopes } = await import('./workloads')
  const core = (await import('react-taskgroup/core')) as Record<string, unknown>
  const loaded = fileURLToPath(new URL('.', import.meta.resolve('react-taskgroup/core')))
  if (!loaded.startsWith(process.argv[3]!)) throw new Error(`the child loaded the core from ${loaded}`)
  void core
  const n = Number(process.argv[4])
  const only = process.env.BENCH_ROWS // a substring of the rows' names, to time fewer of them
  const rows = Object.entries({ ...spawnAndSettle, ...cancelPending, ...timeoutScopes }).filter(
    ([name]) => name.startsWith('react-taskgroup') && (only === undefined || name.includes(only)),
  )
  const times: Record<string, number[]> = {}
  for (const [name, run] of rows) {
    for (let i = 0; i < 3; i++) await run(n)
    times[name] = []
    for (let i = 0; i < 5; i++) {
      globalThis.gc?.()
      const start = performance.now()
      await run(n)
      times[name].push(performance.now() - start)
    }
  }
  console.log(JSON.stringify(times))
  process.exit(0)
}

const rev = process.argv[2]
const n = Number(process.argv[3] ?? 10_000)
const rounds = Number(process.env.BENCH_ROUNDS ?? 8)
if (rev === undefined) throw new Error('usage: npm run bench:compare -- <git rev> [N]')
const other = join(tmpdir(), `react-taskgroup-bench-${rev}`)
if (!existsSync(other)) {
  execFileSync('git', ['worktree', 'add', '--detach', other, rev], { cwd: here, stdio: 'ignore' })
  symlinkSync(join(here, 'node_modules'), join(other, 'node_modules'))
}

const sides = { this: here, [rev]: other } as Record<string, string>
const all: Record<string, Record<string, number[]>> = {}
for (let round = 0; round < rounds; round++) {
  for (const [side, root] of Object.entries(sides)) {
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', root, String(n)],
      { cwd: root, encoding: 'utf8' },
    )
    for (const [row, times] of Object.entries(JSON.parse(out) as Record<string, number[]>)) {
      ;((all[row] ??= {})[side] ??= []).push(...times)
    }
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
console.log(`N = ${n}, ${rounds} alternating rounds of 5 runs per side; medians`)
console.log(`| row | ${rev} | this checkout | change |`)
console.log('| --- | --- | --- | --- |')
for (const [row, bySide] of Object.entries(all)) {
  const before = median(bySide[rev] ?? [])
  const after = median(bySide.this ?? [])
  const change = ((after / before - 1) * 100).toFixed(1)
  console.log(
    `| ${row} | ${before.toFixed(2)} ms | ${after.toFixed(2)} ms | ${Number(change) > 0 ? '+' : ''}${change}% |`,
  )
}
