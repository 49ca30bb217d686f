import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fireEvent, within } from 'storybook/test'
import { PollersDemo } from './demos/Pollers'
import source from './demos/Pollers.tsx?raw'
import { withClock } from './support/time'

const meta = {
  title: 'Patterns/8. Isolated background work: pollers',
  component: PollersDemo,
  tags: ['autodocs'],
  args: { intervalMs: 500, flakyFails: true },
  argTypes: {
    intervalMs: {
      control: { type: 'range', min: 100, max: 2000, step: 100 },
      description: 'How long each poll takes (ms).',
    },
    flakyFails: { control: 'boolean', description: 'Whether “flaky” fails on its third poll.' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Press **Start polling**: three pollers run in a group made with `isolate: true`. “flaky” fails on its third poll; its failure is listed, and the other two keep polling, because in an isolated group one failure does not stop the rest. **Stop polling** cancels the group (`cancel()`): the pollers still running stop at once, and the group ends `failed`, since a failure it collected outweighs a cancellation.',
      },
      source: { code: source, language: 'tsx' },
    },
  },
} satisfies Meta<typeof PollersDemo>
export default meta

export const Demo: StoryObj<typeof meta> = {
  play: withClock(async (canvas, clock) => {
    fireEvent.click(canvas.getByRole('button', { name: 'Start polling' }))
    await clock.advance(1500)
    const errors = within(canvas.getByLabelText('errors')).getAllByRole('listitem')
    await expect(errors.map((li) => li.textContent)).toEqual(['Error: flaky: poll 3 failed'])
    await expect(canvas.getByLabelText('group status')).toHaveTextContent('running')
    await clock.advance(1000)
    await expect(canvas.getByText('prices: 5 polls')).toBeInTheDocument()
    await expect(canvas.getByText('inbox: 5 polls')).toBeInTheDocument()
    await expect(canvas.getByText('flaky: 2 polls')).toBeInTheDocument()
    fireEvent.click(canvas.getByRole('button', { name: 'Stop polling' }))
    await clock.advance(0)
    // The failure it collected outweighs the cancellation: the group ends 'failed'.
    await expect(canvas.getByLabelText('group status')).toHaveTextContent('failed')
    const table = within(canvas.getByRole('table', { name: 'tasks of pollers' }))
    await expect(table.getAllByText('cancelled')).toHaveLength(2)
    await expect(table.getAllByText('failed')).toHaveLength(1)
  }),
}
