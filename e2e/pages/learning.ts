/** The "What works for you" screen, and the learning part of Settings. */
import type { Locator } from '@playwright/test'
import { AppPage } from './base'

export type LearnState = 'high' | 'low'

export class LearningPage extends AppPage {
  get screen(): Locator {
    return this.testId('learning-screen')
  }
  /** One state's panel; data-still-learning is "true" until an option is clearly best. */
  state(state: LearnState): Locator {
    return this.testId(`learning-state-${state}`)
  }
  headline(state: LearnState): Locator {
    return this.state(state).getByTestId('learning-headline')
  }
  /** The option rows of a state (data-option, data-sessions). */
  rows(state: LearnState): Locator {
    return this.state(state).getByTestId('learning-row')
  }
  get noSessionsNote(): Locator {
    return this.testId('learning-no-sessions')
  }
  get adaptiveOffNote(): Locator {
    return this.testId('learning-adaptive-off')
  }

  // In Settings.
  get adaptiveToggle(): Locator {
    return this.testId('setting-learning.adaptive')
  }
  get controlToggle(): Locator {
    return this.testId('setting-learning.allowControl')
  }
  get settingsStatus(): Locator {
    return this.testId('learning-status')
  }
  async exportModel(): Promise<void> {
    await this.testId('learning-export').click()
  }
  /** Asks to forget what was learned and confirms. */
  async forget(): Promise<void> {
    await this.testId('learning-reset').click()
    await this.testId('learning-reset-yes').click()
  }
}
