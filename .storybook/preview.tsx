import type { Preview } from '@storybook/react-vite'
import type { ReactNode } from 'react'
import { TaskDevtools } from 'react-taskgroup/devtools'

/** The little Markdown the demo descriptions use: `code` and **bold**. */
function inline(text: string): ReactNode[] {
  return text
    .split(/(`[^`]+`|\*\*[^*]+\*\*)/)
    .map((part, index) =>
      part.startsWith('`') ? (
        <code key={index}>{part.slice(1, -1)}</code>
      ) : part.startsWith('**') ? (
        <strong key={index}>{part.slice(2, -2)}</strong>
      ) : (
        part
      ),
    )
}

const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    // The play functions mount their story (after installing fake time in the tests), so a
    // docs page must call them to show the demo; they act only when the script is on.
    docs: { story: { autoplay: true } },
  },
  globalTypes: {
    demoScript: {
      description: 'Whether a demo plays its own script (its play function) when it opens',
      toolbar: {
        title: 'Script',
        icon: 'play',
        items: [
          { value: 'off', title: 'Script off: you drive the demo' },
          { value: 'on', title: 'Script on: the demo plays its test script' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { demoScript: 'off' },
  decorators: [
    // Each demo says what to watch for above the demo itself (the docs page shows it too).
    (Story, context) => {
      const description = (context.parameters.docs as { description?: { component?: string } } | undefined)?.description
        ?.component
      return (
        <>
          {description !== undefined && context.viewMode !== 'docs' && (
            <p style={{ fontFamily: 'system-ui, sans-serif', fontSize: 14, color: '#374151', maxWidth: 720 }}>
              <strong>What to watch for: </strong>
              {inline(description)}
            </p>
          )}
          <Story />
          {/* Every demo has the task panel (a static Storybook is a production build); a demo that renders its own says so. */}
          {context.parameters.taskDevtools !== false && <TaskDevtools showInProduction />}
        </>
      )
    },
  ],
}

export default preview
