import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fireEvent, within } from 'storybook/test'
import { HideMidLoadDemo } from './demos/HideMidLoad'
import source from './demos/HideMidLoad.tsx?raw'
import { withClock } from './support/time'

const meta = {
  title: 'Patterns/5. Unmount cancels: hide a panel mid-load',
  component: HideMidLoadDemo,
  tags: ['autodocs'],
  args: { requestMs: 2000 },
  argTypes: {
    requestMs: {
      control: { type: 'range', min: 500, max: 5000, step: 100 },
      description: 'How long each request takes (ms).',
    },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Press **Show panel**: it starts three two-second requests. Press **Hide panel** before they finish: the panel unmounts, its three requests are aborted (the fake server counts them), and nothing updates afterwards. Leave it open and all three complete.',
      },
      source: { code: source, language: 'tsx' },
    },
  },
} satisfies Meta<typeof HideMidLoadDemo>
export default meta

export const Demo: StoryObj<typeof meta> = {
  play: withClock(async (canvas, clock) => {
    await expect(canvas.getByText('panel hidden')).toBeInTheDocument()
    fireEvent.click(canvas.getByRole('button', { name: 'Show panel' }))
    await clock.advance(500)
    await expect(canvas.getByLabelText('stats')).toHaveTextContent('3 started, 0 completed')
    fireEvent.click(canvas.getByRole('button', { name: 'Hide panel' }))
    await clock.advance(3000)
    await expect(canvas.getByLabelText('stats')).toHaveTextContent(
      'requests: 3 started, 0 completed, 0 failed, 3 aborted',
    )
    await expect(canvas.getByText('panel hidden')).toBeInTheDocument()
    const table = within(canvas.getByRole('table', { name: 'tasks of panel' }))
    await expect(table.getAllByText('cancelled')).toHaveLength(3)
  }),
}
