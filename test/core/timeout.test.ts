import { describe, expect, it, vi } from 'vitest'
import {
  CancelledError,
  InvalidStateError,
  now,
  sleep,
  timeout,
  timeoutAt,
  TimeoutError,
  Timeout,
} from 'react-taskgroup/core'
import { capture, finish, rejection, settle, value, withFakeTime } from './helpers'

withFakeTime()

describe('timeout', () => {
  it('cannot be constructed directly', () => {
    const Ctor = Timeout as unknown as new () => Timeout
    expect(() => new Ctor()).toThrow(/use timeout\(delayMs/)
  })

  it('takes its deadline when called, on the now() clock', async () => {
    const start = now()
    let when: number | null = null
    value(await settle(timeout(250, (t) => void (when = t.when()))))
    expect(when).toBe(start + 250)
  })

  it('says which deadline passed, in the TimeoutError and in the CancelledError that caused it', async () => {
    const start = now()
    const plain = capture(timeout(10, (t) => sleep(100, t.signal)))
    const moved = capture(timeout(10, (t) => (t.reschedule(now() + 20), sleep(100, t.signal))))
    const absolute = capture(timeoutAt(start + 30, (t) => sleep(100, t.signal)))
    await vi.runAllTimersAsync()
    const [a, b, c] = (await Promise.all([plain, moved, absolute])).map(rejection) as TimeoutError[]
    expect(a!.message).toBe(`the deadline passed: timeout(10), at ${start + 10} ms on the now() clock`)
    expect((a!.cause as Error).message).toBe(a!.message)
    expect(b!.message).toBe(`the deadline passed: timeout(10), rescheduled, at ${start + 20} ms on the now() clock`)
    expect(c!.message).toBe(`the deadline passed: timeoutAt(deadline), at ${start + 30} ms on the now() clock`)
  })

  it('aborts its signal at the deadline with a CancelledError that says so', async () => {
    let signal!: AbortSignal
    const r = capture(timeout(100, (t) => ((signal = t.signal), sleep(1000, t.signal))))
    await vi.advanceTimersByTimeAsync(99)
    expect(signal.aborted).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(signal.aborted).toBe(true)
    expect(signal.reason).toBeInstanceOf(CancelledError)
    expect((signal.reason as Error).message).toMatch(/^the deadline passed/)
    const error = rejection(await finish(r)) as TimeoutError
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error.cause).toBe(signal.reason)
  })

  it('clears its timer as soon as the body settles', async () => {
    const r = capture(timeout(10_000, () => sleep(10)))
    await vi.advanceTimersByTimeAsync(10)
    expect(vi.getTimerCount()).toBe(0)
    value(await r)
  })

  it('moves the deadline with reschedule(), including into the past', async () => {
    const r = capture(
      timeout(100, async (t) => {
        t.reschedule(now() + 1000)
        await sleep(500, t.signal)
        t.reschedule(now() - 1) // fires on the next macrotask
        await sleep(1000, t.signal)
      }),
    )
    await vi.advanceTimersByTimeAsync(500)
    expect(await Promise.race([r, Promise.resolve('pending')])).toBe('pending')
    expect(rejection(await finish(r))).toBeInstanceOf(TimeoutError)
    expect(now()).toBeLessThanOrEqual(501) // the next macrotask, not the 1000 ms sleep
  })

  it('never fires for an Infinity deadline, and keeps no timer for it', async () => {
    const r = capture(
      timeout(Infinity, async (t) => {
        expect(vi.getTimerCount()).toBe(0)
        expect(t.when()).toBe(Infinity)
        return 'ok'
      }),
    )
    expect(value(await finish(r))).toBe('ok')
  })

  it("reaches deadlines beyond setTimeout's 24.8-day limit in steps instead of firing at once", async () => {
    const thirtyDays = 30 * 24 * 3600 * 1000
    const r = capture(timeout(thirtyDays, (t) => sleep(Infinity, t.signal)))
    await vi.advanceTimersByTimeAsync(thirtyDays - 1)
    expect(await Promise.race([r, Promise.resolve('pending')])).toBe('pending')
    await vi.advanceTimersByTimeAsync(1)
    expect(rejection(await r)).toBeInstanceOf(TimeoutError)
  })

  it('runs a timeoutAt() body against an absolute deadline', async () => {
    const deadline = now() + 50
    const r = timeoutAt(deadline, (t) => sleep(100, t.signal))
    expect(rejection(await settle(r))).toBeInstanceOf(TimeoutError)
    expect(now()).toBe(50)
  })

  describe('bad input', () => {
    it.each([
      [
        () => timeout('10' as never, () => 1),
        TypeError,
        'timeout(delayMs, body): delayMs must be a number of milliseconds or null, got a string',
      ],
      [
        () => timeout(Number.NaN, () => 1),
        RangeError,
        'timeout(delayMs, body): delayMs must be a number of milliseconds or null, got NaN',
      ],
      [
        () => timeout(undefined as never, () => 1),
        TypeError,
        'timeout(delayMs, body): delayMs must be a number of milliseconds or null, got undefined',
      ],
      [
        () => timeoutAt(Number.NaN, () => 1),
        RangeError,
        'timeoutAt(deadline, body): deadline must be a number of milliseconds or null, got NaN',
      ],
      [() => timeout(10, 'body' as never), TypeError, 'timeout(delayMs, body): body must be a function, got a string'],
      [
        () => timeout(10, () => 1, { signal: {} as never }),
        TypeError,
        'timeout(delayMs, body, options): options.signal must be an AbortSignal (or left out), got an object',
      ],
    ])('rejects (never throws): %s', async (call, type, message) => {
      const error = rejection(await settle(call()))
      expect(error).toBeInstanceOf(type)
      expect((error as Error).message).toBe(message)
    })

    it('reschedule() throws on a deadline that is not a number or null', async () => {
      value(
        await settle(
          timeout(100, (t) => {
            expect(() => t.reschedule(Number.NaN)).toThrow(RangeError)
            expect(() => t.reschedule('soon' as never)).toThrow(
              't.reschedule(deadline): deadline must be a number of milliseconds or null, got a string',
            )
          }),
        ),
      )
    })

    it('reschedule() names the state and what to do when the timeout is over', async () => {
      let t!: Timeout
      value(await settle(timeout(100, (scope) => void (t = scope))))
      expect(() => t.reschedule(null)).toThrow(
        new InvalidStateError(
          'cannot reschedule: the Timeout is finished; reschedule only while the timeout body runs and before its deadline passes, or open a new timeout',
        ),
      )
    })
  })
})
