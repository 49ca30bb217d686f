import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fireEvent } from 'storybook/test'
import { CommentFormDemo } from './demos/CommentForm'
import source from './demos/CommentForm.tsx?raw'
import { withClock } from './support/time'

const meta = {
  title: 'React 19/10. Actions: a comment form with useTaskAction restart',
  component: CommentFormDemo,
  tags: ['autodocs'],
  args: { requestMs: 2000 },
  argTypes: {
    requestMs: {
      control: { type: 'range', min: 500, max: 5000, step: 100 },
      description: 'How long saving a comment takes (ms).',
    },
  },
  parameters: {
    docs: {
      description: {
        component:
          "A `<form action>` whose submissions run through `useTaskAction(…, { concurrency: 'restart' })`, with `useOptimistic`. Press **Open the form**, then **Post**, change the text and **Post** again before the first is saved: the first request is aborted (the timeline shows it cancelled, the counter counts it), only the second becomes state. React keeps both optimistic “sending…” items until the newer submission settles, then shows the saved list.",
      },
      source: { code: source, language: 'tsx' },
    },
  },
} satisfies Meta<typeof CommentFormDemo>
export default meta

export const Demo: StoryObj<typeof meta> = {
  play: withClock(async (canvas, clock) => {
    fireEvent.click(canvas.getByRole('button', { name: 'Open the form' }))
    await clock.advance(0)
    fireEvent.click(canvas.getByRole('button', { name: 'Post' }))
    await clock.advance(500)
    fireEvent.change(canvas.getByLabelText('comment'), { target: { value: 'second' } })
    fireEvent.click(canvas.getByRole('button', { name: 'Post' }))
    await clock.advance(100)
    await expect(canvas.getByLabelText('comments')).toHaveTextContent('first (sending…)second (sending…)')
    await clock.advance(2000)
    await expect(canvas.getByLabelText('comments')).toHaveTextContent(/^second$/)
    await expect(canvas.getByLabelText('stats')).toHaveTextContent(
      'requests: 2 started, 1 completed, 0 failed, 1 aborted',
    )
  }),
}
