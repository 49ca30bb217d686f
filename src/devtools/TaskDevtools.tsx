import { type CSSProperties, type KeyboardEvent, type ReactNode, useId, useLayoutEffect, useRef, useState } from 'react'
import {
  captureTaskTree,
  describeNodeParts,
  formatTaskTree,
  now,
  observeTasks,
  type TaskTreeNode,
  type TaskTreeState,
} from 'react-taskgroup/core'
import { cancelFrame, isProduction, requestFrame } from './env'
import { TimelineRecorder, TimelineView } from './TaskTimeline'

/** Where the toggle button and the panel sit. */
export type TaskDevtoolsPosition = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left'

/** Props of `<TaskDevtools />`. */
export interface TaskDevtoolsProps {
  /** The corner of the page the toggle button and the panel sit in; `'bottom-right'` by default. */
  position?: TaskDevtoolsPosition
  /** Whether the panel is open on mount; `false` by default (only the toggle button shows). */
  initialIsOpen?: boolean
  /**
   * Render in a production build too (a staging site, a demo); `false` by default, so the
   * panel can stay in the app's tree and ships nothing to its users.
   */
  showInProduction?: boolean
}

const positions: readonly TaskDevtoolsPosition[] = ['bottom-right', 'bottom-left', 'top-right', 'top-left']

/** How many children of a node the panel draws before a "show more" button. */
const childrenShown = 50

/** Frames between refreshes while nothing reported a change (the ages still tick, about 10 times a second). */
const idleFrames = 6

/** Each colour is at least 4.5:1 against the panel's white, and every state is also spelled out. */
export const treeStateColors: Record<TaskTreeState, string> = {
  running: '#1d4ed8',
  cancelling: '#b45309',
  expired: '#b45309',
  fulfilled: '#15803d',
  failed: '#b91c1c',
  cancelled: '#4b5563',
}

type StateFilter = 'all' | 'live' | 'settled' | TaskTreeState

const stateFilters: readonly { value: StateFilter; label: string }[] = [
  { value: 'all', label: 'every state' },
  { value: 'live', label: 'live (running, cancelling, expired)' },
  { value: 'settled', label: 'settled' },
  { value: 'running', label: 'running' },
  { value: 'cancelling', label: 'cancelling' },
  { value: 'expired', label: 'expired' },
  { value: 'fulfilled', label: 'fulfilled' },
  { value: 'failed', label: 'failed' },
  { value: 'cancelled', label: 'cancelled' },
]

/** Why the panel cancels what its user cancels: the app sees this reason. */
const panelReason = 'cancelled from <TaskDevtools />'

/**
 * A floating panel that shows the live task tree of the page: every group, hook scope,
 * timeout and task with its state, age, deadline countdown, failure and cancellation reason,
 * nested as cancellation flows; buttons to cancel a task or scope and to let a timeout
 * expire now; a filter; "copy" for `formatTaskTree()` text; and a timeline of recent tasks.
 *
 * It keeps its own state: its updates (at most one per animation frame, while open) never
 * re-render the app. It renders nothing when `process.env.NODE_ENV === 'production'`
 * (unless `showInProduction`), so it can stay in the app's tree; import it from
 * `react-taskgroup/devtools`, which the other entries never import.
 *
 * @example
 * <App />
 * <TaskDevtools />
 */
export function TaskDevtools(props: TaskDevtoolsProps = {}): ReactNode {
  const { position = 'bottom-right', initialIsOpen = false, showInProduction = false } = props
  if (!positions.includes(position)) {
    throw new TypeError(
      `<TaskDevtools position>: position must be one of ${positions.map((p) => `'${p}'`).join(', ')}, got ${JSON.stringify(position)}`,
    )
  }
  if (typeof initialIsOpen !== 'boolean') {
    throw new TypeError(
      `<TaskDevtools initialIsOpen>: initialIsOpen must be true or false, got ${typeof initialIsOpen}`,
    )
  }
  if (typeof showInProduction !== 'boolean') {
    throw new TypeError(
      `<TaskDevtools showInProduction>: showInProduction must be true or false, got ${typeof showInProduction}`,
    )
  }
  if (isProduction() && !showInProduction) return null
  return <Devtools position={position} initialIsOpen={initialIsOpen} />
}

