/** The study timer: lock, setup, a running block, the summary. */
import type { Locator } from '@playwright/test'
import { AppPage, numberAttr } from './base'

export class TimerPage extends AppPage {
  /** data-reason: why it is locked. */
  get lock(): Locator {
    return this.testId('timer-lock')
  }
  get unlocked(): Locator {
    return this.testId('timer-unlocked')
  }
  get setup(): Locator {
    return this.testId('timer-setup')
  }
  get plan(): Locator {
    return this.testId('timer-plan')
  }
  get running(): Locator {
    return this.testId('timer-running')
  }
  get task(): Locator {
    return this.testId('timer-task')
  }
  get hr(): Locator {
    return this.testId('timer-hr')
  }
  /** data-count: errors logged. */
  get errorCount(): Locator {
    return this.testId('timer-error-count')
  }
  get reframe(): Locator {
    return this.testId('timer-reframe')
  }
  get pauseButton(): Locator {
    return this.testId('timer-pause')
  }
  get paused(): Locator {
    return this.testId('timer-paused')
  }
  /** data-elapsed-ms. */
  get elapsed(): Locator {
    return this.testId('timer-elapsed')
  }
  /** data-phase. */
  get phase(): Locator {
    return this.testId('timer-phase')
  }
  get summary(): Locator {
    return this.testId('timer-summary')
  }
  summaryPart(part: 'duration' | 'errors' | 'hr' | 'chart' | 'rest' | 'sleep'): Locator {
    return this.testId(`timer-summary-${part}`)
  }
  get finished(): Locator {
    return this.testId('timer-finished')
  }

  /** From the lock back to the check-in. */
  async goToCheckIn(): Promise<void> {
    await this.testId('timer-go-checkin').first().click()
  }

  async setUp(options: { phoneOut: boolean; task: string; notifications: boolean }): Promise<void> {
    if (options.phoneOut) await this.testId('timer-phone').check()
    await this.testId('timer-task-input').fill(options.task)
    if (options.notifications) await this.testId('timer-notifications').check()
  }

  async start(): Promise<void> {
    await this.testId('timer-start').click()
  }

  async logErrorByKey(): Promise<void> {
    await this.press('e')
  }

  async logFrustrationByKey(): Promise<void> {
    await this.press('f')
  }

  async logError(): Promise<void> {
    await this.testId('timer-log-error').click()
  }

  async pause(): Promise<void> {
    await this.pauseButton.click()
  }

  async resume(): Promise<void> {
    await this.testId('timer-resume').click()
  }

  async elapsedMs(): Promise<number> {
    return numberAttr(this.elapsed, 'data-elapsed-ms')
  }

  async reflect(text: string): Promise<void> {
    await this.testId('timer-reflection').fill(text)
    await this.testId('timer-save').click()
  }
}
