/**
 * Issue 16, item 4 and 6: the "What works for you" screen for a person with no sessions yet
 * ("still learning" in both states, every option at 0 sessions), pictured in English and
 * 简体中文 at 1280×800 (tour-screens/learning-<locale>-NN-*.png, with an axe scan); and the
 * Settings part: adaptive choice off shows on the screen, export writes the model into the
 * chosen folder, forgetting keeps a backup; an unreadable model file is set aside and the person
 * is told, in both languages; a simulated person after 40 sessions (one state learned, the other
 * still learning), pictured in both languages.
 *
 *   npx electron-vite build && npx playwright test e2e/learning.spec.ts
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, expect } from './harness/fixtures'
import { en } from '../src-renderer/src/lib/i18n/en'
import { zhCN } from '../src-renderer/src/lib/i18n/zh-CN'
import { Limbic } from './pages/limbic'
import { TourCamera } from './pages/tour'
import { DEFAULT_LEARNER_SETTINGS } from '../src-main/learning/options'
import { runPerson } from '../src-main/learning/simulate'
import { exportModel } from '../src-main/learning/store'

const exportDir = mkdtempSync(join(tmpdir(), 'limbic-e2e-learning-export-'))

test.use({ viewport: { width: 1280, height: 800 }, appOptions: { exportDir } })

for (const locale of ['en', 'zh-CN'] as const) {
  test(`a fresh person sees "still learning" and no sessions (${locale}), pictured and scanned`, async ({
    app
  }) => {
    const limbic = new Limbic(app)
    const { page, nav, settings, learning } = limbic
    const catalogue = locale === 'en' ? en : zhCN
    await page.setViewportSize({ width: 1280, height: 800 })
    // Its own prefix: the tour writes <locale>-NN-*.png and <locale>-axe.json.
    const shot = new TourCamera(app, `learning-${locale}`)
    await nav.open('settings')
    await settings.setLanguage(locale)

    await nav.open('learning')
    await expect(learning.screen).toBeVisible()
    await expect(learning.noSessionsNote).toHaveText(catalogue['learning.screen.no-sessions'] as string)
    for (const state of ['high', 'low'] as const) {
      await expect(learning.state(state)).toHaveAttribute('data-still-learning', 'true')
      await expect(learning.headline(state)).toHaveText(
        catalogue['learning.summary.still-learning'] as string
      )
      // over-aroused: two sigh doses, panoramic vision, resonance breathing, sit quietly; under: four
      await expect(learning.rows(state)).toHaveCount(state === 'high' ? 5 : 4)
      for (const row of await learning.rows(state).all())
        await expect(row).toHaveAttribute('data-sessions', '0')
    }
    await expect(learning.rows('high').first()).toContainText(
      catalogue['learning.option.sigh-short'] as string
    )
    await shot.stop('fresh')
    await learning.state('low').scrollIntoViewIfNeeded()
    await shot.stop('fresh-low')

    await nav.open('settings')
    await learning.controlToggle.scrollIntoViewIfNeeded()
    await shot.stop('settings')
    expect(shot.findings).toEqual([])
    shot.writeFindings()
  })
}

test('settings: adaptive choice off shows on the screen; export and forget keep the person’s data', async ({
  app
}) => {
  const { nav, learning, api } = new Limbic(app)
  await nav.open('settings')
  await expect(learning.adaptiveToggle).toBeChecked()
  await expect(learning.controlToggle).toBeChecked()
  await learning.adaptiveToggle.uncheck()
  await learning.controlToggle.uncheck()
  await expect
    .poll(async () => (await api.settings()).learning)
    .toEqual({ adaptive: false, allowControl: false })

  await nav.open('learning')
  await expect(learning.adaptiveOffNote).toBeVisible()

  await nav.open('settings')
  await learning.exportModel()
  await expect(learning.settingsStatus).toContainText(exportDir)
  const [exported] = readdirSync(exportDir)
  expect(exported).toMatch(/^limbic-learning-model-.*\.json$/)
  expect(JSON.parse(readFileSync(join(exportDir, exported!), 'utf8')).schema).toBe('limbic-learning')

  await learning.forget()
  await expect(learning.settingsStatus).toHaveText(/starts learning again/)
  expect(existsSync(join(app.userDataDir, 'learning-model.json'))).toBe(true)
})

test.describe('an unreadable model file', () => {
  test.use({ appOptions: { learningModelFile: '{"schema": "limbic-learning", "vers' } })
  test('is kept as a backup, learning starts again and the person is told (en and 简体中文)', async ({
    app
  }) => {
    const { page, nav, settings, learning, live } = new Limbic(app)
    const notice = page.locator('[data-testid="notice"][data-kind="learning-reset"]')
    await expect(notice).toContainText('could not be read')
    await expect(notice).toContainText('learning-model.json.corrupt-')
    await nav.open('settings')
    await settings.setLanguage('zh-CN')
    await expect(notice).toContainText('无法读取 Limbic 之前对你的学习结果')
    await nav.open('learning')
    await expect(learning.noSessionsNote).toBeVisible()
    const backups = readdirSync(app.userDataDir).filter((f) => f.startsWith('learning-model.json.corrupt-'))
    expect(backups).toHaveLength(1)
    await live.dismissNotice()
    await expect(notice).toHaveCount(0)
  })
})

/** Simulated person 3 after 40 sessions, moved in time so the last session was yesterday. */
function learnedModelFile(): string {
  // As the app runs it: resonance breathing is one of the options (learningFeature.ts).
  const { model } = runPerson(3, 40, { ...DEFAULT_LEARNER_SETTINGS, resonanceAvailable: true })
  const shiftMs = Date.now() - 86_400_000 - Math.max(...model.decisions.map((d) => d.atMs))
  const decisions = model.decisions.map((d) => ({ ...d, atMs: d.atMs + shiftMs }))
  return exportModel({ ...model, createdUtc: new Date(decisions[0]!.atMs).toISOString(), decisions })
}

test.describe('a person with 40 sessions', () => {
  test.use({ appOptions: { learningModelFile: learnedModelFile() } })
  for (const locale of ['en', 'zh-CN'] as const) {
    test(`sees the option that works best for them and where Limbic is still learning (${locale})`, async ({
      app
    }) => {
      const { page, nav, settings, learning } = new Limbic(app)
      const catalogue = locale === 'en' ? en : zhCN
      await page.setViewportSize({ width: 1280, height: 800 })
      const shot = new TourCamera(app, `learning-${locale}-learned`)
      await nav.open('settings')
      await settings.setLanguage(locale)
      await nav.open('learning')
      await expect(learning.state('high')).toHaveAttribute('data-still-learning', 'false')
      await expect(learning.headline('high')).toContainText(catalogue['learning.option.sigh-short'] as string)
      await expect(learning.state('low')).toHaveAttribute('data-still-learning', 'true')
      // likely best already, but with too few sessions: named, with the reason it is not claimed yet
      await expect(learning.headline('low')).toContainText(
        catalogue['learning.option.energising-inhale'] as string
      )
      await expect(learning.noSessionsNote).toHaveCount(0)
      const sessions = await learning
        .rows('high')
        .evaluateAll((rows) => rows.reduce((sum, r) => sum + Number(r.getAttribute('data-sessions')), 0))
      expect(sessions).toBeGreaterThan(20)
      await shot.stop('high')
      await learning.state('low').scrollIntoViewIfNeeded()
      await shot.stop('low')
      expect(shot.findings).toEqual([])
    })
  }
})
