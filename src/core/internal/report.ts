/**
 * Reports an error nobody can catch (a throwing done callback or observer) the way the
 * platform reports uncaught errors: `reportError` where it exists, otherwise `console.error`.
 * Never throws. Exported for handlers that want the same (`onError: reportError`).
 *
 * @example
 * const scope = new GroupScope({ isolate: true, onError: reportError })
 */
export function reportError(error: unknown): void {
  const report = (globalThis as { reportError?: (error: unknown) => void }).reportError
  try {
    if (typeof report === 'function') report(error)
    else console.error(error)
  } catch {
    // A reporter that throws must not take the runtime down with it; there is nowhere left
    // to send this error.
  }
}
