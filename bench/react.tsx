/**
 * 4. React: mount and unmount 1,000 components that each start one request, written by hand
 * with useEffect + AbortController (the baseline), with our hooks, and with the libraries a
 * user would pick instead, each passing the request the signal where it offers one. Counts
 * how many requests were aborted at unmount. Runs in jsdom, with React's development build
 * (commits through act()) or, under NODE_ENV=production, its production build (commits
 * through flushSync, which also runs the passive effects).
 */
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { useAsyncAbortable as useHookzAsyncAbortable } from '@react-hookz/web'
import { useRequest } from 'ahooks'
import { JSDOM } from 'jsdom'
import { act, useEffect, type ReactNode } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { useAsyncAbortable } from 'react-async-hook'
import useSWR from 'swr'
import { useTask, useTaskEffect, useTaskGroup } from 'react-taskgroup'

const dom = new JSDOM('<!doctype html><div id="root"></div>')
const production = process.env.NODE_ENV === 'production'
Object.assign(globalThis, { window: dom.window, document: dom.window.document, IS_REACT_ACT_ENVIRONMENT: !production })

/** Commits `update` and runs its effects; then lets the tasks' settle callbacks run. */
async function commit(update: () => void): Promise<void> {
  if (!production) return act(async () => update())
  flushSync(update)
  await new Promise((resolve) => setImmediate(resolve))
}

/** How many requests started: checked, so that a run that rendered nothing cannot pass for fast. */
export let started = 0
/** How many requests were aborted through their signal. */
export let aborted = 0

/** The request: pending for a minute unless its signal aborts. */
const work = (signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    started++
    const timer = setTimeout(resolve, 60_000)
    signal.addEventListener(
      'abort',
      () => {
        aborted++
        clearTimeout(timer)
        reject(signal.reason)
      },
      { once: true },
    )
  })

/** The same request for the libraries that offer no signal: nothing can abort it. */
const workWithoutSignal = () =>
  new Promise<void>((resolve) => {
    started++
    setTimeout(resolve, 60_000)
  })

function WithTaskGroup() {
  const { createTask } = useTaskGroup()
  useEffect(() => {
    createTask(work).then(
      () => {},
      () => {},
    )
  }, [createTask])
  return null
}

function ByHand() {
  useEffect(() => {
    const controller = new AbortController()
    work(controller.signal).then(
      () => {},
      () => {},
    )
    return () => controller.abort()
  }, [])
  return null
}

function WithTaskEffect() {
  useTaskEffect(work, [])
  return null
}

function WithTask() {
  const { perform } = useTask(work)
  useEffect(() => {
    perform().then(
      () => {},
      () => {},
    )
  }, [perform])
  return null
}

function WithQuery({ id }: { id: number }) {
  useQuery({ queryKey: ['item', id], queryFn: ({ signal }) => work(signal) })
  return null
}

function WithSWR({ id }: { id: number }) {
  // A key per run: SWR keeps its cache (and dedupes pending requests) across mounts.
  useSWR(['item', runs, id], workWithoutSignal)
  return null
}

function WithRequest() {
  useRequest(workWithoutSignal)
  return null
}

function WithAsyncHook() {
  useAsyncAbortable((signal) => work(signal), [])
  return null
}

function WithHookz() {
  const [, { execute }] = useHookzAsyncAbortable((signal) => work(signal))
  useEffect(() => void execute().catch(() => {}), [execute])
  return null
}

/** TanStack Query's client, made per run (no cache, no retries), around the components. */
function WithQueryClient({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: 0 } } })
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>
}

type Variant = { Component: (props: { id: number }) => null; Wrap?: (props: { children: ReactNode }) => ReactNode }

/** How many mount + unmount runs started. */
let runs = 0

function mountUnmount({ Component, Wrap }: Variant, count: number) {
  return async () => {
    runs++
    const root = createRoot(document.getElementById('root')!)
    const before = started
    const components = Array.from({ length: count }, (_, i) => <Component key={i} id={i} />)
    await commit(() => root.render(Wrap === undefined ? components : <Wrap>{components}</Wrap>))
    await commit(() => root.unmount())
    if (started - before !== count) throw new Error(`${started - before} of ${count} components started their task`)
  }
}

/** The variants, by the name the table shows; the first is the baseline. */
export const reactVariants: Record<string, Variant> = {
  'useEffect + AbortController by hand (baseline)': { Component: ByHand },
  useTaskGroup: { Component: WithTaskGroup },
  useTaskEffect: { Component: WithTaskEffect },
  useTask: { Component: WithTask },
  'TanStack Query useQuery': { Component: WithQuery, Wrap: WithQueryClient },
  'SWR useSWR': { Component: WithSWR },
  'ahooks useRequest': { Component: WithRequest },
  'react-async-hook useAsyncAbortable': { Component: WithAsyncHook },
  '@react-hookz/web useAsyncAbortable': { Component: WithHookz },
}

/** One mount + unmount of `count` components of `variant`. */
export function reactMountUnmount(variant: string, count: number): () => Promise<void> {
  return mountUnmount(reactVariants[variant]!, count)
}
