import { Fragment, useState, type ReactNode } from 'react'

/** The page style every demo shares. */
export const box = { fontFamily: 'system-ui, sans-serif', fontSize: 14, color: '#111827' } as const

/** A row of the demo's own buttons and knobs. */
export function Controls({ children }: { children: ReactNode }) {
  return <div style={{ display: 'flex', gap: 8, alignItems: 'center', margin: '8px 0' }}>{children}</div>
}

/** What a demo shows before its user starts it. */
export function Waiting({ children }: { children: ReactNode }) {
  return <p style={{ color: '#374151', fontStyle: 'italic' }}>{children}</p>
}

/**
 * A demo that waits for its user: its button starts the demo, and pressing it again starts
 * it afresh (the demo remounts: new scopes, a new timeline).
 */
export function Runs(props: { start: string; again: string; waiting: string; children: () => ReactNode }) {
  const [run, setRun] = useState(0)
  return (
    <>
      <Controls>
        <button onClick={() => setRun((n) => n + 1)}>{run === 0 ? props.start : props.again}</button>
      </Controls>
      {run === 0 ? <Waiting>{props.waiting}</Waiting> : <Fragment key={run}>{props.children()}</Fragment>}
    </>
  )
}
