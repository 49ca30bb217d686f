// The seed's first program: five workers in a TaskGroup, results collected by done callbacks.
// Python prints: [0, 1, 2, 3, 4]
import { sleep, taskGroup } from 'react-taskgroup/core'

async function worker(n: number): Promise<number> {
  await sleep(1000)
  return n
}

export async function main(print: (line: string) => void = console.log): Promise<void> {
  const results: number[] = []
  await taskGroup((tg) => {
    for (let i = 0; i < 5; i++) {
      // Create the task and collect its result with a done callback.
      tg.createTask(() => worker(i)).addDoneCallback((t) => results.push(t.result()))
    }
  })
  // The group has settled, so every task (and every callback) has finished.
  print(`[${results.sort((a, b) => a - b).join(', ')}]`)
}
