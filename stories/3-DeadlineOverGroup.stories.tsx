import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fireEvent, within } from 'storybook/test'
import { DeadlineOverGroupDemo } from './demos/DeadlineOverGroup'
import source from './demos/DeadlineOverGroup.tsx?raw'
import { withClock } from './support/time'

const meta = {
  title: 'Seed programs/3. One deadline over a TaskGroup',
  component: DeadlineOverGroupDemo,
  tags: ['autodocs'],
  args: { deadlineMs: 1000, stepMs: 300 },
  argTypes: {
    deadlineMs: { control: { type: 'range', min: 200, max: 3000, step: 100 }, description: 'The deadline (ms).' },
    stepMs: { control: { type: 'range', min: 50, max: 600, step: 50 }, description: 'Fetch i takes i × this (ms).' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Press **Run**: six fetches of 0 to 1.5 s start in one group under a one-second deadline. The four that end before the dashed line finish; at the line the other two are stopped and marked “timed out”, and the two callbacks that read their results show the error they met.',
      },
      source: { code: source, language: 'tsx' },
    },
  },
} satisfies Meta<typeof DeadlineOverGroupDemo>
export default meta

export const Demo: StoryObj<typeof meta> = {
  play: withClock(async (canvas, clock) => {
    fireEvent.click(canvas.getByRole('button', { name: 'Run' }))
    await clock.advance(1000)
    await expect(canvas.getByLabelText('printed')).toHaveTextContent('整体操作超时，TaskGroup 中的任务已被取消')
    await expect(canvas.getByLabelText('printed')).toHaveTextContent('[0, 1, 2, 3]')
    const table = within(canvas.getByRole('table', { name: 'tasks of fetches' }))
    await expect(table.getAllByText('fulfilled')).toHaveLength(4)
    await expect(table.getAllByText('timed out')).toHaveLength(2)
    const errors = within(canvas.getByLabelText('callback errors')).getAllByRole('listitem')
    await expect(errors.map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^Exception in callback for fetch 4: CancelledError: the deadline passed/),
      expect.stringMatching(/^Exception in callback for fetch 5: CancelledError: the deadline passed/),
    ])
  }),
}
