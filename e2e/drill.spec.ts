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
import { test, expect } from './harness/fixtures'
import { Limbic } from './pages/limbic'
import { NOW } from './pages/time'

const TRIAL_S = 5
/** Slack on top of a trial's length: on a loaded 2-core CI machine the countdown lags. */
const RESULT_SLACK_S = 10

/** Opens the gate as a user who skips the check-in does, then asks for the drill. */
async function openDrillFromGate({ api, nav, gate, drill }: Limbic): Promise<void> {
  await api.updateSettings({ drill: { trialS: TRIAL_S } })
  await nav.open('session')
  await gate.skip()
  await expect(gate.root).toHaveAttribute('data-open', 'true')
  await gate.toDrill()
  await expect(drill.screen).toBeVisible()
  // Safety first: a clear space and something to hold on to, before any level.
  await expect(drill.safety).toContainText('Clear the space')
  await expect(drill.safety).toContainText('wall, a sturdy chair or a table')
  await expect(drill.startButton).toHaveCount(0)
  await drill.acceptSafety()
  await expect(drill.ready).toBeVisible()
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
  const limbic = new Limbic(app)
  const { live, devices, drill, api, timer, nav } = limbic
  await live.waitForHeartRate()

  // Connect the simulated board in the device picker.
  await devices.open()
  const row = devices.row('sim-board')
  await expect(row).toContainText('Simulated balance board')
  await devices.connect('sim-board')
  await expect(row).toContainText('In use')
  await devices.close()

  await openDrillFromGate(limbic)
  await expect(drill.screen).toHaveAttribute('data-level', '1')
  await expect(drill.boardMode).toContainText('Balance board connected')

  // Level 1: the simulated person takes the stance at the countdown, then steps off once.
  await drill.start()
  await expect(drill.countdown).toBeVisible()
  await expect(drill.running).toHaveAttribute('data-has-board', 'true', { timeout: 5000 })
  await expect(drill.lostBalanceButton).toHaveCount(0) // the board counts
  await expect(drill.board).not.toHaveAttribute('data-samples', '0')
  await limbic.time.pass(1300) // the detector learns the weight and the zone first
  await api.simulate({ stance: null })
  await limbic.time.pass(600)
  await api.simulate({ stance: 'both-feet-eyes-open' })
  await expect(drill.errors).toHaveText('1')
  await expect(drill.reframe).toBeVisible()

  await limbic.time.until(() => expect(drill.result).toBeVisible(NOW), (TRIAL_S + RESULT_SLACK_S) * 1000)
  await expect(drill.resultErrors).toHaveText('1')
  await expect(drill.resultMessage).toContainText('1')
  for (const figure of ['path', 'velocity', 'ellipse'] as const)
    await expect(drill.resultFigure(figure)).toContainText(/\d/)
  // One loss of balance is within level 1's allowance, and quiet standing is inside the zone.
  await expect(drill.step).toHaveAttribute('data-step', 'up')
  await expect(drill.chart).toHaveAttribute('data-points', '1')

  // Level 2.
  await drill.next()
  await expect(drill.screen).toHaveAttribute('data-level', '2')
  await drill.start()
  await expect(drill.running).toBeVisible({ timeout: 5000 })
  await limbic.time.until(() => expect(drill.result).toBeVisible(NOW), (TRIAL_S + RESULT_SLACK_S) * 1000)
  await expect(drill.result).toContainText('level 2')
  await expect(drill.resultFigure('path')).toContainText(/\d/)

  await drill.finish()
  await expect(drill.summary).toContainText('2 trials')
  await drill.continue()

  // The flow goes on to the study timer, which the gate has unlocked.
  await expect(timer.setup).toBeVisible()
  await expect(nav.tab('timer')).toHaveAttribute('aria-current', 'page')

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
  const limbic = new Limbic(app)
  const { live, drill, timer } = limbic
  await live.waitForHeartRate()
  await openDrillFromGate(limbic)
  await expect(drill.boardMode).toContainText('No balance board')

  await drill.start()
  await expect(drill.running).toHaveAttribute('data-has-board', 'false', { timeout: 5000 })
  await expect(drill.lostBalanceButton).toBeFocused()
  await drill.lostBalanceByKey()
  await expect(drill.errors).toHaveText('1')
  await expect(drill.reframe).toBeVisible()
  await drill.lostBalance()
  await expect(drill.errors).toHaveText('2')

  await limbic.time.until(() => expect(drill.result).toBeVisible(NOW), (TRIAL_S + RESULT_SLACK_S) * 1000)
  await expect(drill.resultErrors).toHaveText('2')
  await expect(drill.resultFigure('path')).toHaveCount(0)
  // Two losses are more than level 1 allows: the same level again, not a failure screen.
  await expect(drill.step).toHaveAttribute('data-step', 'repeat')
  await expect(drill.resultMessage).toContainText('2')

  await drill.next()
  await expect(drill.screen).toHaveAttribute('data-level', '1')
  await drill.start()
  await limbic.time.until(() => expect(drill.result).toBeVisible(NOW), (TRIAL_S + RESULT_SLACK_S) * 1000)
  await expect(drill.step).toHaveAttribute('data-step', 'up')

  await drill.finish()
  await drill.continue()
  await expect(timer.setup).toBeVisible()

  await expect
    .poll(
      () =>
        recordedEvents(app.userDataDir).filter((e) => e.type === 'drill-error' && e.line.includes('self'))
          .length,
      { timeout: 10_000 }
    )
    .toBe(2)
})
