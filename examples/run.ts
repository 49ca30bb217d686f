// `npm run examples`: the seed's three programs, one after the other, in real time (~3 s).
import { main as taskGroupExample } from './taskgroup'
import { main as timeoutExample } from './timeout'
import { main as timeoutTaskGroupExample } from './timeoutTaskGroup'

const examples: [string, () => Promise<void>][] = [
  ['1. TaskGroup', () => taskGroupExample()],
  ['2. timeout', () => timeoutExample()],
  ['3. timeout around a TaskGroup', () => timeoutTaskGroupExample()],
]

for (const [title, run] of examples) {
  console.log(`\n${title}`)
  await run()
}
