/**
 * The programs of issue 11: a scope entered while a cancellation is already pending, run in
 * CPython 3.13 (`PYENV_VERSION=3.13.0 python3.13`) and ported here, each test titled after
 * its program. In Python the task running the scope calls `asyncio.current_task().cancel('user
 * left')` and then enters `async with asyncio.TaskGroup() as tg:`; here the scope is called
 * with an already-aborted `options.signal`. CPython's outcome, with its log, is quoted above
 * each test. Two outcomes differ on purpose (docs/semantics.md, 10): a body that returns
 * without awaiting, and `timeout(0)`.
 *
 *     async def work(name, log):
 *         log.append(f'{name} started')
 *         try: await asyncio.sleep(1); log.append(f'{name} done')
 *         except asyncio.CancelledError: log.append(f'{name} cancelled'); raise
 */
import { describe, expect, it } from 'vitest'
import {
  CancelledError,
  checkpoint,
  sleep,
  taskGroup,
  timeout,
  TimeoutError,
  type TaskGenerator,
} from 'react-taskgroup/core'
import { rejection, settle, withFakeTime } from '../helpers'

withFakeTime()

const aborted = () => AbortSignal.abort('user left')

function worker(log: string[]) {
  return {
    async: (name: string) => async (signal: AbortSignal) => {
      log.push(`${name} started`)
      try {
        await sleep(1_000, signal)
        log.push(`${name} done`)
      } catch (error) {
        log.push(`${name} cancelled`)
        throw error
      }
    },
    generator: (name: string) =>
      function* (): TaskGenerator<void> {
        log.push(`${name} started`)
        try {
          yield sleep(1_000)
          log.push(`${name} done`)
        } catch (error) {
          log.push(`${name} cancelled`)
          throw error
        }
      },
  }
}

/** The outer reason, as the scope rejects with it. */
async function cancellation(promise: Promise<unknown>): Promise<CancelledError> {
  const error = rejection(await settle(promise))
  expect(error).toBeInstanceOf(CancelledError)
  expect(error).not.toBeInstanceOf(TimeoutError)
  expect((error as Error).message).toMatch(/user left$/)
  return error as CancelledError
}

