/**
 * Records one session as it happens: session.json + append-only CSVs in `<rootDir>/<id>/`.
 *
 * Crash safety: rows are buffered in memory and written at least every `flushIntervalMs`
 * (default 500 ms) on the injected clock, and on close. While recording, `recording.lock` exists
 * and session.json has `endUtc: null`; `recoverSessions()` closes such folders on the next
 * launch. session.json is always replaced atomically (write temp file, rename).
 */
import { hrBpmOrNull } from '../shared/perMinute'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { systemClock, type Clock } from '../devices/clock'
import type { Sample, SourceStatus } from '../devices/dataSource'
import type { CheckInResult } from '../shared/arousal'
import { AppendFile } from './appendFile'
import { csvHeader } from './csv'
import { formatRawLine, type RawDevice } from './rawLog'
import {
  newSessionMeta,
  serializeSessionMeta,
  type SessionMeta,
  type SessionMetaUpdate,
  type SessionStats
} from './sessionMeta'
import {
  LOCK_FILE,
  META_FILE,
  RAW_LOG_FILE,
  BEAT_JOURNAL_FILE,
  BEATS_COLUMNS,
  SESSION_TABLES,
  TABLE_NAMES,
  balanceRecord,
  beatRecord,
  eventRecord,
  hrRecord,
  metricsRecord,
  type BeatRow,
  type MetricsRow,
  type TableName
} from './tables'
import { rebuildSessionsIndex } from './sessionsIndex'
import { DrillErrorTally } from './sessionScan'

export interface SessionRecorderOptions {
  /** Sessions root (the app passes `<userData>/sessions`). Created if missing. */
  rootDir: string
  appVersion: string
  clock?: Clock
  /** Default: `YYYYMMDD-HHMMSS-xxxx` (UTC start + 4 random hex digits). */
  id?: string
  /** Epoch ms origin of every t_s column; default clock.now(). */
  startMs?: number
  /** How often buffered rows reach the file; default 500 ms (the requirement is <= 1 s). */
  flushIntervalMs?: number
  /** fdatasync at most this often (OS-crash safety; a killed process needs none); 0 = every flush. */
  syncIntervalMs?: number
  /** Write raw.log (device bytes). Off by default (it is a setting). */
  rawCapture?: boolean
  /**
   * BeatSamples passed to `recordSample`: 'record' writes a beats.csv row with rr_ms and hr_bpm
   * (clean/artifact empty); 'ignore' when the app sends every beat through `recordBeatClean`.
   * Never feed the same beat both ways (it would appear twice).
   */
  beatSamples?: 'record' | 'ignore'
  initialMeta?: SessionMetaUpdate
  /**
   * Keep `beats.pending.csv`: raw beats written with `journalBeat` before their final row reaches
   * beats.csv (see BEAT_JOURNAL_FILE). Default false.
   */
  beatJournal?: boolean
  /** Rebuild `<rootDir>/sessions.csv` on close; default true. */
  updateIndex?: boolean
  /** I/O failures during timed flushes (disk full...) land here instead of being thrown. */
  onError?: (err: Error) => void
}

export type MetricsInput = MetricsRow
export type BeatCleanInput = BeatRow

export function makeSessionId(startMs: number): string {
  const iso = new Date(startMs).toISOString() // 2026-01-01T10:00:00.000Z
  const stamp = iso.slice(0, 10).replace(/-/g, '') + '-' + iso.slice(11, 19).replace(/:/g, '')
  return `${stamp}-${randomBytes(2).toString('hex')}`
}

export class SessionRecorder {
  readonly id: string
  readonly dir: string
  readonly startMs: number
  private meta: SessionMeta
  private metaDirty = true
  private files = {} as Record<TableName, AppendFile>
  private raw: AppendFile | null = null
  private journal: AppendFile | null = null
  private timer: unknown = null
  private io: Promise<void> = Promise.resolve()
  private lastSyncMs: number
  private closed = false
  private readonly stats: SessionStats
  private readonly deviceStates = new Map<string, string>()
  private readonly drillTally = new DrillErrorTally()

  private constructor(
    private readonly opts: SessionRecorderOptions,
    private readonly clock: Clock,
    meta: SessionMeta
  ) {
    this.meta = meta
    this.id = meta.id
    this.startMs = meta.startMs
    this.dir = join(opts.rootDir, meta.id)
    this.lastSyncMs = clock.now()
    this.stats = {
      rows: { beats: 0, hr: 0, metrics: 0, balance: 0, events: 0 },
      eventsByType: {},
      lastTMs: 0,
      artifacts: 0,
      drillErrors: null
    }
  }

