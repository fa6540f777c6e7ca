/** The breathing pacer with its biofeedback trace. */
import type { Locator } from '@playwright/test'
import { AppPage } from './base'

export class PacerPage extends AppPage {
  /** data-protocol, data-phase, data-paused. */
  get root(): Locator {
    return this.testId('pacer')
  }
  /** The phase in words ("Inhale — nose"). */
  get phase(): Locator {
    return this.testId('pacer-phase')
  }
  get cycle(): Locator {
    return this.testId('pacer-cycle')
  }
  get breath(): Locator {
    return this.testId('pacer-breath')
  }
  get remaining(): Locator {
    return this.testId('pacer-remaining')
  }
  get pauseButton(): Locator {
    return this.testId('pacer-pause')
  }
  get endHoldButton(): Locator {
    return this.testId('pacer-end-hold')
  }
  get bioTrace(): Locator {
    return this.testId('bio-trace')
  }
  /** data-source: 'chest' when the rate shown is measured at the chest. */
  get bioRate(): Locator {
    return this.testId('bio-rate')
  }
  /** The measured breath against the pacer (only with a strap that measures breathing). */
  get chestChart(): Locator {
    return this.testId('chest-chart')
  }
  get chestMeasured(): Locator {
    return this.testId('chest-measured')
  }
  get chestTarget(): Locator {
    return this.testId('chest-target')
  }

  /** Space: pauses a running pacer, resumes a paused one. */
  async pause(): Promise<void> {
    await this.press('Space')
  }

  async resume(): Promise<void> {
    await this.press('Space')
  }

  /** Esc: stops the protocol early (the re-check follows). */
  async stop(): Promise<void> {
    await this.press('Escape')
  }

  async endHold(): Promise<void> {
    await this.endHoldButton.click()
  }
}
