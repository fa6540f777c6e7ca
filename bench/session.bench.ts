/**
 * Sessions: a synthetic 2-hour session with 100 Hz balance data (720,000 balance rows, ~8,600
 * beats, 1 Hz metrics, events) - how long recording it takes, history:load (decimated for charts),
 * history:list, and export (folder, zip). Plus the replay CLI's speed on a 2-hour heart raw.log.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ManualClock } from '../src-main/devices/clock'
import { SessionRecorder } from '../src-main/session/recorder'
import { DETAIL_CACHE_FILE, loadSessionDetail, prepareSessionDetail } from '../src-main/session/historyLoad'
import { exportSessions } from '../src-main/session/exportImport'
import { summarizeAll } from '../src-main/session/sessionsIndex'
import { formatRawLine } from '../src-main/session/rawLog'
import { replayRawLog } from '../src-main/cli/commands/replay'
import { printRuns } from './runs'
import { printFigure } from './stats'

const HOURS = 2
const T0 = Date.UTC(2026, 10, 23, 6, 0, 0)

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now()
  const value = await fn()
  return { ms: performance.now() - t, value }
}

async function synthesize(root: string): Promise<string> {
  const clock = new ManualClock(T0)
  const rec = await SessionRecorder.start({ rootDir: root, appVersion: 'bench', clock, id: 'BENCH-2H' })
  const endMs = T0 + HOURS * 3600_000
  let beatT = T0
  let k = 0
  let nextMetrics = T0 + 1000
  for (let t = T0; t < endMs; t += 10) {
    const i = (t - T0) / 10
    rec.recordSample({
      type: 'balance',
      tMs: t,
      kg: [15 + Math.sin(i / 90), 16, 14, 15],
      totalKg: 60,
      copXMm: 8 * Math.sin(i / 130) + 2 * Math.sin(i / 7),
      copYMm: 5 * Math.cos(i / 170)
    })
    if (t >= beatT) {
      const rr = Math.round(((820 + 60 * Math.sin(k / 4)) * 1024) / 1000) * (1000 / 1024)
      beatT += rr
      rec.recordBeatClean({
        tMs: beatT,
        rrMs: rr,
        rrCleanMs: rr,
        artifact: k % 500 === 0 ? 'ectopic' : null,
        hrBpm: 60_000 / rr
      })
      rec.recordSample({
        type: 'hr',
        tMs: beatT,
        hrBpm: Math.round(60_000 / rr),
        contact: 'detected',
        energyKj: null,
        rrMs: [rr]
      })
      k++
    }
    if (t >= nextMetrics) {
      rec.recordMetrics({
        tMs: t,
        hrBpm: 72,
        rmssdMs: 40 + 10 * Math.sin(t / 600_000),
        lnRmssd: 3.7,
        sdnnMs: 55,
        respRateBpm: 6,
        arousalScore: 0.2,
        arousalState: 'optimal',
        quality: 'good'
      })
      nextMetrics += 1000
    }
    if (i % 30_000 === 0) {
      rec.recordEvent(t, 'timer-phase', { phase: i % 60_000 === 0 ? 'focus' : 'break' })
      rec.recordEvent(t + 5, 'drill-error', { source: 'board', kind: 'cop-out' })
    }
    if (i % 100_000 === 0) await rec.flush()
  }
  await rec.close({ endMs })
  return rec.dir
}

function heartRawLog(hours: number): string {
  const lines: string[] = []
  let t = 0
  let k = 0
  while (t < hours * 3600_000) {
    const raw = Math.round((820 + 60 * Math.sin(k / 4)) * 1.024)
    t += raw / 1.024
    const bytes = new Uint8Array([0x10, Math.round(60_000 / (raw / 1.024)), raw & 0xff, raw >> 8])
    lines.push(formatRawLine(Math.round(t), 'hr', bytes))
    k++
  }
  return lines.join('')
}

export default async function (): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'limbic-bench-sessions-'))
  const dest = await mkdtemp(join(tmpdir(), 'limbic-bench-export-'))
  try {
    const rec = await time(() => synthesize(root))
    const size = (await stat(join(rec.value, 'balance.csv'))).size
    printFigure(
      'record 2 h synthetic session (virtual clock)',
      rec.ms,
      'ms',
      `balance.csv ${(size / 1e6).toFixed(1)} MB; close builds the History cache`
    )

    // History's first open of the session. Closing a session now builds its .history-cache.json
    // (prepareSessionDetail), so the first open reads that one file; a session folder without the
    // cache (recorded before, or imported) is computed on its first open: every CSV streamed and
    // decimated, as every first open was before. Measured side by side, alternating, in one run.
    const computed: number[] = []
    const atClose: number[] = []
    const firstOpen: number[] = []
    const reopen: number[] = []
    let points = 0
    for (let i = 0; i < 5; i++) {
      await rm(join(rec.value, DETAIL_CACHE_FILE), { force: true })
      const c = await time(() => loadSessionDetail(rec.value))
      computed.push(c.ms)
      points = c.value.balance!.tS.length + c.value.heart.tS.length
      await rm(join(rec.value, DETAIL_CACHE_FILE), { force: true })
      atClose.push((await time(() => prepareSessionDetail(rec.value))).ms)
      firstOpen.push((await time(() => loadSessionDetail(rec.value))).ms)
      reopen.push((await time(() => loadSessionDetail(rec.value))).ms)
    }
    printRuns('history:load 2 h @100 Hz, first open (no cache)', computed, 'ms', {
      note: `old session folders; every first open before the cache was built at close; ${points} chart points`
    })
    printRuns('history:load 2 h @100 Hz, first open', firstOpen, 'ms', {
      note: 'cache built when the session closed'
    })
    printRuns('history:load 2 h @100 Hz, reopen', reopen, 'ms')
    printRuns('  building the cache at close', atClose, 'ms', { note: 'part of SessionRecorder.close' })
    const payload = JSON.stringify(await loadSessionDetail(rec.value)).length
    printFigure('history:load payload (JSON)', payload / 1024, 'KiB')

    const list = await time(() => summarizeAll(root))
    printFigure('history:list (1 session, stats in session.json)', list.ms, 'ms')

    const folder = await time(() => exportSessions(root, ['BENCH-2H'], join(dest, 'folder'), 'folder'))
    printFigure(
      'export 2 h session (folder + Kubios RR + sessions.csv)',
      folder.ms,
      'ms',
      `${folder.value.files} files`
    )
    const zip = await time(() => exportSessions(root, ['BENCH-2H'], join(dest, 'zip'), 'zip'))
    const zipSize = (await stat(zip.value.path!)).size
    printFigure('export 2 h session (zip)', zip.ms, 'ms', `${(zipSize / 1e6).toFixed(1)} MB`)

    const logPath = join(dest, 'raw.log')
    await writeFile(logPath, heartRawLog(HOURS))
    const replay = await replayRawLog(logPath, join(dest, 'replay'), { startMs: T0 })
    printFigure(
      'replay 2 h heart raw.log (full app pipeline)',
      replay.speedup,
      'x real time',
      `${replay.packets} packets in ${replay.wallS.toFixed(2)} s`
    )
  } finally {
    await rm(root, { recursive: true, force: true })
    await rm(dest, { recursive: true, force: true })
  }
}
