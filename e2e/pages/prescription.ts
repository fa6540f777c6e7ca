/** The prescription: the protocol the check-in calls for, and the other options. */
import type { Locator } from '@playwright/test'
import { AppPage } from './base'

export type Protocol = 'sigh' | 'super-oxygenation'
export type Dose = 'full' | 'short'

export class PrescriptionPage extends AppPage {
  /** data-prescribed: the protocol prescribed. */
  get root(): Locator {
    return this.testId('prescription')
  }

  option(protocol: Protocol): Locator {
    return this.testId(`rx-option-${protocol}`)
  }

  /** The learner's proposal (data-option, data-reason: its learning.reason.* key). */
  get proposal(): Locator {
    return this.testId('rx-proposal')
  }

  /** "Why this one: Best for you so far, 82 %" */
  get reason(): Locator {
    return this.testId('rx-reason')
  }

  /** A learner option on the card (the proposal or an alternative main sent). */
  learnerOption(option: string): Locator {
    return this.testId(`rx-option-${option}`)
  }

  chooseButton(protocol: Protocol, dose: Dose): Locator {
    return this.testId(`choose-${protocol}-${dose}`)
  }

  async choose(protocol: Protocol, dose: Dose): Promise<void> {
    await this.chooseButton(protocol, dose).click()
  }
}
