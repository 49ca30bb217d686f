import * as React from 'react'
import { startTransition, useLayoutEffect, useState } from 'react'
import { CancelledError, type Task, type TaskGenerator } from 'react-taskgroup/core'
import { useGroupScope } from './useTaskGroup'
import { checkActionArguments } from './validate'

/**
 * What `dispatch` does while an earlier run is running or waiting:
 * - `'enqueue'` (the default, React's own order): runs them one at a time, in order, each with
 *   the state the one before produced;
 * - `'restart'`: aborts the running one and runs the new one with the last committed state;
 * - `'drop'`: ignores the new dispatch (its function never runs);
 * - `'keepLatest'`: lets the running one finish, then runs only the newest waiting one.
 */
export type ActionConcurrency = 'enqueue' | 'restart' | 'drop' | 'keepLatest'

/** The function of a `useTaskAction`: the run's signal, the state so far, and the payload dispatched. */
export type TaskActionFn<S, P> = (
  signal: AbortSignal,
  previousState: S,
  payload: P,
) => TaskGenerator<S> | PromiseLike<S> | S

/** Options of `useTaskAction`. */
export interface UseTaskActionOptions {
  /** The policy for a dispatch that arrives while a run is running or waiting; `'enqueue'` by default. */
  concurrency?: ActionConcurrency
  /** Names the runs in errors, events and devtools. */
  name?: string
  /**
   * Takes a run's failure instead of the nearest error boundary: `state` stays as it was and
   * the waiting runs go on.
   */
  onError?: (error: unknown) => void
}

/** What `useTaskAction` controls besides `dispatch`; `cancelAll` keeps its identity. */
export interface TaskActionControls {
  /** Aborts the running run and drops the waiting ones; `state` stays as it was. */
  readonly cancelAll: (reason?: unknown) => void
}

/** `[state, dispatch, isPending, { cancelAll }]`, as `useActionState` returns, plus the controls. */
export type TaskActionResult<S, P> = [
  state: S,
  dispatch: (payload: P) => void,
  isPending: boolean,
  controls: TaskActionControls,
]

/** One dispatch, as it travels through React's action queue. */
interface RunInternal<P> {
  readonly seq: number
  readonly payload: P
}

/** The component's dispatches: which are waiting, which runs, which were called off. */
class ActionQueueInternal {
  /** The number of the newest dispatch. */
  seq = 0
  /** Dispatches not yet finished (running or waiting in React's queue). */
  inFlight = 0
  /** Dispatches up to this number are called off (cancelAll, a failure): their function never runs. */
  abandoned = 0
  running: Task<unknown> | undefined = undefined
  /** Runs cancelled by the policy, `cancelAll` or the unmount: whatever they return is not state. */
  readonly cancelled = new WeakSet<Task<unknown>>()
  /** Set at unmount (and cleared by StrictMode's remount): nothing runs or becomes state after it. */
  closed = false

  /** At mount (and StrictMode's remount); the returned close runs at unmount and calls off what waits. */
  mount(): () => void {
    this.closed = false
    return () => {
      this.closed = true
      this.abandoned = this.seq
    }
  }

  cancelRunning(reason: CancelledError): void {
    const running = this.running
    if (running === undefined) return
    this.cancelled.add(running)
    running.cancel(reason)
  }
}

/** What the runs read when they start: the committed `fn` and options, and React's dispatch. */
class LatestInternal<S, P> {
  constructor(
    public fn: TaskActionFn<S, P>,
    public options: UseTaskActionOptions,
    public send: (run: RunInternal<P>) => void,
  ) {}

  update(fn: TaskActionFn<S, P>, options: UseTaskActionOptions, send: (run: RunInternal<P>) => void): void {
    this.fn = fn
    this.options = options
    this.send = send
  }
}

