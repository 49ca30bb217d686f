import { useEffect, useState, type DependencyList } from 'react'
import { CancelledError, GroupScope, reportError, type TaskFn } from 'react-taskgroup/core'
import type { TaskGroupHandle } from './useTaskGroup'
import { useIsomorphicLayoutEffect } from './useScope'
import { checkEffectArguments } from './validate'

/** Options of `useTaskEffect`. */
export interface UseTaskEffectOptions {
  /** Names the task in errors, events and devtools. */
  name?: string
  /**
   * Runs the effect as a task of this group (a `useTaskGroup` handle) instead of a scope of its
   * own: a failure fails the group (and shows in its `error`), and the effect runs again each
   * time the group opens a fresh scope, so `group.reset()` is the whole of "try again". While
   * the group is failed, cancelled or cancelling, the effect waits for that fresh scope.
   */
  group?: Pick<TaskGroupHandle, 'createTask' | 'generation' | 'signal'>
}

/**
 * Like `useEffect`, but `fn(signal)` runs as a task (SwiftUI's `.task(id:)`): it is cancelled
 * — its signal aborts — when `deps` change and when the component unmounts, and a new one
 * starts for the new deps. Failures are reported (`reportError`, or `console.error`), never
 * lost; cancellations are not failures. `fn` may be a generator function. With `{ group }`
 * it runs in that group, and again after each `group.reset()`.
 *
 * @example
 * function Profile({ id }: { id: string }) {
 *   const [user, setUser] = useState<User>()
 *   useTaskEffect(async (signal) => setUser(await fetchUser(id, signal)), [id])
 *   return user ? <Card user={user} /> : <Spinner />
 * }
 */
export function useTaskEffect(fn: TaskFn<unknown>, deps: DependencyList, options: UseTaskEffectOptions = {}): void {
  checkEffectArguments(fn, deps, options)
  // A scope of its own, opened at mount and closed at unmount, whose state nobody reads: no
  // store subscription and no handle, only its createTask. Given a group, it stays unopened
  // (a lazy scope opens at its first task).
  const [own] = useState(
    () =>
      new GroupScope({ name: options.name, isolate: true, onError: reportError }, 'useTaskEffect', {
        lazy: options.group !== undefined,
        resettable: false,
      }),
  )
  useIsomorphicLayoutEffect(() => {
    const close = own.open()
    closed.delete(own)
    return () => {
      close()
      closed.add(own)
    }
  }, [own])
  const group = options.group ?? own
  // Read during render, so that a fresh scope of the group re-renders the component and the
  // effect below runs again in it.
  const generation = options.group?.generation
  const { createTask } = group
  useEffect(
    () => {
      if (options.group !== undefined) {
        // A group that is cancelling or has ended takes no task; its reset() brings us back.
        if (options.group.signal.aborted) return
      } else {
        // The latest name, for the group the scope opens next (at its first task, or a reopen).
        own.setOptions({ name: options.name, isolate: true, onError: reportError })
      }
      const task = createTask(fn, { name: options.name })
      return () => {
        // Unmounted (or StrictMode's simulated unmount): the scope's close, which runs first,
        // has already cancelled the task ('component unmounted'); no second reason to make.
        if (options.group === undefined && closed.has(own)) return
        task.cancel(new CancelledError('the effect dependencies changed'))
      }
    },
    // `deps` are the caller's, as for useEffect; the group's identity and generation are ours.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [...deps, createTask, generation],
  )
}

/** The hooks' own scopes that are closed (their component unmounted), until they reopen. */
const closed = new WeakSet<GroupScope>()
