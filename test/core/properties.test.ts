/**
 * Random trees of groups, timeouts and tasks, checked against the invariants structured
 * concurrency promises, whatever the tasks do and whenever they do it.
 */
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  CancelledError,
  observeTasks,
  sleep,
  taskGroup,
  TaskGroupError,
  timeout,
  type Task,
  type TaskGroup,
} from 'react-taskgroup/core'
import { capture, forms } from './helpers'

type Behaviour =
  | { do: 'return' | 'throw' | 'ignore signal' | 'swallow cancel' | 'throw in cleanup' | 'cancel group'; ms: number }
  | { do: 'cancel sibling'; ms: number; sibling: number }
  | { do: 'run scope'; scope: Scope }

interface TaskSpec {
  form: 0 | 1
  behaviour: Behaviour
}
type Scope =
  { kind: 'group'; tasks: TaskSpec[] } | { kind: 'timeout'; ms: number; group: { kind: 'group'; tasks: TaskSpec[] } }

const ms = fc.integer({ min: 0, max: 40 })

const { scope } = fc.letrec<{ scope: Scope; group: Scope & { kind: 'group' }; task: TaskSpec; behaviour: Behaviour }>(
  (tie) => ({
    scope: fc.oneof(
      { depthSize: 'small' },
      tie('group'),
      fc.record({ kind: fc.constant('timeout' as const), ms, group: tie('group') }),
    ),
    group: fc.record({ kind: fc.constant('group' as const), tasks: fc.array(tie('task'), { maxLength: 4 }) }),
    task: fc.record({ form: fc.constantFrom(0 as const, 1 as const), behaviour: tie('behaviour') }),
    behaviour: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({
        do: fc.constantFrom('return', 'throw', 'ignore signal', 'swallow cancel', 'throw in cleanup', 'cancel group'),
        ms,
      }),
      fc.record({ do: fc.constant('cancel sibling' as const), ms, sibling: fc.nat(3) }),
      fc.record({ do: fc.constant('run scope' as const), scope: tie('scope') }),
    ),
  }),
)

/** What a run recorded, to check the invariants against. */
interface Trace {
  seq: number
  /** For each scope promise: when it settled, and when each of its direct children settled. */
  scopes: { settledAt: number; children: (() => number)[]; outcome: unknown; failures: unknown[]; isGroup: boolean }[]
  taskSettledAt: Map<Task<unknown>, number>
}

function runScope(spec: Scope, signal: AbortSignal | undefined, trace: Trace): Promise<unknown> {
  const record = {
    settledAt: -1,
    children: [] as (() => number)[],
    outcome: undefined as unknown,
    failures: [] as unknown[],
    isGroup: spec.kind === 'group',
  }
  trace.scopes.push(record)
  const group = (g: Scope & { kind: 'group' }, outer: AbortSignal | undefined) =>
    taskGroup(
      (tg) => {
        const tasks: Task<unknown>[] = []
        for (const task of g.tasks) {
          const created = tg.createTask(taskFn(task, tg, tasks, trace))
          tasks.push(created)
          record.children.push(() => trace.taskSettledAt.get(created) ?? Infinity)
          created.addDoneCallback((t) => {
            if (!t.cancelled() && t.exception() !== undefined) record.failures.push(t.exception())
          })
        }
      },
      { signal: outer },
    )
  const promise =
    spec.kind === 'group'
      ? group(spec, signal)
      : timeout(
          spec.ms,
          (t) => {
            const index = trace.scopes.length // the inner group's record; its tasks add theirs after it
            const inner = runScope(spec.group, t.signal, trace)
            record.children.push(() => trace.scopes[index]!.settledAt)
            return inner
          },
          { signal },
        )
  return promise.then(
    (value) => ((record.settledAt = ++trace.seq), (record.outcome = value), value),
    (error: unknown) => {
      record.settledAt = ++trace.seq
      record.outcome = error
      throw error
    },
  )
}

function taskFn(spec: TaskSpec, tg: TaskGroup, siblings: Task<unknown>[], trace: Trace) {
  const b = spec.behaviour
  const body = function* (signal: AbortSignal): Generator<unknown, unknown, unknown> {
    switch (b.do) {
      case 'return':
        yield sleep(b.ms, signal)
        return 'value'
      case 'throw':
        yield sleep(b.ms, signal)
        throw new Error('task failed')
      case 'ignore signal':
        yield sleep(b.ms)
        return 'ignored'
      case 'swallow cancel':
        try {
          yield sleep(b.ms, signal)
        } catch {
          return 'swallowed'
        }
        return 'value'
      case 'throw in cleanup':
        try {
          yield sleep(b.ms, signal)
        } finally {
          // eslint-disable-next-line no-unsafe-finally
          if (signal.aborted) throw new Error('cleanup failed')
        }
        return 'value'
      case 'cancel sibling':
        yield sleep(b.ms, signal)
        siblings[b.sibling]?.cancel()
        return 'value'
      case 'cancel group':
        yield sleep(b.ms, signal)
        tg.cancel()
        return 'value'
      case 'run scope':
        return yield runScope(b.scope, signal, trace)
    }
  }
  return forms[spec.form]!.fn(body)
}

/** Every leaf of an error tree, with how often it occurs. */
function members(error: unknown, into: unknown[] = []): unknown[] {
  if (error instanceof TaskGroupError) for (const member of error.errors) into.push(member)
  return into
}

describe('random trees of groups, timeouts and tasks', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('keep every invariant of structured concurrency', async () => {
    await fc.assert(
      fc.asyncProperty(scope, async (spec) => {
        vi.useFakeTimers()
        const trace: Trace = { seq: 0, scopes: [], taskSettledAt: new Map() }
        const stop = observeTasks((event) => {
          if (event.type === 'settle') trace.taskSettledAt.set(event.task, ++trace.seq)
        })
        try {
          const root = capture(runScope(spec, undefined, trace))
          await vi.runAllTimersAsync()
          const outcome = await root
          expect(trace.scopes[0]!.settledAt, 'the root scope settled').toBeGreaterThan(0)

          for (const scopeRecord of trace.scopes) {
            // No scope settles before every one of its children.
            for (const childSettledAt of scopeRecord.children) {
              expect(childSettledAt()).toBeLessThan(scopeRecord.settledAt)
            }
            const error = scopeRecord.outcome
            if (scopeRecord.isGroup) {
              if (scopeRecord.failures.length === 0) {
                expect(error instanceof TaskGroupError, 'a group without failures has no TaskGroupError').toBe(false)
              } else {
                // Every failure of its tasks appears exactly once in its TaskGroupError, and nothing else.
                expect(error).toBeInstanceOf(TaskGroupError)
                expect(members(error)).toEqual(scopeRecord.failures)
              }
            }
            // No cancellation is ever a member.
            for (const member of members(error)) expect(member).not.toBeInstanceOf(CancelledError)
          }
          // Nothing is left behind.
          expect(vi.getTimerCount()).toBe(0)
          return outcome !== undefined
        } finally {
          stop()
          vi.useRealTimers()
        }
      }),
      { numRuns: 300 },
    )
  })
})
