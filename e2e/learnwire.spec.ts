/**
 * Issue 16, the learner in the session flow, end to end with the simulated over-aroused person:
 * check-in -> the prescription card with the learner's reason and the alternative dose -> the
 * person picks the alternative -> pacer -> re-check -> study block -> the focus rating -> the
 * after-session line; then decisions.csv is in the session folder and "What works for you"
 * counts the session. Pictured in English and 简体中文 at 1280×800 with the tour's camera
 * (tour-screens/learnwire-<locale>-NN-*.png, with an axe scan).
 *
 *   npx electron-vite build && npx playwright test e2e/learnwire.spec.ts
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect } from './harness/fixtures'
import { en } from '../src-renderer/src/lib/i18n/en'
import { zhCN } from '../src-renderer/src/lib/i18n/zh-CN'
import { Limbic } from './pages/limbic'
import { TourCamera } from './pages/tour'
import { FocusRatingPage } from './pages/focusRating'
import { NOW } from './pages/time'

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

/** decisions.csv rows of every session folder, as column -> text (the test's cells hold no commas). */
function decisionRows(userDataDir: string): Record<string, string>[] {
  const root = join(userDataDir, 'sessions')
  const rows: Record<string, string>[] = []
  for (const id of readdirSync(root)) {
    const file = join(root, id, 'decisions.csv')
    if (!existsSync(file)) continue
    const [head, ...lines] = readFileSync(file, 'utf8').trim().split('\r\n')
    const cols = head!.split(',')
    for (const line of lines) {
      const cells = line.split(',')
      rows.push(Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? ''])))
    }
  }
  return rows
}

for (const locale of ['en', 'zh-CN'] as const) {
  test(`a session teaches the learner: reason on the card, the person's pick, focus rating, decisions.csv (${locale})`, async ({
    app
  }) => {
    test.setTimeout(90_000)
    const limbic = new Limbic(app)
    const { page, nav, settings, checkIn, prescription, pacer, gate, timer, learning, api, time } = limbic
    const rating = new FocusRatingPage(app)
    const catalogue = locale === 'en' ? en : zhCN
    await page.setViewportSize({ width: 1280, height: 800 })
    const shot = new TourCamera(app, `learnwire-${locale}`)

    await limbic.live.waitForHeartRate()
    await nav.open('settings')
    await settings.setLanguage(locale)
    await api.updateSettings({
      checkIn: { durationS: CHECKIN_S },
      sigh: { durationS: 18 },
      timer: { blockMin: 0.25, notifications: false }
    })

    await nav.open('session')
    await checkIn.start()
    await time.until(() => expect(checkIn.result).toHaveAttribute('data-usable', 'true', NOW), MEASURE_MS)
    await checkIn.finish()

    // The card: the learner's proposal among over-arousal's options, why (a fresh person: not
    // enough data of their own, or the sit-quietly control drawn), and the others beside it.
    await expect(prescription.proposal).toHaveAttribute(
      'data-option',
      /^(sigh-short|sigh-standard|panoramic-vision|resonance|sit-quietly)$/
    )
    await expect(prescription.proposal).toHaveAttribute(
      'data-reason',
      /^learning\.reason\.(not-enough-data|control)$/
    )
    const reasonKey = (await prescription.proposal.getAttribute('data-reason')) as keyof typeof catalogue
    await expect(prescription.reason).toContainText(catalogue[reasonKey] as string)
    const proposed = (await prescription.proposal.getAttribute('data-option'))!
    // The person picks a sigh dose the card did not propose.
    const other = proposed === 'sigh-short' ? 'sigh-standard' : 'sigh-short'
    await expect(prescription.learnerOption(other)).toBeVisible()
    await expect(prescription.chooseButton('super-oxygenation', 'full')).toHaveCount(0)
    await shot.stop('prescription-card')

    // The person picks the alternative: main tells the learner.
    await prescription.choose('sigh', other === 'sigh-short' ? 'short' : 'full')
    await expect(pacer.root).toHaveAttribute('data-protocol', 'sigh')
    await time.until(() => expect(checkIn.measuring).toHaveAttribute('data-kind', 're-check', NOW), 60_000)
    await time.until(() => expect(gate.root).toHaveAttribute('data-open', 'true', NOW), MEASURE_MS)

    // A short study block with one logged error, its summary, then the rating after finishing.
    await gate.toTimer()
    await timer.start()
    await expect(timer.running).toBeVisible()
    await timer.logError()
    await time.until(() => expect(timer.summary).toBeVisible(NOW), 40_000)
    await timer.reflect('')
    await expect(timer.finished).toBeVisible()
    await expect(rating.root).toBeVisible()
    await expect(rating.root).toContainText(catalogue['timer.rate.question'] as string)
    await shot.stop('focus-rating')
    await rating.rate(4)
    await expect(rating.feedback).toHaveAttribute('data-key', /^learning\.pe\.block\./)
    const key = (await rating.feedback.getAttribute('data-key')) as keyof typeof catalogue
    const optionName = catalogue[`learning.option.${other}` as keyof typeof catalogue] as string
    await expect(rating.line).toHaveText((catalogue[key] as string).replace('{option}', optionName))
    await shot.stop('after-session-line')

    // decisions.csv in the session folder: the engine's proposal, the person's pick, both outcomes.
    await expect.poll(() => decisionRows(app.userDataDir).length, { timeout: 10_000 }).toBe(1)
    const [row] = decisionRows(app.userDataDir)
    expect(row).toMatchObject({
      state: 'high',
      proposed,
      chosen: other,
      chosen_by: 'person',
      focus: '4',
      errors: '1',
      minutes_planned: '0.25'
    })
    expect(row!.recheck_d_score).not.toBe('')
    expect(row!.block_reward).not.toBe('')

    // "What works for you" now counts the session for the option the person picked.
    await nav.open('learning')
    await expect(learning.screen).toBeVisible()
    const picked = learning.rows('high').and(page.locator(`[data-option="${other}"]`))
    await expect(picked).toHaveAttribute('data-sessions', '1')
    await shot.stop('what-works-after')
    expect(shot.findings).toEqual([])
    shot.writeFindings()
  })
}