/**
 * The tree, captured again on the frame after a task started or settled, and otherwise every
 * few frames or 100 ms (scopes change without task events, and ages tick), while `open`.
 */
function useLiveTree(open: boolean): { tree: readonly TaskTreeNode[]; at: number } {
  const [snapshot, setSnapshot] = useState<{ tree: readonly TaskTreeNode[]; at: number }>(() => ({
    tree: [],
    at: now(),
  }))
  useLayoutEffect(() => {
    let changed = true
    // Observing also makes tasks read the clock when they start, so the tree knows their age.
    const stop = observeTasks(() => {
      changed = true
    })
    if (!open) return stop
    let frames = 0
    let frame = 0
    let capturedAt = -Infinity
    const refresh = () => {
      // Also when the clock moved on by a tenth of a second (a fake clock jumps between frames).
      if (changed || ++frames >= idleFrames || now() - capturedAt >= 100) {
        changed = false
        frames = 0
        capturedAt = now()
        setSnapshot({ tree: captureTaskTree({ settledRoots: true }), at: capturedAt })
      }
      frame = requestFrame(refresh)
    }
    refresh()
    return () => {
      stop()
      cancelFrame(frame)
    }
  }, [open])
  return snapshot
}

function Devtools(props: Required<Omit<TaskDevtoolsProps, 'showInProduction'>>) {
  const [open, setOpen] = useState(props.initialIsOpen)
  const [view, setView] = useState<'tree' | 'timeline'>('tree')
  const [query, setQuery] = useState('')
  const [stateFilter, setStateFilter] = useState<StateFilter>('all')
  const [copyStatus, setCopyStatus] = useState<{ message: string; text?: string }>({ message: '' })
  const [recorder] = useState(() => new TimelineRecorder(undefined, 300))
  const toggle = useRef<HTMLButtonElement>(null)
  const panelId = useId()
  const { tree, at } = useLiveTree(open)
  useLayoutEffect(() => recorder.start(), [recorder])

  const [vertical, horizontal] = props.position.split('-') as ['top' | 'bottom', 'left' | 'right']
  const corner: CSSProperties = {
    position: 'fixed',
    [vertical]: 12,
    [horizontal]: 12,
    zIndex: 2147483000,
    display: 'flex',
    flexDirection: vertical === 'bottom' ? 'column-reverse' : 'column',
    alignItems: horizontal === 'right' ? 'flex-end' : 'flex-start',
    gap: 8,
    fontFamily: 'system-ui, sans-serif',
    fontSize: 13,
    color: '#111827',
  }
  const shown = filterTree(tree, query.trim().toLowerCase(), stateFilter)
  const counts = countTree(tree)

  // Closing from inside the panel gives the focus back to the toggle button, once it is committed.
  const refocus = useRef(false)
  useLayoutEffect(() => {
    if (open || !refocus.current) return
    refocus.current = false
    toggle.current?.focus()
  }, [open])
  const close = () => {
    refocus.current = true
    setOpen(false)
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation()
      close()
    }
  }
  const copy = async () => {
    const text = formatTaskTree(captureTaskTree({ settledRoots: true }))
    try {
      if (typeof navigator === 'undefined' || navigator.clipboard === undefined) {
        throw new Error('this page has no clipboard access (it needs a secure context)')
      }
      await navigator.clipboard.writeText(text)
      setCopyStatus({ message: `copied ${text.split('\n').length} lines of formatTaskTree()` })
    } catch (error) {
      // The text is still there to select by hand.
      const message = (error as { message?: unknown } | null)?.message
      setCopyStatus({ message: `could not copy: ${typeof message === 'string' ? message : safeString(error)}`, text })
    }
  }

  return (
    <div style={corner}>
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((open) => !open)}
        style={{ ...buttonStyle, background: '#111827', color: '#ffffff', borderColor: '#111827' }}
      >
        Tasks
      </button>
      {open && (
        <section
          id={panelId}
          aria-label="react-taskgroup devtools"
          onKeyDown={onKeyDown}
          style={{
            width: 'min(560px, calc(100vw - 24px))',
            maxHeight: 'min(60vh, 640px)',
            overflow: 'auto',
            background: '#ffffff',
            border: '1px solid #d1d5db',
            borderRadius: 8,
            boxShadow: '0 8px 24px rgba(0, 0, 0, 0.18)',
            padding: 12,
            boxSizing: 'border-box',
          }}
        >
          <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 8 }}>
            <strong style={{ marginRight: 'auto' }}>react-taskgroup</strong>
            <span aria-label="counts" style={{ color: '#374151' }}>
              {counts.live} live · {counts.settled} settled
            </span>
            <button type="button" aria-pressed={view === 'tree'} onClick={() => setView('tree')} style={buttonStyle}>
              Tree
            </button>
            <button
              type="button"
              aria-pressed={view === 'timeline'}
              onClick={() => setView('timeline')}
              style={buttonStyle}
            >
              Timeline
            </button>
            <button type="button" onClick={() => void copy()} style={buttonStyle}>
              Copy
            </button>
            <button type="button" aria-label="Close the devtools" onClick={close} style={buttonStyle}>
              ×
            </button>
          </div>
          <p role="status" style={{ margin: copyStatus.message === '' ? 0 : '0 0 8px', color: '#374151' }}>
            {copyStatus.message}
          </p>
          {copyStatus.text !== undefined && (
            <textarea
              aria-label="task tree as text"
              readOnly
              value={copyStatus.text}
              rows={6}
              style={{ width: '100%', fontFamily: monospace, fontSize: 12, marginBottom: 8 }}
            />
          )}
          {view === 'tree' ? (
            <>
              <div style={{ display: 'flex', gap: 8, marginBottom: 8 }}>
                <input
                  type="search"
                  aria-label="Filter by name"
                  placeholder="filter by name"
                  value={query}
                  onChange={(event) => setQuery(event.target.value)}
                  style={{ flex: 1, padding: '4px 6px', font: 'inherit' }}
                />
                <select
                  aria-label="Filter by state"
                  value={stateFilter}
                  onChange={(event) => setStateFilter(event.target.value as StateFilter)}
                  style={{ font: 'inherit' }}
                >
                  {stateFilters.map((filter) => (
                    <option key={filter.value} value={filter.value}>
                      {filter.label}
                    </option>
                  ))}
                </select>
              </div>
              {shown.length === 0 ? (
                <p style={{ color: '#374151', margin: 0 }}>
                  {tree.length === 0 ? 'No live scopes.' : 'Nothing matches the filter.'}
                </p>
              ) : (
                <TreeList nodes={shown} at={at} label="task tree" />
              )}
            </>
          ) : (
            <TimelineView recorder={recorder} width={300} limit={300} />
          )}
        </section>
      )}
    </div>
  )
}

