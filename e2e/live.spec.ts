/**
 * Issue 21 item 1: Live shows heart rate, RMSSD and breathing (the latter only once its estimate
 * is confident), keeps its RR chart across navigation and a reload (main holds the last two
 * minutes), marks its figures stale when the strap
 * stops, and shows the board's weight and centre of pressure when one is connected.
 */
import { test, expect } from './harness/fixtures'
import { Limbic } from './pages/limbic'
import { NOW } from './pages/time'

test('live: figures, a chart that survives navigation, stale values, and the board', async ({ app }) => {
  test.setTimeout(90_000)
  const { page, nav, live, devices, api, time } = new Limbic(app)
  await live.waitForHeartRate()
  await expect(live.figures).toHaveAttribute('data-stale', 'false')
  // Breathing is not guessed from a few seconds of beats.
  await expect(live.respEstimating).toBeVisible()
  await time.until(() => expect(live.rmssd).toHaveText(/^\d+$/, NOW), 45_000) // after main's settling

  // The chart keeps what it had when the person comes back.
  await time.until(async () => expect(await live.rrChartPoints()).toBeGreaterThan(8), 10_000)
  const before = await live.rrChartPoints()
  await nav.open('settings')
  await nav.open('live')
  expect(await live.rrChartPoints()).toBeGreaterThanOrEqual(before)

  // Main keeps the recent window: a reloaded window draws it at once, not from the next beat on.
  await time.until(async () => expect(await live.rrChartPoints()).toBeGreaterThan(15), 15_000)
  await page.reload()
  await expect.poll(() => live.rrChartPoints(), { timeout: 10_000 }).toBeGreaterThan(12)
  // Drawn from main's window, not from beats since the reload (about one a second): far more
  // points than beats this page has received (no wall-time bound: a busy machine reloads slowly).
  const points = await live.rrChartPoints()
  expect(await live.beats()).toBeLessThan(points)

  // The board appears with the person's weight and a CoP dot once connected and stood on.
  await expect(live.board).toHaveCount(0)
  await devices.open()
  await devices.connect('sim-board')
  await devices.close()
  await api.simulate({ stance: 'both-feet-eyes-open' })
  await expect(live.board).toHaveAttribute('data-standing', 'true', { timeout: 10_000 })
  await expect(live.boardWeight).toHaveText(/^\d+(\.\d)?$/)
  await expect(live.boardCop).toBeVisible()
  await api.simulate({ stance: null })
  await expect(live.board).toHaveAttribute('data-standing', 'false', { timeout: 10_000 })

  // The strap goes away: the last values stay, dimmed and labelled.
  await page.evaluate(() => window.api.devicesDisconnect({ channel: 'heart' }))
  await expect(live.figures).toHaveAttribute('data-stale', 'true')
  await expect(page.getByTestId('live-stale')).toBeVisible()
})
