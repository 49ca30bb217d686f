import { afterEach, vi } from 'vitest'

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
