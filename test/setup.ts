import { afterEach, beforeEach, vi } from 'vitest'

/**
 * Fails the test during which a promise rejected with no handler: the runtime promises that
 * nothing it creates ever does. Real timers are saved before any test fakes them, so the
 * check can always wait the turn Node needs to notice an unhandled rejection.
 */
const realSetImmediate = globalThis.setImmediate
const unhandled: unknown[] = []
process.on('unhandledRejection', (reason) => {
  unhandled.push(reason)
})

afterEach(async () => {
  vi.useRealTimers()
  await new Promise((resolve) => realSetImmediate(resolve))
  if (unhandled.length > 0) {
    const reasons = unhandled.splice(0)
    throw new Error(`unhandled rejection during this test: ${reasons.map(String).join('; ')}`)
  }
})

/**
 * Keeps a passing run quiet. Many tests provoke errors on purpose (a render that throws, a
 * failure reported with `reportError`), and React, jsdom and the runtime log those through
 * `console.error`/`console.warn`. What a test logs is held back, and printed only when that
 * test fails, so an unexpected log is still there to read where it matters. A test that wants
 * to assert on a log spies on `console` itself, as before.
 */
const held: { method: 'error' | 'warn'; args: unknown[] }[] = []
const original = { error: console.error, warn: console.warn }

// jsdom prints an error that reaches `window` uncaught (React 18 replays render errors that
// way, and `reportError` dispatches one) unless the event is cancelled: hold those too.
if (typeof window !== 'undefined') {
  window.addEventListener('error', (event) => {
    held.push({ method: 'error', args: [event.error ?? event.message] })
    event.preventDefault()
  })
}

beforeEach(({ onTestFailed }) => {
  held.length = 0
  console.error = (...args: unknown[]) => void held.push({ method: 'error', args })
  console.warn = (...args: unknown[]) => void held.push({ method: 'warn', args })
  onTestFailed(() => {
    for (const { method, args } of held) original[method](...args)
  })
})

afterEach(() => {
  console.error = original.error
  console.warn = original.warn
})
