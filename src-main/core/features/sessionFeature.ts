/**
 * Sessions: recording (session:* handlers, the SessionSink other features record through, every
 * routed sample, device status, raw capture) and crash recovery at launch. The history:* handlers
 * are historyFeature.ts.
 *
 * Beats: the recorder ignores raw BeatSamples; it takes beats from the live feature
 * (`ctx.live.onBeatSample`) and a BeatMerger writes one beats.csv row per beat, using the judged
 * beat (`ctx.live.onBeat`) when the streaming cleaner sends it in time (it judges a beat 5 beats
 * later) and the raw beat otherwise (see beatMerger.ts). Metrics rows come from `ctx.live.onMetrics`.
 * Beats still waiting are in beats.pending.csv, which recovery folds back in after a crash.
 *
 * Chest data (a Polar H10 streaming PMD): the active strap's chest events go through ChestTables
 * (the same code `replay` runs on raw.log) into breathing.csv and ecg.csv; raw capture writes
 * each PMD frame as a `pmd` line in raw.log.
 */
import { hrBpmOrNull } from '../../shared/perMinute'
import { join } from 'node:path'
import type { DataSource, Sample, SourceStatus } from '../../devices/dataSource'
import { isBalanceBoardControl } from '../../devices/wbb/wbbSource'
import type { LiveMetrics } from '../../shared/arousal'
import { baselineSummary } from '../../signal/baseline'
import type { Notice } from '../../shared/contract'
import type { JsonValue } from '../../shared/validate'
import { BeatMerger } from '../../session/beatMerger'
import { ChestTables } from '../../session/chestTables'
import { SessionRecorder, type RecorderWriteState } from '../../session/recorder'
import { recoverSessions, type RecoveryReport } from '../../session/recovery'
import type { SessionMetaUpdate } from '../../session/sessionMeta'
import type { SessionFs } from '../../session/sessionFs'
import { resonanceRecord } from '../../session/resonanceTable'
import type { Feature, FeatureContext, FeatureFactory, SessionSink } from './featureContext'
import type { JudgedBeat } from './liveMetrics'

/** `<settings.recording.sessionsDir>` or `<userData>/sessions`. */
export function sessionsRoot(ctx: Pick<FeatureContext, 'settings' | 'userDataDir'>): string {
  return ctx.settings.get().recording.sessionsDir ?? join(ctx.userDataDir, 'sessions')
}

/** English sentence for the launch notice (logs, and the renderer until it words it itself). */
export function describeRecovery(report: RecoveryReport): string {
  const parts: string[] = []
  if (report.recovered.length > 0) {
    const ids = report.recovered.map((r) => r.id).join(', ')
    parts.push(
      `${report.recovered.length} unfinished session${report.recovered.length === 1 ? ' was' : 's were'} ` +
        `closed after the app stopped unexpectedly; everything recorded up to the last second is kept (${ids}).`
    )
  }
  const dropped = report.recovered.reduce((n, r) => n + r.droppedRows, 0)
  const repaired = report.recovered.reduce((n, r) => n + r.repairedRows, 0)
  if (dropped > 0 || repaired > 0)
    parts.push(`Damaged rows: ${dropped} removed, ${repaired} repaired (a spliced row's valid part kept).`)
  for (const f of report.failed)
    parts.push(`Session ${f.id} could not be recovered (it is tried again at the next launch): ${f.problem}.`)
  return parts.join(' ')
}

/** The notice for a recording whose files cannot be written (one id per session: it updates). */
export function recordingNotice(sessionId: string, dir: string, s: RecorderWriteState): Notice {
  const d = s.dropped
  const droppedSeconds = d.fromMs !== null && d.toMs !== null ? Math.round((d.toMs - d.fromMs) / 1000) : 0
  const cause = s.diskFull ? 'The disk is full' : `The recording cannot be written (${s.errorCode})`
  const lost = d.rows > 0 ? `${d.rows} rows (about ${droppedSeconds} s) could not be kept` : 'nothing lost'
  const reason =
    s.state === 'paused'
      ? `${cause} - recording paused, ${d.rows > 0 ? lost : 'nothing lost so far'}; ${s.heldBytes} bytes held in memory.`
      : s.state === 'resumed'
        ? `Recording resumed: ${lost}.`
        : `${cause} - the session ended with ${lost}; it is closed at the next launch.`
  return {
    id: `recording-${sessionId}`,
    kind:
      s.state === 'paused'
        ? 'recording-paused'
        : s.state === 'resumed'
          ? 'recording-resumed'
          : 'recording-lost',
    backupPath: dir,
    reason: `${reason} (${s.message})`,
    errorCode: s.errorCode,
    droppedRows: d.rows,
    droppedSeconds
  }
}

export const sessionFeature: FeatureFactory = (ctx) => createSessionFeature(ctx)

export interface SessionFeatureOptions {
  /** Flush interval of the recorder (ms); default 500. */
  flushIntervalMs?: number
  /** File operations that can run out of space (tests inject a full disk). */
  fs?: SessionFs
}

