import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { describe, expect, it, vi } from 'vitest'
import { withFakeTime } from './core/helpers'

// One runtime per app: the ESM and the CommonJS build loaded side by side (an app that
// `import`s the package while a dependency `require`s it) share their registries and error
// brands (src/core/internal/shared.ts), so the README's programs work across the two copies.
// Runs against the built package (`npm test` builds first), as package.test.ts does.
const root = fileURLToPath(new URL('..', import.meta.url))
const require = createRequire(import.meta.url)
type Core = typeof import('react-taskgroup/core')
const esm = (await import(`${root}dist/core.js`)) as Core
const cjs = require(`${root}dist/core.cjs`) as Core
withFakeTime() // both builds read the timer globals when they need them, so fake time drives them

const copies = [
  ['ESM', esm, 'CJS', cjs],
  ['CJS', cjs, 'ESM', esm],
] as const

describe('two copies of the runtime in one process', () => {
  it('are two copies', () => {
    expect(esm.TaskGroup).not.toBe(cjs.TaskGroup)
    expect(esm.CancelledError).not.toBe(cjs.CancelledError)
  })

  it.each(copies)('%s errors are instanceof the %s classes, and only of their own kind', (_, one, __, other) => {
    const kinds = ['CancelledError', 'TimeoutError', 'InvalidStateError'] as const
    for (const kind of kinds) {
      const error = new one[kind]('x')
      for (const check of kinds) expect(error instanceof other[check], `${kind} vs ${check}`).toBe(kind === check)
      expect(error).toBeInstanceOf(Error)
    }
    const group = new one.TaskGroupError([new one.TimeoutError()])
    expect(group).toBeInstanceOf(other.TaskGroupError)
    expect(group).toBeInstanceOf(AggregateError)
    expect(group).not.toBeInstanceOf(other.CancelledError)
    expect({ name: 'CancelledError' }).not.toBeInstanceOf(other.CancelledError)
    expect((null as unknown as object) instanceof other.CancelledError).toBe(false)
    // A user's subclass keeps the ordinary check: other CancelledErrors are not instances of it.
    class Left extends other.CancelledError {}
    expect(new Left()).toBeInstanceOf(other.CancelledError)
    expect(new Left()).toBeInstanceOf(one.CancelledError)
    expect(new one.CancelledError()).not.toBeInstanceOf(Left)
  })

  it.each(copies)(
    'the README’s profile: a %s timeout around a %s group ends in a TimeoutError',
    async (_, outer, __, inner) => {
      const aborted: boolean[] = []
      const outcome = outer
        .timeout(20, (t) =>
          inner.taskGroup(
            async (tg) => {
              const user = tg.createTask((signal) =>
                inner.sleep(1_000, signal).finally(() => aborted.push(signal.aborted)),
              )
              const posts = tg.createTask((signal) =>
                inner.sleep(1_000, signal).finally(() => aborted.push(signal.aborted)),
              )
              return { user: await user, posts: await posts }
            },
            { signal: t.signal },
          ),
        )
        .catch((e: unknown) => e)
      await vi.runAllTimersAsync()
      const error = await outcome
      expect(error).toBeInstanceOf(esm.TimeoutError)
      expect(error).toBeInstanceOf(cjs.TimeoutError)
      expect(aborted).toEqual([true, true])
    },
  )

  it.each(copies)('a %s group that fails cancels a %s group nested under its signal', async (_, outer, __, inner) => {
    let nested!: Promise<unknown>
    const error = await outer
      .taskGroup(async (tg) => {
        nested = inner.taskGroup(async (child) => void child.createTask((signal) => inner.sleep(1_000, signal)), {
          signal: tg.signal,
        })
        tg.createTask(() => Promise.reject(new TypeError('bad input')))
        await nested.catch(() => {})
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(esm.TaskGroupError)
    expect((error as AggregateError).errors.map(String)).toEqual(['TypeError: bad input'])
    expect(await nested.catch((e: unknown) => e)).toBeInstanceOf(esm.CancelledError)
  })

  it.each(copies)(
    '%s groups nested under a %s signal follow it without a listener each',
    async (_, inner, __, outer) => {
      let listeners = 0
      await outer.taskGroup(async (tg) => {
        const signal = tg.signal
        const add = signal.addEventListener.bind(signal)
        signal.addEventListener = ((...args: Parameters<typeof add>) => (listeners++, add(...args))) as typeof add
        const nested = Array.from({ length: 50 }, () =>
          inner.taskGroup(async (child) => void child.createTask((s) => inner.sleep(1_000, s)), { signal }),
        )
        tg.cancel()
        await Promise.allSettled(nested)
      })
      expect(listeners).toBe(0)
    },
  )

  it.each(copies)('observeTasks of the %s copy sees the tasks of the %s copy', async (_, observing, __, working) => {
    const seen: string[] = []
    const stop = observing.observeTasks((event) => void seen.push(`${event.type} ${event.name}`))
    await working.taskGroup(async (tg) => void tg.createTask(() => 1, { name: 'seen' }))
    stop()
    expect(seen).toEqual(['start seen', 'settle seen'])
  })

  it('a CJS scope under an ESM scope’s signal knows that signal was aborted by a close (StrictMode order)', async () => {
    const parent = new esm.GroupScope()
    const closeParent = parent.open()
    const child = new cjs.GroupScope({ signal: parent.getSnapshot().signal })
    const closeChild = child.open()
    closeChild()
    closeParent()
    child.open() // reopens before its parent: it must not follow the signal the close aborted
    const task = child.createTask((signal) => cjs.sleep(10, signal))
    await vi.runAllTimersAsync()
    expect(task.done() && !task.cancelled()).toBe(true)
    child.open()()
  })

  it('holds when the package is loaded by its own name through import and require', () => {
    const script = `
      import { createRequire } from 'node:module'
      const esm = await import('react-taskgroup/core')
      const cjs = createRequire(import.meta.url)('react-taskgroup/core')
      if (esm.timeout === cjs.timeout) throw new Error('expected two copies')
      const error = await esm.timeout(0, (t) => cjs.taskGroup(async (tg) => { tg.createTask((s) => cjs.sleep(1000, s)) }, { signal: t.signal })).catch((e) => e)
      if (!(error instanceof esm.TimeoutError) || !(error instanceof cjs.TimeoutError)) throw new Error('not a TimeoutError: ' + error)
      console.log('ok')`
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root }).toString()).toBe('ok\n')
  })
})
