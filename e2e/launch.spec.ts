import { test, expect } from './harness/fixtures'
import { Limbic } from './pages/limbic'

test('launch: simulated heart rate within 5 s, and the RR chart gains points', async ({ app }) => {
  const { live } = new Limbic(app)
  await expect(live.simulatedBanner).toBeVisible({ timeout: 5000 })
  await live.waitForHeartRate(5000)
  const bpm = await live.hrBpm()
  expect(bpm).toBeGreaterThan(40)
  expect(bpm).toBeLessThan(140)
  await expect(live.heartState).toHaveAttribute('data-state', 'streaming')

  const before = await live.rrChartPoints()
  await expect.poll(() => live.rrChartPoints(), { timeout: 5000 }).toBeGreaterThan(before)
})

test('window.api exposes only the contract and main rejects invalid messages', async ({ app }) => {
  const { page } = app
  await new Limbic(app).live.waitForHeartRate()
  const result = await page.evaluate(async () => {
    const api = window.api as unknown as Record<string, unknown>
    const keys = Object.keys(api).sort()
    let invalid = ''
    try {
      await (api.devicesConnect as (r: unknown) => Promise<unknown>)({ deviceId: 42 })
    } catch (err) {
      invalid = (err as Error).message
    }
    let extra = ''
    try {
      await (api.settingsUpdate as (r: unknown) => Promise<unknown>)({ language: 'en', evil: true })
    } catch (err) {
      extra = (err as Error).message
    }
    // The sessions folder is main's (its dialog): no message from the page can move it.
    let folder = ''
    try {
      await (api.settingsUpdate as (r: unknown) => Promise<unknown>)({ recording: { sessionsDir: '/' } })
    } catch (err) {
      folder = (err as Error).message
    }
    let proto = ''
    try {
      await (api.settingsUpdate as (r: unknown) => Promise<unknown>)(JSON.parse('{"constructor": {"x": 1}}'))
    } catch (err) {
      proto = (err as Error).message
    }
    return {
      keys,
      invalid,
      extra,
      folder,
      proto,
      hasIpc: 'ipcRenderer' in window,
      hasRequire: 'require' in window
    }
  })
  expect(result.keys).toContain('devicesScan')
  expect(result.keys).toContain('on')
  expect(result.keys).not.toContain('invoke')
  expect(result.invalid).toMatch(/deviceId: expected a string/)
  expect(result.extra).toMatch(/evil: unknown field/)
  expect(result.folder).toMatch(/recording\.sessionsDir: unknown field/)
  expect(result.proto).toMatch(/constructor: unknown field/)
  expect(result.hasIpc).toBe(false)
  expect(result.hasRequire).toBe(false)
})

test.describe('a corrupt settings file', () => {
  test.use({ appOptions: { configFile: '{ "language": "en", ' } })
  test('is kept as a backup and the app starts on defaults with a visible message', async ({ app }) => {
    const { live } = new Limbic(app)
    await expect(live.notice).toBeVisible()
    await expect(live.notice).toContainText('config.corrupt-')
    await live.waitForHeartRate()
    await live.dismissNotice()
    await expect(live.notice).toHaveCount(0)
  })
})
