/** The end of the flow and its side doors: skipping the check-in, the gate, the rest after super-oxygenation. */
import type { Locator } from '@playwright/test'
import { AppPage } from './base'

export class GatePage extends AppPage {
  /** data-open, data-outcome. */
  get root(): Locator {
    return this.testId('flow-gate')
  }
  get message(): Locator {
    return this.testId('gate-message')
  }
  /** data-verdict: toward / no-clear-change / away - the re-check against the check-in. */
  get recheckChange(): Locator {
    return this.testId('recheck-change')
  }
  /** The change's numbers (HR, RMSSD with ranges, the smallest worthwhile change). */
  get recheckNumbers(): Locator {
    return this.testId('recheck-numbers')
  }

  async toTimer(): Promise<void> {
    await this.testId('gate-to-timer').click()
  }

  async toDrill(): Promise<void> {
    await this.testId('gate-drill').click()
  }

  // Skipping the check-in.
  get skipConfirm(): Locator {
    return this.testId('skip-confirm')
  }
  get skipNo(): Locator {
    return this.testId('skip-no')
  }

  async askToSkip(): Promise<void> {
    await this.testId('skip').click()
  }

  async confirmSkip(): Promise<void> {
    await this.testId('skip-yes').click()
  }

  async cancelSkip(): Promise<void> {
    await this.skipNo.click()
  }

  /** Skip and confirm: the gate opens as an override. */
  async skip(): Promise<void> {
    await this.askToSkip()
    await this.confirmSkip()
  }

  // The seated rest before a drill that follows super-oxygenation.
  get rest(): Locator {
    return this.testId('rest')
  }
  get restGo(): Locator {
    return this.testId('rest-go')
  }
  get restLeft(): Locator {
    return this.testId('rest-left')
  }

  async confirmNoDizziness(): Promise<void> {
    await this.testId('rest-no-dizziness').check()
  }
}
