/** Type tests for the hooks, checked by `tsc --noEmit` (part of `npm test`). */
import { expectTypeOf } from 'vitest'
import type { Task, TaskGroupError } from 'react-taskgroup/core'
import { useTask, useTaskAction, useTaskGroup, useTimeout } from 'react-taskgroup'

declare function fetchUser(id: string, signal: AbortSignal): Promise<{ name: string }>

export function Component() {
  const group = useTaskGroup({ name: 'types' })
  expectTypeOf(group.createTask((signal) => fetchUser('1', signal))).toEqualTypeOf<Task<{ name: string }>>()
  expectTypeOf(group.status).toEqualTypeOf<'idle' | 'running' | 'failed' | 'cancelled'>()
  expectTypeOf(group.running).toEqualTypeOf<number>()
  // Checking the status narrows the error: a failed group always has its TaskGroupError.
  if (group.status === 'failed') expectTypeOf(group.error).toEqualTypeOf<TaskGroupError>()
  else expectTypeOf(group.error).toEqualTypeOf<TaskGroupError | undefined>()
  // A destructured handle keeps the link between the two.
  const { status, error } = group
  if (status === 'failed') expectTypeOf(error).toEqualTypeOf<TaskGroupError>()

  // perform infers its arguments (after the signal) and its task's result type.
  const search = useTask((signal, query: string, page: number) => fetchUser(`${query}:${page}`, signal), {
    concurrency: 'restart',
  })
  expectTypeOf(search.perform).parameters.toEqualTypeOf<[string, number]>()
  expectTypeOf(search.perform('a', 1)).toEqualTypeOf<Task<{ name: string }>>()
  expectTypeOf(search.value).toEqualTypeOf<{ name: string } | undefined>()
  // Checking lastSuccessful narrows value.
  if (search.lastSuccessful !== undefined) expectTypeOf(search.value).toEqualTypeOf<{ name: string }>()
  else expectTypeOf(search.value).toEqualTypeOf<undefined>()
  // @ts-expect-error the arguments are checked
  search.perform(1, 'a')
  // @ts-expect-error so is the policy
  useTask(async () => 1, { concurrency: 'latest' })

  const gen = useTask(function* (signal: AbortSignal, n: number) {
    yield signal
    return n * 2
  })
  expectTypeOf(gen.perform(2)).toEqualTypeOf<Task<number>>()

  const deadline = useTimeout(1000)
  expectTypeOf(deadline.run(async () => 'x')).toEqualTypeOf<Promise<string>>()
  expectTypeOf(deadline.when).toEqualTypeOf<number | null>()
  return null
}

/** useTaskAction infers the state from fn and initialState, and the payload from fn. */
export function Actions() {
  const [count, add, isPending, { cancelAll }] = useTaskAction(
    async (signal, previous: number, step: number) => (await sleepFor(signal), previous + step),
    0,
  )
  expectTypeOf(count).toEqualTypeOf<number>()
  expectTypeOf(add).toEqualTypeOf<(payload: number) => void>()
  expectTypeOf(isPending).toEqualTypeOf<boolean>()
  expectTypeOf(cancelAll).toEqualTypeOf<(reason?: unknown) => void>()
  const [items, post] = useTaskAction(function* (signal, list: string[], form: FormData) {
    yield sleepFor(signal)
    return [...list, String(form.get('text'))]
  }, [] as string[])
  expectTypeOf(items).toEqualTypeOf<string[]>()
  expectTypeOf(post).toEqualTypeOf<(payload: FormData) => void>()
  // @ts-expect-error the payload's type comes from fn
  add('one')
  // @ts-expect-error the initial state must be a state fn takes
  useTaskAction(async (_signal, previous: number) => previous, 'zero')
  return null
}
declare function sleepFor(signal: AbortSignal): Promise<void>
