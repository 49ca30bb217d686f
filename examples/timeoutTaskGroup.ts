// The seed's third program: one deadline over a whole TaskGroup of six fetches (0 to 1.5 s).
// Python prints 整体操作超时，TaskGroup 中的任务已被取消 ("the whole operation timed out; the
// TaskGroup's tasks were cancelled"), then [0, 1, 2, 3]. The two cancelled tasks' done
// callbacks throw on t.result(); as in Python, those errors are reported, not thrown.
import { sleep, taskGroup, timeout, TimeoutError } from 'react-taskgroup/core'

async function fetchItem(i: number, signal: AbortSignal): Promise<number> {
  await sleep(300 * i, signal)
  return i
}

export async function main(print: (line: string) => void = console.log): Promise<void> {
  const results: number[] = []
  try {
    await timeout(1000, (t) =>
      taskGroup(
        (tg) => {
          for (let i = 0; i < 6; i++) {
            tg.createTask((signal) => fetchItem(i, signal)).addDoneCallback((task) => results.push(task.result()))
          }
        },
        { signal: t.signal },
      ),
    )
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error
    print('整体操作超时，TaskGroup 中的任务已被取消')
  }
  print(`[${results.sort((a, b) => a - b).join(', ')}]`)
}
