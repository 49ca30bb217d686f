import { act, render, type RenderResult } from '@testing-library/react'
import { Component, StrictMode, type ReactElement, type ReactNode } from 'react'
import { vi } from 'vitest'

/**
 * Every hook test runs twice: as written, and inside <StrictMode>, which mounts, unmounts
 * and remounts each component once in development.
 */
export const modes = [
  { mode: 'plain', wrap: (ui: ReactElement) => ui },
  { mode: 'StrictMode', wrap: (ui: ReactElement) => <StrictMode>{ui}</StrictMode> },
] as const

export type Mode = (typeof modes)[number]

// Fake timers for every test of the file, with a check that none is left: shared with the core tests.
export { withFakeTime } from '../core/helpers'

/**
 * Advances fake time inside `act`, so every update the scopes make meanwhile is flushed:
 * the one place tests wrap in `act`.
 */
export async function advance(ms = 0): Promise<void> {
  await act(() => vi.advanceTimersByTimeAsync(ms))
}

/** Renders `ui` in the given mode, inside `act`. */
export function renderIn(mode: Mode, ui: ReactElement): RenderResult {
  return render(mode.wrap(ui))
}

/**
 * An error boundary for the tests: renders `show(error)` in a `role="alert"` paragraph once a
 * child threw (by default `String(error)`).
 */
export class Boundary extends Component<
  { children: ReactNode; show?: (error: unknown) => ReactNode },
  { error?: unknown; caught: boolean }
> {
  override state: { error?: unknown; caught: boolean } = { caught: false }
  static getDerivedStateFromError(error: unknown) {
    return { error, caught: true }
  }
  override render() {
    if (!this.state.caught) return this.props.children
    return <p role="alert">{(this.props.show ?? String)(this.state.error)}</p>
  }
}
