import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fireEvent, within } from 'storybook/test'
import { FiveWorkersDemo } from './demos/FiveWorkers'
import source from './demos/FiveWorkers.tsx?raw'
import { withClock } from './support/time'

const meta = {
  title: 'Seed programs/1. A TaskGroup of five workers',
  component: FiveWorkersDemo,
  tags: ['autodocs'],
  args: { workMs: 1000 },
  argTypes: {
    workMs: {
      control: { type: 'range', min: 200, max: 3000, step: 100 },
      description: 'How long each worker works (ms).',
    },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Press **Run**: five workers start together in one group. Watch the five bars grow side by side and end together; only then is `[0, 1, 2, 3, 4]` printed, because a group finishes when all of its tasks have finished.',
      },
      source: { code: source, language: 'tsx' },
    },
  },
} satisfies Meta<typeof FiveWorkersDemo>
export default meta

export const Demo: StoryObj<typeof meta> = {
  play: withClock(async (canvas, clock) => {
    fireEvent.click(canvas.getByRole('button', { name: 'Run' }))
    await clock.advance(999)
    // In real time (the UI's script) the instant before the end cannot be caught exactly.
    if (clock.fake) await expect(canvas.getByLabelText('printed')).toHaveTextContent('waiting…')
    await clock.advance(1)
    await expect(canvas.getByLabelText('printed')).toHaveTextContent('[0, 1, 2, 3, 4]')
    const table = within(canvas.getByRole('table', { name: 'tasks of workers' }))
    await expect(table.getAllByText('fulfilled')).toHaveLength(5)
    // Run again: a fresh group, a fresh timeline.
    fireEvent.click(canvas.getByRole('button', { name: 'Run again' }))
    await clock.advance(0)
    await expect(canvas.getByLabelText('printed')).toHaveTextContent('waiting…')
    await expect(within(canvas.getByRole('table', { name: 'tasks of workers' })).getAllByText('running')).toHaveLength(
      5,
    )
  }),
}
