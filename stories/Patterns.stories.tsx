import type { Meta, StoryObj } from '@storybook/react-vite'
import { useEffect, useState } from 'react'
import { expect, fireEvent, within } from 'storybook/test'
import { now } from 'react-taskgroup/core'
import { useTask, useTaskGroup, useTimeout } from 'react-taskgroup'
import { FakeApi, statsLine, useApiStats } from './support/fakeApi'
import { withClock } from './support/time'
import { Timeline } from './support/Timeline'

const box = { fontFamily: 'system-ui, sans-serif', fontSize: 14 } as const

// 4 ───────────────────────────────────────────────────────────────────────────────────────

const widgets = [
  { name: 'profile', ms: 400 },
  { name: 'orders', ms: 700 },
  { name: 'ads', ms: 300, fail: 'ads failed: 503 from the ad server' },
  { name: 'stats', ms: 900, failOnCancel: 'stats: cache write failed while cancelling' },
  { name: 'news', ms: 600 },
]

function Dashboard({ api }: { api: FakeApi }) {
  const group = useTaskGroup({ name: 'dashboard' })
  const [loaded, setLoaded] = useState<string[]>([])
  const { createTask } = group
  useEffect(() => {
    for (const widget of widgets) {
      createTask(
        async (signal) => {
          try {
            await api.request(widget.name, widget.ms, signal, widget.fail)
          } finally {
            if (signal.aborted && widget.failOnCancel) throw new Error(widget.failOnCancel)
          }
          setLoaded((names) => [...names, widget.name])
        },
        { name: widget.name },
      ).then(
        () => {},
        () => {}, // every failure is collected in group.error
      )
    }
  }, [api, createTask])
  return (
    <section style={box}>
      <p>loaded: {loaded.join(', ') || 'nothing yet'}</p>
      <Timeline group="dashboard" status={group.status} error={group.error} />
    </section>
  )
}

// 5 ───────────────────────────────────────────────────────────────────────────────────────

function SlowPanel({ api }: { api: FakeApi }) {
  const group = useTaskGroup({ name: 'panel' })
  const [rows, setRows] = useState(0)
  const { createTask } = group
  useEffect(() => {
    for (let i = 0; i < 3; i++) {
      createTask((signal) => api.request(i, 2000, signal), { name: `row ${i}` }).then(
        () => setRows((n) => n + 1),
        () => {},
      )
    }
  }, [api, createTask])
  return <p>panel: {rows} of 3 rows loaded…</p>
}

function HideMidLoad({ api }: { api: FakeApi }) {
  const [shown, setShown] = useState(true)
  const stats = useApiStats(api)
  return (
    <section style={box}>
      <button onClick={() => setShown((s) => !s)}>{shown ? 'Hide panel' : 'Show panel'}</button>
      {shown ? <SlowPanel api={api} /> : <p>panel hidden</p>}
      <p aria-label="stats">{statsLine(stats)}</p>
    </section>
  )
}

// 6 ───────────────────────────────────────────────────────────────────────────────────────

