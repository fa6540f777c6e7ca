/**
 * Records one session as it happens: session.json + append-only CSVs in `<rootDir>/<id>/`.
 *
 * Crash safety: rows are buffered in memory and written at least every `flushIntervalMs`
 * (default 500 ms) on the injected clock, and on close. While recording, `recording.lock` exists
 * and session.json has `endUtc: null`; `recoverSessions()` closes such folders on the next
 * launch. session.json is always replaced atomically (write temp file, rename).
 *
 * Write failures (disk full, I/O error): never thrown out of a timed flush. What could not be
 * written stays in memory (up to MAX_HELD_BYTES) and is retried with a backoff and on every
 * explicit flush; `onWriteState` hears "paused" / "resumed" / "lost" so the person is told.
 */
import { hrBpmOrNull } from '../shared/perMinute'
import { mkdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { systemClock, type Clock } from '../devices/clock'
import type { Sample, SourceStatus } from '../devices/dataSource'
import type { CheckInResult } from '../shared/arousal'
import { AppendFile } from './appendFile'
import { isDiskFull, nodeSessionFs, writeWholeFile, type SessionFs } from './sessionFs'
import { csvHeader } from './csv'
import { formatRawLine, formatRawStateLine, type RawDevice } from './rawLog'
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
  OPTIONAL_TABLES,
  balanceRecord,
  beatRecord,
  eventRecord,
  hrRecord,
  metricsRecord,
  type BeatRow,
  type MetricsRow,
  type TableName,
  type OptionalTableName
} from './tables'
import { prepareSessionDetail } from './historyLoad'
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
  /**
   * Build the History cache (`.history-cache.json`) on close, so History's first open of the
   * session is fast; default true.
   */
  historyCache?: boolean
  /** I/O failures (disk full...) land here instead of being thrown; once per failing spell. */
  onError?: (err: Error) => void
  /**
   * Writing stopped / came back / lost rows (see RecorderWriteState). Without it, a close that
   * cannot write everything rejects instead (so e.g. an import fails rather than lose rows).
   */
  onWriteState?: (state: RecorderWriteState) => void
  /** Bound on rows held in memory while writes fail; default MAX_HELD_BYTES. */
  maxHeldBytes?: number
  /** File operations that can run out of space (tests inject a full disk). */
  fs?: SessionFs
}

/**
 * While writes fail, the rows not yet written are held in memory up to this many bytes of row
 * text; rows beyond it are dropped (and counted). 32 MiB is about 40 minutes of the heaviest
 * recording (balance board at 100 Hz plus raw capture: 13.8 KB/s measured over all files) and more
 * than a day of a heart strap alone (about 0.25 KB/s). Held rows are kept as one Buffer, so the
 * memory cost is about the bound itself (briefly twice that while a retry joins new rows to it).
 */
export const MAX_HELD_BYTES = 32 * 1024 * 1024
/** Retries after a failed flush back off: flush interval x 2, x 4, ... up to this. */
export const MAX_RETRY_DELAY_MS = 8000

/** Rows that could not be kept: how many, and the span of their times (epoch ms). */
export interface DroppedRows {
  rows: number
  fromMs: number | null
  toMs: number | null
}

/**
 * paused: a write failed; rows are held in memory and retried (`dropped.rows` > 0 once the
 * bound was reached). resumed: everything held was written (`dropped` = what was lost in the
 * spell). lost: the session was closed while writes still failed; the held rows are lost too
 * (the lock stays, so the next launch's recovery closes the session from what is on disk).
 */
