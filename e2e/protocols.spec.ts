/**
 * Issue 16's protocols end to end, with the simulated person: a check-in, then each new protocol
 * chosen with the `flow:choose-protocol` intent (the learner's offer will send it; the
 * prescription screen does not list them yet), run on its own screen - panoramic vision, NSDR and
 * sit quietly on the guided practice, energising breathing on the pacer - finished or stopped
 * early, and the re-check that follows. session.json, events.csv and History carry the names.
 * Each guided practice is pictured mid-way in English and 简体中文 at 1280×800
 * (tour-screens/protocols-<locale>-NN-*.png, with the tour's axe scan).
 *
 * The person's time is skipped, not waited for (limbic.time). The practices that run to their end
 * are shortened through the settings, as flow.spec shortens the sigh: panoramic vision 24 s,
 * energising breathing 10 s, sit quietly 10 s, NSDR 120 s (its short dose 60 s). A pictured part
 * lasts 5 s or more, so its words have faded in and stay while the picture and the scan are taken. One full 50 s check-in; after
 * the first, each re-check is ended at once (judged unusable: too short), which still leads to the
 * gate, where the next protocol is chosen.
 *
 *   npx electron-vite build && npx playwright test e2e/protocols.spec.ts
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect } from './harness/fixtures'
import { en } from '../src-renderer/src/lib/i18n/en'
import { zhCN } from '../src-renderer/src/lib/i18n/zh-CN'
import { Limbic } from './pages/limbic'
import { GuidedPage } from './pages/guided'
import { TourCamera } from './pages/tour'
import { NOW, READ } from './pages/time'

const CHECKIN_S = 50
const MEASURE_MS = (CHECKIN_S + 25) * 1000
const LENGTHS = { panoramicVisionS: 24, energisingInhaleS: 10, nsdrS: 120, sitQuietlyS: 10 }

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

/** events.csv rows of one type in the session being recorded: their detail as JSON. */
async function eventsOf(
  limbic: Limbic,
  userDataDir: string,
  type: string
): Promise<Record<string, unknown>[]> {
  const current = await limbic.api.recordingSession()
  expect(current).not.toBeNull()
  const file = join(userDataDir, 'sessions', current!.id, 'events.csv')
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.split(',')[2] === type)
    .map((l) => JSON.parse(l.split(',').slice(3).join(',').replace(/^"|"$/g, '').replace(/""/g, '"')))
}

