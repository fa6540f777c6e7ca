/** The navigation bar: one tab per screen. */
import type { Locator } from '@playwright/test'
import { AppPage } from './base'

export type Screen = 'live' | 'session' | 'timer' | 'history' | 'learning' | 'resonance' | 'settings'

export class Nav extends AppPage {
  tab(screen: Screen): Locator {
    return this.testId(`nav-${screen}`)
  }

  async open(screen: Screen): Promise<void> {
    await this.tab(screen).click()
  }
}
