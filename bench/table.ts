import { Bench } from 'tinybench'

interface Latency {
  p50?: number
  mad?: number
}
type Result = { latency?: Latency; error?: unknown } | undefined

/** One row of the printed table. */
export interface Row {
  workload: string
  n: number
  variant: string
  median: string
  spread: string
  ratio: string
}

/**
 * Times every variant of a workload at size `n` in one tinybench run and returns rows with
 * the median, the spread (median absolute deviation, relative to the median) and the ratio
 * of the median to the first variant's (the baseline), all from this run.
 */
export async function measure(workload: string, n: number, variants: Record<string, (n: number) => Promise<unknown>>) {
  const bench = new Bench({ time: 300, warmupTime: 100, iterations: 5, warmupIterations: 2 })
  for (const [name, fn] of Object.entries(variants)) bench.add(name, () => fn(n))
  await bench.run()
  const results = bench.tasks.map((task) => task.result as Result)
  const medians = results.map((result) => result?.latency?.p50 ?? Number.NaN)
  const baseline = medians[0]!
  return bench.tasks.map((task, index): Row => {
    const latency = results[index]?.latency
    if (latency?.p50 === undefined || results[index]?.error !== undefined) {
      return {
        workload,
        n,
        variant: task.name,
        median: 'error',
        spread: String(results[index]?.error ?? ''),
        ratio: '',
      }
    }
    return {
      workload,
      n,
      variant: task.name,
      median: `${latency.p50.toFixed(2)} ms`,
      spread: `±${(((latency.mad ?? 0) / latency.p50) * 100).toFixed(0)}%`,
      ratio: `${(medians[index]! / baseline).toFixed(2)}×`,
    }
  })
}

/**
 * The same row format from durations measured elsewhere (workload 4 runs each variant in a
 * process of its own): the median of each variant's durations, their spread (median absolute
 * deviation, relative to the median) and the ratio to the first variant's median.
 */
export function rowsFromTimes(workload: string, n: number, variants: string[], times: number[][]): Row[] {
  const medians = times.map(middle)
  return variants.map((variant, index): Row => {
    const median = medians[index]!
    const mad = middle(times[index]!.map((t) => Math.abs(t - median)))
    return {
      workload,
      n,
      variant,
      median: `${median.toFixed(2)} ms`,
      spread: `±${((mad / median) * 100).toFixed(0)}%`,
      ratio: `${(median / medians[0]!).toFixed(2)}×`,
    }
  })
}

function middle(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

export function print(rows: Row[]): void {
  const header = ['workload', 'N', 'variant', 'median', 'spread', 'vs baseline']
  const cells = rows.map((r) => [r.workload, String(r.n), r.variant, r.median, r.spread, r.ratio])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: string[]) => `| ${c.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`
  console.log(line(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const c of cells) console.log(line(c))
}
