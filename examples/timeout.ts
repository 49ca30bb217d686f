// The seed's second program: a two-second fetch inside a one-second timeout.
// Python prints: 超时被优雅捕获 ("the timeout was caught gracefully")
import { sleep, timeout, TimeoutError } from 'react-taskgroup/core'

async function fetchOk(signal: AbortSignal): Promise<string> {
  await sleep(2000, signal)
  return 'OK'
}

export async function main(print: (line: string) => void = console.log): Promise<void> {
  try {
    await timeout(1000, async (t) => {
      const res = await fetchOk(t.signal)
      print(res)
    })
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error
    print('超时被优雅捕获')
  }
}
