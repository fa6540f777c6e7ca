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

  chooseButton(protocol: Protocol, dose: Dose): Locator {
    return this.testId(`choose-${protocol}-${dose}`)
  }

  async choose(protocol: Protocol, dose: Dose): Promise<void> {
    await this.chooseButton(protocol, dose).click()
  }
}
