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

/**
 * When the root scope's outer signal aborts, besides never: before the call (already
 * aborted), during the body's first synchronous run, between the body's first `createTask`
 * and its first await, or from the first task's done callback.
 */
type AbortPoint = 'entry' | 'body starts' | 'after createTask' | 'done callback'

/** Where `runScope` aborts the root's outer signal (the scope at depth 0 only). */
interface Inject {
  readonly at: Exclude<AbortPoint, 'entry'>
  readonly abort: () => void
}

function runScope(spec: Scope, signal: AbortSignal | undefined, trace: Trace, inject?: Inject): Promise<unknown> {
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
        if (inject?.at === 'body starts') inject.abort()
        for (const task of g.tasks) {
          const created = tg.createTask(taskFn(task, tg, tasks, trace))
          if (tasks.length === 0 && inject?.at === 'after createTask') inject.abort()
          if (tasks.length === 0 && inject?.at === 'done callback') created.addDoneCallback(inject.abort)
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
            if (inject?.at === 'body starts') inject.abort()
            // The inner group is the timeout's body: the other points are its.
            const inner = runScope(spec.group, t.signal, trace, inject?.at === 'body starts' ? undefined : inject)
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

  // An outer signal that aborts at one of the points where issue 11 found surprises: the
  // invariants above still hold, and the outcome is CPython's for the same tree: the outer
  // CancelledError whenever no task of the root failed (a failure still wins, as a
  // TaskGroupError), never a TaskGroupError made of refusals, never a TimeoutError.
  const points = fc.constantFrom<AbortPoint>('entry', 'body starts', 'after createTask', 'done callback')

  it('end as the outer cancellation under an outer signal that aborts early', async () => {
    await fc.assert(
      fc.asyncProperty(scope, points, async (spec, point) => {
        vi.useFakeTimers()
        const trace: Trace = { seq: 0, scopes: [], taskSettledAt: new Map() }
        const stop = observeTasks((event) => {
          if (event.type === 'settle') trace.taskSettledAt.set(event.task, ++trace.seq)
        })
        const outer = new AbortController()
        let abortedBeforeSettle = false
        const abort = () => {
          if ((trace.scopes[0]?.settledAt ?? -1) < 0) abortedBeforeSettle = true
          outer.abort('the user left')
        }
        try {
          if (point === 'entry') abort()
          const root = capture(
            runScope(spec, outer.signal, trace, point === 'entry' ? undefined : { at: point, abort }),
          )
          await vi.runAllTimersAsync()
          const outcome = await root
          const record = trace.scopes[0]!
          expect(record.settledAt, 'the root scope settled').toBeGreaterThan(0)
          for (const scopeRecord of trace.scopes) {
            for (const childSettledAt of scopeRecord.children)
              expect(childSettledAt()).toBeLessThan(scopeRecord.settledAt)
            if (scopeRecord.isGroup && scopeRecord.failures.length > 0) {
              expect(members(scopeRecord.outcome)).toEqual(scopeRecord.failures)
            }
            for (const member of members(scopeRecord.outcome)) {
              expect(member).not.toBeInstanceOf(CancelledError)
              // A refusal of createTask is never what a group fails with here.
              expect(String(member)).not.toMatch(/cannot create a task/)
            }
          }
          // The failures of the root's own tasks (a timeout's: its inner group's).
          const failures = (spec.kind === 'group' ? record : trace.scopes[1]!).failures
          if (abortedBeforeSettle && failures.length === 0) {
            expect(outcome.status).toBe('rejected')
            const error = (outcome as { reason: unknown }).reason
            expect(error).toBeInstanceOf(CancelledError)
            expect((error as Error).message).toMatch(/the user left$/)
          }
          if (failures.length > 0) expect((outcome as { reason: unknown }).reason).toBeInstanceOf(TaskGroupError)
          expect(vi.getTimerCount()).toBe(0)
        } finally {
          stop()
          vi.useRealTimers()
        }
      }),
      { numRuns: 300 },
    )
  })
})