/**
 * React 19's `useActionState` with a signal per run and a concurrency policy: each
 * `dispatch(payload)` runs `fn(signal, previousState, payload)` as a task of the component's
 * scope, `state` is what the last completed run returned, and `isPending` is React's own (true
 * from a dispatch until no run is running or waiting; like React's, it may also cover other
 * Actions React batches with these). A cancelled run (by the policy, `cancelAll` or the
 * unmount) changes no state. `dispatch` works as `<form action={dispatch}>`, as a
 * `formAction`, inside `startTransition`, and straight from an event handler, where it starts
 * the transition itself, so `useOptimistic` works as with React's own Actions. A failure goes
 * to the nearest error boundary (the waiting runs are called off), or to `onError`.
 *
 * @example
 * function Comments() {
 *   const [comments, post, isPending] = useTaskAction(
 *     async (signal, list: Comment[], form: FormData) => [...list, await postComment(form, signal)],
 *     [],
 *     { concurrency: 'restart' },
 *   )
 *   return <form action={post}><input name="text" /><button disabled={isPending}>Post</button></form>
 * }
 */
export function useTaskAction<S, P = void>(
  fn: TaskActionFn<S, P>,
  initialState: S,
  options: UseTaskActionOptions = {},
): TaskActionResult<S, P> {
  // Read at the call, not at import: React 18 has none (and a test's mock of React may not either).
  const useActionState = (React as { useActionState?: typeof React.useActionState }).useActionState
  if (useActionState === undefined) {
    throw new Error(
      `useTaskAction(fn, initialState) needs React 19 (it stands on React's useActionState); this is React ${React.version}. Use useTask on React 18`,
    )
  }
  checkActionArguments(fn, options)
  // It offers no reset(): a cancel from the task tree cancels the running run and no more.
  const scope = useGroupScope({ name: options.name, isolate: true }, 'useTaskAction', false)
  const [queue] = useState(() => new ActionQueueInternal())
  useLayoutEffect(() => queue.mount(), [queue])

  const action = async (previous: S, run: RunInternal<P>): Promise<S> => {
    try {
      const { concurrency = 'enqueue', name, onError } = latest.options
      // A newer dispatch waits behind this one: under these policies this one never runs.
      const superseded = (concurrency === 'restart' || concurrency === 'keepLatest') && run.seq !== queue.seq
      if (superseded || run.seq <= queue.abandoned || queue.closed) return previous
      const task = scope.createTask((signal) => latest.fn(signal, previous, run.payload), { name }) as Task<S>
      queue.running = task
      try {
        const value = await task
        return queue.cancelled.has(task) || queue.closed ? previous : value
      } catch (error) {
        if (task.cancelled() || queue.cancelled.has(task) || queue.closed) return previous
        if (onError !== undefined) {
          onError(error)
          return previous
        }
        // As useActionState: to the error boundary, and the waiting runs are called off.
        queue.abandoned = queue.seq
        throw error
      } finally {
        if (queue.running === task) queue.running = undefined
      }
    } finally {
      queue.inFlight--
    }
  }
  // React types its state as Awaited<S>; a state that is itself a promise is not supported.
  const [state, send, isPending] = useActionState(
    action as (previous: Awaited<S>, run: RunInternal<P>) => Promise<Awaited<S>>,
    initialState as Awaited<S>,
  ) as [S, (run: RunInternal<P>) => void, boolean]
  // What the runs read: the latest fn and options, as committed, and React's dispatch (stable,
  // and there from the first render, so a child's mount effect can dispatch already).
  const [latest] = useState(() => new LatestInternal(fn, options, send))
  useLayoutEffect(() => latest.update(fn, options, send))

  const [controls] = useState(() => ({
    dispatch: (payload: P): void => {
      const { concurrency = 'enqueue', name } = latest.options
      if (concurrency === 'drop' && queue.inFlight > 0) return
      const seq = ++queue.seq
      queue.inFlight++
      if (concurrency === 'restart') {
        queue.cancelRunning(
          new CancelledError(`restarted: a newer dispatch of "${name ?? 'action'}" replaced this run`),
        )
      }
      // React's dispatch belongs in a transition; from an event handler, this starts one.
      startTransition(() => latest.send({ seq, payload }))
    },
    api: {
      cancelAll: (reason?: unknown): void => {
        queue.abandoned = queue.seq
        queue.cancelRunning(
          reason instanceof CancelledError
            ? reason
            : new CancelledError('the runs were cancelled (cancelAll)', { cause: reason }),
        )
      },
    },
  }))
  return [state, controls.dispatch, isPending, controls.api]
}