export interface RecorderWriteState {
  state: 'paused' | 'resumed' | 'lost'
  /** ENOSPC/EDQUOT, EIO, ...: the first error of the spell. */
  errorCode: string
  diskFull: boolean
  message: string
  heldBytes: number
  dropped: DroppedRows
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
  /**
   * breathing.csv / ecg.csv (only a strap streaming PMD has them) and resonance.csv (only a session
   * with a resonance assessment), each opened with its first row.
   */
  private chestFiles: Partial<Record<OptionalTableName, AppendFile>> = {}
  /** Rows that arrived while their file was being opened. */
  private readonly chestWaiting = new Map<OptionalTableName, string[]>()
  /** Rows written per optional file. */
  readonly chestRows: Record<OptionalTableName, number> = { breathing: 0, ecg: 0, resonance: 0 }
  private journal: AppendFile | null = null
  private timer: unknown = null
  private io: Promise<void> = Promise.resolve()
  private lastSyncMs: number
  private closed = false
  private readonly stats: SessionStats
  private readonly deviceStates = new Map<string, string>()
  private readonly drillTally = new DrillErrorTally()
  private readonly fs: SessionFs
  /** The current spell of failing writes (null while writes succeed). */
  private trouble: { error: Error; sinceMs: number; failures: number; reportedDrops: number } | null = null
  private dropped: DroppedRows = { rows: 0, fromMs: null, toMs: null }

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
    this.fs = opts.fs ?? nodeSessionFs
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
    const fs = rec.fs
    try {
      await writeWholeFile(
        fs,
        join(rec.dir, LOCK_FILE),
        JSON.stringify({ pid: process.pid, startUtc: meta.startUtc }) + '\n'
      )
      await rec.writeMeta()
      for (const name of TABLE_NAMES) {
        const t = SESSION_TABLES[name]
        rec.files[name] = await AppendFile.open(join(rec.dir, t.file), csvHeader(t.columns), fs)
      }
      if (meta.rawCapture) rec.raw = await AppendFile.open(join(rec.dir, RAW_LOG_FILE), '', fs)
      if (opts.beatJournal)
        rec.journal = await AppendFile.open(join(rec.dir, BEAT_JOURNAL_FILE), csvHeader(BEATS_COLUMNS), fs)
    } catch (err) {
      // A session that could not even start (disk full) leaves no half folder behind: it is ours,
      // created just now and holding no data yet.
      for (const f of rec.allFiles()) await f.close().catch(() => undefined)
      await rm(rec.dir, { recursive: true, force: true }).catch(() => undefined)
      throw err
    }
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

  /**
   * One row of a chest table (session/chestTables.ts builds them). The file is created, header
   * first, with its first row; rows arriving meanwhile wait in memory and follow in order. If the
   * file cannot be created (disk full) those rows count as dropped and the next row tries again.
   */
  recordChest(table: OptionalTableName, record: string): void {
    if (this.closed) return
    const file = this.chestFiles[table]
    if (file) {
      if (this.keep(file, record, this.clock.now())) this.chestRows[table]++
      return
    }
    let waiting = this.chestWaiting.get(table)
    if (!waiting) {
      const rows: string[] = []
      waiting = rows
      this.chestWaiting.set(table, rows)
      const { file: name, columns } = OPTIONAL_TABLES[table]
      void this.enqueue(async () => {
        try {
          const opened = await AppendFile.open(join(this.dir, name), csvHeader(columns), this.fs)
          for (const r of rows) opened.append(r)
          this.chestRows[table] += rows.length
          this.chestFiles[table] = opened
        } catch (err) {
          this.countDropped(rows.length, this.clock.now())
          throw err
        } finally {
          this.chestWaiting.delete(table)
        }
      })
    }
    waiting.push(record)
  }

  /** A raw beat whose beats.csv row is still pending (ignored unless `beatJournal`). */
  journalBeat(beat: BeatCleanInput): void {
    if (this.closed || !this.journal) return
    this.keep(this.journal, beatRecord(beat, this.startMs), beat.tMs)
  }

  /** Raw device bytes; ignored unless rawCapture is on. */
  /** The board's tare (kg, TR BR TL BL) as a raw.log state line, so a replay can apply it. */
  recordRawTare(tMs: number, tareKg: readonly number[]): void {
    if (this.closed || !this.raw) return
    this.keep(this.raw, formatRawStateLine(tMs - this.startMs, tareKg), tMs)
  }

