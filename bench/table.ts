import { Bench } from 'tinybench'

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
 * the median, the spread (interquartile range, as ± half of it relative to the median) and
 * the ratio of the median to the first variant's (the baseline), all from this run.
 */
export async function measure(workload: string, n: number, variants: Record<string, (n: number) => Promise<unknown>>) {
  const bench = new Bench({ time: 300, warmupTime: 100, iterations: 5, warmupIterations: 2 })
  for (const [name, fn] of Object.entries(variants)) bench.add(name, () => fn(n))
  await bench.run()
  const medians = bench.tasks.map((task) => task.result?.latency?.p50 ?? Number.NaN)
  const baseline = medians[0]!
  return bench.tasks.map((task, index): Row => {
    const latency = task.result?.latency
    if (latency === undefined || task.result?.error) {
      return { workload, n, variant: task.name, median: 'error', spread: String(task.result?.error ?? ''), ratio: '' }
    }
    const iqr = ((latency.p75 ?? 0) - (latency.p25 ?? 0)) / 2
    return {
      workload,
      n,
      variant: task.name,
      median: `${latency.p50!.toFixed(2)} ms`,
      spread: `±${((iqr / latency.p50!) * 100).toFixed(0)}%`,
      ratio: `${(medians[index]! / baseline).toFixed(2)}×`,
    }
  })
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
