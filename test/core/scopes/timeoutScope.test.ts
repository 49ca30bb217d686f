import { describe, expect, it, vi } from 'vitest'
import { CancelledError, InvalidStateError, now, sleep, TimeoutError, TimeoutScope } from 'react-taskgroup/core'
import { capture, countControllers, rejection, withFakeTime } from '../helpers'

withFakeTime()

describe('TimeoutScope', () => {
  it('takes its deadline at construction and arms nothing until opened', () => {
    const scope = new TimeoutScope({ delayMs: 1000 })
    expect(scope.getSnapshot()).toEqual({ expired: false, when: now() + 1000, signal: expect.any(AbortSignal) })
    expect(vi.getTimerCount()).toBe(0)
    scope.open()()
  })

  it('expires at the deadline: the signal aborts and the snapshot says so', async () => {
    const scope = new TimeoutScope({ delayMs: 100 })
    const listener = vi.fn()
    scope.subscribe(listener)
    const close = scope.open()
    await vi.advanceTimersByTimeAsync(100)
    const { expired, signal } = scope.getSnapshot()
    expect(expired).toBe(true)
    expect(signal.reason).toBeInstanceOf(CancelledError)
    expect(listener).toHaveBeenCalledOnce()
    close()
  })

  it('makes no AbortSignal unless its signal is read: run() gives none to a function without parameters', async () => {
    let scope!: TimeoutScope
    const made = await countControllers(async () => {
      scope = new TimeoutScope({ delayMs: 100 })
      const close = scope.open()
      const outcome = capture(
        scope.run(function* () {
          yield new Promise(() => {}) // only the deadline ends it
        }),
      )
      await vi.advanceTimersByTimeAsync(100)
      expect(scope.getSnapshot().expired).toBe(true)
      expect(rejection(await outcome)).toBeInstanceOf(TimeoutError)
      close()
    })
    expect(made).toBe(0)
    // Read late, the signal is made already aborted with the deadline's reason.
    expect(scope.getSnapshot().signal.reason).toBeInstanceOf(CancelledError)
  })

  it('run(): TimeoutError when the deadline cut the work short, CancelledError on close', async () => {
    const timedOut = new TimeoutScope({ delayMs: 100 })
    timedOut.open()
    const r1 = capture(timedOut.run((signal) => sleep(1000, signal)))
    await vi.advanceTimersByTimeAsync(100)
    const error = rejection(await r1) as TimeoutError
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error.cause).toBeInstanceOf(CancelledError)

    const unmounted = new TimeoutScope({ delayMs: 100 })
    const close = unmounted.open()
    const r2 = capture(unmounted.run((signal) => sleep(1000, signal)))
    close()
    const cancelled = rejection(await r2)
    expect(cancelled).toBeInstanceOf(CancelledError)
    expect(cancelled).not.toBeInstanceOf(TimeoutError)
    expect((cancelled as Error).message).toBe('component unmounted')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('reschedule() moves the deadline and reset() opens a new window', async () => {
    const scope = new TimeoutScope({ delayMs: 100 })
    scope.open()
    scope.reschedule(now() + 500)
    expect(scope.getSnapshot().when).toBe(500)
    await vi.advanceTimersByTimeAsync(500)
    expect(scope.getSnapshot().expired).toBe(true)
    expect(() => scope.reschedule(now() + 10)).toThrow(InvalidStateError)
    expect(() => scope.reschedule(now() + 10)).toThrow(
      'cannot reschedule: the timeout is expired; call reset() to open a new window',
    )
    const oldSignal = scope.getSnapshot().signal
    scope.reset()
    expect(scope.getSnapshot()).toMatchObject({ expired: false, when: 600 })
    expect(scope.getSnapshot().signal).not.toBe(oldSignal)
    await vi.advanceTimersByTimeAsync(100)
    expect(scope.getSnapshot().expired).toBe(true)
  })

  it('opens a fresh window after a close (StrictMode remount)', async () => {
    const scope = new TimeoutScope({ delayMs: 100 })
    scope.open()()
    expect(scope.getSnapshot().signal.aborted).toBe(true)
    await vi.advanceTimersByTimeAsync(50)
    scope.open()
    expect(scope.getSnapshot()).toMatchObject({ expired: false, when: 150 })
    expect(scope.getSnapshot().signal.aborted).toBe(false)
    await vi.advanceTimersByTimeAsync(100)
    expect(scope.getSnapshot().expired).toBe(true)
  })

  it('is cancelled, not expired, by its outer signal; a new outer signal starts a new window', async () => {
    const parent = new AbortController()
    const scope = new TimeoutScope({ delayMs: 100, signal: parent.signal })
    scope.open()
    const r = capture(scope.run((signal) => sleep(1000, signal)))
    parent.abort()
    expect(rejection(await r)).toBeInstanceOf(CancelledError)
    expect(scope.getSnapshot().expired).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
    scope.setOptions({ delayMs: 100, signal: new AbortController().signal })
    expect(scope.getSnapshot().signal.aborted).toBe(false)
    await vi.advanceTimersByTimeAsync(100)
    expect(scope.getSnapshot().expired).toBe(true)
  })

  it('setOptions() with a new delay moves the deadline from the window start', async () => {
    const scope = new TimeoutScope({ delayMs: 100 })
    scope.open()
    await vi.advanceTimersByTimeAsync(50)
    scope.setOptions({ delayMs: 300 })
    expect(scope.getSnapshot().when).toBe(300)
    await vi.advanceTimersByTimeAsync(249)
    expect(scope.getSnapshot().expired).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(scope.getSnapshot().expired).toBe(true)
  })

  it('refuses bad input', async () => {
    expect(() => new TimeoutScope({ delayMs: Number.NaN })).toThrow(RangeError)
    const scope = new TimeoutScope({ delayMs: null })
    expect(() => scope.reschedule('soon' as never)).toThrow(TypeError)
    expect(rejection(await capture(scope.run(3 as never)))).toBeInstanceOf(TypeError)
    scope.open()()
    expect(() => scope.reset()).toThrow('cannot reset: the timeout scope is closed, its component unmounted')
    expect(rejection(await capture(scope.run(() => 1)))).toBeInstanceOf(InvalidStateError)
  })
})
