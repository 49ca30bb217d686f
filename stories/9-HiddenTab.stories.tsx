import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fireEvent } from 'storybook/test'
import { HiddenTabDemo } from './demos/HiddenTab'
import source from './demos/HiddenTab.tsx?raw'
import { withClock } from './support/time'

const meta = {
  title: 'Patterns/9. Hidden tab: uploads that outlive it under <Activity>',
  component: HiddenTabDemo,
  tags: ['autodocs'],
  args: { uploadMs: 2000 },
  argTypes: {
    uploadMs: {
      control: { type: 'range', min: 500, max: 5000, step: 100 },
      description: 'How long each upload takes (ms).',
    },
  },
  parameters: {
    docs: {
      description: {
        component:
          'React 19’s `<Activity mode="hidden">` keeps a tab’s state and destroys its effects, so a group inside the tab is cancelled when the tab is hidden. Press **Open the page**, then **Upload 3 files**: the same three files upload in the page’s group (lifted above the `<Activity>` and passed down) and in the tab’s own group. Switch to the **Settings tab** before they finish: the tab’s own uploads are aborted, the page’s finish. Switch back: the tab’s counts are as React kept them.',
      },
      source: { code: source, language: 'tsx' },
    },
  },
} satisfies Meta<typeof HiddenTabDemo>
export default meta

export const Demo: StoryObj<typeof meta> = {
  play: withClock(async (canvas, clock) => {
    fireEvent.click(canvas.getByRole('button', { name: 'Open the page' }))
    await clock.advance(0)
    fireEvent.click(canvas.getByRole('button', { name: 'Upload 3 files' }))
    await clock.advance(500)
    await expect(canvas.getByLabelText('stats')).toHaveTextContent('6 started, 0 completed')
    fireEvent.click(canvas.getByRole('tab', { name: 'Settings tab' }))
    await clock.advance(2000)
    await expect(canvas.getByLabelText('stats')).toHaveTextContent(
      'requests: 6 started, 3 completed, 0 failed, 3 aborted',
    )
    fireEvent.click(canvas.getByRole('tab', { name: 'Uploads tab' }))
    await clock.advance(0)
    await expect(canvas.getByLabelText('page uploads')).toHaveTextContent('group above the tab: 3 of 3 uploaded')
    await expect(canvas.getByLabelText('tab uploads')).toHaveTextContent('group inside the tab: 0 of 3 uploaded')
  }),
}
