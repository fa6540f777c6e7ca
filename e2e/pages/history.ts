/** The History screen: the list, a session's detail, export, delete, import. */
import type { Locator } from '@playwright/test'
import { AppPage } from './base'

export class HistoryPage extends AppPage {
  get rows(): Locator {
    return this.testId('history-row')
  }
  row(id: string): Locator {
    return this.page.locator(`[data-testid="history-row"][data-id="${id}"]`)
  }
  /** The open button of a row (by session id, or a row locator): the row's focus target. */
  openButton(row: string | Locator): Locator {
    return (typeof row === 'string' ? this.row(row) : row).getByTestId('history-open')
  }
  get problem(): Locator {
    return this.testId('history-problem')
  }

  async open(id: string): Promise<void> {
    await this.openButton(id).click()
  }

  async select(id: string): Promise<void> {
    await this.row(id).getByTestId('history-select').check()
  }

  /** Asks to delete a row (the confirmation opens). */
  async askToDelete(id: string): Promise<void> {
    await this.row(id).getByTestId('history-delete').click()
  }

  // The detail of one session.
  /** data-state: loading, ready, error. */
  get detail(): Locator {
    return this.testId('history-detail')
  }
  /** data-id: the session shown. */
  get detailBody(): Locator {
    return this.testId('history-detail-body')
  }
  get detailError(): Locator {
    return this.testId('history-detail-error')
  }
  /** data-points, data-markers, data-spans. */
  get heartChart(): Locator {
    return this.testId('history-heart-chart')
  }
  get backButton(): Locator {
    return this.testId('history-back')
  }
  /** data-points. */
  get swayChart(): Locator {
    return this.testId('history-sway-chart')
  }
  get swayTrialLabel(): Locator {
    return this.testId('history-sway-trial-label')
  }
  /** data-area: the ellipse area in mm². */
  get swayArea(): Locator {
    return this.testId('history-sway-area')
  }
  /** What the one sway-area figure means (shown next to it). */
  get swayDefinition(): Locator {
    return this.testId('history-sway-definition')
  }

  async back(): Promise<void> {
    await this.backButton.click()
  }

  // Delete confirmation.
  get confirm(): Locator {
    return this.testId('history-confirm')
  }
  get confirmNo(): Locator {
    return this.testId('history-confirm-no')
  }
  get deleted(): Locator {
    return this.testId('history-deleted')
  }

  async confirmDelete(): Promise<void> {
    await this.testId('history-confirm-yes').click()
  }

  async keepSession(): Promise<void> {
    await this.confirmNo.click()
  }

  // Export and import.
  get exportButton(): Locator {
    return this.testId('history-export')
  }
  get exportDone(): Locator {
    return this.testId('history-export-done')
  }
  /** data-count: sessions imported. */
  get importDone(): Locator {
    return this.testId('history-import-done')
  }
  /** The first imported session's link (its text is the new id). */
  get firstImported(): Locator {
    return this.testId('history-imported').locator('button').first()
  }

  async exportSelected(): Promise<void> {
    await this.exportButton.click()
  }

  async importRrFile(): Promise<void> {
    await this.testId('history-import-rr').click()
  }

  async importSessionFolder(): Promise<void> {
    await this.testId('history-import-session').click()
  }

  async firstImportedId(): Promise<string> {
    return (await this.firstImported.textContent())!.trim()
  }
}
