/**
 * Issue 7 end to end: the balance drill reached from the flow (gate -> drill -> study timer).
 *
 * With the simulated board (the real WBB driver over a simulated body, connected in the device
 * picker) the user runs two levels; the simulated person steps off the board once, the board
 * counts it as an error, the results show the sway figures and the flow goes on to the timer.
 * Without a board the user counts their own losses of balance (Space / the button), and timing
 * and progression still work. Trials are shortened to 5 s (the settings minimum).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { test, expect } from './harness/fixtures'

const TRIAL_S = 5

/** Opens the gate as a user who skips the check-in does, then asks for the drill. */
async function openDrillFromGate(page: Page): Promise<void> {
  await page.evaluate((trialS) => window.api.settingsUpdate({ drill: { trialS } }), TRIAL_S)
  await page.getByTestId('nav-session').click()
  await page.getByTestId('skip').click()
  await page.getByTestId('skip-yes').click()
  await expect(page.getByTestId('flow-gate')).toHaveAttribute('data-open', 'true')
  await page.getByTestId('gate-drill').click()
  await expect(page.getByTestId('drill-screen')).toBeVisible()
  // Safety first: a clear space and something to hold on to, before any level.
  const safety = page.getByTestId('drill-safety')
  await expect(safety).toContainText('Clear the space')
  await expect(safety).toContainText('wall, a sturdy chair or a table')
  await expect(page.getByTestId('drill-start')).toHaveCount(0)
  await page.getByTestId('drill-safety-ok').click()
  await expect(page.getByTestId('drill-ready')).toBeVisible()
}

/** Event lines (type + raw detail text) of every session on disk. */
function recordedEvents(userDataDir: string): { type: string; line: string }[] {
  const root = join(userDataDir, 'sessions')
  if (!existsSync(root)) return []
  return readdirSync(root).flatMap((id) => {
    const file = join(root, id, 'events.csv')
    if (!existsSync(file)) return []
    return readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => ({ type: line.split(',')[2]!, line }))
  })
}

test('drill with the simulated board: two levels, a step off counted, results, then the timer', async ({
  app
}) => {
  test.setTimeout(90_000)
  const { page } = app
  await expect(page.getByTestId('hr-value')).toBeVisible()

  // Connect the simulated board in the device picker.
  await page.getByTestId('find-devices').click()
  const row = page.locator('[data-testid="device-row"][data-device-id="sim-board"]')
  await expect(row).toContainText('Simulated balance board')
  await row.getByRole('button').click()
  await expect(row).toContainText('In use')
  await page.getByTestId('device-picker').getByRole('button', { name: 'Close' }).click()

  await openDrillFromGate(page)
  const screen = page.getByTestId('drill-screen')
  await expect(screen).toHaveAttribute('data-level', '1')
  await expect(page.getByTestId('drill-board-mode')).toContainText('Balance board connected')

  // Level 1: the simulated person takes the stance at the countdown, then steps off once.
  await page.getByTestId('drill-start').click()
  await expect(page.getByTestId('drill-countdown')).toBeVisible()
  const running = page.getByTestId('drill-running')
  await expect(running).toHaveAttribute('data-has-board', 'true', { timeout: 5000 })
  await expect(page.getByTestId('drill-lost-balance')).toHaveCount(0) // the board counts
  await expect(page.getByTestId('drill-board')).not.toHaveAttribute('data-samples', '0')
  await page.waitForTimeout(1300) // the detector learns the weight and the zone first
  await page.evaluate(() => window.api.simControl({ stance: null }))
  await page.waitForTimeout(600)
  await page.evaluate(() => window.api.simControl({ stance: 'both-feet-eyes-open' }))
  await expect(page.getByTestId('drill-errors')).toHaveText('1')
  await expect(page.getByTestId('drill-reframe')).toBeVisible()

  const result = page.getByTestId('drill-result')
  await expect(result).toBeVisible({ timeout: TRIAL_S * 1000 })
  await expect(page.getByTestId('drill-result-errors')).toHaveText('1')
  await expect(page.getByTestId('drill-result-message')).toContainText('1')
  for (const id of ['drill-result-path', 'drill-result-velocity', 'drill-result-ellipse'])
    await expect(page.getByTestId(id)).toContainText(/\d/)
  // One loss of balance is within level 1's allowance, and quiet standing is inside the zone.
  await expect(page.getByTestId('drill-step')).toHaveAttribute('data-step', 'up')
  await expect(page.getByTestId('drill-chart')).toHaveAttribute('data-points', '1')

  // Level 2.
  await page.getByTestId('drill-next').click()
  await expect(screen).toHaveAttribute('data-level', '2')
  await page.getByTestId('drill-start').click()
  await expect(running).toBeVisible({ timeout: 5000 })
  await expect(result).toBeVisible({ timeout: (TRIAL_S + 2) * 1000 })
  await expect(result).toContainText('level 2')
  await expect(page.getByTestId('drill-result-path')).toContainText(/\d/)

  await page.getByTestId('drill-finish').first().click()
  const summary = page.getByTestId('drill-summary')
  await expect(summary).toContainText('2 trials')
  await page.getByTestId('drill-continue').click()

  // The flow goes on to the study timer, which the gate has unlocked.
  await expect(page.getByTestId('timer-setup')).toBeVisible()
  await expect(page.getByTestId('nav-timer')).toHaveAttribute('aria-current', 'page')

  // Recorded in the session: both trials (start, end with sway, the ladder's verdict) and the
  // board's loss of balance.
  await expect
    .poll(() => recordedEvents(app.userDataDir).filter((e) => e.type === 'drill-trial').length, {
      timeout: 10_000
    })
    .toBe(6)
  const errors = recordedEvents(app.userDataDir).filter((e) => e.type === 'drill-error')
  expect(errors).toHaveLength(1)
  expect(errors[0]!.line).toContain('step-off')
  // Progress is kept for the next session (state document 'drill').
  const progress = JSON.parse(readFileSync(join(app.userDataDir, 'drill.json'), 'utf8')) as {
    lastPassed: number
    history: unknown[]
  }
  expect(progress.history).toHaveLength(2)
  expect(progress.lastPassed).toBeGreaterThanOrEqual(0)
})

