/**
 * The base of every page object: it holds the running app, not a Page, because `app.restart()`
 * replaces the page in Electron mode; every locator is built from the current page when it is used.
 * Elements are found by their data-testid (or role), never by CSS layout.
 */
import type { Locator, Page } from '@playwright/test'
import type { LimbicApp } from '../harness/fixtures'

export abstract class AppPage {
  constructor(protected readonly app: LimbicApp) {}

  protected get page(): Page {
    return this.app.page
  }

  protected testId(id: string): Locator {
    return this.page.getByTestId(id)
  }

  /** A key on the keyboard, as the person presses it (shortcuts act on the focused screen). */
  protected press(key: string): Promise<void> {
    return this.page.keyboard.press(key)
  }
}

/** The number an element shows as text (NaN when it shows none). */
export async function numberIn(locator: Locator): Promise<number> {
  return Number(await locator.textContent())
}

/** The number an attribute holds (NaN when absent). */
export async function numberAttr(locator: Locator, name: string): Promise<number> {
  return Number(await locator.getAttribute(name))
}
