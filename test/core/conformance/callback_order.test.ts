/**
 * The order of done callbacks among other queued work, against CPython 3.12 and 3.13 with the
 * eager task factory (tasks start eagerly here: docs/semantics.md, 8). Each task that settles
 * queues its own callbacks then, as asyncio's `call_soon` does: work queued between two
 * settlements runs between their callbacks. This is why a group does not batch its tasks'
 * settle steps into one (bench/README.md, issue 14): the batch would run `b cb` before `x`.
 *
 *     loop.set_task_factory(asyncio.eager_task_factory)
 *     async with asyncio.TaskGroup() as tg:
 *         a = tg.create_task(work('a')); a.add_done_callback(lambda t: order.append('a cb'))
 *         loop.call_soon(lambda: order.append('x'))
 *         b = tg.create_task(work('b')); b.add_done_callback(lambda t: order.append('b cb'))
 *     await asyncio.sleep(0)
 *     # ['a', 'b', 'a cb', 'x', 'b cb']
 */
import { expect, it } from 'vitest'
import { taskGroup } from 'react-taskgroup/core'

it('runs each task’s done callbacks in the order the tasks settled, with work queued in between running in between', async () => {
  const order: string[] = []
  await taskGroup((tg) => {
    const a = tg.createTask(() => void order.push('a'))
    a.addDoneCallback(() => order.push('a cb'))
    queueMicrotask(() => order.push('x'))
    const b = tg.createTask(() => void order.push('b'))
    b.addDoneCallback(() => order.push('b cb'))
  })
  expect(order).toEqual(['a', 'b', 'a cb', 'x', 'b cb'])
})

it('keeps that order for thousands of tasks settling in one turn, and runs each one’s callbacks once', async () => {
  const order: number[] = []
  await taskGroup((tg) => {
    for (let i = 0; i < 3000; i++) tg.createTask(() => i).addDoneCallback((task) => order.push(task.result()))
  })
  expect(order).toEqual(Array.from({ length: 3000 }, (_, i) => i))
})