export function createSessionFeature(ctx: FeatureContext, options: SessionFeatureOptions = {}): Feature {
  let rec: SessionRecorder | null = null
  let merger: BeatMerger | null = null
  let beatTimer: unknown = null
  /** Serialises start/end so two quick calls never interleave. */
  let lifecycle: Promise<unknown> = Promise.resolve()
  const rawSubs = new Map<DataSource, () => void>()

  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = lifecycle.then(task)
    lifecycle = run.catch(() => undefined)
    return run
  }

  /**
   * Balance-board read replies (report 0x21) since the board's last (re)initialisation, per
   * source: they carry the calibration a replay needs, and they arrive at connect, usually before
   * the session starts, so they are written at the top of raw.log (negative t_ms).
   */
  const preambles = new Map<DataSource, { tMs: number; bytes: Uint8Array }[]>()
  const MAX_PREAMBLE = 64

  /** Follow the active sources' raw bytes (raw capture; board preambles even between sessions). */
  function syncRawSubscriptions(): void {
    const wanted = new Set<DataSource>()
    for (const channel of ['heart', 'balance'] as const) {
      const src = ctx.devices.activeSource(channel)
      if (src?.onRaw) wanted.add(src)
    }
    for (const [src, unsub] of rawSubs) {
      if (!wanted.has(src)) {
        unsub()
        rawSubs.delete(src)
        preambles.delete(src)
      }
    }
    for (const src of wanted) {
      if (rawSubs.has(src)) continue
      const preamble: { tMs: number; bytes: Uint8Array }[] = []
      preambles.set(src, preamble)
      const offRaw = src.onRaw!((tMs, device, bytes) => {
        if (device === 'wbb' && bytes[0] === 0x21 && preamble.length < MAX_PREAMBLE)
          preamble.push({ tMs, bytes })
        rec?.recordRaw(tMs, device, bytes)
      })
      // The board's tare is not in its bytes: raw.log records it so a replay can apply it.
      const offTare =
        isBalanceBoardControl(src) && src.onTare ? src.onTare((tMs, kg) => rec?.recordRawTare(tMs, kg)) : null
      rawSubs.set(src, () => {
        offRaw()
        offTare?.()
      })
    }
  }

  const unsubSample = ctx.onSample((sample: Sample) => {
    // Beats come from the live feature (below), so the cleaner has seen each one first.
    if (rec && sample.type !== 'beat') rec.recordSample(sample)
  })
  const unsubBeat = ctx.live.onBeatSample((sample) => {
    if (!rec) return
    // Journalled at once (crash safety), written to beats.csv when judged or after holdMs.
    rec.journalBeat({
      tMs: sample.tMs,
      rrMs: sample.rrMs,
      rrCleanMs: null,
      artifact: null,
      hrBpm: hrBpmOrNull(sample.rrMs)
    })
    merger?.raw(sample.tMs, sample.rrMs, ctx.clock.now())
  })
  const unsubJudged = ctx.live.onBeat((b: JudgedBeat) => {
    merger?.clean(
      {
        tMs: b.tMs,
        rrMs: b.rrMs,
        rrCleanMs: b.cleanRrMs,
        artifact: b.artifact,
        hrBpm: b.cleanRrMs !== null ? hrBpmOrNull(b.cleanRrMs) : null
      },
      ctx.clock.now()
    )
  })
  const unsubMetrics = ctx.live.onMetrics((m) => rec?.recordMetrics(metricsRow(m)))
  let chest: { tables: ChestTables; sourceId: string; lastMs: number } | null = null
  const unsubChest = ctx.onChest?.((event, sourceId) => {
    const r = rec
    if (!r) return
    if (!chest) {
      chest = {
        tables: new ChestTables(r.startMs, (table, record) => r.recordChest(table, record)),
        sourceId,
        lastMs: -Infinity
      }
    }
    const firstMs = event.kind === 'gap' ? event.fromMs : event.tMs[0]
    if (chest.sourceId !== sourceId && firstMs !== undefined && chest.lastMs > -Infinity) {
      // Another strap: its breathing is not joined to the last one's.
      chest.tables.event({
        kind: 'gap',
        measurement: 'acc',
        fromMs: chest.lastMs,
        toMs: firstMs,
        reason: 'link-lost'
      })
    }
    chest.sourceId = sourceId
    chest.tables.event(event)
    if (event.kind === 'samples' && event.measurement === 'acc' && event.tMs.length > 0)
      chest.lastMs = event.tMs[event.tMs.length - 1]!
  })
  const unsubStatus = ctx.onStatus((status: SourceStatus) => {
    rec?.recordStatus(status)
    // A source (re)initialising reads its calibration again: start a fresh preamble.
    if (status.state === 'connecting' || status.state === 'reconnecting') {
      for (const [src, p] of preambles) if (src.id === status.sourceId) p.length = 0
    }
    syncRawSubscriptions()
  })
  syncRawSubscriptions()

  function armBeatTimer(): void {
    beatTimer = ctx.clock.setTimeout(() => {
      beatTimer = null
      if (!rec) return
      merger?.tick(ctx.clock.now())
      armBeatTimer()
    }, 500)
  }

  async function startSession(): Promise<{ id: string; startUtc: string }> {
    if (rec) await endSession()
    const settings = ctx.settings.get()
    const r = await SessionRecorder.start({
      rootDir: sessionsRoot(ctx),
      appVersion: ctx.appVersion,
      clock: ctx.clock,
      rawCapture: settings.recording.rawCapture,
      beatSamples: 'ignore',
      beatJournal: true,
      initialMeta: { baseline: baselineSummary(ctx.baseline.stats()) },
      flushIntervalMs: options.flushIntervalMs,
      fs: options.fs,
      onError: (err) => console.error(`session recording: ${err.message}`),
      // A failing disk never ends the app: the person is told, and told again when it recovers.
      onWriteState: (s) => ctx.notice(recordingNotice(r.id, r.dir, s))
    })
    rec = r
    merger = new BeatMerger({ write: (row) => r.recordBeatClean(row) })
    for (const status of ctx.devices.statusAll()) r.recordStatus(status)
    syncRawSubscriptions()
    for (const p of preambles.values()) for (const { tMs, bytes } of p) r.recordRaw(tMs, 'wbb', bytes)
    const board = ctx.devices.activeSource('balance')
    if (isBalanceBoardControl(board) && board.currentTare) r.recordRawTare(ctx.clock.now(), board.currentTare)
    armBeatTimer()
    return { id: r.id, startUtc: r.getMeta().startUtc }
  }

  async function endSession(): Promise<void> {
    const r = rec
    if (!r) return
    merger?.flushAll()
    // The breathing rows held back for late breath marks are written before the files close.
    chest?.tables.finish()
    chest = null
    rec = null
    merger = null
    if (beatTimer !== null) ctx.clock.clearTimeout(beatTimer)
    beatTimer = null
    syncRawSubscriptions()
    await r.close()
  }

  function metricsRow(m: LiveMetrics) {
    return {
      tMs: m.tMs,
      hrBpm: m.hrBpm,
      rmssdMs: m.rmssdMs,
      lnRmssd: m.lnRmssd,
      sdnnMs: m.sdnnMs,
      respRateBpm: m.respRateBpm,
      arousalScore: m.arousal?.score ?? null,
      arousalState: m.arousal?.state ?? null,
      quality: m.quality
    }
  }

  function recordEvent(tMs: number, type: string, detail: JsonValue): void {
    if (!rec) return
    rec.recordEvent(tMs, type, detail)
    // The reflection typed at the end of a block also belongs in session.json.
    if (type === 'reflection' && detail && typeof detail === 'object' && !Array.isArray(detail)) {
      const text = (detail as { text?: unknown }).text
      if (typeof text === 'string') rec.updateMeta({ reflection: text })
    }
  }

  const sink: SessionSink = {
    event: (tMs, type, detail) => recordEvent(tMs, type, detail),
    checkIn: (result) => {
      if (!rec) return
      rec.addCheckIn(result)
      // A baseline measurement may have just changed the baseline later check-ins use.
      rec.updateMeta({ baseline: baselineSummary(ctx.baseline.stats()) })
    },
    isOpen: () => rec !== null,
    activeId: () => rec?.id ?? null,
    open: async () => {
      await serial(async () => {
        if (!rec) await startSession()
      })
    },
    update: (patch) => rec?.updateMeta(patch as SessionMetaUpdate),
    end: () => serial(endSession),
    resonanceRow: (row) => rec?.recordChest('resonance', resonanceRecord(row, rec.startMs))
  }

  return {
    handlers: {
      'session:start': () => serial(startSession),
      'session:end': () => serial(endSession)
    },
    sessionSink: sink,
    async start() {
      // In the same queue as start/end, so a session another feature opens at launch is never
      // taken for one a crash left open.
      const report = await serial(() =>
        recoverSessions(sessionsRoot(ctx), { activeIds: rec ? [rec.id] : [] })
      )
      if (report.indexProblem) console.error(`sessions.csv not rebuilt: ${report.indexProblem}`)
      if (report.recovered.length === 0 && report.failed.length === 0) return
      const droppedRows = report.recovered.reduce((n, r) => n + r.droppedRows, 0)
      const notice: Notice = {
        id: `sessions-recovered-${ctx.clock.now()}`,
        kind: 'sessions-recovered',
        backupPath: sessionsRoot(ctx),
        reason: describeRecovery(report),
        sessions: report.recovered.map((r) => r.id),
        ...(droppedRows > 0 ? { droppedRows } : {})
      }
      ctx.notice(notice)
    },
    async dispose() {
      unsubSample()
      unsubBeat()
      unsubJudged()
      unsubMetrics()
      unsubChest?.()
      unsubStatus()
      await serial(endSession)
      for (const unsub of rawSubs.values()) unsub()
      rawSubs.clear()
    }
  }
}
