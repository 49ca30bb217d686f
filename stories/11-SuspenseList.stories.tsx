import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fireEvent } from 'storybook/test'
import { SuspenseListDemo } from './demos/SuspenseList'
import source from './demos/SuspenseList.tsx?raw'
import { withClock } from './support/time'

const meta = {
  title: 'React 19/11. Suspense on a task: use(task)',
  component: SuspenseListDemo,
  tags: ['autodocs'],
  args: { requestMs: 1500 },
  argTypes: {
    requestMs: {
      control: { type: 'range', min: 500, max: 5000, step: 100 },
      description: 'How long loading the list takes (ms).',
    },
  },
  parameters: {
    docs: {
      description: {
        component:
          'A list that calls React 19’s `use(task)` inside `<Suspense>`: the fallback shows while the task runs, then the list. Press **Load the list** and wait, then load again and press **Cancel**: the task is cancelled (its request aborted), and the error boundary tells the cancellation from a failure.',
      },
      source: { code: source, language: 'tsx' },
    },
  },
} satisfies Meta<typeof SuspenseListDemo>
export default meta

export const Demo: StoryObj<typeof meta> = {
  play: withClock(async (canvas, clock) => {
    fireEvent.click(canvas.getByRole('button', { name: 'Load the list' }))
    await clock.advance(0)
    await expect(canvas.getByLabelText('fallback')).toHaveTextContent('Loading the list…')
    await clock.advance(1500)
    await clock.reveal()
    await expect(canvas.getByLabelText('list')).toHaveTextContent('applespearsplums')
    fireEvent.click(canvas.getByRole('button', { name: 'Load the list' }))
    await clock.advance(200)
    fireEvent.click(canvas.getByRole('button', { name: 'Cancel' }))
    await clock.advance(0)
    await clock.reveal()
    await expect(canvas.getByRole('alert')).toHaveTextContent(/^The load was cancelled/)
    await expect(canvas.getByLabelText('stats')).toHaveTextContent(
      'requests: 2 started, 1 completed, 0 failed, 1 aborted',
    )
  }),
}
