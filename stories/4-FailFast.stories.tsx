import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fireEvent, within } from 'storybook/test'
import { DashboardDemo } from './demos/Dashboard'
import source from './demos/Dashboard.tsx?raw'
import { withClock } from './support/time'

const meta = {
  title: 'Patterns/4. Fail-fast: one widget fails, the others are cancelled',
  component: DashboardDemo,
  tags: ['autodocs'],
  args: { adsFail: true },
  argTypes: { adsFail: { control: 'boolean', description: 'Whether the “ads” widget fails at 300 ms.' } },
  parameters: {
    docs: {
      description: {
        component:
          'Press **Load dashboard**: five widgets load in one group. At 300 ms “ads” fails, and at that instant the other four are stopped (grey): nothing keeps loading for a page that already failed. “stats” fails again while stopping, and both errors are listed. Turn `adsFail` off to see all five load.',
      },
      source: { code: source, language: 'tsx' },
    },
  },
} satisfies Meta<typeof DashboardDemo>
export default meta

export const Demo: StoryObj<typeof meta> = {
  play: withClock(async (canvas, clock) => {
    fireEvent.click(canvas.getByRole('button', { name: 'Load dashboard' }))
    await clock.advance(300)
    await expect(canvas.getByLabelText('group status')).toHaveTextContent('failed')
    const errors = within(canvas.getByLabelText('errors')).getAllByRole('listitem')
    await expect(errors.map((li) => li.textContent)).toEqual([
      'Error: ads failed: 503 from the ad server',
      'Error: stats: cache write failed while cancelling',
    ])
    const table = within(canvas.getByRole('table', { name: 'tasks of dashboard' }))
    await expect(table.getAllByText('cancelled')).toHaveLength(3)
    await expect(table.getAllByText('failed')).toHaveLength(2)
    await clock.advance(1000)
    await expect(canvas.getByText('loaded: nothing yet')).toBeInTheDocument()
  }),
}
