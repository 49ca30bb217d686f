import { describe, expect, it } from 'vitest'
import { declaresNoParameters } from '../../../src/core/internal/arity'

type Fn = (...args: never[]) => unknown

describe('declaresNoParameters', () => {
  // Every kind of declaration with an empty parameter list: these cannot read an argument.
  it.each<[string, Fn]>([
    ['an arrow function', () => 1],
    ['an async arrow function', async () => 1],
    ['a function expression', function () {}],
    ['a named function', function named() {}],
    ['an async function', async function () {}],
    ['a generator function', function* () {}],
    ['an async generator function', async function* named() {}],
    ['a method', { run() {} }.run],
    ['an async method', { async run() {} }.run],
    ['a generator method', { *run() {} }.run],
    [
      'a static method',
      class {
        static run() {}
      }.run,
    ],
    ['an arrow function whose body says "arguments"', () => 'arguments'],
  ])('is true for %s', (_, fn) => {
    expect(declaresNoParameters(fn)).toBe(true)
  })

  // Everything that may read what it is called with, including the `length === 0` cases.
  it.each<[string, Fn]>([
    ['a declared parameter', (signal: AbortSignal) => signal],
    ['a rest-parameter wrapper', (...args: unknown[]) => args],
    ['a default parameter', (signal: unknown = undefined) => signal],
    ['a destructured parameter with a default', ({ a }: { a?: number } = {}) => a],
    [
      'a function reading arguments',
      function () {
        // eslint-disable-next-line prefer-rest-params
        return arguments[0] as unknown
      },
    ],
    ['a bound function', (() => 1).bind(null)],
    ['a native function', Math.random],
    ['a method with a computed name', { ['run']() {} }.run],
  ])('is false for %s', (_, fn) => {
    expect(declaresNoParameters(fn)).toBe(false)
  })
})