function Search({ api }: { api: FakeApi }) {
  const search = useTask((signal, query: string) => api.request(`results for “${query}”`, 300, signal), {
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
      <Timeline group="search" status={search.isRunning ? 'running' : 'idle'} />
    </section>
  )
}

// 7 ───────────────────────────────────────────────────────────────────────────────────────

function DeadlineBanner({ api }: { api: FakeApi }) {
  const deadline = useTimeout(2000)
  const group = useTaskGroup({ name: 'report', signal: deadline.signal })
  const [report, setReport] = useState<string>()
  const stats = useApiStats(api)
  const { createTask } = group
  useEffect(() => {
    // A fresh scope (after "Try again") has a new signal: load again in it.
    createTask((signal) => api.request('the report', 5000, signal), { name: 'load report' }).then(setReport, () => {})
  }, [api, createTask, group.signal])
  const left = deadline.when === null ? '' : `${Math.max(0, Math.round((deadline.when - now()) / 1000))} s`
  return (
    <section style={box}>
      {deadline.expired ? (
        <p role="alert" style={{ background: '#fef3c7', padding: 8 }}>
          Taking longer than expected. <button onClick={deadline.reset}>Try again</button>
        </p>
      ) : (
        <p>
          {report ?? 'Loading the report…'} (deadline in {left}){' '}
          <button onClick={() => deadline.reschedule((deadline.when ?? now()) + 2000)}>Extend by 2 s</button>
        </p>
      )}
      <p aria-label="expired">expired: {String(deadline.expired)}</p>
      <p aria-label="stats">{statsLine(stats)}</p>
    </section>
  )
}

// 8 ───────────────────────────────────────────────────────────────────────────────────────

const pollers = ['prices', 'inbox', 'flaky']

function Pollers({ api }: { api: FakeApi }) {
  const group = useTaskGroup({ name: 'pollers', isolate: true })
  const [polls, setPolls] = useState<Record<string, number>>({})
  const { createTask } = group
  useEffect(() => {
    for (const name of pollers) {
      createTask(
        async (signal) => {
          for (let poll = 1; ; poll++) {
            const fail = name === 'flaky' && poll === 3 ? 'flaky: poll 3 failed' : undefined
            await api.request(poll, 500, signal, fail)
            setPolls((counts) => ({ ...counts, [name]: poll }))
          }
        },
        { name },
      ).then(
        () => {},
        () => {}, // in group.error; the other pollers keep going
      )
    }
  }, [api, createTask])
  return (
    <section style={box}>
      <ul aria-label="polls">
        {pollers.map((name) => (
          <li key={name}>{`${name}: ${polls[name] ?? 0} polls`}</li>
        ))}
      </ul>
      <Timeline group="pollers" status={group.status} error={group.error} scale={0.05} />
    </section>
  )
}

// ─────────────────────────────────────────────────────────────────────────────────────────

const meta: Meta = {
  title: 'Patterns',
}
export default meta

export const FailFastDashboard: StoryObj = {
  name: '4. Fail-fast: one widget fails, the others are cancelled',
  render: () => <Dashboard api={new FakeApi()} />,
  parameters: {
    docs: {
      description: {
        story:
          'Five widgets load in one group. At 300 ms "ads" fails: the others are cancelled at once (grey), "stats" fails while cancelling, and both errors are listed.',
      },
    },
  },
  play: withClock(async (canvas, clock) => {
    await clock.advance(300)
    await expect(canvas.getByLabelText('group status')).toHaveTextContent('failed')
    const errors = within(canvas.getByLabelText('errors')).getAllByRole('listitem')
    await expect(errors.map((li) => li.textContent)).toEqual([
      'Error: ads failed: 503 from the ad server',
      'Error: stats: cache write failed while cancelling',
    ])
    await expect(canvas.getAllByText('cancelled')).toHaveLength(3)
    await clock.advance(1000)
    await expect(canvas.getByText('loaded: nothing yet')).toBeInTheDocument()
  }),
}

export const UnmountCancels: StoryObj = {
  name: '5. Unmount cancels: hide a panel mid-load',
  render: () => <HideMidLoad api={new FakeApi()} />,
  parameters: {
    docs: {
      description: {
        story:
          'The panel starts three two-second requests. Hide it before they finish: all three are aborted (counted by the API), and nothing updates afterwards.',
      },
    },
  },
  play: withClock(async (canvas, clock) => {
    await clock.advance(500)
    await expect(canvas.getByLabelText('stats')).toHaveTextContent('3 started, 0 completed')
    fireEvent.click(canvas.getByRole('button', { name: 'Hide panel' }))
    await clock.advance(3000)
    await expect(canvas.getByLabelText('stats')).toHaveTextContent(
      'requests: 3 started, 0 completed, 0 failed, 3 aborted',
    )
    await expect(canvas.getByText('panel hidden')).toBeInTheDocument()
  }),
}

export const SearchAsYouType: StoryObj = {
  name: "6. Search as you type: useTask 'restart'",
  render: () => <Search api={new FakeApi()} />,
  parameters: {
    docs: {
      description: {
        story:
          'Each keystroke restarts the search: the previous request is aborted (see the counters), not merely ignored, and only the last query’s results appear.',
      },
    },
  },
  play: withClock(async (canvas, clock) => {
    const input = canvas.getByLabelText('search')
    for (const query of ['r', 're', 'rea', 'react']) {
      fireEvent.change(input, { target: { value: query } })
      await clock.advance(100)
    }
    await clock.advance(300)
    await expect(canvas.getByLabelText('results')).toHaveTextContent('results for “react”')
    await expect(canvas.getByLabelText('stats')).toHaveTextContent(
      'requests: 4 started, 1 completed, 0 failed, 3 aborted',
    )
  }),
}

export const DeadlineBannerStory: StoryObj = {
  name: '7. A deadline banner with useTimeout',
  render: () => <DeadlineBanner api={new FakeApi()} />,
  parameters: {
    docs: {
      description: {
        story:
          'A five-second report under a two-second deadline. "Extend by 2 s" reschedules it; when it passes, the load is cancelled and the banner offers to try again in a fresh window.',
      },
    },
  },
  play: withClock(async (canvas, clock) => {
    await clock.advance(1500)
    fireEvent.click(canvas.getByRole('button', { name: 'Extend by 2 s' }))
    await clock.advance(1000)
    await expect(canvas.getByLabelText('expired')).toHaveTextContent('expired: false')
    await clock.advance(1500)
    await expect(canvas.getByRole('alert')).toHaveTextContent('Taking longer than expected')
    await expect(canvas.getByLabelText('expired')).toHaveTextContent('expired: true')
    await expect(canvas.getByLabelText('stats')).toHaveTextContent('1 started, 0 completed, 0 failed, 1 aborted')
    fireEvent.click(canvas.getByRole('button', { name: 'Try again' }))
    await clock.advance(0)
    await expect(canvas.getByLabelText('expired')).toHaveTextContent('expired: false')
    await expect(canvas.getByLabelText('stats')).toHaveTextContent('2 started')
  }),
}

export const IsolatedPollers: StoryObj = {
  name: '8. Isolated background work: pollers',
  render: () => <Pollers api={new FakeApi()} />,
  parameters: {
    docs: {
      description: {
        story:
          'Three pollers in a group with `isolate: true`. "flaky" fails on its third poll; its failure is listed, and the other two keep polling.',
      },
    },
  },
  play: withClock(async (canvas, clock) => {
    await clock.advance(1500)
    const errors = within(canvas.getByLabelText('errors')).getAllByRole('listitem')
    await expect(errors.map((li) => li.textContent)).toEqual(['Error: flaky: poll 3 failed'])
    await expect(canvas.getByLabelText('group status')).toHaveTextContent('running')
    await clock.advance(1000)
    await expect(canvas.getByText('prices: 5 polls')).toBeInTheDocument()
    await expect(canvas.getByText('inbox: 5 polls')).toBeInTheDocument()
    await expect(canvas.getByText('flaky: 2 polls')).toBeInTheDocument()
  }),
}
