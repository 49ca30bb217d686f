import { useDebugValue } from 'react'
import {
  TaskRunner,
  type Task,
  type TaskGenerator,
  type TaskRunnerOptions,
  type TaskRunnerScopeOptions,
  type TaskRunnerSnapshot,
} from 'react-taskgroup/core'
import { outsideRender, useScope } from './useScope'

/** The methods of a `TaskHandle`: each keeps its identity for the component's life. */
export interface TaskMethods<A extends unknown[], R> {
  /** Performs the operation (`fn(signal, ...args)`) under the concurrency policy; returns its task. */
  readonly perform: (...args: A) => Task<R>
  /** Cancels every running and queued performance. */
  readonly cancelAll: (reason?: unknown) => void
}

/**
 * What `useTask` returns: derived state (checking `lastSuccessful` narrows `value`), and
 * methods that keep their identity.
 */
export type TaskHandle<A extends unknown[], R> = TaskRunnerSnapshot<R> & TaskMethods<A, R>

/**
 * One named async operation with a concurrency policy, bound to the component's lifetime
 * (ember-concurrency's tasks on structured concurrency): `'restart'` for search-as-you-type,
 * `'drop'` against double submits, `'enqueue'`, `'keepLatest'`, or `'parallel'` (the default).
 * Cancelled performances are aborted through their signal, not just ignored; unmounting
 * cancels them all.
 *
 * @example
 * function Search() {
 *   const search = useTask((signal, query: string) => fetchResults(query, signal), { concurrency: 'restart' })
 *   return (
 *     <>
 *       <input onChange={(e) => search.perform(e.target.value)} />
 *       {search.isRunning ? <Spinner /> : <Results items={search.value ?? []} />}
 *     </>
 *   )
 * }
 */
export function useTask<A extends unknown[], R>(
  fn: (signal: AbortSignal, ...args: A) => TaskGenerator<R>,
  options?: TaskRunnerOptions,
): TaskHandle<A, R>
export function useTask<A extends unknown[], R>(
  fn: (signal: AbortSignal, ...args: A) => PromiseLike<R> | R,
  options?: TaskRunnerOptions,
): TaskHandle<A, R>
export function useTask<A extends unknown[], R>(
  fn: (signal: AbortSignal, ...args: A) => TaskGenerator<R> | PromiseLike<R> | R,
  options: TaskRunnerOptions = {},
): TaskHandle<A, R> {
  // The runner takes `fn` inside its options; options that are not an object are passed as
  // they are, for the runner to refuse in useTask's words.
  const runnerOptions = () =>
    (typeof options === 'object' && options !== null ? { ...options, fn } : options) as TaskRunnerScopeOptions<A, R>
  const task = useScope(
    () => new TaskRunner(runnerOptions(), 'useTask'),
    (runner) => runner.setOptions(runnerOptions()),
    (runner) => ({
      perform: outsideRender(runner.perform, 'useTask', 'perform'),
      cancelAll: runner.cancelAll,
    }),
  )
  useDebugValue(
    task,
    (t) => `${options.name ?? 'task'}: ${t.isRunning ? 'running' : 'idle'}, performed ${t.performCount}×`,
  )
  return task
}
