/** The Settings screen. */
import type { Locator } from '@playwright/test'
import { AppPage } from './base'

export type LanguageChoice = 'en' | 'zh-CN' | 'system'

export class SettingsPage extends AppPage {
  languageOption(choice: LanguageChoice): Locator {
    return this.testId(`language-${choice}`)
  }

  /** Picks a language (the Settings screen must be open). */
  async setLanguage(choice: LanguageChoice): Promise<void> {
    await this.languageOption(choice).check()
  }

  /** A numeric field by its settings path, e.g. 'sigh.exhaleS'. */
  field(path: string): Locator {
    return this.testId(`setting-${path}`)
  }

  get sighExhaleHint(): Locator {
    return this.testId('sigh-exhale-hint')
  }

  get status(): Locator {
    return this.testId('settings-status')
  }

  async resetGroup(group: string): Promise<void> {
    await this.testId(`reset-${group}`).click()
  }

  async undo(): Promise<void> {
    await this.testId('settings-undo').click()
  }

  get sessionsFolder(): Locator {
    return this.testId('sessions-folder')
  }

  async chooseSessionsFolder(): Promise<void> {
    await this.testId('sessions-folder-choose').click()
  }

  async useDefaultSessionsFolder(): Promise<void> {
    await this.testId('sessions-folder-default').click()
  }
}
