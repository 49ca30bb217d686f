/**
 * Whether `fn` was declared with an empty parameter list and so can never read the argument
 * it is called with: `() => …`, `async () => …`, `function () {…}`, `function* () {…}`,
 * `name() {…}`. A task function like that gets no signal, and the task's `AbortSignal` is
 * made only if something reads `task.signal` (signals cost most of what a task costs).
 *
 * `fn.length` alone cannot tell: a wrapper `(...args) => inner(...args)`, a default
 * parameter `(signal = x) =>` and a function reading `arguments` all have length 0 and do
 * read the argument. So the test reads the declaration and answers true only when it is
 * sure: anything else (bound and native functions, transpiled wrappers, a non-arrow function
 * whose text mentions `arguments`) is given the signal.
 */
export function declaresNoParameters(fn: (...args: never[]) => unknown): boolean {
  let known: boolean | undefined
  try {
    if (fn.length !== 0) return false
    known = answers.get(fn)
  } catch {
    // A function that cannot be inspected (a revoked proxy) fails when it is called, inside
    // the task, where its error belongs: here it simply gets the signal.
    return false
  }
  if (known === undefined) answers.set(fn, (known = readsNoArgument(fn)))
  return known
}

/**
 * The answers so far, per function: a function given to many tasks (`tg.createTask(worker)`
 * in a loop) has its text read once, not per task (reading it was a tenth of a task's cost).
 */
const answers = new WeakMap<object, boolean>()

function readsNoArgument(fn: (...args: never[]) => unknown): boolean {
  let source: string
  try {
    source = Function.prototype.toString.call(fn)
  } catch {
    return false
  }
  const match = emptyParameterList.exec(source)
  if (match === null) return false
  // An arrow function has no `arguments` of its own; any other kind might read them. Bound
  // and native functions show `[native code]` for a body: what they pass on is unknown.
  return match[1] !== undefined || !(source.includes('arguments') || source.includes('[native code]'))
}

/**
 * An empty parameter list at the start of a declaration: an arrow function (group 1), or a
 * function or method whose name has no computed part. A comment in the head fails the match,
 * which only means the signal is passed.
 */
const emptyParameterList = /^(?:async\s*)?(?:(\(\s*\)\s*=>)|(?:function\s*)?\*?\s*[\w$]*\s*\(\s*\)\s*\{)/
