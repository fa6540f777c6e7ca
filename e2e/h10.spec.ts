/**
 * Issue 18 in the UI: the "Simulated Polar H10" (the simulated person wearing an H10, served by
 * the emulated Bluetooth adapter and read by the real BLE driver, PMD client and frame parser) is
 * offered in the device picker; connected, the status bar says breathing is measured at the chest,
 * and on the pacer screen the measured breath is drawn against the pacer's target with the
 * measured rate. A strap held by another app or phone is explained (harness only: it needs an
 * emulated strap the test can make busy).
 *
 * Each language writes pictures of the changed screens to tour-screens/<locale>-h10-NN-<stop>.png
 * at 1280×800 (look at them) with an axe scan, like the screenshot tour.
 *
 *   npx electron-vite build && npx playwright test e2e/h10.spec.ts
 */
import { test, expect } from './harness/fixtures'
import { BleHeartRateSource } from '../src-main/devices/ble/bleHeartRateSource'
import { FakeNoble, rhythmPayloads } from '../src-main/devices/ble/fakeNoble'
import { systemClock, type Clock } from '../src-main/devices/clock'
import { Limbic } from './pages/limbic'
import { NOW, READ } from './pages/time'
import { TourCamera } from './pages/tour'

/** devices/sim/simulatedH10.ts SIM_H10_ID. */
const SIM_H10_ID = 'f00d0000a10a'
const BUSY_ID = 'b05e0000a10a'
const CHECKIN_S = 50
const MEASURE_MS = (CHECKIN_S + 25) * 1000
let noble: FakeNoble | null = null
/** Main's clock, once the test has it (chromium mode): see {@link followMain}. */
let mainClock: Clock | null = null

/**
 * The emulated Bluetooth's clock: main's clock once the test starts, so the spec's skips move the
 * busy strap's scans and connect timeout like the rest of main (the real app has one clock too).
 * It is made before the test can reach main's clock (the provider comes with the app), so until
 * then it is the system clock, which main's clock equals until the first skip.
 */
const followMain: Clock = {
  now: () => (mainClock ?? systemClock).now(),
  setTimeout: (fn, ms) => {
    const clock = mainClock ?? systemClock
    return { clock, handle: clock.setTimeout(fn, ms) }
  },
  clearTimeout: (timer) => {
    const { clock, handle } = timer as { clock: Clock; handle: unknown }
    clock.clearTimeout(handle)
  }
}

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
    },
    // A second, real-looking H10 the test can make busy (harness mode only).
    providers: () => {
      mainClock = null
      noble = new FakeNoble({ clock: followMain })
      return [
        {
          name: 'ble-hr',
          create: async () =>
            new BleHeartRateSource({
              clock: followMain,
              noble: noble!,
              scanTimeoutMs: 1500,
              connectTimeoutMs: 3000,
              chest: { accSampleRateHz: 50 }
            })
        }
      ]
    }
  }
})

