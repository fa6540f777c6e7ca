/**
 * A guided practice (panoramic vision, NSDR, sit quietly) and the intent that chooses any
 * protocol. Until the learner's offer puts the new protocols on the prescription screen, a spec
 * chooses them with the same `flow:choose-protocol` intent that screen sends.
 */
import type { Locator } from '@playwright/test'
import type { ProtocolName } from '../../src-main/shared/contract'
import { AppPage } from './base'

export class GuidedPage extends AppPage {
  /** data-protocol, data-part (0-based), data-paused, data-motion. */
  get root(): Locator {
    return this.testId('guided')
  }
  /** The running part's words (data-cue: its message key). */
  get cue(): Locator {
    return this.testId('guided-cue')
  }
  get part(): Locator {
    return this.testId('guided-part')
  }
  get remaining(): Locator {
    return this.testId('guided-remaining')
  }
  /** role=progressbar, aria-valuenow 0-100. */
  get progress(): Locator {
    return this.testId('guided-progress')
  }
  get stopButton(): Locator {
    return this.testId('guided-stop')
  }

  /** The intent the prescription screen sends (main checks the name and the step). */
  async choose(protocol: ProtocolName, dose: 'full' | 'short'): Promise<void> {
    await this.page.evaluate((p) => window.api.flowChooseProtocol(p), { protocol, dose })
  }

  /**
   * Waits until the running part's words have faded in: each part's words appear with a 0.8 s CSS
   * fade that runs in real time (the person's clock does not move it), so a picture or a contrast
   * scan taken right after a skip would catch them half-transparent.
   */
  async cueSettled(): Promise<void> {
    await this.cue
      .locator('span')
      .evaluate((el) => Promise.allSettled(el.getAnimations().map((a) => a.finished)).then(() => undefined))
  }

  /** Space: pauses or resumes. */
  async pause(): Promise<void> {
    await this.press('Space')
  }

  /** Esc: stops early (the re-check follows). */
  async stop(): Promise<void> {
    await this.press('Escape')
  }

  /** Ends the running re-check now (main judges what it has; too short to be usable). */
  async finishRecheckNow(): Promise<void> {
    await this.page.evaluate(() => window.api.flowFinishCheckIn())
  }
}
