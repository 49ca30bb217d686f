/**
 * 5. Heap held per pending child, after GC: start N children that wait, measure, cancel.
 * Needs `node --expose-gc` (`npm run bench` passes it).
 */
import { Effect, Fiber } from 'effect'
import { run, sleep, spawn, suspend } from 'effection'
import { taskGroup } from 'react-taskgroup/core'

/** A promise that never settles: what a pending child waits on. */
const forever = new Promise<never>(() => {})

function* waitForever() {
  yield forever
}

type Variant = (n: number, measure: () => void) => Promise<unknown>

const never = (signal: AbortSignal) =>
  new Promise<void>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }))

export const pendingChildren: Record<string, Variant> = {
  'raw, AbortController + pending promise per child': async (n, measure) => {
    const controllers = Array.from({ length: n }, () => new AbortController())
    const pending = controllers.map((c) => never(c.signal).catch(() => {}))
    measure()
    for (const controller of controllers) controller.abort()
    await Promise.all(pending)
  },
  'react-taskgroup, signal listener': (n, measure) =>
    taskGroup((tg) => {
      for (let i = 0; i < n; i++) tg.createTask(never)
      measure()
      tg.cancel()
    }),
  'react-taskgroup, generator waiting (no signal made)': (n, measure) =>
    taskGroup((tg) => {
      for (let i = 0; i < n; i++) tg.createTask(waitForever)
      measure()
      tg.cancel()
    }),
  // An async function that declares no parameter cannot be reached by a cancellation: the
  // children wait on a gate that opens once the heap was measured.
  'react-taskgroup, async function waiting (no signal made)': (n, measure) => {
    let open!: () => void
    const gate = new Promise<void>((resolve) => (open = resolve))
    return taskGroup((tg) => {
      for (let i = 0; i < n; i++) {
        tg.createTask(async () => {
          await gate
        })
      }
      measure()
      open()
    })
  },
  'Effect 4': (n, measure) =>
    Effect.runPromise(
      Effect.gen(function* () {
        const fibers = []
        for (let i = 0; i < n; i++) fibers.push(yield* Effect.forkChild(Effect.never))
        yield* Effect.yieldNow
        measure()
        for (const fiber of fibers) yield* Fiber.interrupt(fiber)
      }),
    ),
  'Effection 4': (n, measure) =>
    run(function* () {
      const tasks = []
      for (let i = 0; i < n; i++) tasks.push(yield* spawn(() => suspend()))
      yield* sleep(0)
      measure()
      for (const task of tasks) yield* task.halt()
    }),
}

const gc = (globalThis as { gc?: () => void }).gc

/** Lets the previous variant's leftovers go: a turn of the loop, then two full collections. */
async function settleHeap(collect: () => void): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve))
  collect()
  collect()
}

/** Bytes of heap per pending child for each variant, or undefined without --expose-gc. */
export async function heapPerChild(n: number): Promise<Record<string, number> | undefined> {
  if (gc === undefined) return undefined
  const out: Record<string, number> = {}
  for (const [name, variant] of Object.entries(pendingChildren)) {
    await settleHeap(gc)
    const before = process.memoryUsage().heapUsed
    let held = 0
    await variant(n, () => {
      gc()
      held = process.memoryUsage().heapUsed - before
    })
    out[name] = held / n
  }
  return out
}
