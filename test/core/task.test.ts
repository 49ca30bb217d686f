import { describe, expect, it, vi } from 'vitest'
import {
  CancelledError,
  InvalidStateError,
  sleep,
  Task,
  taskGroup,
  TaskGroupError,
  type TaskGroup,
} from 'react-taskgroup/core'
import { countControllers, rejection, settle, value, withFakeTime } from './helpers'

withFakeTime()

/** Runs `body` in a group under fake time and returns the group's outcome. */
function inGroup<T>(body: (tg: TaskGroup) => T | PromiseLike<T>) {
  return settle(taskGroup(body))
}

describe('Task', () => {
  it('cannot be constructed directly', () => {
    const Ctor = Task as unknown as new () => Task<unknown>
    expect(() => new Ctor()).toThrow(/create tasks with tg.createTask/)
  })

  it('gets readable default names, and keeps given ones', async () => {
    await inGroup((tg) => {
      const a = tg.createTask(() => 1)
      const b = tg.createTask(() => 2, { name: 'load user' })
      expect(a.name).toMatch(/^Task-\d+$/)
      expect(b.name).toBe('load user')
      expect(String(a)).toBe('[object Task]')
    })
  })

  it('is pending until its function settles, then reports its value', async () => {
    let task!: Task<number>
    const outcome = inGroup(async (tg) => {
      task = tg.createTask(async (signal) => {
        await sleep(10, signal)
        return 7
      })
      expect(task.done()).toBe(false)
      expect(() => task.result()).toThrow(InvalidStateError)
      expect(() => task.result()).toThrow(/still pending/)
      expect(() => task.exception()).toThrow(InvalidStateError)
      expect(await task).toBe(7)
    })
    value(await outcome)
    expect(task.done()).toBe(true)
    expect(task.cancelled()).toBe(false)
    expect(task.result()).toBe(7)
    expect(task.exception()).toBeUndefined()
  })

  it('reports a failure through result(), exception() and await', async () => {
    const boom = new Error('boom')
    let task!: Task<never>
    let awaited: unknown
    const outcome = await inGroup(async (tg) => {
      task = tg.createTask(async () => {
        throw boom
      })
      await task.then(undefined, (error) => (awaited = error))
    })
    expect(rejection(outcome)).toBeInstanceOf(TaskGroupError)
    expect(awaited).toBe(boom)
    expect(task.exception()).toBe(boom)
    expect(() => task.result()).toThrow(boom)
  })

  it.each([undefined, null, 0, ''])('tells a failure with %j from a success through failed()', async (reason) => {
    let rejected!: Task<never>
    let thrown!: Task<never>
    let fulfilled!: Task<undefined>
    const outcome = await settle(
      taskGroup(
        (tg) => {
          rejected = tg.createTask(() => Promise.reject(reason))
          thrown = tg.createTask(() => {
            throw reason
          })
          fulfilled = tg.createTask(() => undefined)
        },
        { isolate: true },
      ),
    )
    expect((rejection(outcome) as TaskGroupError).errors).toEqual([reason, reason])
    for (const task of [rejected, thrown]) {
      expect(task.failed()).toBe(true)
      expect(task.cancelled()).toBe(false)
      expect(task.exception()).toBe(reason)
      expect(() => task.result()).toThrow()
    }
    expect(fulfilled.failed()).toBe(false)
    expect(fulfilled.exception()).toBeUndefined()
  })

  it('is neither failed nor cancelled while pending or when it fulfilled', async () => {
    let task!: Task<number>
    await inGroup((tg) => {
      task = tg.createTask(() => sleep(10).then(() => 1))
      expect(task.failed()).toBe(false)
    })
    expect([task.failed(), task.cancelled()]).toEqual([false, false])
  })

  it('reports a cancellation as a CancelledError everywhere, never as a failure', async () => {
    let task!: Task<void>
    let awaited: unknown
    value(
      await inGroup(async (tg) => {
        task = tg.createTask((signal) => sleep(1000, signal))
        expect(task.cancel('no longer needed')).toBe(true)
        await task.then(undefined, (error) => (awaited = error))
      }),
    )
    expect(task.cancelled()).toBe(true)
    expect(awaited).toBeInstanceOf(CancelledError)
    expect(() => task.result()).toThrow(CancelledError)
    expect(() => task.exception()).toThrow(CancelledError)
    expect(task.signal.reason).toBeInstanceOf(CancelledError)
    expect((task.signal.reason as Error).message).toMatch(/no longer needed/)
    expect((task.signal.reason as Error).cause).toBe('no longer needed')
  })

  it('returns false from cancel() once it is done', async () => {
    let task!: Task<number>
    value(await inGroup((tg) => void (task = tg.createTask(() => 1))))
    expect(task.cancel()).toBe(false)
    expect(task.result()).toBe(1)
  })

  it('ends cancelled when it rejects with a DOM AbortError after its signal aborted', async () => {
    let task!: Task<void>
    value(
      await inGroup((tg) => {
        task = tg.createTask(
          (signal) =>
            new Promise<void>((_, reject) =>
              signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
            ),
        )
        task.cancel()
      }),
    )
    expect(task.cancelled()).toBe(true)
    expect(() => task.result()).toThrow(CancelledError)
  })

  it('fails when it rejects with an AbortError its own signal did not cause', async () => {
    const foreign = new DOMException('someone else aborted', 'AbortError')
    let task!: Task<void>
    const outcome = await inGroup((tg) => {
      task = tg.createTask(() => Promise.reject(foreign))
    })
    expect((rejection(outcome) as TaskGroupError).errors).toEqual([foreign])
    expect(task.exception()).toBe(foreign)
  })

  it('ends with its value when it swallows the cancellation and returns', async () => {
    let task!: Task<string>
    value(
      await inGroup((tg) => {
        task = tg.createTask(async (signal) => {
          try {
            await sleep(1000, signal)
            return 'finished'
          } catch {
            return 'swallowed'
          }
        })
        task.cancel()
      }),
    )
    expect(task.cancelled()).toBe(false)
    expect(task.result()).toBe('swallowed')
  })

  it('runs a plain function as a task, and fails it on a synchronous throw', async () => {
    let ok!: Task<number>
    const outcome = await inGroup((tg) => {
      ok = tg.createTask(() => 5)
      tg.createTask(() => {
        throw new RangeError('bad')
      })
    })
    expect(ok.result()).toBe(5)
    expect((rejection(outcome) as TaskGroupError).errors[0]).toBeInstanceOf(RangeError)
  })

  it('adopts a thenable that is not a native promise', async () => {
    let task!: Task<number>
    value(
      await inGroup((tg) => {
        task = tg.createTask(() => ({ then: (resolve: (v: number) => void) => resolve(3) }) as PromiseLike<number>)
      }),
    )
    expect(task.result()).toBe(3)
  })

  describe('done callbacks', () => {
    it('run after the task settled, in registration order, never synchronously', async () => {
      const calls: string[] = []
      value(
        await inGroup(async (tg) => {
          const task = tg.createTask(() => 1)
          task.addDoneCallback(() => calls.push('first'))
          task.addDoneCallback((t) => calls.push(`second saw ${t.result()}`))
          calls.push('registered')
          await task
          calls.push('awaited')
          task.addDoneCallback(() => calls.push('late'))
          calls.push('registered late')
        }),
      )
      expect(calls).toEqual(['registered', 'first', 'second saw 1', 'awaited', 'registered late', 'late'])
    })

    it('all ran before the group settles', async () => {
      const ran: number[] = []
      value(
        await inGroup((tg) => {
          for (let i = 0; i < 3; i++)
            tg.createTask((signal) => sleep(10 * i, signal)).addDoneCallback(() => ran.push(i))
        }),
      )
      expect(ran).toEqual([0, 1, 2])
    })

    it('are reported, not thrown, when they throw, and the others still run', async () => {
      const reported = vi.spyOn(console, 'error').mockImplementation(() => {})
      const boom = new Error('callback failed')
      const after = vi.fn()
      value(
        await inGroup((tg) => {
          const task = tg.createTask(() => 1)
          task.addDoneCallback(() => {
            throw boom
          })
          task.addDoneCallback(after)
        }),
      )
      expect(reported).toHaveBeenCalledWith(boom)
      expect(after).toHaveBeenCalledOnce()
    })

    it('use reportError where the platform has it', async () => {
      const reportError = vi.fn()
      vi.stubGlobal('reportError', reportError)
      try {
        const boom = new Error('callback failed')
        value(
          await inGroup((tg) =>
            tg
              .createTask(() => 1)
              .addDoneCallback(() => {
                throw boom
              }),
          ),
        )
        expect(reportError).toHaveBeenCalledWith(boom)
      } finally {
        vi.unstubAllGlobals()
      }
    })

    it('removeDoneCallback removes every registration and says how many', async () => {
      const callback = vi.fn()
      const other = vi.fn()
      value(
        await inGroup((tg) => {
          const task = tg.createTask(() => 1)
          task.addDoneCallback(callback)
          task.addDoneCallback(other)
          task.addDoneCallback(callback)
          expect(task.removeDoneCallback(callback)).toBe(2)
          expect(task.removeDoneCallback(callback)).toBe(0)
        }),
      )
      expect(callback).not.toHaveBeenCalled()
      expect(other).toHaveBeenCalledOnce()
    })

    it('refuse a callback that is not a function', async () => {
      value(
        await inGroup((tg) => {
          const task = tg.createTask(() => 1)
          expect(() => task.addDoneCallback('nope' as never)).toThrow(TypeError)
          expect(() => task.addDoneCallback('nope' as never)).toThrow(/callback must be a function, got a string/)
        }),
      )
    })
  })

  describe('its signal', () => {
    it('is passed to a function that declares a parameter, and is task.signal', async () => {
      await inGroup((tg) => {
        let received: unknown
        const task = tg.createTask((signal) => (received = signal))
        expect(received).toBe(task.signal)
      })
    })

    it('is passed through wrappers whose length is 0: rest parameters, defaults, arguments, bind', async () => {
      const seen: unknown[] = []
      const target = (signal: unknown) => seen.push(signal)
      await inGroup((tg) => {
        const tasks = [
          tg.createTask((...args: [AbortSignal]) => target(...args)),
          tg.createTask((signal: AbortSignal | undefined = undefined) => target(signal)),
          tg.createTask(function () {
            // eslint-disable-next-line prefer-rest-params
            return target(arguments[0])
          }),
          tg.createTask(target.bind(null) as (signal: AbortSignal) => number),
        ]
        expect(seen).toEqual(tasks.map((task) => task.signal))
      })
    })

    it('is passed to a function that cannot be inspected, which then fails inside its task', async () => {
      const { proxy, revoke } = Proxy.revocable(async () => 1, {})
      revoke()
      let task!: Task<number>
      const outcome = await inGroup((tg) => {
        task = tg.createTask(proxy) // never throws out of createTask
      })
      expect(rejection(outcome)).toBeInstanceOf(TaskGroupError)
      expect(task.exception()).toBeInstanceOf(TypeError)
    })

    it('is not made for a function declared without parameters until task.signal is read', async () => {
      let task!: Task<void>
      const made = await countControllers(() =>
        inGroup((tg) => {
          task = tg.createTask(async () => {
            await sleep(10)
          })
        }),
      )
      // Nothing read a signal: neither the group nor the task made one.
      expect(made).toBe(0)
      expect(task.signal.aborted).toBe(false)
    })

    it('is made aborted with the reason when first read after the task was cancelled', async () => {
      await inGroup((tg) => {
        const task = tg.createTask(async () => {})
        task.cancel('not needed')
        expect(task.signal.aborted).toBe(true)
        expect(task.signal.reason).toBeInstanceOf(CancelledError)
        expect((task.signal.reason as CancelledError).cause).toBe('not needed')
      })
    })

    it('is not needed to cancel a generator function declared without parameters', async () => {
      const steps: string[] = []
      let task!: Task<void>
      const made = await countControllers(async () => {
        const outcome = await inGroup(function* (tg) {
          task = tg.createTask(function* () {
            try {
              yield new Promise(() => {})
            } finally {
              steps.push('cleaned up')
            }
          })
          yield sleep(1)
          tg.cancel()
        })
        expect(value(outcome)).toBeUndefined()
      })
      expect(made).toBe(0)
      expect(steps).toEqual(['cleaned up'])
      expect(task.cancelled()).toBe(true)
    })
  })

  describe('generator functions', () => {
    it('get the cancellation thrown in at the current yield, even when the awaited promise ignores the signal', async () => {
      const steps: string[] = []
      let task!: Task<string>
      value(
        await inGroup((tg) => {
          task = tg.createTask(function* () {
            try {
              yield new Promise(() => {}) // never settles, knows nothing of signals
              steps.push('resumed normally')
            } catch (error) {
              steps.push(`caught ${(error as Error).name}`)
              throw error
            } finally {
              steps.push('finally ran')
            }
            return 'unreachable'
          })
          task.cancel()
        }),
      )
      expect(steps).toEqual(['caught CancelledError', 'finally ran'])
      expect(task.cancelled()).toBe(true)
    })

    it('see the cancellation before any more of their code runs, even if the awaited value is already there', async () => {
      // CPython's test_taskgroup_cancel_one_winner / the hydra case: the wake-up is queued,
      // but the cancellation wins.
      const steps: string[] = []
      value(
        await inGroup((tg) => {
          const task = tg.createTask(function* () {
            try {
              yield Promise.resolve('ready')
              steps.push('resumed with the value')
            } catch {
              steps.push('cancelled first')
            }
          })
          task.cancel()
        }),
      )
      expect(steps).toEqual(['cancelled first'])
    })

    it('get the cancellation once: cleanup may await afterwards', async () => {
      const steps: string[] = []
      let task!: Task<string>
      value(
        await inGroup((tg) => {
          task = tg.createTask(function* () {
            try {
              yield sleep(1000)
            } catch {
              steps.push('cancelled')
            }
            yield sleep(10) // one-shot delivery: this await is not interrupted again
            steps.push('cleanup awaited')
            return 'done'
          })
          task.cancel()
        }),
      )
      expect(steps).toEqual(['cancelled', 'cleanup awaited'])
      expect(task.result()).toBe('done')
    })

    it('that cancel their own group while running see it at their next yield', async () => {
      const steps: string[] = []
      value(
        await inGroup((tg) => {
          tg.createTask(function* () {
            tg.cancel()
            steps.push('statement after cancel() still runs')
            try {
              yield Promise.resolve()
              steps.push('not reached')
            } catch (error) {
              steps.push((error as Error).name)
              throw error
            }
          })
        }),
      )
      expect(steps).toEqual(['statement after cancel() still runs', 'CancelledError'])
    })

    it('resume with the value or the error of what they yield', async () => {
      let task!: Task<string>
      value(
        await inGroup((tg) => {
          task = tg.createTask(function* () {
            const a = (yield Promise.resolve('a')) as string
            let b = ''
            try {
              yield Promise.reject(new Error('b'))
            } catch (error) {
              b = (error as Error).message
            }
            const c = (yield 'c') as string // a plain value is passed back as it is
            return a + b + c
          })
        }),
      )
      expect(task.result()).toBe('abc')
    })

    it('run a yielded generator as a nested step that receives the cancellation', async () => {
      const steps: string[] = []
      function* inner() {
        try {
          yield new Promise(() => {})
        } finally {
          steps.push('inner finally')
        }
      }
      let task!: Task<void>
      value(
        await inGroup((tg) => {
          task = tg.createTask(function* () {
            try {
              yield inner()
            } finally {
              steps.push('outer finally')
            }
          })
          task.cancel()
        }),
      )
      expect(steps).toEqual(['inner finally', 'outer finally'])
      expect(task.cancelled()).toBe(true)
    })

    it('that await a nested group wait for it: the group settles before the task resumes', async () => {
      const steps: string[] = []
      let task!: Task<void>
      value(
        await inGroup((tg) => {
          task = tg.createTask(function* (signal) {
            try {
              yield taskGroup(
                (inner) =>
                  void inner.createTask(async (s) => {
                    try {
                      await sleep(1000, s)
                    } finally {
                      await sleep(50) // slow cleanup
                      steps.push('inner task cleaned up')
                    }
                  }),
                { signal },
              )
            } catch (error) {
              steps.push(`task resumed with ${(error as Error).name}`)
              throw error
            }
          })
          task.cancel()
        }),
      )
      expect(steps).toEqual(['inner task cleaned up', 'task resumed with CancelledError'])
      expect(task.cancelled()).toBe(true)
    })
  })

  it('never raises an unhandled rejection when nobody awaits a failed or cancelled task', async () => {
    // The setup file fails any test with an unhandled rejection; this one must stay quiet.
    const outcome = await inGroup((tg) => {
      tg.createTask(() => Promise.reject(new Error('nobody awaits me')))
      tg.createTask((signal) => sleep(1000, signal))
    })
    expect(rejection(outcome)).toBeInstanceOf(TaskGroupError)
  })
})
