import { fileURLToPath } from 'node:url'
import type { StorybookConfig } from '@storybook/react-vite'

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url))

// Set up by hand: the demos of react-taskgroup, which are also its real-browser tests
// (see the "storybook" project in vitest.config.ts).
const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  features: { sidebarOnboardingChecklist: false, menuOnboardingChecklist: false },
  viteFinal(vite) {
    // The demos import the package by name, as users do, but from the sources: a fresh
    // clone needs no `dist/` (the package's self-reference resolves only there), and an
    // edit to src/ reaches the open demo at once (HMR). vitest.config.ts does the same.
    const aliases = [
      { find: /^react-taskgroup\/core$/, replacement: path('../src/core/index.ts') },
      { find: /^react-taskgroup\/devtools$/, replacement: path('../src/devtools/index.ts') },
      { find: /^react-taskgroup$/, replacement: path('../src/index.ts') },
    ]
    const existing = vite.resolve?.alias
    const kept = Array.isArray(existing)
      ? existing
      : Object.entries(existing ?? {}).map(([find, replacement]) => ({ find, replacement }))
    return { ...vite, resolve: { ...vite.resolve, alias: [...aliases, ...kept] } }
  },
}

export default config