for (const locale of ['en', 'zh-CN'] as const) {
  test(`Simulated Polar H10 (${locale}): picked, breathing measured at the chest, drawn on the pacer`, async ({
    app
  }) => {
    test.setTimeout(90_000)
    const limbic = new Limbic(app)
    const { page, nav, live, devices, settings, checkIn, prescription, pacer, api, time } = limbic
    mainClock = app.harness?.clock ?? null
    await page.setViewportSize({ width: 1280, height: 800 })
    const shot = new TourCamera(app, `${locale}-h10`)

    await live.waitForHeartRate()
    await nav.open('settings')
    await settings.setLanguage(locale)
    await api.updateSettings({ checkIn: { durationS: CHECKIN_S }, sigh: { durationS: 150 } })
    // The ECG switch of a Polar H10, with the other device settings.
    await page.getByTestId('settings-chest-ecg').scrollIntoViewIfNeeded()
    await expect(page.getByTestId('settings-chest-ecg')).not.toBeChecked()
    await shot.stop('settings-ecg')
    await nav.open('live')

    // A real strap held by another app or phone: seen in a scan, then taken, so it cannot be reached.
    if (app.mode !== 'electron') {
      noble!.addStrap({
        id: BUSY_ID,
        name: 'Polar H10 B05E0000',
        rssi: -61,
        payloads: rhythmPayloads({ bpm: 64, seed: 5, contact: 'detected' }),
        pmd: { accMg: () => [0, 0, 1000] }
      })
      await devices.open()
      // A scan lasts 5 s of main's time.
      await time.until(() => expect(devices.row(BUSY_ID)).toBeVisible(NOW), 8000)
      noble!.strap(BUSY_ID).setConnectedElsewhere(true)
      await devices.connect(BUSY_ID)
      // Not advertising any more: the connect times out, and the status says why that may be.
      await time.until(
        () => expect(live.deviceProblem).toHaveAttribute('data-problem', 'connect-failed', NOW),
        10_000
      )
      await expect(live.deviceHint).toHaveAttribute('data-hint', 'connected-elsewhere')
      await shot.stop('strap-connected-elsewhere')
      await page.keyboard.press('Escape')
      await expect(live.deviceHint).toContainText(
        locale === 'en' ? 'another app or phone' : '另一个应用或手机'
      )
      await shot.stop('status-connected-elsewhere')
    }

    await devices.open()
    const row = devices.row(SIM_H10_ID)
    await time.until(
      () => expect(row).toContainText(locale === 'en' ? 'Simulated Polar H10' : '模拟 Polar H10', NOW),
      8000
    )
    await devices.connect(SIM_H10_ID)
    await time.until(() => expect(devices.breathingTag(SIM_H10_ID)).toBeVisible(NOW), 15_000)
    await shot.stop('device-picker-h10')
    await page.keyboard.press('Escape')
    await expect(live.heartState).toHaveAttribute('data-state', 'streaming')
    await expect(live.breathingSource).toHaveAttribute('data-source', 'chest')
    // The Live screen's breathing figure is the measured one.
    await time.until(() => expect(live.resp).toHaveAttribute('data-source', 'chest', NOW), 45_000)
    await expect(live.simulatedBanner).toBeVisible()
    await live.waitForHeartRate()
    await shot.stop('live-h10')

    // The flow to the pacer: the simulated person wearing the H10 is over-aroused.
    await api.simulate({ arousal: 0.92, immediately: true })
    await nav.open('session')
    await expect(checkIn.startCard).toBeVisible()
    await checkIn.start()
    await time.until(() => expect(checkIn.result).toHaveAttribute('data-usable', 'true', NOW), MEASURE_MS)
    await checkIn.selfReport('wired')
    await checkIn.finish()
    await expect(prescription.root).toBeVisible()
    await prescription.choose('sigh', 'full')
    await expect(pacer.root).toBeVisible()
    await expect(pacer.chestChart).toBeVisible()
    await time.until(() => expect(pacer.chestTarget).toHaveCount(1, NOW), 5000)
    await time.until(() => expect(pacer.chestMeasured.first()).toBeVisible(NOW), 10_000)
    // The measured rate needs two whole breaths after the estimator settles.
    await time.until(() => expect(pacer.bioRate).toHaveAttribute('data-source', 'chest', NOW), 45_000)
    await expect(pacer.bioRate).toContainText(locale === 'en' ? 'measured at the chest' : '胸部测量')
    // The rate is the mean of the last breaths: once a few follow the pacer, it is the pacer's.
    await time.until(
      async () => expect(Number(await pacer.bioRate.getAttribute('data-resp', READ))).toBeLessThan(8),
      90_000
    )
    expect(Number(await pacer.bioRate.getAttribute('data-resp'))).toBeGreaterThan(5.5)
    await pacer.chestChart.scrollIntoViewIfNeeded()
    await shot.stop('pacer-measured-breath')
    await pacer.stop()
    shot.writeFindings()
    expect(shot.findings, JSON.stringify(shot.findings, null, 2)).toEqual([])
  })
}
