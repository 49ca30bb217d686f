import { afterEach, describe, expect, it, vi } from 'vitest'
import { GroupScope, now, timeout, timeoutAt, TimeoutScope } from 'react-taskgroup/core'

// A deadline on the wrong clock: `Date.now()` epoch milliseconds where the `now()` clock
// (`performance.now()`) is meant. Refused with a RangeError that says what to use instead;
// no deadline made as `now() + ms` is ever refused.
const DAY = 86_400_000
const YEAR = 365 * DAY

/** What `timeoutAt` says of `deadline`: the RangeError's message, or `'accepted'`. */
async function verdict(deadline: number): Promise<string> {
  // A body that returns at once: an accepted deadline never has to pass.
  return timeoutAt(deadline, () => 'accepted').catch((error: unknown) =>
    error instanceof RangeError ? error.message : `unexpected: ${String(error)}`,
  )
}

describe.each([
  ['real timers', () => {}],
  ['fake timers', () => vi.useFakeTimers()],
])('deadlines on the wrong clock (%s)', (_, install) => {
  afterEach(() => void vi.useRealTimers())

  it('refuses an epoch deadline, with advice', async () => {
    install()
    expect(Date.now() - now()).toBeGreaterThan(2 * DAY) // the two clocks are far apart here
    const epoch = Date.now() + 1_000
    // (now() moves on under real timers between the call and this line: its value is not pinned.)
    expect(await verdict(epoch)).toMatch(
      new RegExp(
        `^timeoutAt\\(deadline, body\\): deadline is ${epoch}, a Date\\.now\\(\\) time, but deadlines are on the now\\(\\) clock \\(performance\\.now\\(\\), at \\d+\\): use now\\(\\) \\+ ms, or timeout\\(ms\\)$`,
      ),
    )
    expect(await verdict(Date.now() - DAY + 1_000)).toMatch(/a Date\.now\(\) time/)
    expect(await verdict(Date.now() + YEAR - 1_000)).toMatch(/a Date\.now\(\) time/)
  })

  it('accepts every deadline made from now(), up to decades away', async () => {
    install()
    for (const ms of [0, 1, 1_000, DAY, YEAR, 50 * YEAR, -1_000]) expect(await verdict(now() + ms)).toBe('accepted')
    expect(await verdict(Number.POSITIVE_INFINITY)).toBe('accepted')
  })

  it('refuses it in t.reschedule(), TimeoutScope reschedule() and useTimeout’s reschedule()', async () => {
    install()
    let thrown: unknown
    await timeout(1_000, (t) => {
      try {
        t.reschedule(Date.now() + 5_000)
      } catch (error) {
        thrown = error
      }
    })
    expect(thrown).toBeInstanceOf(RangeError)
    expect((thrown as Error).message).toMatch(/^t\.reschedule\(deadline\): deadline is \d+, a Date\.now\(\) time/)
    const scope = new TimeoutScope({ delayMs: 1_000 })
    const close = scope.open()
    expect(() => scope.reschedule(Date.now() + 5_000)).toThrow(
      /^reschedule\(deadline\): deadline is \d+, a Date\.now\(\) time/,
    )
    const named = new TimeoutScope({ delayMs: 1_000 }, 'useTimeout')
    const closeNamed = named.open()
    expect(() => named.reschedule(Date.now())).toThrow(
      /^useTimeout\(\)\.reschedule\(deadline\): deadline is \d+, a Date\.now\(\) time/,
    )
    expect(() => named.reschedule(now() + 5_000)).not.toThrow()
    close()
    closeNamed()
  })

  it('leaves delays alone: a group timeout or a timeout() of any length is a delay, not a deadline', async () => {
    install()
    expect(await timeout(Date.now(), () => 'a long delay')).toBe('a long delay')
    expect(() => new GroupScope({ timeout: Date.now() })).not.toThrow()
  })
})

describe('deadlines when a fake clock starts both clocks together', () => {
  afterEach(() => void vi.useRealTimers())

  it('cannot tell the clocks apart, so refuses nothing', async () => {
    vi.useFakeTimers({ now: 0 })
    expect(Date.now() - now()).toBeLessThan(2 * DAY)
    expect(await verdict(Date.now() + 1_000)).toBe('accepted')
  })
})