for (const locale of ['en', 'zh-CN'] as const) {
  test(`each new protocol after a check-in, finished or stopped early, then re-checked (${locale})`, async ({
    app
  }) => {
    test.setTimeout(120_000)
    const limbic = new Limbic(app)
    const { page, nav, live, settings, checkIn, pacer, gate, history, api, time } = limbic
    const guided = new GuidedPage(app)
    const words = locale === 'en' ? en : zhCN
    const text = (key: keyof typeof en): string => words[key] as string
    await page.setViewportSize({ width: 1280, height: 800 })
    const shot = new TourCamera(app, `protocols-${locale}`)

    await live.waitForHeartRate()
    await nav.open('settings')
    await settings.setLanguage(locale)
    await api.updateSettings({ checkIn: { durationS: CHECKIN_S }, protocols: LENGTHS, audio: { cues: true } })
    await api.simulate({ arousal: 0.92, immediately: true })
    await nav.open('session')
    await expect(checkIn.startCard).toBeVisible()

    // One real check-in: over-aroused.
    await checkIn.start()
    await time.until(() => expect(checkIn.result).toHaveAttribute('data-usable', 'true', NOW), MEASURE_MS)
    await checkIn.finish()
    await expect(page.getByTestId('prescription')).toBeVisible()

    // 1. Panoramic vision, full (24 s): the guided screen, not the pacer; it runs to its end.
    await guided.choose('panoramic-vision', 'full')
    await expect(guided.root).toHaveAttribute('data-protocol', 'panoramic-vision')
    await expect(pacer.root).toHaveCount(0)
    await expect(guided.cue).toHaveText(text('protocols.cue.panoramic-vision.settle'))
    await time.until(() => expect(guided.root).toHaveAttribute('data-part', '2', NOW), 15_000)
    await expect(guided.cue).toHaveText(text('protocols.cue.panoramic-vision.room'))
    await guided.cueSettled()
    await shot.stop('panoramic-vision')
    // It ends by itself; the re-check follows. In English it runs in full (the gate then shows a
    // measured change); in Chinese it is ended at once.
    await time.until(() => expect(checkIn.measuring).toHaveAttribute('data-kind', 're-check', NOW), 30_000)
    if (locale === 'zh-CN') await guided.finishRecheckNow()
    await time.until(() => expect(gate.root).toBeVisible(NOW), MEASURE_MS)
    if (locale === 'en') await expect(gate.root).toHaveAttribute('data-open', 'true')

    // 2. Energising breathing on the pacer, with its own words; stopped early with Esc.
    await guided.choose('energising-inhale', 'full')
    await expect(pacer.root).toHaveAttribute('data-protocol', 'energising-inhale')
    await expect(pacer.phase).toHaveText(
      new RegExp(`${text('flow.phase.energising.inhale')}|${text('flow.phase.energising.exhale')}`)
    )
    await expect(pacer.cycle).toContainText(locale === 'en' ? 'Breath 1 of 2' : '第 1 次呼吸，共 2 次')
    await pacer.stop()
    await expect(checkIn.measuring).toHaveAttribute('data-kind', 're-check')
    await guided.finishRecheckNow()
    await expect(gate.root).toBeVisible()

    // 3. NSDR, short dose (60 s): pictured mid-way, stopped early with the button.
    await guided.choose('nsdr', 'short')
    await expect(guided.root).toHaveAttribute('data-protocol', 'nsdr')
    await expect(guided.part).toContainText(locale === 'en' ? 'of 8' : '共 8 部分')
    await time.until(() => expect(guided.root).toHaveAttribute('data-part', /^[2-5]$/, NOW), 40_000)
    await guided.cueSettled()
    await shot.stop('nsdr')
    await guided.stopButton.click()
    await expect(checkIn.measuring).toHaveAttribute('data-kind', 're-check')
    await guided.finishRecheckNow()
    await expect(gate.root).toBeVisible()

    // 4. Sit quietly (10 s): one line, nothing about breathing; paused and resumed, then done.
    await guided.choose('sit-quietly', 'full')
    await expect(guided.root).toHaveAttribute('data-protocol', 'sit-quietly')
    await expect(guided.cue).toHaveText(text('protocols.cue.sit-quietly.sit'))
    await expect(guided.part).toHaveCount(0) // one part: no "part 1 of 1"
    await expect(page.getByText(text('protocols.guided.chime.ends'))).toBeVisible()
    await guided.pause()
    await expect(guided.root).toHaveAttribute('data-paused', 'true')
    await guided.pause()
    await expect(guided.root).toHaveAttribute('data-paused', 'false')
    await time.until(
      async () =>
        expect(Number(await guided.progress.getAttribute('aria-valuenow', READ))).toBeGreaterThan(30),
      10_000
    )
    await guided.cueSettled()
    await shot.stop('sit-quietly')
    await time.until(() => expect(checkIn.measuring).toHaveAttribute('data-kind', 're-check', NOW), 15_000)
    await guided.finishRecheckNow()
    await expect(gate.root).toBeVisible()

    // What main recorded: each protocol's start and end, finished or stopped early (events.csv
    // is flushed every half second: wait for the last row).
    const endRows = async () =>
      (await eventsOf(limbic, app.userDataDir, 'protocol-end')).map((e) => [e.name, e.reason])
    await expect.poll(endRows).toEqual([
      ['panoramic-vision', 'completed'],
      ['energising-inhale', 'stopped-early'],
      ['nsdr', 'stopped-early'],
      ['sit-quietly', 'completed']
    ])
    const ends = await eventsOf(limbic, app.userDataDir, 'protocol-end')
    expect(ends[0]).toMatchObject({ plannedS: 24, doneS: 24, completed: true })
    expect(ends[2]).toMatchObject({ plannedS: 60, completed: false })
    const starts = await eventsOf(limbic, app.userDataDir, 'protocol-start')
    expect(starts.map((e) => e.chosen)).toEqual([
      'panoramic-vision',
      'energising-inhale',
      'nsdr',
      'sit-quietly'
    ])
    // A guided practice paces no breathing: the only breath phases are the energising pacer's.
    const phases = await eventsOf(limbic, app.userDataDir, 'breath-phase')
    expect(phases.length).toBeGreaterThan(0)
    expect(phases.length).toBeLessThan(6)

    // History names the protocol done last, in the person's language.
    const current = await api.recordingSession()
    expect((await api.historyList()).find((s) => s.id === current!.id)?.protocol).toBe('sit-quietly')
    await nav.open('history')
    await expect(history.row(current!.id)).toContainText(text('history.protocol.sit-quietly'))

    shot.writeFindings()
    expect(shot.findings).toEqual([])
  })
}
