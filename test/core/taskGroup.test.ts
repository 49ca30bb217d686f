import { describe, expect, it, vi } from 'vitest'
import {
  CancelledError,
  InvalidStateError,
  sleep,
  taskGroup,
  TaskGroupError,
  type Task,
  type TaskGroup,
} from 'react-taskgroup/core'
import { capture, finish, rejection, settle, value, withFakeTime } from './helpers'

withFakeTime()

describe('taskGroup', () => {
  it("resolves with the body's value after every task settled", async () => {
    const order: string[] = []
    const r = taskGroup((tg) => {
      tg.createTask(async (signal) => {
        await sleep(20, signal)
        order.push('task')
      })
      order.push('body')
      return 'value'
    }).then((v) => (order.push('group'), v))
    expect(value(await settle(r))).toBe('value')
    expect(order).toEqual(['body', 'task', 'group'])
  })

  it('collects failures in completion order, the body error last, never cancellations', async () => {
    const first = new Error('first')
    const second = new Error('second')
    const body = new Error('body')
    const r = taskGroup(async (tg) => {
      tg.createTask(async (signal) => {
        try {
          await sleep(1000, signal)
        } finally {
          // eslint-disable-next-line no-unsafe-finally
          throw second // fails while being cancelled
        }
      })
      tg.createTask((signal) => sleep(1000, signal)) // just cancelled
      tg.createTask((signal) => sleep(10, signal).then(() => Promise.reject(first)))
      try {
        await sleep(1000, tg.signal)
      } finally {
        // eslint-disable-next-line no-unsafe-finally
        throw body
      }
    })
    const error = rejection(await settle(r)) as TaskGroupError
    expect(error).toBeInstanceOf(TaskGroupError)
    expect(error.message).toBe('unhandled errors in a TaskGroup (3 sub-errors): Error: first; and 2 more')
    expect(error.errors).toEqual([first, second, body])
  })

  it('aborts tg.signal with a CancelledError that says which task failed', async () => {
    let reason: unknown
    const boom = new Error('boom')
    const r = taskGroup(
      (tg) => {
        tg.signal.addEventListener('abort', () => (reason = tg.signal.reason))
        tg.createTask(() => Promise.reject(boom), { name: 'upload' })
      },
      { name: 'uploads' },
    )
    rejection(await settle(r))
    expect(reason).toBeInstanceOf(CancelledError)
    expect((reason as Error).message).toBe('TaskGroup "uploads" is cancelling: task "upload" failed')
    expect((reason as Error).cause).toBe(boom)
  })

  it("gives every child the group's reason when the group cancels them", async () => {
    let child!: Task<void>
    const outer = new AbortController()
    const r = capture(
      taskGroup((tg) => void (child = tg.createTask((signal) => sleep(1000, signal))), { signal: outer.signal }),
    )
    outer.abort('user left')
    const error = rejection(await finish(r)) as CancelledError
    expect(error).toBeInstanceOf(CancelledError)
    expect(error.cause).toBe('user left')
    expect(error.message).toMatch(/cancelled by its outer signal: user left/)
    expect(child.signal.reason).toBe(error)
  })

  it("rejects with the outer signal's reason itself when it is a CancelledError", async () => {
    const outer = new AbortController()
    const reason = new CancelledError('route changed')
    const r = capture(taskGroup((tg) => void tg.createTask((signal) => sleep(1000, signal)), { signal: outer.signal }))
    outer.abort(reason)
    expect(rejection(await finish(r))).toBe(reason)
  })

  it('lists its live tasks', async () => {
    const r = taskGroup(async (tg) => {
      const a = tg.createTask((signal) => sleep(10, signal), { name: 'a' })
      const b = tg.createTask((signal) => sleep(20, signal), { name: 'b' })
      expect(tg.tasks).toEqual([a, b])
      await a
      expect(tg.tasks).toEqual([b])
    })
    value(await settle(r))
  })

  it('names groups TaskGroup-<n> by default', async () => {
    let tg!: TaskGroup
    value(await settle(taskGroup((g) => void (tg = g))))
    expect(tg.name).toMatch(/^TaskGroup-\d+$/)
    expect(String(tg)).toBe('[object TaskGroup]')
  })

  it('accepts a generator function as its body', async () => {
    const r = taskGroup(function* (tg) {
      const a = tg.createTask(() => 2)
      const b: number = yield a
      return b * 21
    })
    expect(value(await settle(r))).toBe(42)
  })

  it('hangs no listener on the outer signal per child: children are cancelled through its own registry', async () => {
    const outer = new AbortController()
    const add = vi.spyOn(outer.signal, 'addEventListener')
    const r = capture(
      taskGroup(
        (tg) => {
          for (let i = 0; i < 100; i++) tg.createTask((signal) => sleep(1000, signal))
        },
        { signal: outer.signal },
      ),
    )
    expect(add).toHaveBeenCalledTimes(1)
    outer.abort()
    rejection(await finish(r))
  })

  it('removes its listener from the outer signal when it settles', async () => {
    const outer = new AbortController()
    const remove = vi.spyOn(outer.signal, 'removeEventListener')
    value(await settle(taskGroup(() => 1, { signal: outer.signal })))
    expect(remove).toHaveBeenCalledTimes(1)
  })

  it('follows a nested scope through the runtime, without a platform listener', async () => {
    const r = taskGroup(async (outer) => {
      const add = vi.spyOn(outer.signal, 'addEventListener')
      await taskGroup((inner) => void inner.createTask(() => 1), { signal: outer.signal })
      expect(add).not.toHaveBeenCalled()
    })
    value(await settle(r))
  })

  it('runs its own steps on microtasks that a faked queueMicrotask cannot hold back', async () => {
    // A fake clock that also takes queueMicrotask (sinon's toFake can) must not stall
    // settling, done callbacks or cancellation: those steps are not timers.
    const held = vi.spyOn(globalThis, 'queueMicrotask').mockImplementation(() => {})
    try {
      const done: string[] = []
      const outcome = await settle(
        taskGroup(function* (tg) {
          const task = tg.createTask(async () => 1)
          task.addDoneCallback(() => done.push('callback'))
          const waiting = tg.createTask(function* () {
            yield new Promise(() => {})
          })
          yield task
          waiting.cancel()
          return task.result()
        }),
      )
      expect(value(outcome)).toBe(1)
      expect(done).toEqual(['callback'])
      expect(held).not.toHaveBeenCalled()
    } finally {
      held.mockRestore()
    }
  })

  describe('bad input', () => {
    it('rejects (never throws) when the body is not a function', async () => {
      const r = taskGroup(42 as never)
      expect(r).toBeInstanceOf(Promise)
      const error = rejection(await settle(r))
      expect(error).toBeInstanceOf(TypeError)
      expect((error as Error).message).toBe('taskGroup(body): body must be a function, got the number 42')
    })

    it.each([
      [{ signal: 'nope' }, /options.signal must be an AbortSignal \(or left out\), got a string/],
      [{ name: 5 }, /options.name must be a string \(or left out\), got the number 5/],
      [{ onTaskEvent: true }, /options.onTaskEvent must be a function, got a boolean/],
      ['fast', /options must be an object \(or left out\), got a string/],
    ])('rejects bad options %j with a TypeError', async (options, message) => {
      const body = vi.fn()
      const error = rejection(await settle(taskGroup(body, options as never)))
      expect(error).toBeInstanceOf(TypeError)
      expect((error as Error).message).toMatch(message)
      expect(body).not.toHaveBeenCalled()
    })

    it('createTask throws a TypeError for a non-function and bad options, without failing the group', async () => {
      const r = taskGroup((tg) => {
        expect(() => tg.createTask(null as never)).toThrow('tg.createTask(fn): fn must be a function, got null')
        expect(() => tg.createTask(() => 1, { name: 1 } as never)).toThrow(/options.name must be a string/)
        return 'still fine'
      })
      expect(value(await settle(r))).toBe('still fine')
    })

    it('says the group is finished, by name, and what to do', async () => {
      let tg!: TaskGroup
      value(await settle(taskGroup((g) => void (tg = g), { name: 'uploads' })))
      expect(() => tg.createTask(() => 1)).toThrow(
        new InvalidStateError(
          'cannot create a task: TaskGroup "uploads" is finished; create tasks while the group\'s body or tasks are still running, or open a new group',
        ),
      )
    })

    it('says the group is shutting down, and why', async () => {
      let message = ''
      const r = taskGroup(
        (tg) => {
          tg.cancel()
          try {
            tg.createTask(() => 1)
          } catch (error) {
            message = (error as Error).message
          }
        },
        { name: 'search' },
      )
      value(await settle(r))
      expect(message).toBe(
        'cannot create a task: TaskGroup "search" is shutting down (TaskGroup "search" was cancelled); no new work is started while it cancels',
      )
    })
  })
})

describe('taskGroup({ isolate: true })', () => {
  it('lets the other tasks and the body run on when a task fails, and still reports every failure', async () => {
    const first = new Error('first')
    const second = new Error('second')
    let sibling!: Task<string>
    const r = taskGroup(
      async (tg) => {
        tg.createTask(() => Promise.reject(first))
        sibling = tg.createTask((signal) => sleep(50, signal).then(() => 'sibling finished'))
        await sleep(20, tg.signal)
        expect(tg.signal.aborted).toBe(false)
        tg.createTask(() => Promise.reject(second)) // still accepting tasks
        return 'body finished'
      },
      { isolate: true },
    )
    const error = rejection(await settle(r)) as TaskGroupError
    expect(error.errors).toEqual([first, second])
    expect(sibling.result()).toBe('sibling finished')
  })

  it('refuses a non-boolean isolate', async () => {
    const error = rejection(await settle(taskGroup(() => 1, { isolate: 'yes' as never })))
    expect((error as Error).message).toBe(
      'taskGroup(body, options): options.isolate must be a boolean (or left out), got a string',
    )
  })
})
