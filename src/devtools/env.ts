/** What the devtools' components share: the frame clock and whether this is a production build. */

/**
 * Whether the app was built for production. Bundlers replace `process.env.NODE_ENV` with a
 * string at build time; where nothing replaced it and there is no `process` (a page loading
 * the module as is), this is a development build.
 */
export function isProduction(): boolean {
  try {
    return process.env.NODE_ENV === 'production'
  } catch {
    return false
  }
}

/** The next animation frame, or a 16 ms timer where there are no frames (Node, workers). */
export function requestFrame(callback: () => void): number {
  return typeof requestAnimationFrame === 'function'
    ? requestAnimationFrame(callback)
    : (setTimeout(callback, 16) as unknown as number)
}

export function cancelFrame(frame: number): void {
  if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame)
  else clearTimeout(frame)
}
