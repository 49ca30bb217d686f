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
    expect(error.message).toBe('unhandled errors in a TaskGroup')
    expect(error.errors).toEqual(members)
    expect(new TaskGroupError([], 'other').message).toBe('other')
  })
})
