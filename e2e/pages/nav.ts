/** The navigation bar: one tab per screen. */
import type { Locator } from '@playwright/test'
import { AppPage } from './base'

export type Screen = 'live' | 'session' | 'timer' | 'history' | 'learning' | 'resonance' | 'settings'

export class Nav extends AppPage {
  tab(screen: Screen): Locator {
    return this.testId(`nav-${screen}`)
  }

  /** The running timer's focus mode hides the tab bar; its "Show menu" button brings it back. */
  get showMenu(): Locator {
    return this.testId('timer-menu')
  }

  async open(screen: Screen): Promise<void> {
    if (!(await this.tab(screen).isVisible()) && (await this.showMenu.isVisible())) {
      await this.showMenu.click()
    }
    await this.tab(screen).click()
  }
}