  /** Create the folder, session.json, lock and CSV headers, and start the flush timer. */
  static async start(opts: SessionRecorderOptions): Promise<SessionRecorder> {
    const clock = opts.clock ?? systemClock
    const startMs = opts.startMs ?? clock.now()
    await mkdir(opts.rootDir, { recursive: true })
    let id = opts.id ?? makeSessionId(startMs)
    for (let attempt = 0; ; attempt++) {
      try {
        await mkdir(join(opts.rootDir, id))
        break
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 20 || opts.id) throw err
        id = makeSessionId(startMs)
      }
    }
    const meta = {
      ...newSessionMeta({ id, startMs, appVersion: opts.appVersion, rawCapture: opts.rawCapture ?? false }),
      ...opts.initialMeta
    }
    const rec = new SessionRecorder(opts, clock, meta)
    await writeFile(
      join(rec.dir, LOCK_FILE),
      JSON.stringify({ pid: process.pid, startUtc: meta.startUtc }) + '\n'
    )
    await rec.writeMeta()
    for (const name of TABLE_NAMES) {
      const t = SESSION_TABLES[name]
      rec.files[name] = await AppendFile.open(join(rec.dir, t.file), csvHeader(t.columns))
    }
    if (meta.rawCapture) rec.raw = await AppendFile.open(join(rec.dir, RAW_LOG_FILE))
    if (opts.beatJournal)
      rec.journal = await AppendFile.open(join(rec.dir, BEAT_JOURNAL_FILE), csvHeader(BEATS_COLUMNS))
    rec.arm()
    return rec
  }

  /** Current meta (a copy). */
  getMeta(): SessionMeta {
    return structuredClone(this.meta)
  }

  get isClosed(): boolean {
    return this.closed
  }

  /** Samples straight from a DataSource. */
  recordSample(sample: Sample): void {
    switch (sample.type) {
      case 'hr':
        this.row(
          'hr',
          sample.tMs,
          hrRecord(
            { tMs: sample.tMs, strapHrBpm: sample.hrBpm, contact: sample.contact, energyKj: sample.energyKj },
            this.startMs
          )
        )
        return
      case 'beat':
        if (this.opts.beatSamples === 'ignore') return
        this.recordBeatClean({
          tMs: sample.tMs,
          rrMs: sample.rrMs,
          rrCleanMs: null,
          artifact: null,
          hrBpm: hrBpmOrNull(sample.rrMs)
        })
        return
      case 'balance':
        this.row('balance', sample.tMs, balanceRecord(sample, this.startMs))
        return
      case 'gap':
        this.recordEvent(sample.tMs, 'gap', {
          channel: sample.channel,
          reason: sample.reason,
          fromS: (sample.fromMs - this.startMs) / 1000,
          toS: (sample.toMs - this.startMs) / 1000
        })
        return
      case 'button':
        this.recordEvent(sample.tMs, 'button', { button: sample.button, pressed: sample.pressed })
        return
    }
  }

  recordBeatClean(beat: BeatCleanInput): void {
    if (beat.artifact) this.stats.artifacts++
    this.row('beats', beat.tMs, beatRecord(beat, this.startMs))
  }

  recordMetrics(m: MetricsInput): void {
    this.row('metrics', m.tMs, metricsRecord(m, this.startMs))
  }

  /** `detail`: a string is written as is, anything else as JSON text. */
  recordEvent(tMs: number, type: string, detail: unknown = null): void {
    if (this.closed) return
    this.stats.eventsByType[type] = (this.stats.eventsByType[type] ?? 0) + 1
    this.drillTally.add(type, detail)
    this.stats.drillErrors = this.drillTally.total
    this.row('events', tMs, eventRecord(tMs, type, detail, this.startMs))
  }

  /** Device connects/drops as `device` events; connected devices are listed in session.json. */
  recordStatus(status: SourceStatus): void {
    if (this.closed || this.deviceStates.get(status.sourceId) === status.state) return
    this.deviceStates.set(status.sourceId, status.state)
    this.recordEvent(status.tMs, 'device', {
      sourceId: status.sourceId,
      kind: status.kind,
      state: status.state,
      device: status.device?.name ?? null,
      problem: status.problem
    })
    const d = status.device
    if (d && (status.state === 'connected' || status.state === 'streaming')) {
      if (!this.meta.devices.some((x) => x.id === d.id && x.kind === d.kind)) {
        this.updateMeta({
          devices: [
            ...this.meta.devices,
            { kind: d.kind, name: d.name, id: d.id, simulated: d.simulated, connectedMs: status.tMs }
          ]
        })
      }
    }
  }

  /** A raw beat whose beats.csv row is still pending (ignored unless `beatJournal`). */
  journalBeat(beat: BeatCleanInput): void {
    if (this.closed || !this.journal) return
    this.journal.append(beatRecord(beat, this.startMs))
  }

  /** Raw device bytes; ignored unless rawCapture is on. */
  recordRaw(tMs: number, device: RawDevice, bytes: Uint8Array): void {
    if (this.closed || !this.raw) return
    this.raw.append(formatRawLine(tMs - this.startMs, device, bytes))
  }

  /** Shallow merge into session.json (written with the next flush). */
  updateMeta(patch: SessionMetaUpdate): void {
    if (this.closed) return
    const {
      schema: _s,
      version: _v,
      id: _i,
      startUtc: _u,
      startMs: _m,
      ...rest
    } = patch as Record<string, unknown>
    this.meta = { ...this.meta, ...rest }
    this.metaDirty = true
  }

  addCheckIn(result: CheckInResult): void {
    this.updateMeta({ checkIns: [...this.meta.checkIns, result] })
  }

  /** Write everything buffered now (tests, or before something risky). */
  flush(): Promise<void> {
    return this.enqueue(() => this.flushNow(false))
  }

  /** Flush, sync, stamp the end, remove the lock, rebuild sessions.csv. Idempotent. */
  async close(options: { endMs?: number } = {}): Promise<SessionMeta> {
    if (this.closed) {
      await this.io
      return this.getMeta()
    }
    this.closed = true
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
    const endMs = options.endMs ?? this.clock.now()
    await this.enqueue(async () => {
      for (const name of TABLE_NAMES) await this.files[name].close()
      await this.raw?.close()
      if (this.journal) {
        await this.journal.close()
        await rm(join(this.dir, BEAT_JOURNAL_FILE), { force: true })
      }
      this.meta = {
        ...this.meta,
        endUtc: new Date(Math.max(endMs, this.startMs)).toISOString(),
        endReason: 'closed',
        stats: structuredClone(this.stats)
      }
      this.metaDirty = true
      await this.writeMeta()
      await rm(join(this.dir, LOCK_FILE), { force: true })
      if (this.opts.updateIndex !== false) await rebuildSessionsIndex(this.opts.rootDir)
    })
    return this.getMeta()
  }

  private row(table: TableName, tMs: number, record: string): void {
    if (this.closed) return
    this.files[table].append(record)
    this.stats.rows[table]++
    const t = tMs - this.startMs
    if (t > this.stats.lastTMs) this.stats.lastTMs = t
  }

  private arm(): void {
    if (this.closed) return
    this.timer = this.clock.setTimeout(() => {
      this.timer = null
      void this.enqueue(() => this.flushNow(false)).finally(() => this.arm())
    }, this.opts.flushIntervalMs ?? 500)
  }

  /** Serialise all file I/O; a failure is reported and does not stop later flushes. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.io.then(task)
    this.io = run.catch((err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err))
      if (this.opts.onError) this.opts.onError(e)
      else console.error('session recorder:', e)
    })
    return run
  }

  private async flushNow(forceSync: boolean): Promise<void> {
    const now = this.clock.now()
    const syncEvery = this.opts.syncIntervalMs ?? 5000
    const sync = forceSync || now - this.lastSyncMs >= syncEvery
    if (sync) this.lastSyncMs = now
    for (const name of TABLE_NAMES) await this.files[name].flush(sync)
    await this.raw?.flush(sync)
    await this.journal?.flush(sync)
    if (this.metaDirty) {
      this.meta.stats = structuredClone(this.stats)
      await this.writeMeta()
    }
  }

  private async writeMeta(): Promise<void> {
    this.metaDirty = false
    await writeMetaAtomic(this.dir, this.meta)
  }
}

/** Replace session.json atomically: readers see the old or the new file, never half of one. */
export async function writeMetaAtomic(dir: string, meta: SessionMeta): Promise<void> {
  const tmp = join(dir, `${META_FILE}.tmp`)
  await writeFile(tmp, serializeSessionMeta(meta))
  await rename(tmp, join(dir, META_FILE))
}