const monospace = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace'

const buttonStyle: CSSProperties = {
  font: 'inherit',
  fontSize: 12,
  padding: '3px 8px',
  border: '1px solid #6b7280',
  borderRadius: 4,
  background: '#ffffff',
  color: '#111827',
  cursor: 'pointer',
}

function TreeList(props: { nodes: readonly TaskTreeNode[]; at: number; label?: string }) {
  const [expanded, setExpanded] = useState(false)
  const { nodes } = props
  const visible = expanded ? nodes : nodes.slice(0, childrenShown)
  return (
    <ul
      aria-label={props.label}
      style={{ listStyle: 'none', margin: 0, paddingLeft: props.label === undefined ? 16 : 0 }}
    >
      {visible.map((node) => (
        <TreeItem key={node.id} node={node} at={props.at} />
      ))}
      {visible.length < nodes.length && (
        <li>
          <button type="button" onClick={() => setExpanded(true)} style={{ ...buttonStyle, margin: '2px 0' }}>
            Show {nodes.length - visible.length} more
          </button>
        </li>
      )}
    </ul>
  )
}

function TreeItem({ node, at }: { node: TaskTreeNode; at: number }) {
  const color = treeStateColors[node.state]
  const { age, deadline: countdown, outcome } = describeNodeParts(node, at)
  return (
    <li aria-label={`${node.kind} ${node.name}`} style={{ margin: '2px 0', borderLeft: `3px solid ${color}` }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: 6, paddingLeft: 6 }}>
        <span style={{ color: '#374151', fontSize: 11 }}>{node.kind}</span>
        <strong style={{ fontFamily: monospace, fontSize: 12 }}>{node.name}</strong>
        <span aria-label="state" style={{ color, fontWeight: 600 }}>
          {node.state}
        </span>
        {age !== undefined && <span style={{ color: '#374151' }}>{age}</span>}
        {countdown !== undefined && (
          <span aria-label="deadline" style={{ color: treeStateColors.expired }}>
            {countdown}
          </span>
        )}
        {node.unlinked && (
          <span style={{ color: treeStateColors.cancelling }} title="opened here without this scope's signal">
            unlinked
          </span>
        )}
        {node.cancel !== undefined && (
          <button
            type="button"
            aria-label={`Cancel ${node.kind} ${node.name}`}
            onClick={() => node.cancel?.(panelReason)}
            style={buttonStyle}
          >
            cancel
          </button>
        )}
        {node.expire !== undefined && (
          <button
            type="button"
            aria-label={`Expire timeout ${node.name} now`}
            onClick={() => node.expire?.()}
            style={buttonStyle}
          >
            expire now
          </button>
        )}
      </div>
      {outcome !== undefined &&
        (node.state === 'failed' ? (
          <Failure message={outcome} error={node.error} />
        ) : (
          <div aria-label="reason" style={{ paddingLeft: 6, color: '#374151' }}>
            {outcome}
          </div>
        ))}
      {node.children.length > 0 && <TreeList nodes={node.children} at={at} />}
    </li>
  )
}

