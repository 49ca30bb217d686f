import { Component, Suspense, use, useState, type ReactNode } from 'react'
import { useTaskGroup } from 'react-taskgroup'
import { CancelledError, type Task } from 'react-taskgroup/core'
import { FakeApi, statsLine, useApiStats } from '../support/fakeApi'
import { Timeline } from '../support/Timeline'
import { box, Controls } from '../support/ui'

/** Shows a failure or a cancellation of what its children suspended on, told apart. */
class LoadBoundary extends Component<{ children: ReactNode }, { error?: unknown }> {
  override state: { error?: unknown } = {}
  static getDerivedStateFromError(error: unknown) {
    return { error }
  }
  override render() {
    const { error } = this.state
    if (error === undefined) return this.props.children
    return (
      <p role="alert" style={{ color: error instanceof CancelledError ? '#4b5563' : '#b91c1c' }}>
        {error instanceof CancelledError
          ? `The load was cancelled (${error.message}).`
          : `The load failed: ${String(error)}`}
      </p>
    )
  }
}

/** Suspends on the task until its list is here. */
function List({ task }: { task: Task<string[]> }) {
  const items = use(task)
  return (
    <ul aria-label="list">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  )
}

export function SuspenseListDemo({ requestMs = 1500 }: { requestMs?: number }) {
  const [api] = useState(() => new FakeApi())
  const stats = useApiStats(api)
  const group = useTaskGroup({ name: 'list' })
  const [task, setTask] = useState<Task<string[]>>()
  const [loads, setLoads] = useState(0)
  const load = () => {
    setLoads((n) => n + 1)
    setTask(
      group.createTask((signal) => api.request(['apples', 'pears', 'plums'], requestMs, signal), { name: 'load list' }),
    )
  }
  return (
    <section style={box}>
      <Controls>
        <button onClick={load}>Load the list</button>
        <button onClick={() => task?.cancel('the cancel button')} disabled={task === undefined || task.done()}>
          Cancel
        </button>
      </Controls>
      {task === undefined ? (
        <p>Press “Load the list”: the list suspends on the task until it is done.</p>
      ) : (
        // A fresh boundary per load, so a cancelled load does not stay on screen.
        <LoadBoundary key={loads}>
          <Suspense fallback={<p aria-label="fallback">Loading the list…</p>}>
            <List task={task} />
          </Suspense>
        </LoadBoundary>
      )}
      <p aria-label="stats">{statsLine(stats)}</p>
      <Timeline group="list" status={group.status} span={requestMs + 500} />
    </section>
  )
}
