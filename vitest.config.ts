import { fileURLToPath } from 'node:url'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import { playwright } from '@vitest/browser-playwright'
import type { PluginOption } from 'vite'
import { defineConfig, type ViteUserConfig } from 'vitest/config'
import { chromiumArgs, findChromium } from './scripts/chromium.ts'
import { reactCompiler } from './scripts/reactCompiler.ts'

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url))

// Tests and examples import the package by name, as users do, from the sources.
const packageAliases = [
  { find: /^react-taskgroup\/core$/, replacement: path('./src/core/index.ts') },
  { find: /^react-taskgroup\/devtools$/, replacement: path('./src/devtools/index.ts') },
  { find: /^react-taskgroup$/, replacement: path('./src/index.ts') },
]

/**
 * The hook tests, run once per React major (`react` and `react-dom` point at that version),
 * and once more on React 19 with the React Compiler over the tests' components.
 */
function reactProject(options: {
  name: string
  react: string
  reactDom: string
  setup?: string[]
  exclude?: string[]
  plugins?: PluginOption[]
  env?: Record<string, string>
}): NonNullable<NonNullable<ViteUserConfig['test']>['projects']>[number] {
  const { react, reactDom } = options
  return {
    plugins: options.plugins,
    resolve: {
      alias: [
        ...packageAliases,
        { find: /^react(\/.*)?$/, replacement: `${path(`./node_modules/${react}`)}$1` },
        { find: /^react-dom(\/.*)?$/, replacement: `${path(`./node_modules/${reactDom}`)}$1` },
      ],
    },
    test: {
      name: options.name,
      env: options.env,
      include: ['test/react/**/*.test.{ts,tsx}'],
      exclude: options.exclude,
      setupFiles: [...(options.setup ?? []), 'test/setup.ts', 'test/react/setup.ts'],
      environment: 'jsdom',
      restoreMocks: true,
    },
  }
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
            'test/dualPackage.test.ts',
          ],
          setupFiles: ['test/setup.ts'],
          environment: 'node',
          restoreMocks: true,
        },
      },
      reactProject({ name: 'react 19', react: 'react', reactDom: 'react-dom', env: { REACT_MAJOR: '19' } }),
      // The same suite with the React Compiler over the tests' and examples' components: the
      // handles must give the same results when components are memoized on their identity.
      reactProject({
        name: 'react 19 compiled',
        react: 'react',
        reactDom: 'react-dom',
        env: { REACT_MAJOR: '19', REACT_COMPILER: '1' },
        plugins: [reactCompiler(/\/(test\/react|examples\/react)\/[^/]+\.tsx$/)],
      }),
      // `*.react19.test.tsx`: what React 18 does not have (<Activity>).
      reactProject({
        name: 'react 18',
        react: 'react-18',
        reactDom: 'react-dom-18',
        env: { REACT_MAJOR: '18' },
        setup: ['test/react/react18.ts'],
        exclude: ['test/react/**/*.react19.test.tsx'],
      }),
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
