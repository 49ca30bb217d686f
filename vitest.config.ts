import { fileURLToPath } from 'node:url'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig, type ViteUserConfig } from 'vitest/config'
import { chromiumArgs, findChromium } from './scripts/chromium.ts'

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url))

// Tests and examples import the package by name, as users do, from the sources.
const packageAliases = [
  { find: /^react-taskgroup\/core$/, replacement: path('./src/core/index.ts') },
  { find: /^react-taskgroup$/, replacement: path('./src/index.ts') },
]

/** The hook tests, run once per React major: `react` and `react-dom` point at that version. */
function reactProject(
  major: string,
  react: string,
  reactDom: string,
  setup: string[] = [],
  exclude: string[] = [],
): NonNullable<ViteUserConfig['test']>['projects'] {
  return [
    {
      resolve: {
        alias: [
          ...packageAliases,
          { find: /^react(\/.*)?$/, replacement: `${path(`./node_modules/${react}`)}$1` },
          { find: /^react-dom(\/.*)?$/, replacement: `${path(`./node_modules/${reactDom}`)}$1` },
        ],
      },
      test: {
        name: `react ${major}`,
        env: { REACT_MAJOR: major },
        include: ['test/react/**/*.test.{ts,tsx}'],
        exclude,
        setupFiles: [...setup, 'test/setup.ts', 'test/react/setup.ts'],
        environment: 'jsdom',
        restoreMocks: true,
      },
    },
  ]
}

export default defineConfig({
  resolve: { alias: packageAliases },
  test: {
    // The JSON report is what .ci/run counts its "N passed, N failed" line from.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
    projects: [
      {
        resolve: { alias: packageAliases },
        test: {
          name: 'core',
          include: [
            'test/core/**/*.test.ts',
            'test/examples/**/*.test.ts',
            'test/package.test.ts',
            'test/readme.test.ts',
          ],
          setupFiles: ['test/setup.ts'],
          environment: 'node',
          restoreMocks: true,
        },
      },
      ...reactProject('19', 'react', 'react-dom')!,
      // `*.react19.test.tsx`: what React 18 does not have (<Activity>, the React Compiler's runtime).
      ...reactProject(
        '18',
        'react-18',
        'react-dom-18',
        ['test/react/react18.ts'],
        ['test/react/**/*.react19.test.tsx'],
      )!,
      {
        // Every story's play function, run in real Chromium (Debian's, see .ci/run).
        plugins: [storybookTest({ configDir: path('./.storybook') })],
        resolve: { alias: packageAliases },
        // Fake time, unless STORYBOOK_REAL_TIME=1 asks to check the demos as the UI runs them.
        define: {
          'import.meta.env.STORYBOOK_FAKE_TIME': JSON.stringify(process.env.STORYBOOK_REAL_TIME ? '0' : '1'),
          // In the tests every play function acts; in the UI a demo waits for its viewer.
          'import.meta.env.STORYBOOK_AUTOPLAY': JSON.stringify('1'),
        },
        test: {
          name: 'storybook',
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              // npm test checks first that there is one (scripts/require-chromium.ts).
              launchOptions: { executablePath: findChromium() ?? '/usr/bin/chromium', args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
})
