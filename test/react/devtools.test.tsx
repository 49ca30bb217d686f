import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { useEffect, useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CancelledError, formatTaskTree, captureTaskTree, taskGroup, timeout } from 'react-taskgroup/core'
import { useTaskEffect, useTaskGroup } from 'react-taskgroup'
import { TaskDevtools, TaskTimeline } from 'react-taskgroup/devtools'
import { advance, withFakeTime } from './helpers'

withFakeTime()
// Registered after withFakeTime's check, so it runs before it: a panel unmounted stops its frames.
afterEach(() => {
  cleanup()
})

const never = (signal: AbortSignal): Promise<never> =>
  new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)))

/**
 * A page three levels deep: the hook's scope "page" runs task "load", which opens group
 * "inner" (through its signal) with task "leaf" and task "timed", which runs under a 5 s
 * timeout. It shows how "leaf" ended, as the app sees it.
 */
function Page(props: { onRender?: () => void }) {
  props.onRender?.()
  const group = useTaskGroup({ name: 'page' })
  const [leaf, setLeaf] = useState('leaf running')
  useTaskEffect(
    (signal) =>
      taskGroup(
        (inner) => {
          inner.createTask(
            (s) =>
              never(s).catch((error: unknown) => {
                setLeaf(error instanceof CancelledError ? `leaf cancelled: ${error.message}` : 'leaf failed')
                throw error
              }),
            { name: 'leaf' },
          )
          inner.createTask((s) => timeout(5000, (t) => never(t.signal), { signal: s }), { name: 'timed' })
        },
        { signal, name: 'inner' },
      ),
    [],
    { group, name: 'load' },
  )
  return <p aria-label="leaf">{leaf}</p>
}

/** The page with the panel open, after its first frame. */
async function renderOpen(): Promise<void> {
  render(
    <>
      <Page />
      <TaskDevtools initialIsOpen />
    </>,
  )
  await advance(20)
}

const panel = () => screen.getByRole('region', { name: 'react-taskgroup devtools' })
const item = (name: string) => within(panel()).getByRole('listitem', { name })
const stateOf = (name: string) => within(item(name)).getAllByLabelText('state')[0]?.textContent

