import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TaskGroupError } from 'react-taskgroup/core'
import { loadProfile } from '../../examples/profile'

// The README's core example, as written, against a real HTTP server on 127.0.0.1.
let server: Server
let api: string
let answer: (path: string, response: ServerResponse) => void
let closed: string[]
let arrived: string[]

beforeEach(async () => {
  closed = []
  arrived = []
  server = createServer((request, response) => {
    const path = request.url ?? '/'
    arrived.push(path)
    response.on('close', () => response.writableEnded || closed.push(path))
    answer(path, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterEach(async () => {
  vi.useRealTimers()
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const json = (response: ServerResponse, body: unknown) =>
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))

describe('the README’s loadProfile', () => {
  it('returns the user and the posts', async () => {
    answer = (path, response) => json(response, path === '/user' ? { name: 'Ada' } : [{ id: 1 }])
    await expect(loadProfile(api)).resolves.toEqual({ user: { name: 'Ada' }, posts: [{ id: 1 }] })
  })

  it('returns undefined after five seconds, and the server sees both requests closed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
    answer = () => {} // never answers
    const profile = loadProfile(api)
    await vi.waitFor(() => expect(arrived.length).toBe(2), { interval: 5 })
    await vi.advanceTimersByTimeAsync(4_999)
    expect(closed).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    await expect(profile).resolves.toBeUndefined()
    await vi.waitFor(() => expect(closed.sort()).toEqual(['/posts', '/user']), { interval: 5 })
  })

  it('rejects with the failure, and aborts the other request', async () => {
    answer = (path, response) => {
      if (path === '/user') response.writeHead(200, { 'content-type': 'application/json' }).end('{ not json')
    }
    const error = await loadProfile(api).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TaskGroupError)
    // The task's failure, then the body's (it awaited that task), as asyncio collects them.
    const { errors } = error as TaskGroupError
    expect(errors).toEqual([expect.any(SyntaxError), errors[0]])
    await vi.waitFor(() => expect(closed).toContain('/posts'), { interval: 5 })
  })
})
