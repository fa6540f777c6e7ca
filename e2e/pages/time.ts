/**
 * The person's time. A check-in needs 50 s of beats and a practice its minutes; in chromium mode
 * the harness skips that time (main's clock and the page's clock jump together) instead of waiting
 * for it, so a spec runs the real parsers and core at the speed of their work, not of the person.
 * In electron mode the same calls wait in real time.
 */
import { AppPage } from './base'

/**
 * A check as quick as the page can answer it: an expectation that looks once and gives up (1 ms;
 * 0 would mean "no limit"). Inside `until` a failed look costs ~15 ms instead of a 150 ms retry
 * loop, and a look that comes too early is simply repeated after the next step.
 */
export const NOW = { timeout: 1 }

/**
 * For reading a value inside `until` (`getAttribute(name, READ)`, `textContent(READ)`): a read is
 * an action, and an action's timeout covers its whole round trip, so it gets a short limit rather
 * than NOW's single look (and never none: without one a read waits forever for a missing element).
 */
export const READ = { timeout: 250 }

export class PersonTime extends AppPage {
  /** Lets `ms` of the person's time pass. */
  pass(ms: number): Promise<void> {
    return this.app.skip(ms)
  }

  /**
   * Lets the person's time pass a step at a time until `check` (an expectation, with a short
   * timeout such as NOW) holds; fails with the check's own error after `maxMs` of their time.
   */
  async until(check: () => Promise<unknown>, maxMs: number, stepMs = 1000): Promise<void> {
    for (let passed = 0; ; passed += stepMs) {
      try {
        await check()
        return
      } catch (err) {
        if (passed >= maxMs) throw err
      }
      await this.app.skip(stepMs)
    }
  }
}
