import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fireEvent, within } from 'storybook/test'
import { SlowFetchDemo } from './demos/SlowFetch'
import source from './demos/SlowFetch.tsx?raw'
import { withClock } from './support/time'

const meta = {
  title: 'Seed programs/2. A timeout around a slow fetch',
  component: SlowFetchDemo,
  tags: ['autodocs'],
  args: { fetchMs: 2000, deadlineMs: 1000 },
  argTypes: {
    fetchMs: {
      control: { type: 'range', min: 200, max: 4000, step: 100 },
      description: 'How long the fetch takes (ms).',
    },
    deadlineMs: { control: { type: 'range', min: 200, max: 4000, step: 100 }, description: 'The deadline (ms).' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Press **Run**: a two-second fetch starts under a one-second deadline (the dashed line). When the bar reaches the line, the fetch is stopped and the demo reports a timeout, which it can tell apart from any other error. Make the fetch shorter than the deadline and it prints `OK`.',
      },
      source: { code: source, language: 'tsx' },
    },
  },
} satisfies Meta<typeof SlowFetchDemo>
export default meta

export const Demo: StoryObj<typeof meta> = {
  play: withClock(async (canvas, clock) => {
    fireEvent.click(canvas.getByRole('button', { name: 'Run' }))
    await clock.advance(1000)
    await expect(canvas.getByLabelText('printed')).toHaveTextContent('超时被优雅捕获')
    await expect(canvas.getByLabelText('expired')).toHaveTextContent('deadline expired: true')
    const table = within(canvas.getByRole('table', { name: 'tasks of fetch' }))
    await expect(table.getByText('timed out')).toBeInTheDocument()
    await expect(canvas.getByLabelText('marker deadline')).toBeInTheDocument()
  }),
}