describe('<TaskDevtools />', () => {
  it('opens from its toggle button and shows the live tree, nested, with states and ages that tick', async () => {
    render(
      <>
        <Page />
        <TaskDevtools />
      </>,
    )
    const toggle = screen.getByRole('button', { name: 'Tasks' })
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(screen.queryByRole('region', { name: 'react-taskgroup devtools' })).toBeNull()
    fireEvent.click(toggle)
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    await advance(20)
    const tree = within(panel()).getByRole('list', { name: 'task tree' })
    expect(within(tree).getByRole('listitem', { name: 'group page' })).toBeTruthy()
    expect(within(item('group page')).getByRole('listitem', { name: 'task load' })).toBeTruthy()
    expect(within(item('task load')).getByRole('listitem', { name: 'group inner' })).toBeTruthy()
    expect(within(item('group inner')).getByRole('listitem', { name: 'task leaf' })).toBeTruthy()
    expect(within(item('task timed')).getByRole('listitem', { name: 'timeout timeout(5000)' })).toBeTruthy()
    expect(stateOf('task leaf')).toBe('running')
    // useTaskEffect given a group opens no scope of its own: nothing else is in the tree.
    expect(
      within(tree)
        .getAllByRole('listitem')
        .map((li) => li.getAttribute('aria-label')),
    ).toEqual(['group page', 'task load', 'group inner', 'task leaf', 'task timed', 'timeout timeout(5000)'])
    const countdown = () => within(item('timeout timeout(5000)')).getByLabelText('deadline').textContent
    expect(countdown()).toMatch(/^deadline in (5\.0|4\.9) s$/)
    const age = () => item('task leaf').textContent
    expect(age()).toContain('for ')
    await advance(1500)
    expect(countdown()).toMatch(/^deadline in 3\.[45] s$/)
    expect(age()).toMatch(/for 1\.[45] s/)
  })

  it('cancels a task from the panel (the app sees the reason), then a whole scope', async () => {
    await renderOpen()
    fireEvent.click(within(panel()).getByRole('button', { name: 'Cancel task leaf' }))
    await advance(20)
    expect(screen.getByLabelText('leaf').textContent).toBe(
      'leaf cancelled: task "leaf" was cancelled: cancelled from <TaskDevtools />',
    )
    // Cancelling one task of "inner" fails nothing: the others run on, the cancelled one stays shown.
    expect(stateOf('task leaf')).toBe('cancelled')
    expect(stateOf('task timed')).toBe('running')
    expect(within(item('task leaf')).getByLabelText('reason').textContent).toBe(
      'task "leaf" was cancelled: cancelled from <TaskDevtools />',
    )
    // A whole scope: everything under it is cancelled, and nothing is left to cancel.
    fireEvent.click(within(panel()).getByRole('button', { name: 'Cancel group page' }))
    await advance(20)
    expect(stateOf('group page')).toBe('cancelled')
    expect(stateOf('task timed')).toBe('cancelled')
    expect(within(panel()).queryByRole('button', { name: /^Cancel (group page|task)/ })).toBeNull()
  })

  it("lets a timeout's deadline pass now, and shows how the failure came to be", async () => {
    await renderOpen()
    fireEvent.click(within(panel()).getByRole('button', { name: 'Expire timeout timeout(5000) now' }))
    await advance(20)
    // The timeout turned into TimeoutError: task "timed" failed, so "inner" cancelled "leaf" and failed.
    expect(stateOf('task timed')).toBe('failed')
    expect(within(item('task timed')).getByLabelText('failure').textContent).toMatch(/^TimeoutError/)
    expect(stateOf('task leaf')).toBe('cancelled')
    expect(stateOf('group inner')).toBe('failed')
    expect(within(item('group inner')).getAllByText('stack')[0]).toBeTruthy()
    // The failure reached the hook's scope: shown settled, with what failed in it, and no actions left.
    expect(stateOf('group page')).toBe('failed')
    expect(within(item('group page')).getAllByLabelText('failure')[0]?.textContent).toMatch(/^TaskGroupError/)
    expect(within(item('group page')).queryByRole('button', { name: /^(Cancel|Expire) / })).toBeNull()
  })

  it('filters by name and by state, keeping the ancestors of what matches', async () => {
    await renderOpen()
    fireEvent.change(within(panel()).getByRole('searchbox', { name: 'Filter by name' }), { target: { value: 'LEAF' } })
    await advance(20)
    const names = () =>
      within(panel())
        .getAllByRole('listitem')
        .map((li) => li.getAttribute('aria-label'))
    expect(names()).toEqual(['group page', 'task load', 'group inner', 'task leaf'])
    fireEvent.change(within(panel()).getByRole('searchbox', { name: 'Filter by name' }), { target: { value: '' } })
    fireEvent.change(within(panel()).getByRole('combobox', { name: 'Filter by state' }), {
      target: { value: 'cancelled' },
    })
    await advance(20)
    expect(within(panel()).getByText('Nothing matches the filter.')).toBeTruthy()
  })

  it('copies formatTaskTree() text, and shows the text when the clipboard refuses', async () => {
    const writeText = vi.fn<(text: string) => Promise<void>>(() => Promise.resolve())
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    try {
      await renderOpen()
      fireEvent.click(within(panel()).getByRole('button', { name: 'Copy' }))
      await advance(0)
      expect(writeText).toHaveBeenCalledTimes(1)
      const copied = writeText.mock.calls[0]?.[0] ?? ''
      expect(copied).toBe(formatTaskTree(captureTaskTree()))
      expect(copied).toContain('task "leaf" running')
      expect(within(panel()).getByRole('status').textContent).toBe(
        `copied ${copied.split('\n').length} lines of formatTaskTree()`,
      )
      writeText.mockImplementationOnce(() => Promise.reject(new DOMException('Write permission denied.')))
      fireEvent.click(within(panel()).getByRole('button', { name: 'Copy' }))
      await advance(0)
      expect(within(panel()).getByRole('status').textContent).toBe('could not copy: Write permission denied.')
      const text = within(panel()).getByRole('textbox', { name: 'task tree as text' }) as HTMLTextAreaElement
      expect(text.value.split('\n')[0]).toMatch(/^group "page" running for /)
    } finally {
      Reflect.deleteProperty(navigator, 'clipboard')
    }
  })

  it('switches to a timeline of the tasks that ran since it mounted, one section per group', async () => {
    await renderOpen()
    fireEvent.click(within(panel()).getByRole('button', { name: 'Cancel task leaf' }))
    fireEvent.click(within(panel()).getByRole('button', { name: 'Timeline' }))
    await advance(20)
    expect(within(panel()).getByRole('button', { name: 'Timeline' }).getAttribute('aria-pressed')).toBe('true')
    const inner = within(within(panel()).getByRole('table', { name: 'tasks of inner' }))
    expect(inner.getByRole('row', { name: 'task leaf' }).textContent).toMatch(/^leaf.*cancelled/)
    expect(inner.getByRole('row', { name: 'task timed' }).textContent).toMatch(/^timed.*running/)
    expect(
      within(within(panel()).getByRole('table', { name: 'tasks of page' })).getByRole('row', { name: 'task load' }),
    ).toBeTruthy()
  })

  it('closes on Escape and gives the focus back to its toggle button', async () => {
    render(<TaskDevtools initialIsOpen position="top-left" />)
    await advance(20)
    expect(within(panel()).getByText('No live scopes.')).toBeTruthy()
    fireEvent.keyDown(within(panel()).getByRole('button', { name: 'Copy' }), { key: 'Escape' })
    // jsdom runs a timer of its own for the focus change.
    await advance(20)
    expect(screen.queryByRole('region', { name: 'react-taskgroup devtools' })).toBeNull()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Tasks' }))
  })

  it('never re-renders the app it inspects, and draws a thousand live tasks in one batch', async () => {
    let appRenders = 0
    function Thousand() {
      appRenders++
      const group = useTaskGroup({ name: 'many' })
      useEffect(() => {
        for (let i = 0; i < 1000; i++) group.createTask(never, { name: `t${i}` })
      }, [group])
      return null
    }
    render(
      <>
        <Thousand />
        <TaskDevtools initialIsOpen />
      </>,
    )
    const rendersAfterMount = appRenders
    await advance(200)
    // Fifty tasks drawn, the rest behind one button.
    expect(within(item('group many')).getAllByRole('listitem')).toHaveLength(51)
    expect(within(panel()).getByRole('button', { name: 'Show 950 more' })).toBeTruthy()
    expect(within(panel()).getByLabelText('counts').textContent).toBe('1000 live · 0 settled')
    fireEvent.click(within(panel()).getByRole('button', { name: 'Cancel group many' }))
    await advance(200)
    expect(within(panel()).getByLabelText('counts').textContent).toMatch(/^0 live · /)
    expect(appRenders).toBe(rendersAfterMount)
  })

  it('renders nothing in a production build', () => {
    vi.stubEnv('NODE_ENV', 'production')
    try {
      const { container } = render(<TaskDevtools initialIsOpen />)
      expect(container.innerHTML).toBe('')
      cleanup()
      // Unless asked to, as a staging site or the published demos do.
      render(<TaskDevtools initialIsOpen showInProduction />)
      expect(screen.getByRole('region', { name: 'react-taskgroup devtools' })).toBeTruthy()
      cleanup()
    } finally {
      vi.unstubAllEnvs()
    }
  })

  it('names the prop that was wrong', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => render(<TaskDevtools position={'middle' as never} />)).toThrow(
      `<TaskDevtools position>: position must be one of 'bottom-right', 'bottom-left', 'top-right', 'top-left', got "middle"`,
    )
  })
})

describe('<TaskTimeline />', () => {
  it("draws one section per group, each task's bar and state, at most once per frame", async () => {
    function Deadline() {
      const group = useTaskGroup({ name: 'work' })
      useEffect(() => {
        group.createTask(() => new Promise((resolve) => setTimeout(resolve, 100)), { name: 'quick' })
        group.createTask((signal) => timeout(300, (t) => never(t.signal), { signal }), { name: 'slow' })
      }, [group])
      return null
    }
    render(
      <>
        <TaskTimeline />
        <Deadline />
      </>,
    )
    // Nothing drawn before the first frame: the recorder batches.
    expect(screen.getAllByText('no tasks yet')).toHaveLength(1)
    await advance(20)
    const work = screen.getByRole('table', { name: 'tasks of work' })
    const row = (name: string) => within(work).getByRole('row', { name: `task ${name}` })
    expect(row('quick').textContent).toContain('running')
    await advance(400)
    expect(row('quick').textContent).toMatch(/fulfilled0\.0 s – 0\.1 s$/)
    expect(row('slow').textContent).toMatch(/failed0\.0 s – 0\.3 s$/)
  })
})
