/**
 * The `app` fixture: a running Limbic, either a real Electron app (when a binary exists) or the
 * built renderer in Debian Chromium bridged to the real main core in this Node process.
 * Specs use only the UI and window.api, so they run unchanged in both modes; `app.harness` (the
 * in-process main, with emulated hardware) exists in chromium mode only.
 *
 * Console errors and page errors (CSP violations among them) fail the test.
 */
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { test as base, expect, type Browser, type ElectronApplication, type Page } from '@playwright/test'
import type { SourceProvider } from '../../src-main/core/deviceManager'
import type { Clock } from '../../src-main/devices/clock'
import type { SimulatedHeartOptions } from '../../src-main/devices/sim/simulatedHeart'
import type { SessionFs } from '../../src-main/session/sessionFs'
import { CHROMIUM_ARGS, CHROMIUM_PATH, e2eMode, electronBinary, repoRoot, type E2eMode } from './mode'
import { HARNESS_ORIGIN, startHarnessMain, type HarnessMain } from './harnessMain'
import { SkippableClock } from '../../src-main/devices/skippableClock'
import { PRELOAD_BUNDLE } from './buildPreload'

export interface AppOptions {
  simulator?: SimulatedHeartOptions
  /**
   * Extra sources (emulated straps, boards) for chromium mode. Build them on the given clock
   * (main's) and `app.skip` moves them too; on the system clock they only move in real time.
   */
  providers?: (clock: Clock) => SourceProvider[]
  /** Write this to config.json before launch (e.g. a corrupt file). */
  configFile?: string
  /** Write this to learning-model.json before launch (the learner's model; e.g. a corrupt file). */
  learningModelFile?: string
  /** Write this to resonance.json before launch (saved resonance tests). */
  resonanceFile?: string
  launchScanMs?: number
  /** What the save dialog answers in chromium mode (the real dialog opens in electron mode). */
  exportDir?: string
  /** What the open dialog answers in chromium mode. */
  importPaths?: string[]
  /** What the sessions-folder dialog answers in chromium mode. */
  sessionsDir?: string
  /** Chromium mode: the file operations sessions are recorded through (e.g. a full disk). */
  sessionFs?: () => SessionFs
}

export interface LimbicApp {
  page: Page
  mode: E2eMode
  userDataDir: string
  harness: HarnessMain | null
  consoleErrors: string[]
  /** Quit and relaunch on the same user-data folder (state that must survive a restart). */
  restart(): Promise<void>
  /**
   * Lets `ms` of the person's time pass. In chromium mode main's clock and the page's clock jump
   * together, one second at a time (beats, pacer phases and pushes in between), so a spec skips a
   * check-in's 50 s instead of waiting for them; in electron mode it waits in real time.
   */
  skip(ms: number): Promise<void>
}

/** How far main and the page move before each lets the other catch up (see LimbicApp.skip). */
const SKIP_STEP_MS = 1000

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
    if (appOptions.configFile !== undefined)
      writeFileSync(join(userDataDir, 'config.json'), appOptions.configFile)
    if (appOptions.learningModelFile !== undefined)
      writeFileSync(join(userDataDir, 'learning-model.json'), appOptions.learningModelFile)
    if (appOptions.resonanceFile !== undefined)
      writeFileSync(join(userDataDir, 'resonance.json'), appOptions.resonanceFile)
    const consoleErrors: string[] = []
    const watch = (page: Page): void => {
      // Listen before goto, or load-time CSP violations would be missed.
      page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
      page.on('pageerror', (e) => consoleErrors.push(e.message))
    }

    if (mode === 'electron') {
      const launch = async (): Promise<ElectronApplication> =>
        playwright._electron.launch({
          executablePath: electronBinary()!,
          args: [join(repoRoot, 'out', 'main', 'index.js')],
          env: {
            ...process.env,
            APP_USER_DATA: userDataDir,
            LIMBIC_SIMULATOR: JSON.stringify(appOptions.simulator ?? {})
          } as Record<string, string>
        })
      let electronApp = await launch()
      const app: LimbicApp = {
        page: await electronApp.firstWindow(),
        mode,
        userDataDir,
        harness: null,
        consoleErrors,
        restart: async () => {
          await electronApp.close()
          electronApp = await launch()
          app.page = await electronApp.firstWindow()
          watch(app.page)
        },
        skip: (ms) => app.page.waitForTimeout(ms)
      }
      watch(app.page)
      await use(app)
      await electronApp.close()
    } else {
      const clock = new SkippableClock()
      const startMain = (): HarnessMain =>
        startHarnessMain({
          userDataDir,
          clock,
          simulator: appOptions.simulator,
          providers: appOptions.providers?.(clock),
          launchScanMs: appOptions.launchScanMs,
          exportDir: appOptions.exportDir,
          importPaths: appOptions.importPaths,
          sessionsDir: appOptions.sessionsDir,
          sessionFs: appOptions.sessionFs?.()
        })
      let harness = startMain()
      const context = await browserForApp!.newContext()
      // The page's clock is Playwright's fake clock, flowing in real time from main's time, so the
      // two stay one clock when a spec skips ahead.
      await context.clock.install({ time: clock.now() })
      const page = await context.newPage()
      watch(page)
      await page.exposeBinding('__e2eInvoke', (source, channel: string, arg: unknown) =>
        harness.invoke(source.frame.url(), channel, arg)
      )
      let pageReady = false
      // Pushes on their way to the page: a skip lets them arrive before the page's clock moves.
      const inFlight = new Set<Promise<void>>()
      const connectEmitter = (): void =>
        harness.setEmitter((event, payload) => {
          if (!pageReady || page.isClosed()) return
          const sent = page
            .evaluate(([e, p]) => window.__e2eEmit(e as string, p), [event, payload] as const)
            .catch(() => {})
          inFlight.add(sent)
          void sent.finally(() => inFlight.delete(sent))
        })
      connectEmitter()
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
      const app: LimbicApp = {
        page,
        mode,
        userDataDir,
        harness,
        consoleErrors,
        // Like quitting and relaunching: a new main core on the same user-data folder, a fresh page.
        restart: async () => {
          pageReady = false
          await harness.dispose()
          harness = startMain()
          app.harness = harness
          connectEmitter()
          await page.reload()
          pageReady = true
          await harness.core.start()
        },
        skip: async (ms) => {
          for (let done = 0; done < ms; done += SKIP_STEP_MS) {
            await clock.skip(Math.min(SKIP_STEP_MS, ms - done))
            await Promise.all([...inFlight])
            // The page catches up with main: by the step, plus whatever real time each clock
            // did or did not count while the other worked (so the two never drift apart).
            const behindMs = clock.now() - (await page.evaluate(() => Date.now()))
            if (behindMs > 0) await context.clock.runFor(Math.round(behindMs))
          }
        }
      }
      await use(app)
      pageReady = false
      await harness.dispose()
      await context.close()
    }
    expect(consoleErrors, 'console errors / page errors during the test').toEqual([])
  }
})

export { expect }
