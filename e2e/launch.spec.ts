import { test, expect } from './harness/fixtures'

test('launch: simulated heart rate within 5 s, and the RR chart gains points', async ({ app }) => {
  const { page } = app
  await expect(page.getByTestId('simulated-banner')).toBeVisible({ timeout: 5000 })
  const hr = page.getByTestId('hr-value')
  await expect(hr).toBeVisible({ timeout: 5000 })
  const bpm = Number(await hr.textContent())
  expect(bpm).toBeGreaterThan(40)
  expect(bpm).toBeLessThan(140)
  await expect(page.getByTestId('heart-state')).toHaveAttribute('data-state', 'streaming')

  const chart = page.getByTestId('rr-chart')
  const before = Number(await chart.getAttribute('data-points'))
  await expect
    .poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 5000 })
    .toBeGreaterThan(before)
})

test('window.api exposes only the contract and main rejects invalid messages', async ({ app }) => {
  const { page } = app
  await expect(page.getByTestId('hr-value')).toBeVisible()
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
    const notice = app.page.getByTestId('notice')
    await expect(notice).toBeVisible()
    await expect(notice).toContainText('config.corrupt-')
    await expect(app.page.getByTestId('hr-value')).toBeVisible()
    await notice.getByRole('button').click()
    await expect(notice).toHaveCount(0)
  })
})
