import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fireEvent, within } from 'storybook/test'
import { PerformanceTrackDemo } from './demos/PerformanceTrack'
import source from './demos/PerformanceTrack.tsx?raw'
import { withClock } from './support/time'

const meta = {
  title: 'Devtools/12. Tasks in Chrome’s Performance panel',
  component: PerformanceTrackDemo,
  tags: ['autodocs'],
  args: { requestMs: 400 },
  argTypes: {
    requestMs: {
      control: { type: 'range', min: 100, max: 2000, step: 100 },
      description: 'The first upload’s time (ms).',
    },
  },
  parameters: {
    docs: {
      description: {
        component:
          '`enablePerformanceTrack()` from `react-taskgroup/devtools` turns every settled task into a `performance.measure()` entry that Chrome’s Performance panel draws on a track of its own (one per top-level scope, under “react-taskgroup”: the nested group’s task is on the “uploads” track too), coloured by outcome. Press **Run three uploads** while recording a profile; the table lists the entries the page made.',
      },
      source: { code: source, language: 'tsx' },
    },
  },
} satisfies Meta<typeof PerformanceTrackDemo>
export default meta

export const Demo: StoryObj<typeof meta> = {
  // Short requests, in real time (see withClock's realTime): a fake clock would also fake the
  // performance timeline this demo shows.
  args: { requestMs: 50 },
  play: withClock(
    async (canvas, clock) => {
      fireEvent.click(canvas.getByRole('button', { name: 'Run three uploads' }))
      await clock.advance(600)
      const rows = within(canvas.getByRole('table', { name: 'performance entries' }))
        .getAllByRole('row')
        .slice(1)
      // In start order; c.png and its thumbnail start in the same millisecond, so either may come first.
      const texts = rows.map((row) => row.textContent ?? '')
      await expect(texts.slice(0, 2)).toEqual([
        'a.pnguploadsprimarygroup: uploads; outcome: fulfilled',
        'b.pnguploadserrorgroup: uploads; outcome: failed; error: Error: HTTP 503',
      ])
      await expect(texts.slice(2).sort()).toEqual([
        // In a nested group: on the track of the top-level scope all the same.
        expect.stringMatching(
          /^c\.png thumbnailuploadstertiarygroup: thumbnails; outcome: cancelled; reason: TaskGroup "uploads" is cancelling: task "b\.png" failed/,
        ),
        expect.stringMatching(
          /^c\.pnguploadstertiarygroup: uploads; outcome: cancelled; reason: TaskGroup "uploads" is cancelling: task "b\.png" failed/,
        ),
      ])
    },
    { realTime: true },
  ),
}
