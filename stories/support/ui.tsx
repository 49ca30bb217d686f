import type { ReactNode } from 'react'

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
