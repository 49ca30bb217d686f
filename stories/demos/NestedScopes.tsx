import { useState } from 'react'
import { CancelledError, taskGroup, timeout } from 'react-taskgroup/core'
import { useTaskEffect, useTaskGroup, useTimeout } from 'react-taskgroup'
import { TaskDevtools } from 'react-taskgroup/devtools'
import { FakeApi, statsLine, useApiStats } from '../support/fakeApi'
import { box, Controls } from '../support/ui'

/** How a piece of work ended, as the page shows it. */
function outcome(error: unknown): string {
  if (error instanceof CancelledError) return `cancelled (${error.message})`
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}

/**
 * A hook scope inside the page's: a deadline (`useTimeout`) that follows the checkout's
 * signal, and a group under that deadline that quotes carriers.
 */
function Shipping({ api, signal, requestMs }: { api: FakeApi; signal: AbortSignal; requestMs: number }) {
  const deadline = useTimeout(requestMs * 6, { signal })
  const shipping = useTaskGroup({ name: 'shipping', signal: deadline.signal })
  const [quote, setQuote] = useState('quoting…')
  useTaskEffect(
    (signal) =>
      api.request('3 days', requestMs * 4, signal).then(
        (days) => setQuote(`delivery in ${days}`),
        (error: unknown) => setQuote(outcome(error)),
      ),
    [api, requestMs],
    { group: shipping, name: 'quote carriers' },
  )
  return <li aria-label="shipping">shipping: {quote}</li>
}

/**
 * A checkout three levels deep: the page's scope runs "place order", which opens group
 * "order"; there "prices" runs under a deadline that holds group "price sources" with two
 * suppliers. Next to it, a child component's hook scopes quote shipping. Open the task panel
 * (the "Tasks" button) to see the tree, and cancel any piece of it from there.
 */
export function NestedScopesDemo({ requestMs = 1000 }: { requestMs?: number }) {
  const [api] = useState(() => new FakeApi())
  const stats = useApiStats(api)
  const checkout = useTaskGroup({ name: 'checkout' })
  const [started, setStarted] = useState(false)
  const [lines, setLines] = useState<Record<string, string>>({})
  const show = (key: string) => (text: string) => setLines((lines) => ({ ...lines, [key]: text }))
  const report = (key: string, promise: PromiseLike<string>) =>
    promise.then(show(key), (error: unknown) => {
      show(key)(outcome(error))
      throw error
    })

  const start = () => {
    setStarted(true)
    setLines({ items: 'loading…', prices: 'loading…', order: 'placing…' })
    const order = checkout.createTask(
      (signal) =>
        taskGroup(
          (order) => {
            order.createTask((s) => report('items', api.request('3 items', requestMs, s)), { name: 'items' })
            order.createTask(
              (s) =>
                report(
                  'prices',
                  timeout(
                    requestMs * 5,
                    (deadline) =>
                      taskGroup(
                        (sources) => {
                          sources.createTask((s2) => api.request('€12', requestMs * 2, s2), { name: 'supplier A' })
                          sources.createTask((s2) => api.request('€11', requestMs * 3, s2), { name: 'supplier B' })
                        },
                        { signal: deadline.signal, name: 'price sources' },
                      ).then(() => 'best of 2 suppliers'),
                    { signal: s },
                  ),
                ),
              { name: 'prices' },
            )
          },
          { signal, name: 'order' },
        ).then(() => 'order placed'),
      { name: 'place order' },
    )
    report('order', order).then(undefined, () => {})
  }

  return (
    <section style={box}>
      <Controls>
        <button onClick={start} disabled={started}>
          Start checkout
        </button>
      </Controls>
      <ul aria-label="checkout" style={{ lineHeight: 1.6 }}>
        {Object.entries(lines).map(([key, text]) => (
          <li key={key} aria-label={key}>
            {key}: {text}
          </li>
        ))}
        {started && <Shipping api={api} signal={checkout.signal} requestMs={requestMs} />}
      </ul>
      <p aria-label="stats">{statsLine(stats)}</p>
      {/* showInProduction: the published demos are a production build. */}
      <TaskDevtools initialIsOpen showInProduction />
    </section>
  )
}