test('drill without a board: self-reported errors with Space and the button, progression still works', async ({
  app
}) => {
  test.setTimeout(90_000)
  const { page } = app
  await expect(page.getByTestId('hr-value')).toBeVisible()
  await openDrillFromGate(page)
  await expect(page.getByTestId('drill-board-mode')).toContainText('No balance board')

  await page.getByTestId('drill-start').click()
  const running = page.getByTestId('drill-running')
  await expect(running).toHaveAttribute('data-has-board', 'false', { timeout: 5000 })
  const lost = page.getByTestId('drill-lost-balance')
  await expect(lost).toBeFocused()
  await page.keyboard.press('Space')
  await expect(page.getByTestId('drill-errors')).toHaveText('1')
  await expect(page.getByTestId('drill-reframe')).toBeVisible()
  await lost.click()
  await expect(page.getByTestId('drill-errors')).toHaveText('2')

  await expect(page.getByTestId('drill-result')).toBeVisible({ timeout: TRIAL_S * 1000 })
  await expect(page.getByTestId('drill-result-errors')).toHaveText('2')
  await expect(page.getByTestId('drill-result-path')).toHaveCount(0)
  // Two losses are more than level 1 allows: the same level again, not a failure screen.
  await expect(page.getByTestId('drill-step')).toHaveAttribute('data-step', 'repeat')
  await expect(page.getByTestId('drill-result-message')).toContainText('2')

  await page.getByTestId('drill-next').click()
  await expect(page.getByTestId('drill-screen')).toHaveAttribute('data-level', '1')
  await page.getByTestId('drill-start').click()
  await expect(page.getByTestId('drill-result')).toBeVisible({ timeout: (TRIAL_S + 5) * 1000 })
  await expect(page.getByTestId('drill-step')).toHaveAttribute('data-step', 'up')

  await page.getByTestId('drill-finish').first().click()
  await page.getByTestId('drill-continue').click()
  await expect(page.getByTestId('timer-setup')).toBeVisible()

  await expect
    .poll(
      () =>
        recordedEvents(app.userDataDir).filter((e) => e.type === 'drill-error' && e.line.includes('self'))
          .length,
      { timeout: 10_000 }
    )
    .toBe(2)
})
