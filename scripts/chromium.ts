import { existsSync } from 'node:fs'

/**
 * Where the browser tests and the demo check find Chromium: `CHROMIUM_PATH` when set, else
 * the first of the usual Debian/Ubuntu paths that exists. Browsers cannot be downloaded on
 * every machine, so a system Chromium is the default; `undefined` when there is none.
 */
export function findChromium(): string | undefined {
  const named = process.env.CHROMIUM_PATH
  if (named !== undefined && named !== '') return existsSync(named) ? named : undefined
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) => existsSync(path))
}

/** The one line that says how to get a Chromium when `findChromium()` found none. */
export function missingChromium(): string {
  const named = process.env.CHROMIUM_PATH
  const what = named ? `CHROMIUM_PATH names ${named}, which does not exist` : 'no Chromium found at /usr/bin/chromium'
  return `${what}: the demo tests need one. Install Debian's (apt-get install -y chromium), point CHROMIUM_PATH at a Chromium or Chrome binary, or run npx playwright install chromium and set CHROMIUM_PATH to the path it prints.`
}

/** Like `findChromium()`, but an error with that one line when there is none. */
export function chromiumPath(): string {
  const path = findChromium()
  if (path === undefined) throw new Error(missingChromium())
  return path
}

/** Flags for headless Chromium here: root needs no sandbox; no calls to outside hosts. */
export const chromiumArgs = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
