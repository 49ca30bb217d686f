import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fireEvent, within } from 'storybook/test'
import { SearchDemo } from './demos/Search'
import source from './demos/Search.tsx?raw'
import { withClock } from './support/time'

const meta = {
  title: "Patterns/6. Search as you type: useTask 'restart'",
  component: SearchDemo,
  tags: ['autodocs'],
  args: { latencyMs: 300 },
  argTypes: {
    latencyMs: {
      control: { type: 'range', min: 50, max: 2000, step: 50 },
      description: 'How long the server takes to answer (ms).',
    },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Type in the box. Each keystroke starts a new search and stops the one before it: the earlier requests are aborted (see the counters), not merely ignored, so a slow old answer can never replace a newer one. Only the last query’s results appear.',
      },
      source: { code: source, language: 'tsx' },
    },
  },
} satisfies Meta<typeof SearchDemo>
export default meta

export const Demo: StoryObj<typeof meta> = {
  play: withClock(async (canvas, clock) => {
    const input = canvas.getByLabelText('search')
    for (const query of ['r', 're', 'rea', 'react']) {
      fireEvent.change(input, { target: { value: query } })
      await clock.advance(100)
    }
    await clock.advance(300)
    await expect(canvas.getByLabelText('results')).toHaveTextContent('results for “react”')
    await expect(canvas.getByLabelText('stats')).toHaveTextContent(
      'requests: 4 started, 1 completed, 0 failed, 3 aborted',
    )
    // One row per performance, each with its own outcome, although all four share a name.
    const table = within(canvas.getByRole('table', { name: 'tasks of search' }))
    await expect(table.getAllByText('cancelled')).toHaveLength(3)
    await expect(table.getAllByText('fulfilled')).toHaveLength(1)
  }),
}
