/**
 * Issue 13 as the person sees it, in English and 简体中文 at 1280×800: the disk-full notice (paused,
 * resumed, lost), the recovered-sessions notice with damaged rows removed, the status bar counting
 * set-aside heart values, and History refusing to delete a session whose session.json is broken.
 * Each state is asserted on the text shown (the catalogue's wording with the real numbers) and
 * saved as test-results/look/<state>-<lang>.png for a person to look at.
 *
 * The faults are real: a full disk injected at the recorder's file seam (FullDisk), a crashed
 * session folder with damaged rows written before launch, an emulated strap that sends a 64 s RR
 * and repeated notifications through the real BLE driver. All of it needs the in-process main of
 * the harness, so these tests skip in electron mode.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { test, expect, type LimbicApp } from './harness/fixtures'
import { ManualClock } from '../src-main/devices/clock'
import { BleHeartRateSource } from '../src-main/devices/ble/bleHeartRateSource'
import { FakeNoble } from '../src-main/devices/ble/fakeNoble'
import { SessionRecorder } from '../src-main/session/recorder'
import { FullDisk } from '../src-main/session/testSupport/fullDisk'
import { DEFAULT_SETTINGS } from '../src-main/shared/settings'
import type { Notice } from '../src-main/shared/contract'
import { translate, type Locale } from '../src-renderer/src/lib/i18n/translate'
import type { MessageKey } from '../src-renderer/src/lib/i18n/en'
import { Limbic } from './pages/limbic'
import { NOW, PersonTime } from './pages/time'

const LOCALES: Locale[] = ['en', 'zh-CN']
const SHOT_DIR = join(__dirname, '..', 'test-results', 'look')

/** config.json written before launch: the language, and where sessions live. */
const config = (locale: Locale, sessionsDir: string | null = null): string =>
  JSON.stringify({ ...DEFAULT_SETTINGS, language: locale, recording: { sessionsDir, rawCapture: false } })

async function look(page: Page, state: string, locale: Locale): Promise<void> {
  await page.screenshot({ path: join(SHOT_DIR, `${state}-${locale}.png`) })
}

async function setUp(app: LimbicApp): Promise<Limbic> {
  test.skip(app.mode === 'electron', 'needs the in-process main of the harness (injected faults)')
  await app.page.setViewportSize({ width: 1280, height: 800 })
  return new Limbic(app)
}

/** What the notice must say for a recording notice (Notices.svelte's choice of message). */
function recordingText(locale: Locale, n: Notice): string {
  const full = n.errorCode === 'ENOSPC' || n.errorCode === 'EDQUOT'
  const params = {
    count: n.droppedRows ?? 0,
    seconds: Math.max(1, n.droppedSeconds ?? 0),
    code: n.errorCode ?? ''
  }
  const lost = (n.droppedRows ?? 0) > 0
  const key: MessageKey =
    n.kind === 'recording-paused'
      ? lost
        ? full
          ? 'notice.recordingDropping.diskFull'
          : 'notice.recordingDropping.error'
        : full
          ? 'notice.recordingPaused.diskFull'
          : 'notice.recordingPaused.error'
      : n.kind === 'recording-resumed'
        ? lost
          ? 'notice.recordingResumedLost'
          : 'notice.recordingResumed'
        : 'notice.recordingLost'
  return translate(locale, key, params)
}

const notices = (page: Page): Promise<Notice[]> => page.evaluate(() => window.api.appNotices())

