import { describe, expect, it } from 'vitest'
import { CancelledError, InvalidStateError, TaskGroupError, TimeoutError } from 'react-taskgroup/core'

describe('errors', () => {
  it.each([
    [CancelledError, 'CancelledError'],
    [TimeoutError, 'TimeoutError'],
    [InvalidStateError, 'InvalidStateError'],
  ])('%o has its own name, a default message, and takes (message, { cause })', (Class, name) => {
    const cause = new Error('why')
    const error = new Class('custom', { cause })
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe(name)
    expect(error.message).toBe('custom')
    expect(error.cause).toBe(cause)
    expect(new Class().message).not.toBe('')
    expect(String(new Class('x'))).toBe(`${name}: x`)
  })

  it('keeps TimeoutError apart from CancelledError', () => {
    expect(new TimeoutError()).not.toBeInstanceOf(CancelledError)
    expect(new CancelledError()).not.toBeInstanceOf(TimeoutError)
  })

  it('makes TaskGroupError an AggregateError of the members, like AggregateError(errors, message)', () => {
    const members = [new Error('a'), 'b']
    const error = new TaskGroupError(members)
    expect(error).toBeInstanceOf(AggregateError)
    expect(error.name).toBe('TaskGroupError')
    expect(error.message).toBe('unhandled errors in a TaskGroup (2 sub-errors): Error: a; and 1 more')
    expect(error.errors).toEqual(members)
    expect(new TaskGroupError([], 'other').message).toBe('other')
  })

  it('says in its message how many errors it holds, and the first one', () => {
    expect(new TaskGroupError([]).message).toBe('unhandled errors in a TaskGroup')
    expect(new TaskGroupError([new TypeError('tg.createTask(fn): fn must be a function, got a string')]).message).toBe(
      'unhandled errors in a TaskGroup (1 sub-error): TypeError: tg.createTask(fn): fn must be a function, got a string',
    )
    expect(String(new TaskGroupError([undefined, 'x']))).toBe(
      'TaskGroupError: unhandled errors in a TaskGroup (2 sub-errors): undefined; and 1 more',
    )
    const nested = new TaskGroupError([new TaskGroupError([new RangeError('r')])])
    expect(nested.message).toBe(
      'unhandled errors in a TaskGroup (1 sub-error): TaskGroupError: unhandled errors in a TaskGroup (1 sub-error): RangeError: r',
    )
    const unprintable = {
      toString: () => {
        throw new Error('no')
      },
    }
    expect(new TaskGroupError([unprintable]).message).toBe(
      'unhandled errors in a TaskGroup (1 sub-error): an error that cannot be shown as text',
    )
  })
})
