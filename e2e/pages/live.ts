/** The Live screen and the status bar around every screen: heart rate, RR chart, device state. */
import { expect, type Locator } from '@playwright/test'
import { AppPage, numberAttr, numberIn } from './base'

export class LivePage extends AppPage {
  get hr(): Locator {
    return this.testId('hr-value')
  }
  /** data-state: the heart source's state (its words only; the device name is heartDevice). */
  get heartState(): Locator {
    return this.testId('heart-state')
  }
  get heartDevice(): Locator {
    return this.testId('heart-device')
  }
  get rrChart(): Locator {
    return this.testId('rr-chart')
  }
  get simulatedBanner(): Locator {
    return this.testId('simulated-banner')
  }
  get statusBar(): Locator {
    return this.testId('status-bar')
  }
  get beatCount(): Locator {
    return this.testId('beat-count')
  }
  get deviceProblem(): Locator {
    return this.testId('device-problem')
  }
  /** A likely cause said with the problem (data-hint, e.g. connected-elsewhere). */
  get deviceHint(): Locator {
    return this.testId('device-hint')
  }
  /** Where breathing figures come from (data-source: chest or rsa), for straps that say. */
  get breathingSource(): Locator {
    return this.testId('breathing-source')
  }
  get notice(): Locator {
    return this.testId('notice')
  }
  /** data-stale: true while the strap is not sending (the figures are last values). */
  get figures(): Locator {
    return this.testId('live-figures')
  }
  get rmssd(): Locator {
    return this.testId('live-rmssd')
  }
  /** The breathing rate shown (data-source: chest = measured at the chest, rsa = from heart rate). */
  get resp(): Locator {
    return this.testId('live-resp')
  }
  get respEstimating(): Locator {
    return this.testId('live-resp-estimating')
  }
  /** The connected board: weight and CoP dot (data-standing). */
  get board(): Locator {
    return this.testId('live-board')
  }
  get boardWeight(): Locator {
    return this.testId('live-board-weight')
  }
  get boardCop(): Locator {
    return this.testId('live-board-cop')
  }

  /** Waits until a heart rate is shown (the app is up and a source streams). */
  async waitForHeartRate(timeout?: number): Promise<void> {
    await expect(this.hr).toBeVisible(timeout === undefined ? undefined : { timeout })
  }

  hrBpm(): Promise<number> {
    return numberIn(this.hr)
  }

  async beats(): Promise<number> {
    return parseInt((await this.beatCount.textContent()) ?? '0', 10)
  }

  rrChartPoints(): Promise<number> {
    return numberAttr(this.rrChart, 'data-points')
  }

  async dismissNotice(): Promise<void> {
    await this.notice.getByRole('button').click()
  }
}
