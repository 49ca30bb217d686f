/** Argument checks shared by the public entry points. Messages name the call and argument. */
import { now } from '../clock'

/** A short description of a value for error messages: `a string`, `null`, `NaN`, `an object`. */
export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : `the number ${value}`
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object'
  if (typeof value === 'undefined') return 'undefined'
  return `a ${typeof value}`
}

export function checkFunction(value: unknown, where: string): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') {
    throw new TypeError(`${where} must be a function, got ${describe(value)}`)
  }
}

/** Duck-typed, so signals from another realm (jsdom, an iframe) are accepted too. */
function isAbortSignal(value: unknown): value is AbortSignal {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AbortSignal).aborted === 'boolean' &&
    typeof (value as AbortSignal).addEventListener === 'function' &&
    typeof (value as AbortSignal).removeEventListener === 'function'
  )
}

export function checkSignal(value: unknown, where: string): asserts value is AbortSignal | undefined {
  if (value !== undefined && !isAbortSignal(value)) {
    throw new TypeError(`${where} must be an AbortSignal (or left out), got ${describe(value)}`)
  }
}

export function checkName(value: unknown, where: string): asserts value is string | undefined {
  if (value !== undefined && typeof value !== 'string') {
    throw new TypeError(`${where} must be a string (or left out), got ${describe(value)}`)
  }
}

export function checkOptions(value: unknown, where: string): asserts value is object | undefined {
  if (value !== undefined && (typeof value !== 'object' || value === null)) {
    throw new TypeError(`${where} must be an object (or left out), got ${describe(value)}`)
  }
}

/** A delay or deadline in milliseconds: any number but NaN, or null for "never". */
export function checkTime(value: unknown, where: string): asserts value is number | null {
  if (value === null) return
  if (typeof value !== 'number') {
    throw new TypeError(`${where} must be a number of milliseconds or null, got ${describe(value)}`)
  }
  if (Number.isNaN(value)) {
    throw new RangeError(`${where} must be a number of milliseconds or null, got NaN`)
  }
}

const DAY = 86_400_000
const YEAR = 365 * DAY

/**
 * An absolute deadline, which must be on the `now()` clock (`performance.now()`). One from a
 * day before `Date.now()` to a year after it, while `now()` is days behind `Date.now()` (as it
 * always is, unless a fake clock starts both at one time), is an epoch time given by mistake:
 * `timeoutAt(Date.now() + 1000)` would otherwise wait about 55 years. No `now() + ms` deadline
 * is refused: its `ms` would have to be over 50 years to land there.
 */
export function checkDeadline(value: unknown, where: string): asserts value is number | null {
  checkTime(value, where)
  if (value === null) return
  const wall = Date.now()
  const clock = now()
  if (wall - clock > 2 * DAY && value > wall - DAY && value < wall + YEAR) {
    throw new RangeError(
      `${where} is ${value}, a Date.now() time, but deadlines are on the now() clock (performance.now(), at ${Math.round(clock)}): use now() + ms, or timeout(ms)`,
    )
  }
}
