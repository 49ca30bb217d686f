import type { StorybookConfig } from '@storybook/react-vite'

// Set up by hand: the demos of react-taskgroup, which are also its real-browser tests
// (see the "storybook" project in vitest.config.ts).
const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
}

export default config
