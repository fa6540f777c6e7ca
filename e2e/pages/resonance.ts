/** The resonance test screen, its result, past tests in History, and the coherence panel. */
import type { Locator } from '@playwright/test'
import { AppPage } from './base'

export class ResonancePage extends AppPage {
  /** data-status: idle, step, rest, done, cancelled. */
  get screen(): Locator {
    return this.testId('resonance-screen')
  }
  get startButton(): Locator {
    return this.testId('resonance-start')
  }
  /** The running step (data-rate, data-attempt) as "Step k of n: r breaths/min". */
  get step(): Locator {
    return this.testId('resonance-step')
  }
  get pacer(): Locator {
    return this.testId('resonance-pacer')
  }
  get rest(): Locator {
    return this.testId('resonance-rest')
  }
  get skipRestButton(): Locator {
    return this.testId('resonance-skip-rest')
  }
  get cancelButton(): Locator {
    return this.testId('resonance-cancel')
  }
  get personRate(): Locator {
    return this.testId('resonance-person-rate')
  }
  /** A result (data-status found/unsure/none/cancelled, data-rate) on this screen. */
  get result(): Locator {
    return this.screen.getByTestId('resonance-result')
  }
  get reason(): Locator {
    return this.screen.getByTestId('resonance-reason')
  }
  /** The amplitude chart's bars of `within` (data-rate, data-swing, data-chosen). */
  bars(within: Locator): Locator {
    return within.getByTestId('resonance-bar')
  }
  get historyItems(): Locator {
    return this.testId('resonance-history-item')
  }
  get coherencePanel(): Locator {
    return this.testId('coherence-panel')
  }
  get coherenceValue(): Locator {
    return this.testId('coherence-value')
  }

  async start(): Promise<void> {
    await this.startButton.click()
  }
  async skipRest(): Promise<void> {
    await this.skipRestButton.click()
  }
  /** Esc stops a running test. */
  async stopWithEscape(): Promise<void> {
    await this.press('Escape')
  }
}
