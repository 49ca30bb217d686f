/**
 * The benchmark workloads: for each, the raw-platform versions and the peers' versions of
 * the same work, so one run compares them all on the same machine.
 */
import { Effect, Fiber } from 'effect'
import { call, run, sleep, spawn, suspend } from 'effection'
import { taskGroup, timeout } from 'react-taskgroup/core'

export type Workload = Record<string, (n: number) => Promise<unknown>>

const resolved = Promise.resolve()

/** A trivial child that takes a signal, as real work does, and awaits one resolved promise. */
const work = async (signal: AbortSignal) => {
  await resolved
  return signal
}

/** A trivial child that declares no parameter: the runtime makes no signal for it. */
const trivial = async () => {
  await resolved
}

/** 1. Spawn N trivial children in one group (each awaits one resolved promise) and await them all. */
export const spawnAndSettle: Workload = {
  // Node makes a controller's AbortSignal only when `.signal` is first read, and the signal is
  // most of a controller's cost: the second row reads it, as code that calls fetch does.
  'raw, AbortController per task (baseline)': (n) =>
    Promise.all(
      Array.from({ length: n }, () => {
        const controller = new AbortController()
        return trivial().then(() => controller)
      }),
    ),
  'raw, AbortController per task, signal read': (n) =>
    Promise.all(Array.from({ length: n }, () => work(new AbortController().signal))),
  'raw, one shared signal (floor)': (n) => {
    const { signal } = new AbortController()
    return Promise.all(Array.from({ length: n }, () => work(signal)))
  },
  'react-taskgroup, () => (no signal made)': (n) =>
    taskGroup((tg) => {
      for (let i = 0; i < n; i++) tg.createTask(trivial)
    }),
  'react-taskgroup, (signal) =>': (n) =>
    taskGroup((tg) => {
      for (let i = 0; i < n; i++) tg.createTask(work)
    }),
  'Effect 4 (forkChild + Fiber.join)': (n) =>
    Effect.runPromise(
      Effect.gen(function* () {
        const fibers = []
        for (let i = 0; i < n; i++) fibers.push(yield* Effect.forkChild(Effect.promise(() => resolved)))
        for (const fiber of fibers) yield* Fiber.join(fiber)
      }),
    ),
  'Effection 4 (spawn in run)': (n) =>
    run(function* () {
      const tasks = []
      for (let i = 0; i < n; i++) tasks.push(yield* spawn(() => call(() => resolved)))
      for (const task of tasks) yield* task
    }),
}

/** 2. Start N children that wait forever, cancel them all, and wait until every cleanup ran. */
export const cancelPending: Workload = {
  'raw, abort() per task (baseline)': async (n) => {
    const controllers = Array.from({ length: n }, () => new AbortController())
    const cleanups = controllers.map(
      ({ signal }) => new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true })),
    )
    for (const controller of controllers) controller.abort()
    await Promise.all(cleanups)
  },
  'react-taskgroup, signal listener (cancel the group)': async (n) => {
    let cleaned = 0
    await taskGroup((tg) => {
      for (let i = 0; i < n; i++) {
        tg.createTask(
          (signal) =>
            new Promise<void>((_, reject) =>
              signal.addEventListener('abort', () => (cleaned++, reject(signal.reason)), { once: true }),
            ),
        )
      }
      tg.cancel()
    })
    if (cleaned !== n) throw new Error(`only ${cleaned} of ${n} cleaned up`)
  },
  'react-taskgroup, generator with finally (no signal made)': async (n) => {
    let cleaned = 0
    // What the children wait on never settles; one per run, so that it lets go of the run's
    // children once they are cancelled (one promise for every run kept every child ever
    // cancelled alive, and the row timed the garbage collector scanning them).
    const forever = new Promise<never>(() => {})
    function* child() {
      try {
        yield forever
      } finally {
        cleaned++
      }
    }
    await taskGroup((tg) => {
      for (let i = 0; i < n; i++) tg.createTask(child)
      tg.cancel()
    })
    if (cleaned !== n) throw new Error(`only ${cleaned} of ${n} cleaned up`)
  },
  'Effect 4 (Fiber.interrupt)': (n) =>
    Effect.runPromise(
      Effect.gen(function* () {
        let cleaned = 0
        const fibers = []
        for (let i = 0; i < n; i++) {
          fibers.push(
            yield* Effect.forkChild(Effect.onInterrupt(Effect.never, () => Effect.sync(() => void cleaned++))),
          )
        }
        yield* Effect.yieldNow
        for (const fiber of fibers) yield* Fiber.interrupt(fiber)
        if (cleaned !== n) throw new Error(`only ${cleaned} of ${n} cleaned up`)
      }),
    ),
  'Effection 4 (halt)': (n) =>
    run(function* () {
      let cleaned = 0
      const tasks = []
      for (let i = 0; i < n; i++) {
        tasks.push(
          yield* spawn(function* () {
            try {
              yield* suspend()
            } finally {
              cleaned++
            }
          }),
        )
      }
      yield* sleep(0) // let every child start before halting it
      for (const task of tasks) yield* task.halt()
      if (cleaned !== n) throw new Error(`only ${cleaned} of ${n} cleaned up`)
    }),
}

/** 3. Enter and leave N timeout scopes around a resolved promise. */
export const timeoutScopes: Workload = {
  'raw, AbortSignal.timeout + AbortSignal.any (baseline)': async (n) => {
    const outer = new AbortController()
    for (let i = 0; i < n; i++) {
      const signal = AbortSignal.any([outer.signal, AbortSignal.timeout(60_000)])
      await resolved
      void signal
    }
  },
  'react-taskgroup (timeout)': async (n) => {
    const outer = new AbortController()
    for (let i = 0; i < n; i++) await timeout(60_000, () => resolved, { signal: outer.signal })
  },
}
