import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    // Tests and examples import the package by name, as users do, from the sources.
    alias: [
      { find: /^react-taskgroup\/core$/, replacement: fileURLToPath(new URL('./src/core/index.ts', import.meta.url)) },
      { find: /^react-taskgroup$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    environment: 'node',
    // The JSON report is what .ci/run counts its "N passed, N failed" line from.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
    restoreMocks: true,
  },
})
