import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts', core: 'src/core/index.ts', devtools: 'src/devtools/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // The hooks entry imports the core through the package's own name, never bundling a copy.
  external: ['react', 'react-taskgroup/core'],
})
