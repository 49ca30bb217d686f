// `npm test` runs this first: without a Chromium it stops here with one line on how to get
// one, instead of a stack trace from Playwright after the build.
import { findChromium, missingChromium } from './chromium'

if (findChromium() === undefined) {
  console.error(missingChromium())
  process.exit(1)
}
