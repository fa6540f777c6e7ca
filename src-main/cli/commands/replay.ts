/**
 * `replay <raw.log> --out <dir> [--realtime] [--start <ISO time>] [--json]`: runs a raw capture
 * through the whole headless app - the real parsers (0x2A37 via HeartRateStream, balance-board
 * reports via the WBB protocol/decoder), the app core with every feature (check-in pipeline:
 * RR cleaning, rolling HRV, arousal; the session recorder) - on a virtual clock, as fast as it
 * can, and writes the session folder the app would have written under `<dir>`.
 *
 * Balance-board reports need the board's calibration block, which the app reads when it connects:
 * it is taken from the read replies (0x21 at 0x0024/0x0034) in the log. Without it, `wbb` lines
 * are counted as skipped. The board's tare is not in the bytes: raw.log records it in `# state`
 * lines (session/rawLog.ts), applied from their time on, so replayed loads equal the recorded
 * ones. A log written before those lines existed replays untared, and the output says so.
 *
 * `pmd` lines (Polar H10 chest data) go through PmdStream and the breathing estimator
 * (session/chestTables.ts) and become breathing.csv / ecg.csv in the new session folder. The
 * replayed session's own raw.log does not repeat them (the recorder does not capture PMD yet).
 */
import { readFile, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { tmpdir } from 'node:os'
import { mkdtemp, rm } from 'node:fs/promises'
import { ManualClock } from '../../devices/clock'
import type { DeviceInfo, HeartDataQuality, RawListener, Unsubscribe } from '../../devices/dataSource'
import { ReplaySource } from '../../devices/replay/replaySource'
import { parseCalibration, type Calibration } from '../../devices/wbb/calibration'
import { balanceSample, decodeBalance, strictlyAfter } from '../../devices/wbb/decoder'
import { parseInputReport, WbbMalformedError } from '../../devices/wbb/protocol'
import { createAppCore } from '../../core/appCore'
import { SettingsService, type SettingsKV } from '../../settings/openSettingsStore'
import { DEFAULT_SETTINGS } from '../../shared/settings'
import { readRawLog, type RawPacket, type RawState, type TareKg } from '../../session/rawLog'
import { ChestTables } from '../../session/chestTables'
import { csvHeader } from '../../session/csv'
import { CHEST_TABLES, type ChestTableName } from '../../session/tables'
import { writeFile } from 'node:fs/promises'
import { parseSessionMeta } from '../../session/sessionMeta'
import { META_FILE } from '../../session/tables'
import { parseArgs, type CliIo } from '../io'
import { fileWritesSettled } from '../fileWritesSettled'

export const summary = 'Replay a raw.log through parsers, signal and recorder into a session folder'

const HELP = `Usage: npm run cli -- replay <raw.log> --out <dir> [--realtime] [--start <ISO time>] [--json]
  <raw.log>   a raw capture (lines "<t_ms> <hr|wbb|pmd> <hex>", as Limbic writes with raw capture on)
  --out       sessions folder to write into; the new session is <dir>/<id>/
  --realtime  pace the replay at the speed it was recorded (default: as fast as possible)
  --start     session start time (default: startUtc of the session.json next to the log, else now)
  --json      print one JSON object instead of text`

export const REPLAY_DEVICE: DeviceInfo = {
  id: 'raw-log',
  kind: 'replay',
  name: 'Raw log replay',
  rssi: null,
  channels: ['heart', 'balance'],
  simulated: false
}

/** Calibration block assembly from read replies (24 bytes at 0xA40024, sent as 16 + 8). */
const CAL_ADDRESS_LOW = 0x0024

/**
 * A DataSource fed with logged bytes: heart notifications through HeartRateStream (the path every
 * strap's bytes take, via ReplaySource), board reports through the WBB protocol parser and decoder.
 */
export class RawLogSource extends ReplaySource {
  private readonly raws = new Set<RawListener>()
  private calBytes = new Uint8Array(24)
  private calHave = new Set<number>()
  private calibration: Calibration | null = null
  private lastBalanceMs: number | null = null
  /** The board's tare from the log's `# state` lines (kg, TR BR TL BL); zero until one is read. */
  tareKg: TareKg = [0, 0, 0, 0]
  private front: boolean | null = null
  wbbMalformed = 0
  wbbWithoutCalibration = 0

  constructor(clock: ManualClock) {
    super(clock, REPLAY_DEVICE)
  }

  override async dispose(): Promise<void> {
    await super.dispose()
    this.raws.clear()
  }
  protected override get malformedCount(): number {
    return this.heart.malformedCount + this.wbbMalformed
  }
  get hrMalformed(): number {
    return this.heart.malformedCount
  }
  /** What the heart stream flagged (duplicates, implausible values...): see devices/ble/README.md. */
  get heartQuality(): HeartDataQuality {
    return this.heart.qualityCounts
  }
  onRaw(listener: RawListener): Unsubscribe {
    this.raws.add(listener)
    return () => this.raws.delete(listener)
  }

  /** Chest data (`pmd` lines), set by the replay when the log has any. */
  chest: ChestTables | null = null

  /** Feed one logged packet at clock time `tMs` (epoch). Returns false when it was dropped. */
  feed(tMs: number, packet: RawPacket): boolean {
    if (packet.device === 'pmd') {
      this.chest?.rawFrame(tMs, packet.bytes)
      return this.chest !== null
    }
    for (const raw of this.raws) raw(tMs, packet.device, packet.bytes)
    if (packet.device === 'hr') return this.heart.push(tMs, packet.bytes) !== null
    return this.wbb(tMs, packet.bytes)
  }

  private wbb(now: number, bytes: Uint8Array): boolean {
    let report
    try {
      report = parseInputReport(bytes)
    } catch (err) {
      if (!(err instanceof WbbMalformedError)) throw err
      this.wbbMalformed++
      return false
    }
    if (report.kind === 'read') {
      const off = report.addressLow - CAL_ADDRESS_LOW
      if (report.error === 0 && off >= 0 && off < 24) {
        this.calBytes.set(report.data.subarray(0, 24 - off), off)
        for (let i = 0; i < Math.min(report.data.length, 24 - off); i++) this.calHave.add(off + i)
        if (this.calHave.size === 24) {
          try {
            this.calibration = parseCalibration(this.calBytes)
          } catch {
            this.calibration = null
          }
        }
      }
      return true
    }
    if (report.buttons && report.buttons.front !== this.front) {
      const first = this.front === null
      this.front = report.buttons.front
      if (!first)
        this.samples.emit({ type: 'button', tMs: now, button: 'front', pressed: report.buttons.front })
    }
    if (report.kind !== 'board') return true
    if (!this.calibration) {
      this.wbbWithoutCalibration++
      return false
    }
    const tMs = strictlyAfter(this.lastBalanceMs, now)
    this.lastBalanceMs = tMs
    this.samples.emit(balanceSample(tMs, decodeBalance(report.raw, this.calibration, this.tareKg)))
    return true
  }
}

/** The log held no readable packet: nothing is replayed and no session is written. */
export class NoPacketsError extends Error {
  constructor(
    logPath: string,
    skipped: readonly { line: number; reason: string }[],
    skippedCount = skipped.length
  ) {
    const why =
      skippedCount === 0
        ? 'it has no packet lines'
        : `all ${skippedCount} line(s) are unreadable (first: line ${skipped[0]!.line}: ${skipped[0]!.reason})`
    super(`${logPath}: no packet to replay - ${why}; no session written`)
    this.name = 'NoPacketsError'
  }
}

/**
 * Backpressure. The log is read as a stream (1 MiB at a time); every PACKETS_PER_SETTLE packets
 * the replay waits until the recorder's writes have landed, so the rows not yet on disk stay below
 * about twice that many packets' worth and memory is flat whatever the log's length (peak RSS
 * about 150 MiB for a 2-hour or a 4-hour log with 100 Hz board data; `npm run bench -- replay`).
 * In between it yields every PACKETS_PER_YIELD packets, so the writes proceed while it parses
 * (waiting at every yield would serialise parsing and disk and halve the speed).
 */
export const PACKETS_PER_SETTLE = 10_000
const PACKETS_PER_YIELD = 500
/** Unreadable lines kept in the result (the rest are counted in `skippedCount`). */
const MAX_SKIPPED_KEPT = 1_000

function memoryKv(): SettingsKV {
  const store = structuredClone(DEFAULT_SETTINGS) as unknown as Record<string, unknown>
  return { store, set: (k, v) => void (store[k] = v), path: '(memory)' }
}

export interface ReplayResult {
  sessionId: string
  dir: string
  packets: number
  hrPackets: number
  wbbPackets: number
  /** Polar PMD frames (chest accelerometer / ECG) and the rows they gave. */
  pmdPackets: number
  chestRows: { breathing: number; ecg: number }
  /** The first unreadable lines (at most 1,000). */
  skipped: { line: number; reason: string }[]
  skippedCount: number
  wbbWithoutCalibration: number
  /** `# state` tare lines applied; 0 for a log written before they existed (replayed untared). */
  tareLines: number
  malformed: number
  heartQuality: HeartDataQuality
  recordedS: number
  wallS: number
  speedup: number
}

/** The replay itself (the CLI wraps it): returns what it did. */
export async function replayRawLog(
  logPath: string,
  outDir: string,
  options: {
    realtime?: boolean
    startMs?: number
    appVersion?: string
    /** Called after each wait for the recorder's writes, with the packets fed so far. */
    onSettled?: (packets: number) => void
  } = {}
): Promise<ReplayResult> {
  await stat(logPath)
  const skipped: { line: number; reason: string }[] = []
  let skippedCount = 0
  const skip = (line: number, reason: string): void => {
    if (skippedCount++ < MAX_SKIPPED_KEPT) skipped.push({ line, reason })
  }
  // Read the first packet before anything is created: a log with none must not become a session.
  let source: RawLogSource | null = null
  let pendingTare: TareKg | null = null
  let tareLines = 0
  const onState = (s: RawState): void => {
    tareLines++
    if (source) source.tareKg = s.tareKg
    else pendingTare = s.tareKg
  }
  const packetsIn = readRawLog(logPath, skip, onState)
  const first = await packetsIn.next()
  if (first.done) throw new NoPacketsError(logPath, skipped, skippedCount)
  let startMs = options.startMs
  if (startMs === undefined) {
    const meta = await readFile(join(dirname(logPath), META_FILE), 'utf8').catch(() => null)
    const parsed = meta ? parseSessionMeta(meta) : null
    startMs = parsed?.ok ? parsed.meta.startMs : Date.now()
  }
  const clock = new ManualClock(startMs)
  const userDataDir = await mkdtemp(join(tmpdir(), 'limbic-replay-'))
  const settings = new SettingsService(memoryKv())
  settings.update({
    recording: { sessionsDir: resolve(outDir), rawCapture: true },
    devices: { simulatorFallback: false }
  })
  source = new RawLogSource(clock)
  if (pendingTare) source.tareKg = pendingTare
  const core = createAppCore({
    clock,
    settings,
    emit: () => undefined,
    appVersion: options.appVersion ?? process.env.npm_package_version ?? '0.1.0',
    platform: process.platform,
    shell: 'harness',
    providers: [{ name: 'raw-log', create: async () => source }],
    launchScanMs: 0,
    userDataDir
  })
  const wallStart = performance.now()
  let packets = 0
  let hrPackets = 0
  let wbbPackets = 0
  let pmdPackets = 0
  const chestRecords: Record<ChestTableName, string[]> = { breathing: [], ecg: [] }
  source.chest = new ChestTables(startMs, (table, record) => chestRecords[table].push(record))
  let lastT = 0
  let sessionId = ''
  try {
    await core.start()
    await core.devices.connect(REPLAY_DEVICE.id)
    sessionId = (await core.handlers['session:start']()).id
    for (let next: IteratorResult<RawPacket> = first; !next.done; next = await packetsIn.next()) {
      const p = next.value
      const target = startMs + p.tMs
      if (options.realtime) {
        const due = wallStart + p.tMs
        const wait = due - performance.now()
        if (wait > 1) await new Promise((r) => setTimeout(r, wait))
      }
      if (target > clock.now()) clock.advance(target - clock.now())
      source.feed(Math.max(target, clock.now()), p)
      packets++
      if (p.device === 'hr') hrPackets++
      else if (p.device === 'pmd') pmdPackets++
      else wbbPackets++
      lastT = Math.max(lastT, p.tMs)
      // The recorder flushes on the virtual clock, which runs far ahead of the disk: wait for its
      // writes now and then, or its buffers grow with the log.
      if (packets % PACKETS_PER_SETTLE === 0) {
        await fileWritesSettled()
        options.onSettled?.(packets)
      } else if (packets % PACKETS_PER_YIELD === 0) await new Promise((r) => setImmediate(r))
    }
    // Let the last beats be judged and the last metrics tick run, as the app would, then end.
    clock.advance(1000)
    await core.handlers['session:end']()
    source.chest.finish()
    for (const table of ['breathing', 'ecg'] as const) {
      if (chestRecords[table].length === 0) continue
      const { file, columns } = CHEST_TABLES[table]
      const text = csvHeader(columns) + chestRecords[table].join('')
      await writeFile(join(resolve(outDir), sessionId, file), text)
    }
  } finally {
    await packetsIn.return(undefined)
    await core.dispose()
    await rm(userDataDir, { recursive: true, force: true })
  }
  const wallS = (performance.now() - wallStart) / 1000
  const recordedS = lastT / 1000
  return {
    sessionId,
    dir: join(resolve(outDir), sessionId),
    packets,
    hrPackets,
    wbbPackets,
    pmdPackets,
    chestRows: { ...source.chest.rows },
    skipped,
    skippedCount,
    wbbWithoutCalibration: source.wbbWithoutCalibration,
    tareLines,
    malformed: source.hrMalformed + source.wbbMalformed,
    heartQuality: source.heartQuality,
    recordedS,
    wallS,
    speedup: wallS > 0 ? recordedS / wallS : Infinity
  }
}

export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.length === 0) {
    io.out(HELP)
    return args.length === 0 ? 2 : 0
  }
  const { values, flags, positionals } = parseArgs(args, {
    values: ['out', 'start'],
    flags: ['realtime', 'json']
  })
  if (positionals.length !== 1) throw new Error('give exactly one raw.log (see --help)')
  if (!values.out) throw new Error('--out <dir> is required (the sessions folder to write into)')
  let startMs: number | undefined
  if (values.start !== undefined) {
    startMs = Date.parse(values.start)
    if (!Number.isFinite(startMs)) throw new Error(`--start must be an ISO time, got "${values.start}"`)
  }
  const r = await replayRawLog(positionals[0]!, values.out, { realtime: flags.has('realtime'), startMs })
  if (flags.has('json')) {
    io.out(JSON.stringify(r))
    return 0
  }
  io.out(`session ${r.sessionId} written to ${r.dir}`)
  io.out(
    `${r.packets} packets (${r.hrPackets} hr, ${r.wbbPackets} wbb, ${r.pmdPackets} pmd), ${r.recordedS.toFixed(1)} s recorded, ` +
      `replayed in ${r.wallS.toFixed(2)} s: ${r.speedup.toFixed(1)}x real time`
  )
  if (r.malformed > 0) io.out(`${r.malformed} malformed packets dropped (counted, never half-decoded)`)
  const flagged = Object.entries(r.heartQuality).filter(([, n]) => n > 0)
  if (flagged.length > 0)
    io.out(
      `heart data flagged (see devices/ble/README.md): ${flagged.map(([k, n]) => `${k} ${n}`).join(', ')}`
    )
  if (r.wbbPackets > 0)
    io.out(
      r.tareLines > 0
        ? `board tare: applied from ${r.tareLines} tare line(s) in the log`
        : 'board tare: none in the log (written before tare capture): balance loads are replayed untared'
    )
  if (r.wbbWithoutCalibration > 0)
    io.out(
      `${r.wbbWithoutCalibration} wbb data reports skipped: no calibration block in the log ` +
        `(it is read when the board connects; start raw capture before connecting the board)`
    )
  for (const s of r.skipped.slice(0, 20)) io.err(`line ${s.line}: ${s.reason}`)
  if (r.skippedCount > 20) io.err(`... and ${r.skippedCount - 20} more unreadable lines`)
  return 0
}
