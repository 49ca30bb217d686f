import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../examples/react/App'
import { Dashboard } from '../../examples/react/Dashboard'
import { Report } from '../../examples/react/Report'
import { modes } from './helpers'

// The README's first component, as written (test/readme.test.ts checks that the README shows
// this very file), against a real HTTP server on 127.0.0.1: the server sees whether a
// cancellation really closed its request.

interface Request {
  readonly path: string
  /** Resolves when the client closed the connection before the answer was sent. */
  readonly aborted: Promise<void>
}

let server: Server
let base: string
let requests: Request[]
/** Answers that are held back until released; every other path answers at once. */
let held: Map<string, () => void>
/** How many of the next `/report` requests hang, or fail with a 503. */
let slowReports = 0
let failingReports = 0

function handle(request: IncomingMessage, response: ServerResponse) {
  const path = request.url ?? '/'
  let answered = false
  const aborted = new Promise<void>((resolve) => response.on('close', () => answered || resolve()))
  requests.push({ path, aborted })
  const answer = () => {
    answered = true
    if (path.startsWith('/fail')) response.writeHead(500).end()
    else if (path.startsWith('/report')) response.writeHead(200).end('the report')
    else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path }))
  }
  if (path.startsWith('/slow') || (path.startsWith('/report') && slowReports > 0)) {
    slowReports--
    held.set(path, answer)
  } else if (path.startsWith('/report') && failingReports-- > 0) {
    answered = true
    response.writeHead(503).end()
  } else answer()
}

beforeEach(async () => {
  requests = []
  held = new Map()
  slowReports = failingReports = 0
  server = createServer(handle)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterEach(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe.each(modes)('the README’s Dashboard ($mode)', (mode) => {
  it('shows every response once all have arrived', async () => {
    const urls = [`${base}/a`, `${base}/b`]
    render(mode.wrap(<Dashboard urls={urls} />))
    expect(screen.getByText('Loading…')).toBeTruthy()
    const pre = await screen.findByText(/"path": "\/b"/)
    expect(JSON.parse(pre.textContent!)).toEqual({ [urls[0]!]: { path: '/a' }, [urls[1]!]: { path: '/b' } })
  })

  it('shows the failure and aborts the request still in flight', async () => {
    render(mode.wrap(<Dashboard urls={[`${base}/slow`, `${base}/fail`]} />))
    expect((await screen.findByRole('alert')).textContent).toBe(`Could not load: Error: ${base}/fail: HTTP 500`)
    const slow = requests.filter((r) => r.path === '/slow')
    expect(slow.length).toBeGreaterThan(0)
    await Promise.all(slow.map((r) => r.aborted)) // the server saw every slow request closed
  })

  it('aborts its requests when it unmounts', async () => {
    const view = render(mode.wrap(<Dashboard urls={[`${base}/slow/1`, `${base}/slow/2`]} />))
    await expect.poll(() => held.size).toBe(2)
    view.unmount()
    await Promise.all(requests.map((r) => r.aborted))
    expect([...new Set(requests.map((r) => r.path))].sort()).toEqual(['/slow/1', '/slow/2'])
  })
})

describe.each(modes)('the README’s App with the task panel ($mode)', (mode) => {
  it('shows the Dashboard’s group and requests in the panel, and cancelling the group there closes them', async () => {
    render(mode.wrap(<App urls={[`${base}/slow/1`, `${base}/slow/2`]} />))
    await expect.poll(() => held.size).toBe(2)
    fireEvent.click(screen.getByRole('button', { name: 'Tasks' }))
    const panel = within(screen.getByRole('region', { name: 'react-taskgroup devtools' }))
    // Under StrictMode the scope of the discarded first mount shows too, settled: take the live one.
    const groups = await panel.findAllByRole('listitem', { name: 'group dashboard' })
    const group = groups.find((li) => within(li).getAllByLabelText('state')[0]?.textContent === 'running')!
    expect(groups).toHaveLength(mode.mode === 'StrictMode' ? 2 : 1)
    expect(within(group).getAllByRole('listitem')).toHaveLength(2)
    fireEvent.click(panel.getByRole('button', { name: 'Cancel group dashboard' }))
    await Promise.all(requests.map((r) => r.aborted)) // the server saw both requests closed
    await expect.poll(() => within(group).queryAllByText('cancelled').length).toBe(3)
  })
})

describe.each(modes)('the README’s Report: a deadline over the work, and a retry ($mode)', (mode) => {
  it('says it is taking too long, aborts the request, and loads on "Try again"', async () => {
    slowReports = Infinity
    // A short deadline against a server that never answers: the alert is the event awaited.
    render(mode.wrap(<Report url={`${base}/report`} timeoutMs={50} />))
    expect((await screen.findByRole('alert')).textContent).toBe('Taking longer than expected. Try again')
    await Promise.all(requests.map((r) => r.aborted)) // the server saw the request closed
    slowReports = 0
    fireEvent.click(screen.getByText('Try again'))
    expect(await screen.findByText('the report')).toBeTruthy()
  })

  it('shows the failure, and loads on "Try again"', async () => {
    failingReports = 1
    render(mode.wrap(<Report url={`${base}/report`} />))
    expect((await screen.findByRole('alert')).textContent).toBe('Could not load: Error: HTTP 503 Try again')
    fireEvent.click(screen.getByText('Try again'))
    expect(await screen.findByText('the report')).toBeTruthy()
  })

  it('keeps the loaded report after the deadline would have passed', async () => {
    vi.useFakeTimers()
    vi.stubGlobal('fetch', async () => new Response('the report'))
    try {
      render(mode.wrap(<Report url="/report" />))
      await act(() => vi.advanceTimersByTimeAsync(0))
      expect(screen.getByText('the report')).toBeTruthy()
      await act(() => vi.advanceTimersByTimeAsync(60_000))
      expect(screen.getByText('the report')).toBeTruthy()
      expect(screen.queryByRole('alert')).toBeNull()
    } finally {
      vi.unstubAllGlobals()
      vi.useRealTimers()
    }
  })
})
