/** The balance drill: safety, a trial (board or self-counted), its result, the summary. */
import type { Locator } from '@playwright/test'
import { AppPage } from './base'

export class DrillPage extends AppPage {
  /** data-level: the level on offer. */
  get screen(): Locator {
    return this.testId('drill-screen')
  }
  get safety(): Locator {
    return this.testId('drill-safety')
  }
  get ready(): Locator {
    return this.testId('drill-ready')
  }
  get boardMode(): Locator {
    return this.testId('drill-board-mode')
  }
  get startButton(): Locator {
    return this.testId('drill-start')
  }
  get countdown(): Locator {
    return this.testId('drill-countdown')
  }
  /** data-has-board. */
  get running(): Locator {
    return this.testId('drill-running')
  }
  /** data-samples: board samples seen this trial. */
  get board(): Locator {
    return this.testId('drill-board')
  }
  get lostBalanceButton(): Locator {
    return this.testId('drill-lost-balance')
  }
  get errors(): Locator {
    return this.testId('drill-errors')
  }
  get reframe(): Locator {
    return this.testId('drill-reframe')
  }
  get result(): Locator {
    return this.testId('drill-result')
  }
  get resultErrors(): Locator {
    return this.testId('drill-result-errors')
  }
  get resultMessage(): Locator {
    return this.testId('drill-result-message')
  }
  /** A sway figure of the result. */
  resultFigure(figure: 'path' | 'velocity' | 'ellipse'): Locator {
    return this.testId(`drill-result-${figure}`)
  }
  /** data-step: up, repeat, … */
  get step(): Locator {
    return this.testId('drill-step')
  }
  get chart(): Locator {
    return this.testId('drill-chart')
  }
  get summary(): Locator {
    return this.testId('drill-summary')
  }

  async acceptSafety(): Promise<void> {
    await this.testId('drill-safety-ok').click()
  }

  async start(): Promise<void> {
    await this.startButton.click()
  }

  /** Counts a loss of balance by key (Space, the button has focus during a trial without a board). */
  async lostBalanceByKey(): Promise<void> {
    await this.press('Space')
  }

  async lostBalance(): Promise<void> {
    await this.lostBalanceButton.click()
  }

  async next(): Promise<void> {
    await this.testId('drill-next').click()
  }

  async finish(): Promise<void> {
    await this.testId('drill-finish').first().click()
  }

  /** From the summary on to the study timer. */
  async continue(): Promise<void> {
    await this.testId('drill-continue').click()
  }
}
