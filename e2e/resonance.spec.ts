/**
 * Issue 17: the resonance test end to end on the simulator, shortened through its settings (5 s
 * steps, 2 s rests: too short to analyse, so each step is repeated once and the test ends without
 * a rate - what a person whose steps cannot be measured sees), with History; a full-length test of
 * a simulated person (run beforehand on main's core with a simulated clock: 2 min steps) shown
 * with its chosen rate and chart, in History, and resonance breathing at that rate with the
 * coherence panel. Pictured at 1280×800 in English and 简体中文 with the tour's camera
 * (tour-screens/resonance-<locale>-NN-*.png, with an axe scan).
 *
 *   npx electron-vite build && npx playwright test e2e/resonance.spec.ts
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect } from './harness/fixtures'
import { en } from '../src-renderer/src/lib/i18n/en'
import { zhCN } from '../src-renderer/src/lib/i18n/zh-CN'
import { Limbic } from './pages/limbic'
import { TourCamera } from './pages/tour'
import { coreRig } from '../src-main/core/testSupport/coreRig'
import { resonanceFeature } from '../src-main/core/features/resonanceFeature'
import { sessionFeature } from '../src-main/core/features/sessionFeature'
import { RESONANCE_FILE } from '../src-main/session/resonanceStore'

test.use({ viewport: { width: 1280, height: 800 } })

const catalogues = { en, 'zh-CN': zhCN } as const

test('a shortened test runs end to end: steps, repeats, rests, the result with its chart, History', async ({
  app
}) => {
  test.setTimeout(150_000)
  const limbic = new Limbic(app)
  const { page, nav, resonance, api } = limbic
  const shot = new TourCamera(app, 'resonance-en')
  await api.updateSettings({ resonance: { stepS: 5, restS: 2 } })
  await nav.open('resonance')
  await expect(resonance.screen).toHaveAttribute('data-status', 'idle')
  await expect(resonance.personRate).toHaveText(en['resonance.noRate'] as string)
  await shot.stop('intro')

  await resonance.start()
  await expect(resonance.step).toHaveAttribute('data-rate', '6.5')
  await expect(resonance.step).toHaveText('Step 1 of 5: 6.5 breaths/min')
  await expect(resonance.pacer).toBeVisible()
  await expect(page.getByTestId('resonance-trace')).toBeVisible()
  await shot.stop('step')
  await expect(resonance.rest).toBeVisible({ timeout: 10_000 })
  // 5 s cannot be analysed: the same rate comes again.
  await expect(resonance.rest).toContainText('Next: 6.5 breaths/min')
  await expect(page.getByTestId('resonance-repeat-next')).toBeVisible()
  await shot.stop('rest')
  await expect(resonance.step).toHaveAttribute('data-attempt', '2', { timeout: 10_000 })
  await expect(page.getByTestId('resonance-repeat')).toBeVisible()

  // Every rest after the first is skipped, as a person may.
  const rates: string[] = []
  await expect
    .poll(
      async () => {
        const status = await resonance.screen.getAttribute('data-status')
        if (status === 'rest') await resonance.skipRestButton.click().catch(() => undefined)
        if (status === 'step') {
          const r = await resonance.step.getAttribute('data-rate').catch(() => null)
          if (r && rates.at(-1) !== r) rates.push(r)
        }
        return status
      },
      { timeout: 90_000, intervals: [500] }
    )
    .toBe('done')
  expect(rates).toEqual(['6.5', '6', '5.5', '5', '4.5'])
  await expect(resonance.result).toHaveAttribute('data-status', 'none')
  await expect(resonance.reason).toContainText('None of the 5 steps could be measured')
  await expect(resonance.bars(resonance.result)).toHaveCount(5)
  for (const bar of await resonance.bars(resonance.result).all())
    await expect(bar).toHaveAttribute('data-swing', '')
  await expect(resonance.startButton).toHaveText('Re-test')
  await shot.stop('result-unmeasured')

  // Saved: History lists it with its chart.
  expect(existsSync(join(app.userDataDir, RESONANCE_FILE))).toBe(true)
  await nav.open('history')
  await expect(resonance.historyItems).toHaveCount(1)
  await expect(resonance.bars(resonance.historyItems.first())).toHaveCount(5)
  shot.writeFindings()
  expect(shot.findings).toEqual([])
})

test('a test in 简体中文: a step and a rest pictured, then Esc stops it and the step done is kept', async ({
  app
}) => {
  test.setTimeout(60_000)
  const limbic = new Limbic(app)
  const { page, nav, settings, resonance, api } = limbic
  const shot = new TourCamera(app, 'resonance-zh-CN')
  await api.updateSettings({ resonance: { stepS: 6, restS: 4 } })
  await nav.open('settings')
  await settings.setLanguage('zh-CN')
  await nav.open('resonance')
  await expect(resonance.personRate).toHaveText(zhCN['resonance.noRate'] as string)
  await shot.stop('intro')
  await resonance.start()
  await expect(resonance.step).toHaveText('第 1 步，共 5 步：每分钟 6.5 次')
  await expect(page.getByTestId('resonance-trace')).toBeVisible()
  await shot.stop('step')
  await expect(resonance.rest).toBeVisible({ timeout: 10_000 })
  await shot.stop('rest')
  await resonance.stopWithEscape()
  await expect(resonance.screen).toHaveAttribute('data-status', 'cancelled')
  await expect(resonance.result).toHaveAttribute('data-status', 'cancelled')
  await expect(resonance.reason).toHaveText('测试已停止。已完成的 1 个步骤已保存。')
  await expect(resonance.bars(resonance.result)).toHaveCount(1)
  await shot.stop('stopped')
  const saved = JSON.parse(readFileSync(join(app.userDataDir, RESONANCE_FILE), 'utf8'))
  expect(saved.records).toHaveLength(1)
  expect(saved.records[0].completed).toBe(false)
  shot.writeFindings()
  expect(shot.findings).toEqual([])
})

/** resonance.json after a full-length test of simulated person `seed` on main's core (simulated clock). */
async function fullLengthTest(seed: number): Promise<string> {
  const rig = coreRig({
    prefix: 'limbic-e2e-reso-',
    features: [sessionFeature, resonanceFeature],
    simulator: { seed }
  })
  const flush = (): Promise<void> => new Promise((r) => setImmediate(r))
  try {
    await rig.settle(rig.core.start())
    for (let i = 0; i < 20; i++) {
      rig.clock.advance(1000)
      await flush()
    }
    await rig.h['resonance:start']()
    for (let i = 0; i < 1200 && (await rig.h['resonance:snapshot']()).status !== 'done'; i++) {
      rig.clock.advance(1000)
      await flush()
    }
    const path = join(rig.userDataDir, RESONANCE_FILE)
    for (let i = 0; i < 200 && !existsSync(path); i++) await new Promise((r) => setTimeout(r, 10))
    return readFileSync(path, 'utf8')
  } finally {
    await rig.dispose()
  }
}

