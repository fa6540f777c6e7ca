/**
 * Issue 10: the language switches without a restart, is saved, every screen renders catalogue
 * text (never a raw key) in both languages, and buttons are not clipped by longer/shorter text.
 */
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { test, expect } from './harness/fixtures'
import { en } from '../src-renderer/src/lib/i18n/en'
import { zhCN } from '../src-renderer/src/lib/i18n/zh-CN'
import { Limbic } from './pages/limbic'

const SCREENS = ['session', 'timer', 'live', 'history', 'learning', 'resonance', 'settings'] as const
const KEYS = Object.keys(en)

/** Message keys (or the ⟦missing⟧ marker) that leaked into the visible text of the page. */
async function rawKeysOnScreen(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText()
  const leaked = KEYS.filter((key) => text.includes(key))
  if (text.includes('⟦')) leaked.push('⟦…⟧')
  return leaked
}

/** Visible buttons whose label does not fit (text cut off inside the button). */
async function clippedButtons(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button')]
      .filter((b) => b.offsetParent !== null && b.scrollWidth > b.clientWidth + 1)
      .map((b) => b.textContent?.trim() ?? '')
  )
}

for (const locale of ['en', 'zh-CN'] as const) {
  test(`every screen renders ${locale} catalogue text, no raw keys, no clipped buttons`, async ({ app }) => {
    const { page } = app
    const { nav, settings } = new Limbic(app)
    await nav.open('settings')
    await settings.setLanguage(locale)
    await expect(nav.tab('settings')).toHaveText((locale === 'en' ? en : zhCN)['nav.settings'] as string)
    for (const screen of SCREENS) {
      await nav.open(screen)
      await expect(nav.tab(screen)).toHaveAttribute('aria-current', 'page')
      // Let async screen content (settings, history list, stored state) arrive.
      await page.waitForTimeout(400)
      expect(await rawKeysOnScreen(page), `${locale} ${screen}`).toEqual([])
      expect(await clippedButtons(page), `${locale} ${screen}`).toEqual([])
      if (locale === 'zh-CN') await expect(page.locator('main')).toContainText(/[\u4e00-\u9fff]/)
    }
    await expect(page.locator('html')).toHaveAttribute('lang', locale)
  })
}

test('the language switches without a restart and the choice survives one', async ({ app }) => {
  const { nav, settings } = new Limbic(app)
  await nav.open('settings')
  await settings.setLanguage('zh-CN')
  await expect(nav.tab('live')).toHaveText(zhCN['nav.live'] as string)
  await expect(settings.status).toContainText(zhCN['settings.saved'] as string)

  await app.restart()
  await expect(nav.tab('live')).toHaveText(zhCN['nav.live'] as string)
  await nav.open('settings')
  await expect(settings.languageOption('zh-CN')).toBeChecked()
  await settings.setLanguage('system')
  // Headless Chromium reports an English system language.
  await expect(nav.tab('live')).toHaveText(en['nav.live'])
})

test.describe('the sessions folder', () => {
  const chosen = mkdtempSync(join(tmpdir(), 'limbic-e2e-sessions-'))
  test.use({ appOptions: { sessionsDir: chosen } })
  test("is chosen through main's dialog, used by the next session, and can go back to the default", async ({
    app
  }) => {
    test.skip(app.mode === 'electron', 'the folder dialog answers by itself only in the harness')
    const { page } = app
    const { nav, settings } = new Limbic(app)
    await nav.open('settings')
    await expect(settings.sessionsFolder).toContainText(join(app.userDataDir, 'sessions'))
    await settings.chooseSessionsFolder()
    await expect(settings.sessionsFolder).toContainText(chosen)
    const id = await page.evaluate(async () => {
      const { id } = await window.api.sessionStart()
      await window.api.sessionEnd()
      return id
    })
    expect(existsSync(join(chosen, id, 'session.json'))).toBe(true)
    await settings.useDefaultSessionsFolder()
    await expect(settings.sessionsFolder).toContainText(join(app.userDataDir, 'sessions'))
  })
})

test('settings: a value out of range says the range, a good one is saved, defaults can be undone', async ({
  app
}) => {
  const { page } = app
  const { nav, settings, api } = new Limbic(app)
  await nav.open('settings')
  const hold = settings.field('superOxygenation.holdS')
  await hold.fill('30')
  await hold.press('Enter')
  await hold.blur()
  await expect(page.getByText('Enter a value from 0 to 15.')).toBeVisible()
  expect((await api.settings()).superOxygenation.holdS).toBe(15)

  const exhale = settings.field('sigh.exhaleS')
  await exhale.fill('5')
  await exhale.blur()
  await expect(settings.status).toContainText('Saved')
  await expect(settings.sighExhaleHint).toContainText('6 s or more')
  expect((await api.settings()).sigh.exhaleS).toBe(5)

  await settings.resetGroup('sigh')
  await expect(exhale).toHaveValue('6')
  await settings.undo()
  await expect(exhale).toHaveValue('5')

  await app.restart()
  await nav.open('settings')
  await expect(settings.field('sigh.exhaleS')).toHaveValue('5')
})
