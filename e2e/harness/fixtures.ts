/**
 * The `app` fixture: a running Limbic, either a real Electron app (when a binary exists) or the
 * built renderer in Debian Chromium bridged to the real main core in this Node process.
 * Specs use only the UI and window.api, so they run unchanged in both modes; `app.harness` (the
 * in-process main, with emulated hardware) exists in chromium mode only.
 *
 * Console errors and page errors (CSP violations among them) fail the test.
 */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { test as base, expect, type Browser, type Page } from '@playwright/test'
import type { SourceProvider } from '../../src-main/core/deviceManager'
import { CHROMIUM_ARGS, CHROMIUM_PATH, e2eMode, electronBinary, repoRoot, type E2eMode } from './mode'
import { HARNESS_ORIGIN, startHarnessMain, type HarnessMain } from './harnessMain'
import { PRELOAD_BUNDLE } from './buildPreload'

export interface AppOptions {
  simulator?: { seed?: number; arousal?: number }
  /** Extra sources (emulated straps, boards) for chromium mode. */
  providers?: () => SourceProvider[]
  /** Write this to config.json before launch (e.g. a corrupt file). */
  configFile?: string
  launchScanMs?: number
}

export interface LimbicApp {
  page: Page
  mode: E2eMode
  userDataDir: string
  harness: HarnessMain | null
  consoleErrors: string[]
}

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wav': 'audio/wav',
  '.json': 'application/json'
}

export const test = base.extend<
  { appOptions: AppOptions; app: LimbicApp },
  { browserForApp: Browser | null }
>({
  appOptions: [{}, { option: true }],

  browserForApp: [
    async ({ playwright }, use) => {
      if (e2eMode() !== 'chromium') return use(null)
      const browser = await playwright.chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: CHROMIUM_ARGS,
        headless: true
      })
      await use(browser)
      await browser.close()
    },
    { scope: 'worker' }
  ],

  app: async ({ playwright, browserForApp, appOptions }, use) => {
    const mode = e2eMode()
    const userDataDir = mkdtempSync(join(tmpdir(), 'limbic-e2e-'))
    if (appOptions.configFile !== undefined) {
      const { writeFileSync } = await import('node:fs')
      writeFileSync(join(userDataDir, 'config.json'), appOptions.configFile)
    }
    const consoleErrors: string[] = []

    if (mode === 'electron') {
      const electronApp = await playwright._electron.launch({
        executablePath: electronBinary()!,
        args: [join(repoRoot, 'out', 'main', 'index.js')],
        env: { ...process.env, APP_USER_DATA: userDataDir } as Record<string, string>
      })
      const page = await electronApp.firstWindow()
      page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
      page.on('pageerror', (e) => consoleErrors.push(e.message))
      await use({ page, mode, userDataDir, harness: null, consoleErrors })
      await electronApp.close()
    } else {
      const harness = startHarnessMain({
        userDataDir,
        simulator: appOptions.simulator,
        providers: appOptions.providers?.(),
        launchScanMs: appOptions.launchScanMs
      })
      const context = await browserForApp!.newContext()
      const page = await context.newPage()
      // Listen before goto, or load-time CSP violations would be missed.
      page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
      page.on('pageerror', (e) => consoleErrors.push(e.message))
      await page.exposeBinding('__e2eInvoke', (source, channel: string, arg: unknown) =>
        harness.invoke(source.frame.url(), channel, arg)
      )
      let pageReady = false
      harness.setEmitter((event, payload) => {
        if (!pageReady || page.isClosed()) return
        page.evaluate(([e, p]) => window.__e2eEmit(e as string, p), [event, payload] as const).catch(() => {})
      })
      await page.addInitScript({ path: PRELOAD_BUNDLE })
      const outDir = join(repoRoot, 'out', 'renderer')
      await page.route(`${HARNESS_ORIGIN}/**`, async (route) => {
        const path = normalize(decodeURIComponent(new URL(route.request().url()).pathname)).replace(
          /^[/\\]+/,
          ''
        )
        const file = join(outDir, path || 'index.html')
        if (!file.startsWith(outDir) || !existsSync(file))
          return route.fulfill({ status: 404, body: 'not found' })
        await route.fulfill({
          status: 200,
          contentType: MIME[extname(file)] ?? 'application/octet-stream',
          body: readFileSync(file)
        })
      })
      await page.goto(`${HARNESS_ORIGIN}/index.html`)
      pageReady = true
      await harness.core.start()
      await use({ page, mode, userDataDir, harness, consoleErrors })
      pageReady = false
      await harness.dispose()
      await context.close()
    }
    expect(consoleErrors, 'console errors / page errors during the test').toEqual([])
  }
})

export { expect }