  recordRaw(tMs: number, device: RawDevice, bytes: Uint8Array): void {
    if (this.closed || !this.raw) return
    this.keep(this.raw, formatRawLine(tMs - this.startMs, device, bytes), tMs)
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

  /** Adds a finished check-in; one with the id of an earlier one (a later self-report) replaces it. */
  addCheckIn(result: CheckInResult): void {
    const at = this.meta.checkIns.findIndex((c) => c.id === result.id)
    const checkIns =
      at < 0 ? [...this.meta.checkIns, result] : this.meta.checkIns.map((c, i) => (i === at ? result : c))
    this.updateMeta({ checkIns })
  }

  /** Write everything buffered now (tests, or before something risky); also retries at once. */
  flush(): Promise<void> {
    return this.enqueue(() => this.flushNow(false))
  }

  /** Bytes of rows appended but not yet on disk (all files). */
  get heldBytes(): number {
    let n = 0
    for (const f of this.allFiles()) n += f.pending.bytes
    return n
  }

  /** Rows dropped because the held rows reached the bound, in the current failing spell. */
  get droppedRows(): DroppedRows {
    return { ...this.dropped }
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
      const errors: unknown[] = []
      for (const f of this.allFiles()) await f.close().catch((err: unknown) => errors.push(err))
      if (errors.length > 0) {
        // Still failing: what is held cannot be written any more. The lock and `endUtc: null`
        // stay, so the next launch's recovery closes the session from what reached the disk.
        this.noteFailure(errors[0])
        for (const f of this.allFiles()) this.countDropped(f.pending.rows, this.trouble!.sinceMs)
        this.countDropped(0, endMs)
        if (!this.opts.onWriteState) {
          const e = this.trouble!.error
          throw Object.assign(
            new Error(
              `${this.dropped.rows} rows could not be written before the session closed: ${e.message}`
            ),
            { code: (e as NodeJS.ErrnoException).code }
          )
        }
        this.report('lost')
        return
      }
      if (this.journal) await rm(join(this.dir, BEAT_JOURNAL_FILE), { force: true })
      this.meta = {
        ...this.meta,
        endUtc: new Date(Math.max(endMs, this.startMs)).toISOString(),
        endReason: 'closed',
        stats: structuredClone(this.stats)
      }
      this.metaDirty = true
      try {
        await this.writeMeta()
      } catch (err) {
        // Every row is on disk; only the end stamp is missing. The lock stays, so the next
        // launch's recovery stamps it (from the last row) instead of this close failing.
        this.reportError(err)
        return
      }
      await rm(join(this.dir, LOCK_FILE), { force: true })
      if (this.opts.updateIndex !== false)
        await rebuildSessionsIndex(this.opts.rootDir).catch((err: unknown) => this.reportError(err))
      if (this.opts.historyCache !== false) await prepareSessionDetail(this.dir)
    })
    return this.getMeta()
  }

  private allFiles(): AppendFile[] {
    const list: AppendFile[] = []
    for (const name of TABLE_NAMES) if (this.files[name]) list.push(this.files[name])
    for (const file of Object.values(this.chestFiles)) list.push(file)
    if (this.raw) list.push(this.raw)
    if (this.journal) list.push(this.journal)
    return list
  }

  private row(table: TableName, tMs: number, record: string): void {
    if (this.closed) return
    if (!this.keep(this.files[table], record, tMs)) return
    this.stats.rows[table]++
    const t = tMs - this.startMs
    if (t > this.stats.lastTMs) this.stats.lastTMs = t
  }

  /**
   * Append, unless writes are failing and the rows held in memory would pass the bound; false =
   * dropped (counted). While writes succeed nothing is dropped: the flush timer empties the buffer
   * (and a caller that buffers a whole file before closing, like an RR import, loses nothing).
   */
  private keep(file: AppendFile, record: string, tMs: number): boolean {
    if (this.trouble && this.heldBytes + record.length > (this.opts.maxHeldBytes ?? MAX_HELD_BYTES)) {
      this.countDropped(1, tMs)
      return false
    }
    file.append(record)
    return true
  }

  private countDropped(rows: number, tMs: number): void {
    if (rows <= 0 && this.dropped.rows === 0) return
    const d = this.dropped
    d.rows += rows
    d.fromMs = d.fromMs === null ? tMs : Math.min(d.fromMs, tMs)
    d.toMs = d.toMs === null ? tMs : Math.max(d.toMs, tMs)
  }

  private arm(): void {
    if (this.closed) return
    const interval = this.opts.flushIntervalMs ?? 500
    // While writes fail, retry with a backoff (x2 per failure, capped): a full disk is not
    // hammered, and an explicit flush() still retries at once.
    const delay = this.trouble
      ? Math.min(interval * 2 ** Math.min(this.trouble.failures, 16), Math.max(MAX_RETRY_DELAY_MS, interval))
      : interval
    this.timer = this.clock.setTimeout(() => {
      this.timer = null
      // flushNow reports its own failures; the second handler only guards against a bug there
      // ever becoming an unhandled rejection (which would end the process).
      this.enqueue(() => this.flushNow(false)).then(
        () => this.arm(),
        () => this.arm()
      )
    }, delay)
  }

  private noteFailure(err: unknown): void {
    const e = err instanceof Error ? err : new Error(String(err))
    if (this.trouble) {
      this.trouble.failures++
      return
    }
    this.trouble = { error: e, sinceMs: this.clock.now(), failures: 1, reportedDrops: -1 }
    this.reportError(e)
  }

  private reportError(err: unknown): void {
    const e = err instanceof Error ? err : new Error(String(err))
    if (this.opts.onError) this.opts.onError(e)
    else console.error('session recorder:', e)
  }

  private report(state: RecorderWriteState['state']): void {
    const e = this.trouble?.error
    const code = (e as NodeJS.ErrnoException | undefined)?.code ?? 'EIO'
    const s: RecorderWriteState = {
      state,
      errorCode: code,
      diskFull: isDiskFull(e),
      message: e?.message ?? '',
      heldBytes: this.heldBytes,
      dropped: { ...this.dropped }
    }
    try {
      this.opts.onWriteState?.(s)
    } catch (err) {
      console.error('session recorder: onWriteState failed:', err)
    }
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
    // Every file is tried even when one fails (an I/O error may hit only one of them).
    const errors: unknown[] = []
    for (const f of this.allFiles()) await f.flush(sync).catch((err: unknown) => errors.push(err))
    if (this.metaDirty) {
      this.meta.stats = structuredClone(this.stats)
      await this.writeMeta().catch((err: unknown) => errors.push(err))
    }
    if (errors.length > 0) {
      const first = this.trouble === null
      this.noteFailure(errors[0])
      if (first || this.trouble!.reportedDrops !== this.dropped.rows) {
        this.trouble!.reportedDrops = this.dropped.rows
        this.report('paused')
      }
    } else if (this.trouble) {
      this.report('resumed')
      const d = this.dropped
      if (d.rows > 0 && d.fromMs !== null && d.toMs !== null) {
        // The hole in the files is marked where it happened, like a device gap.
        const code = (this.trouble.error as NodeJS.ErrnoException).code ?? 'EIO'
        this.recordEvent(this.clock.now(), 'recording-dropped', {
          rows: d.rows,
          fromS: (d.fromMs - this.startMs) / 1000,
          toS: (d.toMs - this.startMs) / 1000,
          reason: code
        })
      }
      this.trouble = null
      this.dropped = { rows: 0, fromMs: null, toMs: null }
    }
  }

  private async writeMeta(): Promise<void> {
    this.metaDirty = false
    try {
      await writeMetaAtomic(this.dir, this.meta, this.fs)
    } catch (err) {
      this.metaDirty = true
      throw err
    }
  }
}

/**
 * Replace session.json atomically: readers see the old or the new file, never half of one. On a
 * write failure (disk full) the temp file is removed and the old session.json stays as it was.
 */
export async function writeMetaAtomic(
  dir: string,
  meta: SessionMeta,
  fs: SessionFs = nodeSessionFs
): Promise<void> {
  const tmp = join(dir, `${META_FILE}.tmp`)
  await writeWholeFile(fs, tmp, serializeSessionMeta(meta))
  await rename(tmp, join(dir, META_FILE))
}