function Failure({ message, error }: { message: string; error: unknown }) {
  const stack = error instanceof Error ? error.stack : undefined
  return (
    <div aria-label="failure" style={{ paddingLeft: 6, color: treeStateColors.failed }}>
      {message}
      {stack !== undefined && stack !== '' && (
        <details>
          <summary style={{ cursor: 'pointer', color: '#374151' }}>stack</summary>
          <pre style={{ fontFamily: monospace, fontSize: 11, whiteSpace: 'pre-wrap', margin: 0, color: '#111827' }}>
            {stack}
          </pre>
        </details>
      )}
    </div>
  )
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? JSON.stringify(value) : String(value)
  } catch {
    return 'value'
  }
}

function isLive(state: TaskTreeState): boolean {
  return state === 'running' || state === 'cancelling' || state === 'expired'
}

function matchesState(state: TaskTreeState, filter: StateFilter): boolean {
  if (filter === 'all') return true
  if (filter === 'live') return isLive(state)
  if (filter === 'settled') return !isLive(state)
  return state === filter
}

/** The nodes that match, with their ancestors (so each match shows where it sits). */
function filterTree(nodes: readonly TaskTreeNode[], query: string, state: StateFilter): readonly TaskTreeNode[] {
  if (query === '' && state === 'all') return nodes
  const kept: TaskTreeNode[] = []
  for (const node of nodes) {
    const children = filterTree(node.children, query, state)
    const matches = node.name.toLowerCase().includes(query) && matchesState(node.state, state)
    if (matches || children.length > 0) kept.push({ ...node, children })
  }
  return kept
}

function countTree(nodes: readonly TaskTreeNode[]): { live: number; settled: number } {
  const counts = { live: 0, settled: 0 }
  const walk = (node: TaskTreeNode) => {
    if (node.kind === 'task') counts[isLive(node.state) ? 'live' : 'settled']++
    node.children.forEach(walk)
  }
  nodes.forEach(walk)
  return counts
}
