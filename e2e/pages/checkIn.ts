/** The session screen's first steps: the start card, the measuring check-in, and its result. */
import type { Locator } from '@playwright/test'
import { AppPage } from './base'

export type SelfReport = 'wired' | 'fine' | 'flat'

export class CheckInPage extends AppPage {
  get screen(): Locator {
    return this.testId('session-screen')
  }
  get startCard(): Locator {
    return this.testId('flow-start')
  }
  get baselineNeeded(): Locator {
    return this.testId('baseline-needed')
  }
  /** The measuring panel (data-kind: check-in or re-check). */
  get measuring(): Locator {
    return this.testId('measuring')
  }
  get hr(): Locator {
    return this.testId('checkin-hr')
  }
  get rmssd(): Locator {
    return this.testId('checkin-rmssd')
  }
  get signalQuality(): Locator {
    return this.testId('signal-quality')
  }
  get artifacts(): Locator {
    return this.testId('signal-artifacts')
  }
  get progress(): Locator {
    return this.testId('checkin-progress')
  }

  async start(): Promise<void> {
    await this.testId('start-checkin').click()
  }

  // The result.
  get result(): Locator {
    return this.testId('checkin-result')
  }
  get resultState(): Locator {
    return this.testId('result-state')
  }
  get confidence(): Locator {
    return this.testId('result-confidence')
  }
  get reasons(): Locator {
    return this.testId('result-reasons')
  }
  /** data-ready: "Calibrating: 2 of 5 resting readings" (with a button for a guided reading). */
  get calibration(): Locator {
    return this.testId('calibration')
  }
  /** data-evidence: agree / disagree / none - the self-report beside the measured state. */
  get evidence(): Locator {
    return this.testId('self-report-evidence')
  }
  /** While measuring: data-phase settling / measuring / enough. */
  get phases(): Locator {
    return this.testId('checkin-phases')
  }
  /** While measuring: the sentence under the bar (data-reason). */
  get lengthReason(): Locator {
    return this.testId('checkin-length')
  }
  /** While measuring: the live RR trace (data-beats). */
  get trace(): Locator {
    return this.testId('checkin-trace')
  }

  selfReportButton(answer: SelfReport): Locator {
    return this.testId(`self-report-${answer}`)
  }

  async selfReport(answer: SelfReport): Promise<void> {
    await this.selfReportButton(answer).click()
  }

  /** Leaves the result for the prescription. */
  async finish(): Promise<void> {
    await this.testId('result-continue').click()
  }
}
