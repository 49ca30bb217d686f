import { describe, expect, it, vi } from 'vitest'
import { checkpoint, now, sleep } from 'react-taskgroup/core'
import { capture, finish, rejection, settle, value, withFakeTime } from './helpers'

withFakeTime()

describe('sleep', () => {
  it('resolves after the delay, on fake time', async () => {
    value(await settle(sleep(300)))
    expect(now()).toBe(300)
  })

  it("rejects with the signal's reason as soon as it aborts, and clears its timer", async () => {
    const controller = new AbortController()
    const r = capture(sleep(1000, controller.signal))
    await vi.advanceTimersByTimeAsync(10)
    const reason = new Error('stop')
    controller.abort(reason)
    expect(vi.getTimerCount()).toBe(0)
    expect(rejection(await r)).toBe(reason)
  })

  it('rejects at once for a signal that is already aborted', async () => {
    const reason = new Error('too late')
    expect(rejection(await capture(sleep(10, AbortSignal.abort(reason))))).toBe(reason)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('stops listening to the signal once it resolved', async () => {
    const controller = new AbortController()
    const remove = vi.spyOn(controller.signal, 'removeEventListener')
    value(await settle(sleep(10, controller.signal)))
    expect(remove).toHaveBeenCalledOnce()
  })

  it('treats a negative delay as zero, and waits for the signal alone on Infinity', async () => {
    value(await settle(sleep(-5)))
    const controller = new AbortController()
    const r = capture(sleep(Infinity, controller.signal))
    expect(vi.getTimerCount()).toBe(0)
    controller.abort()
    expect(rejection(await finish(r))).toBeInstanceOf(DOMException)
  })

  it.each([
    [() => sleep('1' as never), TypeError, 'sleep(ms, signal): ms must be a number of milliseconds, got a string'],
    [() => sleep(Number.NaN), RangeError, 'sleep(ms, signal): ms must be a number of milliseconds, got NaN'],
    [
      () => sleep(1, 'signal' as never),
      TypeError,
      'sleep(ms, signal): signal must be an AbortSignal (or left out), got a string',
    ],
    [
      () => checkpoint(5 as never),
      TypeError,
      'checkpoint(signal): signal must be an AbortSignal (or left out), got the number 5',
    ],
  ])('rejects bad input (never throws): %s', async (call, type, message) => {
    const error = rejection(await capture(call()))
    expect(error).toBeInstanceOf(type)
    expect((error as Error).message).toBe(message)
  })
})

describe('checkpoint', () => {
  it('yields a macrotask, so timers that are already due run first', async () => {
    const order: string[] = []
    setTimeout(() => order.push('due timer'), 0)
    const r = checkpoint().then(() => order.push('checkpoint'))
    await vi.runAllTimersAsync()
    await r
    expect(order).toEqual(['due timer', 'checkpoint'])
  })

  it('rejects when the signal aborted by the time it resumes', async () => {
    const controller = new AbortController()
    const r = capture(checkpoint(controller.signal))
    controller.abort(new Error('cancelled meanwhile'))
    expect((rejection(await finish(r)) as Error).message).toBe('cancelled meanwhile')
  })
})
