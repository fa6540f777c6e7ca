/**
 * Issue 21, the screens U changed, pictured and scanned like the full tour (e2e/tour.spec.ts) but
 * shorter: the check-in while measuring, the pacer with its biofeedback chart (and, in English,
 * after a minute of paced breathing with the measured rate beside the pacer's), the study timer's
 * focus mode (running, paused, with the menu shown) and its summary. Writes
 * tour-screens/focus-<locale>-NN-<stop>.png.
 *
 *   npx electron-vite build && npx playwright test e2e/tour-focus.spec.ts
 */
import { test, expect } from './harness/fixtures'
import { Limbic } from './pages/limbic'
import { NOW } from './pages/time'
import { TourCamera } from './pages/tour'

const CHECKIN_S = 50
const MEASURE_MS = (CHECKIN_S + 25) * 1000

test.use({
  viewport: { width: 1280, height: 800 },
  appOptions: {
    simulator: {
      seed: 11,
      arousal: 0.92,
      arousalTauS: 8,
      practiceTauS: 6,
      ectopicProbability: 0,
      missedProbability: 0
    }
  }
})

for (const locale of ['en', 'zh-CN'] as const) {
  test(`focus tour (${locale}): check-in, pacer, timer focus mode`, async ({ app }) => {
    test.setTimeout(90_000)
    const limbic = new Limbic(app)
    const { page, nav, live, settings, checkIn, prescription, pacer, api, time } = limbic
    await page.setViewportSize({ width: 1280, height: 800 })
    const shot = new TourCamera(app, `focus-${locale}`)

    await live.waitForHeartRate()
    await nav.open('settings')
    await settings.setLanguage(locale)
    await api.updateSettings({
      checkIn: { durationS: CHECKIN_S },
      sigh: { durationS: 120 },
      timer: { blockMin: 0.5, notifications: false }
    })

    await nav.open('session')
    await checkIn.start()
    await time.pass(3000)
    await shot.stop('checkin-early')
    await time.until(() => expect(checkIn.phases).toHaveAttribute('data-phase', 'measuring', NOW), 25_000)
    await shot.stop('checkin-measuring')
    await time.until(() => expect(checkIn.result).toHaveAttribute('data-usable', 'true', NOW), MEASURE_MS)
    await checkIn.selfReport('wired')
    await checkIn.finish()
    await prescription.choose('sigh', 'full')
    await expect(pacer.root).toBeVisible()
    await time.pass(5000)
    await shot.stop('pacer')
    if (locale === 'en') {
      await time.pass(58_000)
      await shot.stop('pacer-measured')
    }

    shot.writeFindings()
    expect(shot.findings, 'serious or critical accessibility findings').toEqual([])
  })

  test(`focus tour (${locale}): the study timer's focus mode and summary`, async ({ app }) => {
    test.setTimeout(60_000)
    const limbic = new Limbic(app)
    const { page, nav, live, settings, timer, api, time } = limbic
    await page.setViewportSize({ width: 1280, height: 800 })
    const shot = new TourCamera(app, `focus-${locale}-timer`)
    await live.waitForHeartRate()
    await nav.open('settings')
    await settings.setLanguage(locale)
    await api.updateSettings({ timer: { blockMin: 0.5, notifications: false } })
    // The gate opened by a recorded skip (as e2e/timer.spec.ts does).
    await page.evaluate(() => window.api.flowSkip())
    await nav.open('timer')
    await expect(timer.setup).toBeVisible()
    await timer.setUp({
      phoneOut: true,
      task: locale === 'en' ? 'Chapter 4 proofs' : '第四章证明',
      notifications: false
    })
    await timer.start()
    await expect(timer.running).toBeVisible()
    await expect(page.getByTestId('nav-live')).toBeHidden()
    await timer.logErrorByKey()
    await timer.logFrustrationByKey()
    await time.pass(1000)
    await shot.stop('timer-focus')
    await page.keyboard.press('p')
    await expect(timer.paused).toBeVisible()
    await shot.stop('timer-focus-paused')
    await page.keyboard.press('p')
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('nav-live')).toBeVisible()
    await shot.stop('timer-menu-shown')
    await page.keyboard.press('Escape')
    await time.until(() => expect(timer.summary).toBeVisible(NOW), 60_000)
    await expect(page.getByTestId('nav-live')).toBeVisible()
    await shot.stop('timer-summary')

    shot.writeFindings()
    expect(shot.findings, 'serious or critical accessibility findings').toEqual([])
  })
}
