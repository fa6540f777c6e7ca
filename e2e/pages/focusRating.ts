/** The end-of-block focus rating and the learner's after-session line (timer screen, issue 16). */
import type { Locator } from '@playwright/test'
import { AppPage } from './base'

export class FocusRatingPage extends AppPage {
  get root(): Locator {
    return this.testId('focus-rating')
  }
  /** data-key: the learning.pe.block.* key of the line. */
  get feedback(): Locator {
    return this.testId('focus-feedback')
  }
  get line(): Locator {
    return this.testId('after-session-line')
  }
  async rate(rating: 1 | 2 | 3 | 4 | 5): Promise<void> {
    await this.testId(`focus-rate-${rating}`).click()
  }
  async skip(): Promise<void> {
    await this.testId('focus-rate-skip').click()
  }
}
