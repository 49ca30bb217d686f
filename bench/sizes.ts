// Min+gzip of one hook, ours and the peers', bundled the same way (esbuild, minified, ESM,
// React external, production): what importing that one hook adds to an app. Ours are read
// from the built package (dist/, as size-limit does), so run `npx tsup` first.
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = fileURLToPath(new URL('..', import.meta.url))

/** Each row: its name, and the module and export it imports. */
const hooks: [name: string, from: string, names: string][] = [
  ['useTaskGroup', `${root}dist/index.js`, 'useTaskGroup'],
  ['useTaskEffect', `${root}dist/index.js`, 'useTaskEffect'],
  ['useTask', `${root}dist/index.js`, 'useTask'],
  ['useTaskAction', `${root}dist/index.js`, 'useTaskAction'],
  ['useTaskGroup + useTimeout', `${root}dist/index.js`, 'useTaskGroup, useTimeout'],
  [
    'TanStack Query useQuery (+ QueryClient, QueryClientProvider)',
    '@tanstack/react-query',
    'useQuery, QueryClient, QueryClientProvider',
  ],
  ['SWR useSWR', 'swr', 'default as useSWR'],
  ['ahooks useRequest', 'ahooks', 'useRequest'],
  ['react-async-hook useAsyncAbortable', 'react-async-hook', 'useAsyncAbortable'],
  ['@react-hookz/web useAsyncAbortable', '@react-hookz/web', 'useAsyncAbortable'],
]

/** Bytes of `names` from `from`, minified and gzipped, with React left out. */
async function sizeOf(from: string, names: string): Promise<number> {
  const result = await build({
    stdin: { contents: `export { ${names} } from ${JSON.stringify(from)}`, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    external: ['react', 'react-dom', 'react/jsx-runtime'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  })
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length
}

export async function hookSizes(): Promise<[name: string, bytes: number][]> {
  const rows: [string, number][] = []
  for (const [name, from, names] of hooks) rows.push([name, await sizeOf(from, names)])
  return rows
}
