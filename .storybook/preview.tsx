import type { Preview } from '@storybook/react-vite'

const preview: Preview = {
  parameters: {
    layout: 'padded',
  },
  decorators: [
    // Each demo says what to look for above the demo itself, not only in the docs tab.
    (Story, context) => {
      const description = (context.parameters.docs as { description?: { story?: string } } | undefined)?.description
        ?.story
      return (
        <>
          {description !== undefined && (
            <p style={{ fontFamily: 'system-ui, sans-serif', fontSize: 14, color: '#374151', maxWidth: 720 }}>
              <strong>What to look for: </strong>
              {description}
            </p>
          )}
          <Story />
        </>
      )
    },
  ],
}

export default preview
