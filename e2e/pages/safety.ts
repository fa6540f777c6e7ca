/** Super-oxygenation's safety screens: the one-time opt-in questions, then the rules at every start. */
import type { Locator } from '@playwright/test'
import { AppPage } from './base'

export const CONTRAINDICATIONS = ['pregnancy', 'seizures', 'heart', 'glaucoma', 'fainting'] as const
export type Contraindication = (typeof CONTRAINDICATIONS)[number]

export class SafetyPage extends AppPage {
  /** data-opted-in: whether the opt-in is done. */
  get root(): Locator {
    return this.testId('safety')
  }
  question(c: Contraindication): Locator {
    return this.testId(`safety-q-${c}`)
  }
  get contraindicated(): Locator {
    return this.testId('safety-contraindicated')
  }
  get useSighInstead(): Locator {
    return this.testId('safety-use-sigh')
  }
  get optInButton(): Locator {
    return this.testId('safety-opt-in')
  }
  get rules(): Locator {
    return this.testId('safety-rules')
  }
  get startButton(): Locator {
    return this.testId('safety-start')
  }

  async answerYes(c: Contraindication): Promise<void> {
    await this.testId(`safety-yes-${c}`).check()
  }

  /** "No" to every question. */
  async answerNoToAll(): Promise<void> {
    for (const c of CONTRAINDICATIONS) await this.testId(`safety-no-${c}`).check()
  }

  async optIn(): Promise<void> {
    await this.optInButton.click()
  }

  /** Past the rules, to the pacer. */
  async start(): Promise<void> {
    await this.startButton.click()
  }
}