test.describe('a full-length test of a simulated person', () => {
  // Seed 4 resonates at 5.59/min: the test chooses 5.5.
  // Playwright reads the fixtures a function takes from its first parameter: none here.
  // eslint-disable-next-line no-empty-pattern
  test.use({ appOptions: async ({}, use) => use({ resonanceFile: await fullLengthTest(4) }) })

  for (const locale of ['en', 'zh-CN'] as const) {
    test(`its rate and chart, History, and resonance breathing at that rate with coherence (${locale})`, async ({
      app
    }) => {
      test.setTimeout(120_000)
      const catalogue = catalogues[locale]
      const limbic = new Limbic(app)
      const { page, nav, settings, resonance, pacer } = limbic
      const shot = new TourCamera(app, `resonance-full-${locale}`)
      await nav.open('settings')
      await settings.setLanguage(locale)

      await nav.open('resonance')
      await expect(resonance.result).toHaveAttribute('data-rate', '5.5')
      await expect(resonance.result.getByTestId('resonance-rate')).toHaveText(
        (catalogue['resonance.result.rate'] as string).replace('{rate}', '5.5')
      )
      await expect(resonance.bars(resonance.result)).toHaveCount(5)
      await expect(
        resonance.bars(resonance.result).and(page.locator('[data-chosen="true"]'))
      ).toHaveAttribute('data-rate', '5.5')
      for (const bar of await resonance.bars(resonance.result).all())
        expect(Number(await bar.getAttribute('data-swing'))).toBeGreaterThan(0)
      await shot.stop('result')

      await nav.open('history')
      await expect(resonance.historyItems).toHaveCount(1)
      await resonance.historyItems.first().scrollIntoViewIfNeeded()
      await shot.stop('history')

      // Resonance breathing, chosen the way the learner's prescription will send it.
      await nav.open('session')
      await page.evaluate(async () => {
        await window.api.flowSkip()
        await window.api.flowChooseProtocol({ protocol: 'resonance', dose: 'full' })
      })
      await expect(pacer.root).toHaveAttribute('data-protocol', 'resonance')
      await expect(page.getByTestId('bio-rate')).toContainText('5.5')
      await expect(resonance.coherencePanel).toBeVisible()
      // The number shows once ~30 s of beats are in main's window.
      await expect(resonance.coherenceValue).toBeVisible({ timeout: 60_000 })
      await expect(page.getByTestId('coherence-hr')).toBeVisible()
      await resonance.coherencePanel.scrollIntoViewIfNeeded()
      await shot.stop('protocol-coherence')
      shot.writeFindings()
      expect(shot.findings).toEqual([])
    })
  }
})
