import { install } from '@sinonjs/fake-timers'
import type { StoryObj } from '@storybook/react-vite'
import { within } from 'storybook/test'

/**
 * Time for the stories' play functions. In Storybook's UI the demos run in real time, so
 * `advance(ms)` just waits. Under `npm test` (the "storybook" vitest project defines
 * STORYBOOK_FAKE_TIME), timers, `Date` and `performance` are faked before the story mounts,
 * and `advance(ms)` moves fake time: a one-second demo is checked in milliseconds.
 */
export interface StoryClock {
  /** Whether time is fake: only then can a play function check an exact instant. */
  readonly fake: boolean
  /** Lets `ms` of (real or fake) time pass, then lets React render what changed. */
  advance(ms: number): Promise<void>
  /**
   * Lets React reveal a Suspense boundary's content: React waits 300 ms after showing a
   * fallback before it reveals, on the real timers it took when it loaded (before any fake
   * clock), so this waits that long in real time, then lets React commit.
   */
  reveal(): Promise<void>
  /** Puts the real timers back. */
  stop(): void
}

const realSetTimeout = globalThis.setTimeout
const fake = import.meta.env.STORYBOOK_FAKE_TIME === '1'

/**
 * An animation frame (timelines and countdowns redraw on frames), then two real macrotasks:
 * enough for React's scheduler (a MessageChannel) to commit what the frame changed.
 */
function flush(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => realSetTimeout(() => realSetTimeout(resolve, 0), 0)))
}

async function reveal(): Promise<void> {
  await new Promise((resolve) => realSetTimeout(resolve, 350))
  await flush()
}

export function startClock(realTime = false): StoryClock {
  if (!fake || realTime) {
    return {
      fake,
      advance: (ms) => new Promise((resolve) => realSetTimeout(resolve, ms + 50)),
      reveal,
      stop() {},
    }
  }
  const clock = install({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'],
  })
  return {
    fake,
    async advance(ms) {
      await flush()
      await clock.tickAsync(ms)
      await flush()
    },
    reveal,
    stop: () => clock.uninstall(),
  }
}

/**
 * Whether play functions act. Under `npm test` they always do (the "storybook" vitest
 * project defines STORYBOOK_AUTOPLAY). In Storybook's UI the demo waits for its viewer: the
 * script plays only when the toolbar's "Script" switch is on (see .storybook/preview.tsx).
 */
const autoplay = import.meta.env.STORYBOOK_AUTOPLAY === '1'

/**
 * Runs a play function under the story clock (fake time in tests, real time in the UI),
 * once the story is mounted, and only when the script is meant to play.
 */
export function withClock(
  play: (canvas: ReturnType<typeof within>, clock: StoryClock) => Promise<void>,
  // For a demo whose subject is the browser's own timeline (performance.measure): a fake
  // clock replaces the performance object, entries and all, so such a demo runs in real time.
  { realTime = false }: { realTime?: boolean } = {},
): StoryObj['play'] {
  return async ({ canvasElement, mount, globals }) => {
    if (!autoplay && globals['demoScript'] !== 'on') {
      await mount()
      return
    }
    const clock = startClock(realTime)
    try {
      await mount()
      await play(within(canvasElement), clock)
    } finally {
      clock.stop()
    }
  }
}
