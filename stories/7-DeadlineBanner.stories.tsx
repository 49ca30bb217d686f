import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fireEvent, within } from 'storybook/test'
import { DeadlineBannerDemo } from './demos/DeadlineBanner'
import source from './demos/DeadlineBanner.tsx?raw'
import { withClock } from './support/time'

const meta = {
  title: 'Patterns/7. A deadline banner with useTimeout',
  component: DeadlineBannerDemo,
  tags: ['autodocs'],
  args: { deadlineMs: 2000, reportMs: 5000 },
  argTypes: {
    deadlineMs: { control: { type: 'range', min: 500, max: 8000, step: 250 }, description: 'The deadline (ms).' },
    reportMs: {
      control: { type: 'range', min: 250, max: 8000, step: 250 },
      description: 'How long the report takes (ms).',
    },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Press **Load report**: a five-second report loads under a two-second deadline, counting down. **Extend by 2 s** moves the deadline (the dashed line moves too). When it passes, the load is stopped and a banner offers **Try again**, which starts a fresh deadline and loads again.',
      },
      source: { code: source, language: 'tsx' },
    },
  },
} satisfies Meta<typeof DeadlineBannerDemo>
export default meta

export const Demo: StoryObj<typeof meta> = {
  play: withClock(async (canvas, clock) => {
    fireEvent.click(canvas.getByRole('button', { name: 'Load report' }))
    await clock.advance(1500)
    if (clock.fake) await expect(canvas.getByLabelText('countdown')).toHaveTextContent('deadline in 0.5 s')
    fireEvent.click(canvas.getByRole('button', { name: 'Extend by 2 s' }))
    await clock.advance(1000)
    await expect(canvas.getByLabelText('expired')).toHaveTextContent('expired: false')
    await clock.advance(1500)
    await expect(canvas.getByRole('alert')).toHaveTextContent('Taking longer than expected')
    await expect(canvas.getByLabelText('expired')).toHaveTextContent('expired: true')
    await expect(canvas.getByLabelText('stats')).toHaveTextContent('1 started, 0 completed, 0 failed, 1 aborted')
    fireEvent.click(canvas.getByRole('button', { name: 'Try again' }))
    await clock.advance(0)
    await expect(canvas.getByLabelText('expired')).toHaveTextContent('expired: false')
    await expect(canvas.getByLabelText('stats')).toHaveTextContent('2 started')
    const table = within(canvas.getByRole('table', { name: 'tasks of report' }))
    await expect(table.getByText('timed out')).toBeInTheDocument()
    await expect(table.getByText('running')).toBeInTheDocument()
  }),
}
