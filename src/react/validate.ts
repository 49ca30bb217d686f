/** What a wrong argument was, for the message: `null`, `an array`, `a string`. */
// The core's own describe() is internal to its bundle; the hooks entry keeps its own.
function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (value === undefined) return 'undefined'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

/** Checks `useTaskEffect`'s arguments in its own words, before any scope sees them. */
export function checkEffectArguments(fn: unknown, deps: unknown, options: unknown): void {
  if (typeof fn !== 'function') {
    throw new TypeError(`useTaskEffect(fn, deps): fn must be a function, got ${describe(fn)}`)
  }
  if (!Array.isArray(deps)) {
    throw new TypeError(
      `useTaskEffect(fn, deps): deps must be an array of the values the effect reads, as for useEffect, got ${describe(deps)}`,
    )
  }
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `useTaskEffect(fn, deps, options): options must be an object (or left out), got ${describe(options)}`,
    )
  }
  const { name, group } = options as { name?: unknown; group?: { createTask?: unknown } }
  if (name !== undefined && typeof name !== 'string') {
    throw new TypeError(
      `useTaskEffect(fn, deps, options): options.name must be a string (or left out), got ${describe(name)}`,
    )
  }
  if (group !== undefined && (typeof group !== 'object' || group === null || typeof group.createTask !== 'function')) {
    throw new TypeError(
      `useTaskEffect(fn, deps, options): options.group must be what useTaskGroup() returns (or left out), got ${describe(group)}`,
    )
  }
}

const policies = ['enqueue', 'restart', 'drop', 'keepLatest']

/** Checks `useTaskAction`'s arguments in its own words. */
export function checkActionArguments(fn: unknown, options: unknown): void {
  if (typeof fn !== 'function') {
    throw new TypeError(`useTaskAction(fn, initialState): fn must be a function, got ${describe(fn)}`)
  }
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `useTaskAction(fn, initialState, options): options must be an object (or left out), got ${describe(options)}`,
    )
  }
  const { concurrency, name, onError } = options as { concurrency?: unknown; name?: unknown; onError?: unknown }
  if (concurrency !== undefined && !policies.includes(concurrency as string)) {
    throw new TypeError(
      `useTaskAction(fn, initialState, options): options.concurrency must be one of ${policies.map((p) => `'${p}'`).join(', ')}, got ${typeof concurrency === 'string' ? `'${concurrency}'` : describe(concurrency)}`,
    )
  }
  if (name !== undefined && typeof name !== 'string') {
    throw new TypeError(
      `useTaskAction(fn, initialState, options): options.name must be a string (or left out), got ${describe(name)}`,
    )
  }
  if (onError !== undefined && typeof onError !== 'function') {
    throw new TypeError(
      `useTaskAction(fn, initialState, options): options.onError must be a function (or left out), got ${describe(onError)}`,
    )
  }
}
