import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fireEvent, within } from 'storybook/test'
import { NestedScopesDemo } from './demos/NestedScopes'
import source from './demos/NestedScopes.tsx?raw'
import { withClock } from './support/time'

const meta = {
  title: 'Devtools/13. The task panel: nested scopes, cancelled from the panel',
  component: NestedScopesDemo,
  tags: ['autodocs'],
  args: { requestMs: 1000 },
  argTypes: {
    requestMs: {
      control: { type: 'range', min: 200, max: 3000, step: 100 },
      description: 'The unit of the requests’ times (ms): items take 1, the suppliers 2 and 3, shipping 4.',
    },
  },
  parameters: {
    // The demo renders its own panel (open), so its source shows the one line it takes.
    taskDevtools: false,
    docs: {
      description: {
        component:
          '`<TaskDevtools />` from `react-taskgroup/devtools` shows the live task tree. Press **Start checkout**: the page’s scope `checkout` runs `place order`, which opens group `order`; its task `prices` runs under a deadline holding group `price sources` with two suppliers, and a child component’s `useTimeout` and `useTaskGroup` scopes quote shipping. The panel (bottom right) nests them as they nest, with ages and the deadline’s countdown. Press **cancel** on `supplier B`: cancelling one task fails nothing, so `price sources` finishes with supplier A’s price. Press **expire now** on the `useTimeout` scope: the shipping quote under it is cancelled by its deadline. Press **cancel** on `checkout`: everything still running under it ends. The filter box narrows the tree to what matches, with its ancestors.',
      },
      source: { code: source, language: 'tsx' },
    },
  },
} satisfies Meta<typeof NestedScopesDemo>
export default meta

export const Demo: StoryObj<typeof meta> = {
  play: withClock(async (canvas, clock) => {
    fireEvent.click(canvas.getByRole('button', { name: 'Start checkout' }))
    await clock.advance(500)
    const panel = within(canvas.getByRole('region', { name: 'react-taskgroup devtools' }))
    const item = (name: string) => within(panel.getByRole('listitem', { name }))
    const stateOf = (name: string) => item(name).getAllByLabelText('state')[0]
    // Three levels and more, nested as they nest: a hook scope, a task, a group, a task, a deadline, a group.
    await expect(item('group checkout').getByRole('listitem', { name: 'task place order' })).toBeInTheDocument()
    await expect(item('task place order').getByRole('listitem', { name: 'group order' })).toBeInTheDocument()
    await expect(item('task prices').getByRole('listitem', { name: 'timeout timeout(5000)' })).toBeInTheDocument()
    await expect(
      item('timeout timeout(5000)').getByRole('listitem', { name: 'group price sources' }),
    ).toBeInTheDocument()
    await expect(item('group price sources').getByRole('listitem', { name: 'task supplier B' })).toBeInTheDocument()
    await expect(item('group shipping').getByRole('listitem', { name: 'task quote carriers' })).toBeInTheDocument()
    await expect(stateOf('task supplier B')).toHaveTextContent('running')
    await expect(item('timeout timeout(5000)').getByLabelText('deadline')).toHaveTextContent(/^deadline in 4\.[45] s$/)

    // Items arrive; supplier A answers; cancel supplier B from the panel.
    await clock.advance(1600)
    await expect(canvas.getByLabelText('items')).toHaveTextContent('items: 3 items')
    await expect(stateOf('task supplier A')).toHaveTextContent('fulfilled')
    fireEvent.click(panel.getByRole('button', { name: 'Cancel task supplier B' }))
    await clock.advance(100)
    await expect(stateOf('task supplier B')).toHaveTextContent('cancelled')
    await expect(canvas.getByLabelText('prices')).toHaveTextContent('prices: best of 2 suppliers')
    await expect(canvas.getByLabelText('stats')).toHaveTextContent('4 started, 2 completed, 0 failed, 1 aborted')

    // The filter keeps what matches and where it sits.
    fireEvent.change(panel.getByRole('searchbox', { name: 'Filter by name' }), { target: { value: 'supplier' } })
    await clock.advance(100)
    await expect(panel.getAllByRole('listitem').map((li) => li.getAttribute('aria-label'))).toEqual([
      'group checkout',
      'task place order',
      'group order',
      'task prices',
      'timeout timeout(5000)',
      'group price sources',
      'task supplier A',
      'task supplier B',
    ])
    fireEvent.change(panel.getByRole('combobox', { name: 'Filter by state' }), { target: { value: 'cancelled' } })
    await clock.advance(100)
    await expect(panel.getAllByRole('listitem').at(-1)).toHaveAccessibleName('task supplier B')
    fireEvent.change(panel.getByRole('searchbox', { name: 'Filter by name' }), { target: { value: '' } })
    fireEvent.change(panel.getByRole('combobox', { name: 'Filter by state' }), { target: { value: 'all' } })
    await clock.advance(100)

    // Let the shipping deadline pass now: the quote under it is cancelled by the deadline.
    fireEvent.click(panel.getByRole('button', { name: /^Expire timeout useTimeout-\d+ now$/ }))
    await clock.advance(100)
    await expect(canvas.getByLabelText('shipping')).toHaveTextContent(/^shipping: cancelled \(.*deadline/)
    await expect(canvas.getByLabelText('stats')).toHaveTextContent('4 started, 2 completed, 0 failed, 2 aborted')

    // Cancel the whole checkout scope from the panel.
    fireEvent.click(panel.getByRole('button', { name: 'Cancel group checkout' }))
    await clock.advance(100)
    await expect(stateOf('group checkout')).toHaveTextContent('cancelled')
    await expect(panel.queryAllByRole('button', { name: /^(Cancel|Expire) / })).toEqual([])
  }),
}
