/**
 * Opens every demo (each story and each docs page) the way a newcomer meets it, in Chromium,
 * and fails unless each one renders: `npm run check:demos -- dev` starts `storybook dev` (on a
 * fresh clone this is `npm start`, with no `dist/`), `npm run check:demos -- static` serves the
 * static build in storybook-static/. With SCREENSHOTS=<folder> it also saves a PNG of each.
 *
 * With SCRIPTED=1 each story opens with the toolbar's "Script" switch on, so its play function
 * drives it in real time, and the screenshot is taken once the script had time to finish.
 *
 * Each story is then driven by hand (a real click on its first button, or keys typed into its
 * input), and must respond.
 *
 * A story "renders" when Storybook shows it (no error overlay, no page error) and its root
 * holds the demo's own button or input, which only the demo's code draws.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { extname, join, resolve } from 'node:path'
import { chromium, type Page } from 'playwright'
import { chromiumPath, chromiumArgs } from './chromium'

const mode = process.argv[2] ?? 'dev'
const screenshots = process.env.SCREENSHOTS
const scripted = process.env.SCRIPTED === '1'
const port = Number(process.env.PORT ?? (mode === 'dev' ? 6106 : 6107))
const base = `http://127.0.0.1:${port}`

interface IndexEntry {
  id: string
  title: string
  name: string
  type: 'story' | 'docs'
}

async function waitForServer(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms
  for (;;) {
    try {
      const response = await fetch(url)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`check-demos: ${url} did not answer within ${ms / 1000} s`)
    await new Promise((done) => setTimeout(done, 250))
  }
}

function startDev(): ChildProcess {
  const child = spawn('npx', ['storybook', 'dev', '--port', String(port), '--host', '127.0.0.1', '--ci', '--no-open'], {
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let log = ''
  child.stdout?.on('data', (chunk: Buffer) => void (log += chunk))
  child.stderr?.on('data', (chunk: Buffer) => void (log += chunk))
  child.on('exit', (code) => {
    if (code !== null && code !== 0) console.error(`storybook dev exited with ${code}:\n${log}`)
  })
  return child
}

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
}

function serveStatic(folder: string): Server {
  return createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', base).pathname)
    let file = resolve(folder, `.${path}`)
    if (!file.startsWith(resolve(folder)) || !existsSync(file)) {
      response.writeHead(404).end()
      return
    }
    if (statSync(file).isDirectory()) file = join(file, 'index.html')
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' })
    createReadStream(file).pipe(response)
  }).listen(port, '127.0.0.1')
}

/**
 * Drives a demo as a person would, with real clicks and keys: types into its input, or
 * presses its first button, and expects the demo to change within a few seconds.
 */
async function driveByHand(page: Page): Promise<string | undefined> {
  const demo = page.locator('#storybook-root section').first()
  const before = await demo.innerText()
  // Taken before acting: a demo that re-renders at once and then stands still has changed too.
  const text = await demo.evaluate((element) => element.textContent)
  const input = demo.locator('input')
  if ((await input.count()) > 0) await input.first().pressSequentially('react', { delay: 30 })
  else await demo.locator('button').first().click()
  try {
    await page.waitForFunction(
      (text) => document.querySelector('#storybook-root section')?.textContent !== text,
      text,
      { timeout: 5_000 },
    )
  } catch {
    return `did not respond to a click or keys (it showed: ${before.slice(0, 80)})`
  }
  return undefined
}

async function main(): Promise<number> {
  let dev: ChildProcess | undefined
  let server: Server | undefined
  if (mode === 'dev') dev = startDev()
  else if (mode === 'static') {
    if (!existsSync('storybook-static/index.json')) throw new Error('check-demos: run `npm run build-storybook` first')
    server = serveStatic('storybook-static')
  } else throw new Error(`check-demos: the mode is "dev" or "static", got "${mode}"`)
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs })
  let failures = 0
  try {
    await waitForServer(`${base}/index.json`, 180_000)
    const index = (await (await fetch(`${base}/index.json`)).json()) as { entries: Record<string, IndexEntry> }
    const entries = Object.values(index.entries)
    if (entries.length === 0) throw new Error('check-demos: Storybook lists no demos')
    if (mode === 'dev') {
      // The demos must follow the sources (so an edit to src/ reaches them through HMR),
      // never a build in dist/: the dev server serves a demo importing the package from src/.
      const demo = await (await fetch(`${base}/stories/demos/FiveWorkers.tsx`)).text()
      if (!/from "\/src\/index\.ts"/.test(demo)) {
        throw new Error('check-demos: the dev server does not resolve react-taskgroup to src/index.ts')
      }
      console.log('ok    the dev server resolves react-taskgroup to src/')
    }
    if (screenshots !== undefined) mkdirSync(screenshots, { recursive: true })
    const page = await browser.newPage({ viewport: { width: 1000, height: 760 } })
    for (const entry of entries) {
      const errors: string[] = []
      const onError = (error: Error) => errors.push(error.message)
      page.on('pageerror', onError)
      // The first visit on a cold dev server waits for Vite to bundle everything.
      const globals = scripted ? '&globals=demoScript:on' : ''
      await page.goto(`${base}/iframe.html?id=${entry.id}&viewMode=${entry.type}${globals}`, { timeout: 180_000 })
      // Every demo draws a <section> with its own controls; the docs page's story frame too.
      const root = entry.type === 'docs' ? '#storybook-docs .docs-story section' : '#storybook-root section'
      let problem: string | undefined
      try {
        await page.waitForFunction(
          (selector) =>
            document.body.classList.contains('sb-show-errordisplay') ||
            document.querySelector(`${selector} :is(button, input)`) !== null,
          root,
          { timeout: 120_000 },
        )
        if (await page.evaluate(() => document.body.classList.contains('sb-show-errordisplay'))) {
          problem = (await page.textContent('#error-message').catch(() => null)) ?? 'Storybook shows an error'
        }
      } catch (error) {
        problem = `did not render: ${(error as Error).message.split('\n')[0]}`
      }
      // Every demo has the task panel's button (a production build must not hide it).
      if (
        problem === undefined &&
        entry.type === 'story' &&
        (await page.getByRole('button', { name: 'Tasks' }).count()) !== 1
      ) {
        problem = 'the task panel (<TaskDevtools />) has no "Tasks" button on the page'
      }
      if (problem === undefined && entry.type === 'story' && !scripted) problem = await driveByHand(page)
      if (problem === undefined && errors.length > 0) problem = errors.join('; ')
      if (screenshots !== undefined) {
        if (scripted && entry.type === 'story') await page.waitForTimeout(7000)
        await page.screenshot({ path: join(screenshots, `${entry.id}.png`), fullPage: true })
      }
      page.off('pageerror', onError)
      if (problem === undefined) console.log(`ok    ${entry.type.padEnd(5)} ${entry.title} / ${entry.name}`)
      else {
        failures++
        console.log(`FAIL  ${entry.type.padEnd(5)} ${entry.title} / ${entry.name}: ${problem}`)
      }
    }
    console.log(`${entries.length - failures} of ${entries.length} demos render (${mode})`)
  } finally {
    await browser.close()
    server?.close()
    if (dev?.pid !== undefined) process.kill(-dev.pid, 'SIGTERM')
  }
  return failures === 0 ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
