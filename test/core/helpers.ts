import { afterEach, beforeEach, expect, vi } from 'vitest'
import type { TaskGenerator } from 'react-taskgroup/core'

/** Fake timers for every test of the file, and a check that each test leaves no timer behind. */
export function withFakeTime(): void {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    expect(vi.getTimerCount(), 'timers left pending by the test').toBe(0)
  })
}

export type Outcome<T> = { status: 'fulfilled'; value: T } | { status: 'rejected'; reason: unknown }

/** Attaches both handlers at once, so a rejection is never unhandled while time advances. */
export function capture<T>(promise: PromiseLike<T>): Promise<Outcome<T>> {
  return Promise.resolve(promise).then(
    (value) => ({ status: 'fulfilled', value }),
    (reason: unknown) => ({ status: 'rejected', reason }),
  )
}

/** Runs fake time until no timer is left, then returns how `promise` settled. */
export async function settle<T>(promise: PromiseLike<T>): Promise<Outcome<T>> {
  return finish(capture(promise))
}

/** Runs fake time until no timer is left, then returns the captured outcome. */
export async function finish<T>(outcome: Promise<Outcome<T>>): Promise<Outcome<T>> {
  await vi.runAllTimersAsync()
  return outcome
}

/**
 * CPython's `r = create_task(runner()); await sleep(ms); assert not r.done(); r.cancel()`:
 * starts `start(signal)`, checks it is still pending after `ms` of fake time, aborts the signal
 * and returns how it settled once no timer is left.
 */
export async function cancelAfter<T>(ms: number, start: (signal: AbortSignal) => PromiseLike<T>): Promise<Outcome<T>> {
  const outer = new AbortController()
  const outcome = capture(start(outer.signal))
  await vi.advanceTimersByTimeAsync(ms)
  expect(await isSettled(outcome), 'settled before it was cancelled').toBe(false)
  outer.abort()
  return finish(outcome)
}

/** Whether `promise` has settled, after letting queued microtasks run. */
export async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  const marker = {}
  const first = await Promise.race([
    promise.then(() => true),
    new Promise((resolve) => setImmediateReal(() => resolve(marker))),
  ])
  return first !== marker
}

const setImmediateReal = globalThis.setImmediate

/** The rejection reason of an outcome; fails the test if it fulfilled. */
export function rejection(outcome: Outcome<unknown>): unknown {
  if (outcome.status !== 'rejected') throw new Error(`expected a rejection, got the value ${String(outcome.value)}`)
  return outcome.reason
}

/** The value of an outcome; rethrows its reason if it rejected. */
export function value<T>(outcome: Outcome<T>): T {
  if (outcome.status === 'rejected') throw outcome.reason
  return outcome.value
}

/** The constructor names of a group error's direct members, for CPython's `get_error_types`. */
export function errorTypes(error: unknown): string[] {
  return ((error as AggregateError).errors ?? []).map((member: unknown) =>
    member instanceof Error ? member.constructor.name : typeof member,
  )
}

/** Stand-ins for the Python exceptions the CPython tests raise. */
export class ZeroDivisionError extends Error {}
export class MyExc extends Error {}
export class ValueError extends Error {}
export class KeyError extends Error {}

type GeneratorFn<A extends unknown[], R> = (...args: A) => TaskGenerator<R>

/**
 * The two forms a scenario runs in. Scenarios are written once as generator functions;
 * `'generator function'` hands them to the runtime as they are (it drives them and throws
 * cancellation in at the current `yield`), `'async function'` turns them into real async
 * functions that `await` at each `yield`, where cancellation arrives only through signals.
 * Both are typed as async functions so that one call site fits both.
 */
export interface Form {
  form: 'async function' | 'generator function'
  fn: <A extends unknown[], R>(generatorFn: GeneratorFn<A, R>) => (...args: A) => Promise<R>
}

export const forms: Form[] = [
  { form: 'async function', fn: toAsync },
  { form: 'generator function', fn: (generatorFn) => generatorFn as never },
]

function toAsync<A extends unknown[], R>(generatorFn: GeneratorFn<A, R>): (...args: A) => Promise<R> {
  return async (...args) => {
    const generator = generatorFn(...args)
    let input: unknown
    let threw = false
    for (;;) {
      const step = threw ? generator.throw(input) : generator.next(input)
      if (step.done === true) return step.value
      try {
        input = await step.value
        threw = false
      } catch (error) {
        input = error
        threw = true
      }
    }
  }
}

/** Counts the AbortControllers constructed while `run` runs (signals are what they cost). */
export async function countControllers(run: () => unknown): Promise<number> {
  const Original = globalThis.AbortController
  let made = 0
  globalThis.AbortController = class extends Original {
    constructor() {
      super()
      made++
    }
  }
  try {
    await run()
  } finally {
    globalThis.AbortController = Original
  }
  return made
}
