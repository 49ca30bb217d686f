import { describe, expect, it, vi } from 'vitest'
import { CancelledError, GroupScope, InvalidStateError, sleep, TaskGroupError, type Task } from 'react-taskgroup/core'
import { countControllers, withFakeTime } from '../helpers'

withFakeTime()

describe('GroupScope', () => {
  it('has no side effects until opened: idle, a live signal, no group', () => {
    const scope = new GroupScope({ name: 'uploads' })
    expect(scope.getSnapshot()).toEqual({
      status: 'idle',
      tasks: [],
      running: 0,
      error: undefined,
      expired: false,
      deadline: null,
      generation: 0,
      signal: expect.any(AbortSignal),
    })
    expect(scope.getSnapshot().signal.aborted).toBe(false)
  })

  it('keeps the first snapshot when opened, and notifies on each task change', async () => {
    const scope = new GroupScope()
    const first = scope.getSnapshot()
    const listener = vi.fn()
    scope.subscribe(listener)
    scope.open()
    expect(scope.getSnapshot()).toBe(first)
    expect(listener).not.toHaveBeenCalled()
    const task = scope.createTask((signal) => sleep(10, signal), { name: 'a' })
    expect(scope.getSnapshot()).toMatchObject({ status: 'running', running: 1, tasks: [task] })
    await vi.advanceTimersByTimeAsync(10)
    expect(scope.getSnapshot()).toMatchObject({ status: 'idle', running: 0, tasks: [] })
    expect(listener).toHaveBeenCalledTimes(2)
  })

  it('tells its listeners once for a burst of changes, and builds the task list once per read', async () => {
    const scope = new GroupScope()
    scope.open()
    const listener = vi.fn()
    scope.subscribe(listener)
    for (let i = 0; i < 1000; i++) scope.createTask((signal) => sleep(10, signal))
    expect(listener).not.toHaveBeenCalled() // told on a microtask, once
    await vi.advanceTimersByTimeAsync(0)
    expect(listener).toHaveBeenCalledOnce()
    const snapshot = scope.getSnapshot()
    expect(snapshot.running).toBe(1000)
    expect(scope.getSnapshot()).toBe(snapshot) // nothing changed: the same object
    await vi.advanceTimersByTimeAsync(10)
    expect(scope.getSnapshot()).toMatchObject({ status: 'idle', running: 0 })
  })

  it('makes no AbortSignal for itself or its group unless its signal is read', async () => {
    let scope!: GroupScope
    let task!: Task<void>
    const made = await countControllers(async () => {
      scope = new GroupScope()
      const close = scope.open()
      task = scope.createTask(async () => {
        await sleep(10)
      })
      await vi.advanceTimersByTimeAsync(0)
      expect(scope.getSnapshot().running).toBe(1)
      close()
      await vi.advanceTimersByTimeAsync(10)
    })
    expect(made).toBe(0)
    // Read after the close, the signal is made already aborted with the close's reason.
    const { signal } = scope.getSnapshot()
    expect(signal.aborted).toBe(true)
    expect((signal.reason as Error).message).toBe('component unmounted')
    expect(task.done()).toBe(true)
  })

  it('cancels every task when closed, with a CancelledError that says the component unmounted', async () => {
    const scope = new GroupScope()
    const close = scope.open()
    const task = scope.createTask((signal) => sleep(1000, signal))
    close()
    close() // a second call does nothing
    await vi.advanceTimersByTimeAsync(0)
    expect(task.cancelled()).toBe(true)
    expect(task.signal.reason).toBeInstanceOf(CancelledError)
    expect((task.signal.reason as Error).message).toBe('component unmounted')
    // Made without a stack trace: at an unmount it would only show the framework's commit.
    expect((task.signal.reason as Error).stack).not.toMatch(/\n\s+at /)
    expect(() => scope.createTask(() => 1)).toThrow(/is closed, its component unmounted/)
  })

  it('opens a fresh group with a fresh signal after a close (StrictMode remount)', async () => {
    const scope = new GroupScope()
    scope.open()()
    const oldSignal = scope.getSnapshot().signal
    expect(oldSignal.aborted).toBe(true)
    const listener = vi.fn()
    scope.subscribe(listener)
    scope.open()
    expect(listener).toHaveBeenCalledOnce()
    expect(scope.getSnapshot()).toMatchObject({ status: 'idle', error: undefined })
    expect(scope.getSnapshot().signal).not.toBe(oldSignal)
    const task = scope.createTask(() => 'works')
    await vi.advanceTimersByTimeAsync(0)
    expect(task.result()).toBe('works')
  })

  it('fails with every error, then refuses tasks until reset()', async () => {
    const onError = vi.fn()
    const scope = new GroupScope({ onError })
    scope.open()
    const boom = new Error('boom')
    const sibling = scope.createTask((signal) => sleep(1000, signal))
    scope.createTask(() => Promise.reject(boom))
    await vi.advanceTimersByTimeAsync(0)
    const { status, error } = scope.getSnapshot()
    expect(status).toBe('failed')
    expect(error).toBeInstanceOf(TaskGroupError)
    expect(error?.errors).toEqual([boom])
    expect(onError).toHaveBeenCalledWith(error)
    expect(sibling.cancelled()).toBe(true)
    expect(() => scope.createTask(() => 1)).toThrow(InvalidStateError)
    expect(() => scope.createTask(() => 1)).toThrow(/has failed; call reset\(\) to open a fresh scope/)
    const oldSignal = scope.getSnapshot().signal
    scope.reset()
    expect(scope.getSnapshot()).toMatchObject({ status: 'idle', error: undefined })
    expect(scope.getSnapshot().signal).not.toBe(oldSignal)
    const task = scope.createTask(() => 'fresh')
    await vi.advanceTimersByTimeAsync(0)
    expect(task.result()).toBe('fresh')
  })

  it('isolates failures when asked: siblings run on, each failure is reported and collected', async () => {
    const onError = vi.fn()
    const scope = new GroupScope({ isolate: true, onError })
    scope.open()
    const first = new Error('first')
    const sibling = scope.createTask((signal) => sleep(10, signal).then(() => 'done'))
    scope.createTask(() => Promise.reject(first))
    await vi.advanceTimersByTimeAsync(0)
    expect(onError).toHaveBeenCalledWith(first)
    expect(scope.getSnapshot()).toMatchObject({ status: 'running', running: 1 })
    expect(scope.getSnapshot().error?.errors).toEqual([first])
    await vi.advanceTimersByTimeAsync(10)
    expect(sibling.result()).toBe('done')
    expect(scope.getSnapshot().status).toBe('idle')
  })

  it('is cancelled by its outer signal, and starts afresh under a new one', async () => {
    const parent = new AbortController()
    const scope = new GroupScope({ signal: parent.signal })
    scope.open()
    const task = scope.createTask((signal) => sleep(1000, signal))
    parent.abort(new CancelledError('the deadline passed'))
    await vi.advanceTimersByTimeAsync(0)
    expect(task.cancelled()).toBe(true)
    expect(scope.getSnapshot().status).toBe('cancelled')
    const next = new AbortController()
    scope.setOptions({ signal: next.signal })
    expect(scope.getSnapshot().status).toBe('idle')
    next.abort()
    await vi.advanceTimersByTimeAsync(0)
    expect(scope.getSnapshot().status).toBe('cancelled')
  })

  it('cancel() ends the group quietly as cancelled', async () => {
    const scope = new GroupScope()
    scope.open()
    const task = scope.createTask((signal) => sleep(1000, signal))
    scope.cancel()
    await vi.advanceTimersByTimeAsync(0)
    expect(task.cancelled()).toBe(true)
    expect(scope.getSnapshot()).toMatchObject({ status: 'cancelled', error: undefined })
  })

  it('reports failures that happen after it closed, since nobody can see them any more', async () => {
    const reported = vi.spyOn(console, 'error').mockImplementation(() => {})
    const scope = new GroupScope()
    const close = scope.open()
    scope.createTask(async (signal) => {
      try {
        await sleep(1000, signal)
      } finally {
        // eslint-disable-next-line no-unsafe-finally
        throw new Error('cleanup failed')
      }
    })
    close()
    await vi.advanceTimersByTimeAsync(0)
    expect(reported).toHaveBeenCalledOnce()
    expect(reported.mock.calls[0]![0]).toBeInstanceOf(TaskGroupError)
  })

  it('opens lazily when a task is created before open() (a child effect ran first)', async () => {
    const scope = new GroupScope()
    const task: Task<number> = scope.createTask(() => 1)
    scope.open()
    await vi.advanceTimersByTimeAsync(0)
    expect(task.result()).toBe(1)
  })

  it('refuses bad options with a TypeError', () => {
    expect(() => new GroupScope({ signal: 1 as never })).toThrow(
      'options.signal must be an AbortSignal (or left out), got the number 1',
    )
    expect(() => new GroupScope({ onError: 'x' as never })).toThrow('options.onError must be a function, got a string')
  })

  it('leaves no listener behind on its outer signal once closed', () => {
    const parent = new AbortController()
    const add = vi.spyOn(parent.signal, 'addEventListener')
    const remove = vi.spyOn(parent.signal, 'removeEventListener')
    const scope = new GroupScope({ signal: parent.signal })
    scope.open()()
    expect(add).toHaveBeenCalledTimes(1)
    expect(remove).toHaveBeenCalledTimes(1)
  })
})

describe('GroupScope under a parent scope that closes and reopens (StrictMode order)', () => {
  it('does not follow a parent signal aborted by its close, and follows the new one passed later', async () => {
    const parent = new GroupScope()
    const closeParent = parent.open()
    const child = new GroupScope({ signal: parent.getSnapshot().signal })
    const closeChild = child.open()
    // StrictMode: everything closes, then the child reopens before its parent does.
    closeChild()
    closeParent()
    child.open()
    const task = child.createTask((signal) => sleep(100, signal))
    await vi.advanceTimersByTimeAsync(0)
    expect(child.getSnapshot().status).toBe('running')
    parent.open()
    child.setOptions({ signal: parent.getSnapshot().signal })
    parent.cancel()
    parent.reset() // aborts the parent's signal, which the child now follows
    await vi.advanceTimersByTimeAsync(0)
    expect(task.cancelled()).toBe(true)
    expect(child.getSnapshot().status).toBe('cancelled')
  })
})
