/**
 * Type tests, checked by `tsc --noEmit` (part of `npm test`): the generics of every public
 * function infer what a user expects.
 */
import { expectTypeOf } from 'vitest'
import {
  checkpoint,
  now,
  observeTasks,
  sleep,
  taskGroup,
  timeout,
  timeoutAt,
  type Task,
  type TaskEvent,
  type TaskFn,
  type TaskGroup,
  type Timeout,
} from 'react-taskgroup/core'

declare const tg: TaskGroup

// createTask infers the result of async, plain and generator functions.
expectTypeOf(tg.createTask(async () => 42)).toEqualTypeOf<Task<number>>()
expectTypeOf(tg.createTask(() => 'plain')).toEqualTypeOf<Task<string>>()
expectTypeOf(
  tg.createTask(function* () {
    yield sleep(1)
    return true
  }),
).toEqualTypeOf<Task<boolean>>()
expectTypeOf(tg.createTask((signal) => fetchJson<{ id: string }>(signal))).toEqualTypeOf<Task<{ id: string }>>()
tg.createTask((signal) => {
  expectTypeOf(signal).toEqualTypeOf<AbortSignal>()
})
declare const either: TaskFn<Date>
expectTypeOf(tg.createTask(either)).toEqualTypeOf<Task<Date>>()
// @ts-expect-error a task function is required
tg.createTask()
// @ts-expect-error the name is a string
tg.createTask(() => 1, { name: 1 })

// A task is awaitable and typed.
declare const task: Task<number>
expectTypeOf(task).toMatchTypeOf<PromiseLike<number>>()
expectTypeOf(task.result()).toEqualTypeOf<number>()
expectTypeOf(task.exception()).toEqualTypeOf<unknown>()
task.addDoneCallback((t) => expectTypeOf(t).toEqualTypeOf<Task<number>>())
async function awaited() {
  expectTypeOf(await task).toEqualTypeOf<number>()
}
void awaited

// taskGroup and timeout resolve with the body's value.
expectTypeOf(taskGroup(() => 1)).toEqualTypeOf<Promise<number>>()
expectTypeOf(taskGroup(async (g) => g.name)).toEqualTypeOf<Promise<string>>()
expectTypeOf(
  taskGroup(function* () {
    yield checkpoint()
    return [1, 2] as const
  }),
).toEqualTypeOf<Promise<readonly [1, 2]>>()
expectTypeOf(timeout(10, async (t) => t.when())).toEqualTypeOf<Promise<number | null>>()
expectTypeOf(timeoutAt(now() + 10, (t: Timeout) => t.expired())).toEqualTypeOf<Promise<boolean>>()
// @ts-expect-error the delay is a number or null
void timeout('10', () => 1)
// @ts-expect-error the signal must be an AbortSignal
void taskGroup(() => 1, { signal: 'no' })

// Events are a discriminated union.
observeTasks((event) => {
  expectTypeOf(event).toEqualTypeOf<TaskEvent>()
  if (event.type === 'settle') expectTypeOf(event.outcome).toEqualTypeOf<'fulfilled' | 'failed' | 'cancelled'>()
})

declare function fetchJson<T>(signal: AbortSignal): Promise<T>