for (const locale of LOCALES) {
  test.describe(`${locale}: a full disk while recording`, () => {
    const disk = new FullDisk()
    test.use({ appOptions: { configFile: config(locale), sessionFs: () => disk.fs } })

    test(`says paused, nothing lost; then resumed; a session ended while full says what is lost (${locale})`, async ({
      app
    }) => {
      const { live, page } = await setUp(app)
      disk.freeBytes = Infinity
      await page.evaluate(() => window.api.sessionStart())
      await expect(live.heartState).toHaveAttribute('data-state', 'streaming')
      await app.skip(1000) // rows to write: the simulated person's beats

      disk.freeBytes = 0
      const notice = live.notice
      await new PersonTime(app).until(
        () => expect(notice).toHaveAttribute('data-kind', 'recording-paused', NOW),
        10_000
      )
      const paused = (await notices(page)).find((n) => n.kind === 'recording-paused')!
      expect(paused).toMatchObject({ errorCode: 'ENOSPC', droppedRows: 0 })
      await expect(notice).toContainText(recordingText(locale, paused))
      await expect(notice).toContainText(locale === 'en' ? 'nothing lost so far' : '目前没有丢失任何数据')
      await look(page, 'disk-full-paused', locale)

      disk.freeBytes = Infinity
      await new PersonTime(app).until(
        () => expect(notice).toHaveAttribute('data-kind', 'recording-resumed', NOW),
        15_000
      )
      await expect(notice).toHaveCount(1) // the same notice, updated, not a second one
      const resumed = (await notices(page)).find((n) => n.kind === 'recording-resumed')!
      expect(resumed.droppedRows).toBe(0)
      await expect(notice).toContainText(recordingText(locale, resumed))
      await look(page, 'disk-full-resumed', locale)

      // Rows lost: the disk fills again and the session ends before it has room.
      await app.skip(1000)
      disk.freeBytes = 0
      await new PersonTime(app).until(
        () => expect(notice).toHaveAttribute('data-kind', 'recording-paused', NOW),
        10_000
      )
      await page.evaluate(() => window.api.sessionEnd().catch(() => undefined))
      await expect(notice).toHaveAttribute('data-kind', 'recording-lost', { timeout: 10_000 })
      const lost = (await notices(page)).find((n) => n.kind === 'recording-lost')!
      expect(lost.droppedRows).toBeGreaterThan(0)
      await expect(notice).toContainText(recordingText(locale, lost))
      await look(page, 'disk-full-lost', locale)
      disk.freeBytes = Infinity
    })
  })

  test.describe(`${locale}: sessions a crash left open`, () => {
    const sessionsDir = mkdtempSync(join(tmpdir(), 'limbic-e2e-look-recover-'))
    test.use({ appOptions: { configFile: config(locale, sessionsDir) } })

    test.beforeEach(async () => {
      // A session that was recording when the app died: lock left behind, two damaged rows.
      const t0 = Date.UTC(2026, 11, 3, 14, 30)
      const rec = await SessionRecorder.start({
        rootDir: sessionsDir,
        appVersion: 't',
        clock: new ManualClock(t0),
        id: `crashed-${locale}`
      })
      for (let seq = 0; seq < 100; seq++)
        rec.recordSample({
          type: 'balance',
          tMs: t0 + seq * 10,
          kg: [1, 2, 3, 4],
          totalKg: 10,
          copXMm: seq,
          copYMm: 0
        })
      await rec.close()
      writeFileSync(join(rec.dir, 'recording.lock'), JSON.stringify({ pid: process.pid }))
      const balance = join(rec.dir, 'balance.csv')
      const lines = readFileSync(balance, 'utf8').split('\r\n')
      lines[20] += ',7' // one column too many
      lines[40] = lines[40]!.replace(',1,2,', ',1,x2,') // not a number
      writeFileSync(balance, lines.join('\r\n'))
    })

    test(`the recovered notice says damaged rows were removed (${locale})`, async ({ app }) => {
      const { live, page } = await setUp(app)
      const notice = live.notice
      await expect(notice).toHaveAttribute('data-kind', 'sessions-recovered')
      const n = (await notices(page)).find((x) => x.kind === 'sessions-recovered')!
      expect(n.droppedRows).toBe(2)
      await expect(notice).toContainText(translate(locale, 'notice.sessionsRecovered', { count: 1 }))
      await expect(notice).toContainText(translate(locale, 'notice.damagedRows', { count: 2 }))
      await look(page, 'sessions-recovered', locale)
    })
  })

  test.describe(`${locale}: a strap that sends impossible and repeated values`, () => {
    let strapNoble: FakeNoble
    test.use({
      appOptions: {
        configFile: config(locale),
        launchScanMs: 1500,
        providers: (clock) => {
          strapNoble = new FakeNoble({ clock })
          // Ticks every 250 ms; a real notification every 4th tick (1 s, RR ≈ 1 s, HR 60).
          // Three copies 250 ms after their original (duplicates), then one RR of 0xFFFF (64 s).
          let tick = 0
          const normal = (i: number) => new Uint8Array([0x16, 60, i % 2 ? 0x0a : 0x00, 0x04])
          strapNoble.addStrap({
            id: 'c0ffee000001',
            name: 'Polar H10 LOOK',
            notifyIntervalMs: 250,
            payloads: () => {
              const i = tick++
              if (i % 4 === 0) return i === 32 ? new Uint8Array([0x16, 60, 0xff, 0xff]) : normal(i / 4)
              if (i === 21 || i === 25 || i === 29) return normal((i - 1) / 4)
              return null
            }
          })
          return [
            {
              name: 'ble-hr',
              create: async () => new BleHeartRateSource({ clock, noble: strapNoble })
            }
          ]
        }
      }
    })

    test(`the status bar counts what was set aside (${locale})`, async ({ app }) => {
      const { live, page } = await setUp(app)
      await expect(live.heartState).toHaveAttribute('data-state', 'streaming', { timeout: 10_000 })
      const flagged = page.getByTestId('heart-flagged')
      const quality = async () => {
        const status = await page.evaluate(() => window.api.devicesStatus())
        return status.find((s) => s.heartQuality)?.heartQuality ?? null
      }
      await new PersonTime(app).until(
        async () => expect((await quality())?.rrImplausible ?? 0).toBeGreaterThan(0),
        20_000
      )
      const q = (await quality())!
      expect(q.duplicates).toBe(3)
      const total = Object.values(q).reduce((a, b) => a + b, 0)
      await expect(flagged).toHaveText(translate(locale, 'status.flagged', { count: total }))
      await look(page, 'status-set-aside', locale)
    })
  })

  test.describe(`${locale}: deleting a session whose session.json is broken`, () => {
    const sessionsDir = mkdtempSync(join(tmpdir(), 'limbic-e2e-look-broken-'))
    const id = '20261201-090000-ab12'
    test.use({ appOptions: { configFile: config(locale, sessionsDir) } })
    test.beforeEach(() => {
      mkdirSync(join(sessionsDir, id), { recursive: true })
      writeFileSync(join(sessionsDir, id, 'session.json'), '{"id": "20261201-0900')
    })

    test(`shows a clear error and leaves the folder alone (${locale})`, async ({ app }) => {
      const { nav, history, page } = await setUp(app)
      await nav.open('history')
      await expect(history.row(id)).toBeVisible()
      // No start time to show: the row is named by its folder, not left blank.
      await expect(history.openButton(id)).toHaveText(id)
      await expect(history.problem).toContainText(translate(locale, 'history.problem', { reason: '' }))
      await look(page, 'history-broken-row', locale)
      await history.askToDelete(id)
      await expect(history.confirm).toBeVisible()
      await history.confirmDelete()
      const error = history.confirm.getByRole('alert')
      await expect(error).toBeVisible()
      await expect(history.confirm).toContainText(id)
      await expect(error).toHaveText(translate(locale, 'history.deleteRefused'))
      await look(page, 'history-delete-broken', locale)
      expect(readFileSync(join(sessionsDir, id, 'session.json'), 'utf8')).toBe('{"id": "20261201-0900')
    })
  })
}
