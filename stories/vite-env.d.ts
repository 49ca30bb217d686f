/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** '1' when the stories run as tests under fake time (see stories/support/time.ts). */
  readonly STORYBOOK_FAKE_TIME?: string
  /** '1' when play functions act by themselves (the story tests), see stories/support/time.ts. */
  readonly STORYBOOK_AUTOPLAY?: string
}
