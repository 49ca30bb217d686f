/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** '1' when the stories run as tests under fake time (see stories/support/time.ts). */
  readonly STORYBOOK_FAKE_TIME?: string
}
