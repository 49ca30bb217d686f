// Workload 4 with React's production build: run by bench/run.ts in a child process started
// with NODE_ENV=production (React picks its build when first imported); prints JSON rows.
import { reactMountUnmount } from './react'
import { measureSequentially } from './table'

const rows = await measureSequentially('4. React mount + unmount (production build)', 1000, reactMountUnmount)
process.stdout.write(JSON.stringify(rows))
