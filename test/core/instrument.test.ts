import { describe, expect, it, vi } from 'vitest'
import { CancelledError, observeTasks, sleep, taskGroup, type TaskEvent } from 'react-taskgroup/core'
import { settle, withFakeTime } from './helpers'

withFakeTime()

/** A readable line per event: `start loads/user`, `settle loads/user fulfilled 20ms`. */
function line(event: TaskEvent): string {
  if (event.type === 'start') return `start ${event.group}/${event.name} @${event.time}`
  return `settle ${event.group}/${event.name} ${event.outcome} ${event.duration}ms`
}

describe('observeTasks', () => {
  it('reports a rejection with no reason as failed', async () => {
    const outcomes: string[] = []
    const stop = observeTasks((event) => event.type === 'settle' && outcomes.push(event.outcome))
    await settle(taskGroup((tg) => void tg.createTask(() => Promise.reject(undefined))))
    stop()
    expect(outcomes).toEqual(['failed'])
  })

  it("sees every task's start and settle with names, timing and outcome", async () => {
    const events: TaskEvent[] = []
    const stop = observeTasks((event) => events.push(event))
    const boom = new Error('boom')
    await settle(
      taskGroup(
        (tg) => {
          tg.createTask((signal) => sleep(20, signal).then(() => 'u'), { name: 'user' })
          tg.createTask((signal) => sleep(50, signal), { name: 'posts' })
          tg.createTask((signal) => sleep(30, signal).then(() => Promise.reject(boom)), { name: 'ads' })
        },
        { name: 'loads' },
      ),
    )
    stop()
    expect(events.map(line)).toEqual([
      'start loads/user @0',
      'start loads/posts @0',
      'start loads/ads @0',
      'settle loads/user fulfilled 20ms',
      'settle loads/ads failed 30ms',
      'settle loads/posts cancelled 30ms',
    ])
    const [, , , user, ads, posts] = events
    expect(user).toMatchObject({ value: 'u' })
    expect(ads).toMatchObject({ error: boom })
    expect(posts?.type === 'settle' && posts.reason).toBeInstanceOf(CancelledError)
    expect(posts?.type === 'settle' && posts.reason?.message).toBe('TaskGroup "loads" is cancelling: task "ads" failed')
  })

  it('stops observing when the returned function is called', async () => {
    const observer = vi.fn()
    const stop = observeTasks(observer)
    stop()
    stop() // twice is harmless
    await settle(taskGroup((tg) => void tg.createTask(() => 1)))
    expect(observer).not.toHaveBeenCalled()
  })

  it('reports an observer that throws, and the task goes on', async () => {
    const reported = vi.spyOn(console, 'error').mockImplementation(() => {})
    const boom = new Error('observer bug')
    const stop = observeTasks(() => {
      throw boom
    })
    const outcome = await settle(taskGroup((tg) => tg.createTask(() => 'fine')))
    stop()
    expect(outcome).toEqual({ status: 'fulfilled', value: expect.anything() })
    expect(reported).toHaveBeenCalledWith(boom)
  })

  it('refuses an observer that is not a function', () => {
    expect(() => observeTasks(undefined as never)).toThrow(
      'observeTasks(observer): observer must be a function, got undefined',
    )
  })
})

describe('taskGroup onTaskEvent', () => {
  it("sees only its own group's tasks", async () => {
    const mine: string[] = []
    await settle(
      taskGroup(
        async (outer) => {
          outer.createTask(() => 1, { name: 'outer task' })
          await taskGroup((inner) => void inner.createTask(() => 2, { name: 'inner task' }), { signal: outer.signal })
        },
        { name: 'outer', onTaskEvent: (event) => mine.push(line(event)) },
      ),
    )
    expect(mine).toEqual(['start outer/outer task @0', 'settle outer/outer task fulfilled 0ms'])
  })
})

describe('observeTasks, started late', () => {
  it('reports NaN as the duration of a task whose start nobody observed', async () => {
    const durations: number[] = []
    const r = settle(
      taskGroup(async (tg) => {
        const task = tg.createTask((signal) => sleep(10, signal))
        const stop = observeTasks((event) => event.type === 'settle' && durations.push(event.duration))
        await task
        stop()
      }),
    )
    await r
    expect(durations).toEqual([Number.NaN])
  })
})
