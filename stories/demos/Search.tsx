import { useState } from 'react'
import { useTask } from 'react-taskgroup'
import { FakeApi, statsLine, useApiStats } from '../support/fakeApi'
import { Timeline } from '../support/Timeline'
import { box } from '../support/ui'

/** Each keystroke restarts the search: the request before it is aborted, not ignored. */
export function SearchDemo({ latencyMs = 300 }: { latencyMs?: number }) {
  const [api] = useState(() => new FakeApi())
  const search = useTask((signal, query: string) => api.request(`results for “${query}”`, latencyMs, signal), {
    concurrency: 'restart',
    name: 'search',
  })
  const stats = useApiStats(api)
  return (
    <section style={box}>
      <input
        aria-label="search"
        placeholder="type to search"
        onChange={(event) => search.perform(event.target.value)}
      />
      <p aria-label="results">{search.isRunning ? 'searching…' : (search.value ?? 'no search yet')}</p>
      <p aria-label="stats">{statsLine(stats)}</p>
      <Timeline group="search" status={search.isRunning ? 'running' : 'idle'} span={1000} />
    </section>
  )
}