describe.each(['async', 'generator'] as const)('a scope entered with a cancellation pending (%s children)', (form) => {
  // async with TaskGroup() as tg: t = tg.create_task(work('child', log))
  // CancelledError: user left; log: child started, child cancelled (create_task succeeded)
  it('pending_cancel_body_creates_task: the task is accepted, then cancelled; CancelledError', async () => {
    const log: string[] = []
    const work = worker(log)[form]
    await cancellation(
      taskGroup(
        async (tg) => {
          const child = tg.createTask(work('child'))
          log.push(`created, done: ${child.done()}`)
        },
        { signal: aborted() },
      ),
    )
    expect(log.filter((line) => !line.startsWith('created'))).toEqual(['child started', 'child cancelled'])
  })

  // async with TaskGroup() as tg: await asyncio.sleep(0.1); log.append('after await')
  // CancelledError: user left; log: (nothing after the await)
  it('pending_cancel_body_awaits: the body stops at its await; CancelledError', async () => {
    const log: string[] = []
    await cancellation(
      taskGroup(
        async (tg) => {
          await sleep(100, tg.signal)
          log.push('after await')
        },
        { signal: aborted() },
      ),
    )
    expect(log).toEqual([])
  })

  // async with TaskGroup() as tg: log.append('body returns')   (then: return 'value')
  // CancelledError: user left, raised at the caller's next await; log: body returns, after async with.
  // Here the scope rejects itself: a JavaScript caller has no pending cancellation to get later.
  it('pending_cancel_body_returns: the body runs, the scope still rejects with CancelledError', async () => {
    const log: string[] = []
    await cancellation(
      taskGroup(
        () => {
          log.push('body returns')
          return 'value'
        },
        { signal: aborted() },
      ),
    )
    expect(log).toEqual(['body returns'])
  })

  // async with TaskGroup() as tg: tg.create_task(work('child'))
  //     async with TaskGroup() as inner: inner.create_task(work('inner'))
  // CancelledError: user left; log: child started, inner started, inner cancelled, child cancelled
  it('pending_cancel_nested_group: both groups take their tasks and cancel them; CancelledError', async () => {
    const log: string[] = []
    const work = worker(log)[form]
    await cancellation(
      taskGroup(
        async (tg) => {
          tg.createTask(work('child'))
          await taskGroup(async (inner) => void inner.createTask(work('inner')), { signal: tg.signal })
        },
        { signal: aborted() },
      ),
    )
    expect([...log].sort()).toEqual(['child cancelled', 'child started', 'inner cancelled', 'inner started'])
  })

  // async with asyncio.timeout(0): await asyncio.sleep(1)
  // CPython 3.11–3.13: TimeoutError (gh-134471, open). Here CancelledError, its proposed fix.
  it('pending_cancel_timeout_zero: CancelledError, not TimeoutError', async () => {
    await cancellation(timeout(0, (t) => sleep(1_000, t.signal), { signal: aborted() }))
    await cancellation(timeout(0, (t) => checkpoint(t.signal), { signal: aborted() }))
  })

  it('pending_cancel_timeout_around_group: a group under the timeout takes its task; CancelledError', async () => {
    const log: string[] = []
    const work = worker(log)[form]
    await cancellation(
      timeout(1_000, (t) => taskGroup(async (tg) => void tg.createTask(work('child')), { signal: t.signal }), {
        signal: aborted(),
      }),
    )
    expect(log).toEqual(['child started', 'child cancelled'])
  })

  it('a child that creates a task after the body ended is refused, as after __aexit__ began', async () => {
    const log: string[] = []
    const outcome = taskGroup(
      async (tg) => {
        tg.createTask(async (signal) => {
          await sleep(1_000, signal).catch(() => {})
          // The group is past its body and cancelling: CPython's "TaskGroup is shutting down".
          try {
            tg.createTask(() => {})
          } catch (error) {
            log.push(String(error).split(':')[0]!)
          }
        })
      },
      { signal: aborted() },
    )
    await cancellation(outcome)
    expect(log).toEqual(['InvalidStateError'])
  })
})

// A done callback of the group's last task, while the task running the group waits in
// `__aexit__` (PYENV_VERSION=3.13.0 python3.13):
//
//     async with asyncio.TaskGroup() as tg:
//         t = tg.create_task(asyncio.sleep(0.01))
//         t.add_done_callback(lambda _: parent.cancel('user left'))
//     # CancelledError: user left (the waiting task resumes only after the callbacks)
//
//         t.add_done_callback(lambda _: tg.create_task(asyncio.sleep(0.01)))
//     # RuntimeError: TaskGroup <TaskGroup entered> is finished (reported by the loop); the group ends normally
describe('a done callback of the last task', () => {
  it('done_callback_cancels_the_parent: the group ends with the outer CancelledError', async () => {
    const outer = new AbortController()
    const outcome = taskGroup(
      (tg) => {
        tg.createTask((signal) => sleep(10, signal)).addDoneCallback(() => outer.abort('user left'))
        return 'value'
      },
      { signal: outer.signal },
    )
    await cancellation(outcome)
  })

  it('done_callback_creates_a_task: refused, the group is finished; it ends normally', async () => {
    const refusals: string[] = []
    const outcome = taskGroup((tg) => {
      tg.createTask((signal) => sleep(10, signal)).addDoneCallback(() => {
        try {
          tg.createTask(() => {})
        } catch (error) {
          refusals.push(String(error))
        }
      })
      return 'value'
    })
    expect((await settle(outcome)).status).toBe('fulfilled')
    expect(refusals).toEqual([
      expect.stringMatching(/^InvalidStateError: cannot create a task: TaskGroup "TaskGroup-\d+" is finished/),
    ])
  })
})
