/**
 * Builds breathing.csv and ecg.csv records from a Polar H10's PMD data (devices/ble/pmdStream.ts
 * events, or raw frames from raw.log), so the live recorder and `replay` write the same rows.
 *
 * breathing.csv interleaves the 10 Hz chest waveform with breath events. An onset is only known
 * once the breath has turned (chestBreathing.ts), seconds after its time, so waveform rows are
 * held back `HOLD_MS` and events inserted among them in time order; an event older than that
 * (a very slow breath) is written at once and is then the one row out of order.
 */
import { decodePmdFrame } from '../devices/ble/pmdFrame'
import { PMD_ACC, PMD_ECG } from '../devices/ble/pmdProtocol'
import { PmdStream, type PmdEvent } from '../devices/ble/pmdStream'
import { ChestBreathing } from '../signal/chestBreathing'
import { breathingRecord, ecgRecord, type BreathingRow, type ChestTableName } from './tables'

export const HOLD_MS = 12_000
/** The H10's ACC rates; a rate inferred from timestamps snaps to the nearest. */
const ACC_RATES_HZ = [25, 50, 100, 200]
const ECG_RATE_HZ = 130

export class ChestTables {
  private readonly breathing = new ChestBreathing()
  private pending: BreathingRow[] = []
  private lastPointMs: number | null = null
  private stream: PmdStream | null = null
  private heldAcc: { arrivalMs: number; bytes: Uint8Array }[] = []
  rows = { breathing: 0, ecg: 0 }

  constructor(
    private readonly startMs: number,
    private readonly sink: (table: ChestTableName, record: string) => void
  ) {}

  /** A PMD stream event (samples or gap) from the live source. */
  event(e: PmdEvent): void {
    if (e.kind === 'gap') {
      if (e.measurement === 'acc') {
        this.breathing.markGap()
        this.insert({ tMs: e.fromMs, chestMg: null, event: 'gap', rateBpm: null })
      }
      return
    }
    if (e.measurement === 'ecg') {
      for (let i = 0; i < e.tMs.length; i++)
        this.write('ecg', ecgRecord(e.tMs[i]!, e.values[i]!, this.startMs))
      return
    }
    for (let i = 0; i < e.tMs.length; i++) {
      this.breathing.push(e.tMs[i]!, e.values[3 * i]!, e.values[3 * i + 1]!, e.values[3 * i + 2]!)
      const p = this.breathing.latest
      if (p && p.tMs !== this.lastPointMs) {
        this.lastPointMs = p.tMs
        this.pending.push({ tMs: p.tMs, chestMg: p.value, event: null, rateBpm: this.breathing.rateBpm })
      }
      for (const m of this.breathing.drainMarks()) {
        this.insert({ tMs: m.tMs, chestMg: null, event: m.kind, rateBpm: this.breathing.rateBpm })
      }
    }
    if (this.lastPointMs !== null) this.flushBefore(this.lastPointMs - HOLD_MS)
  }

  /**
   * A raw PMD frame as logged (replay). The ACC rate is not in the frames: it is inferred from
   * the first two frames' timestamps and sample counts; ECG on the H10 is always 130 Hz.
   */
  rawFrame(arrivalMs: number, bytes: Uint8Array): void {
    if (!this.stream) this.stream = new PmdStream((e) => this.event(e))
    if (bytes[0] === PMD_ECG && !this.configured.has('ecg')) {
      this.stream.configure('ecg', { sampleRateHz: ECG_RATE_HZ })
      this.configured.add('ecg')
    }
    if (bytes[0] === PMD_ACC && !this.configured.has('acc')) {
      this.heldAcc.push({ arrivalMs, bytes })
      const frames = this.heldAcc.map((h) => decodePmdFrame(h.bytes)).flatMap((r) => (r.ok ? [r.frame] : []))
      if (frames.length < 2 && this.heldAcc.length < 20) return
      let rate = 50
      if (frames.length >= 2) {
        const [a, b] = [frames[0]!, frames[1]!]
        const measured = b.sampleCount / (Number(b.timestampNs - a.timestampNs) / 1e9)
        rate = ACC_RATES_HZ.reduce((best, r) =>
          Math.abs(r - measured) < Math.abs(best - measured) ? r : best
        )
      }
      this.stream.configure('acc', { sampleRateHz: rate })
      this.configured.add('acc')
      for (const h of this.heldAcc) this.stream.push(h.arrivalMs, h.bytes)
      this.heldAcc = []
      return
    }
    this.stream.push(arrivalMs, bytes)
  }

  private readonly configured = new Set<string>()

  /** What the PMD stream dropped (replay reports it). */
  get quality(): PmdStream['quality'] | null {
    return this.stream?.quality ?? null
  }

  /** Write everything still held (end of session). */
  finish(): void {
    for (const m of this.breathing.drainMarks()) {
      this.insert({ tMs: m.tMs, chestMg: null, event: m.kind, rateBpm: this.breathing.rateBpm })
    }
    this.flushBefore(Infinity)
  }

  private insert(row: BreathingRow): void {
    if (this.pending.length === 0 || row.tMs < this.pending[0]!.tMs) {
      // Older than everything held: the rows before it are written already.
      this.writeBreathing(row)
      return
    }
    let i = this.pending.length
    while (i > 0 && this.pending[i - 1]!.tMs > row.tMs) i--
    this.pending.splice(i, 0, row)
  }

  private flushBefore(tMs: number): void {
    let n = 0
    while (n < this.pending.length && this.pending[n]!.tMs < tMs) this.writeBreathing(this.pending[n++]!)
    if (n > 0) this.pending = this.pending.slice(n)
  }

  private writeBreathing(row: BreathingRow): void {
    this.write('breathing', breathingRecord(row, this.startMs))
  }

  private write(table: ChestTableName, record: string): void {
    this.rows[table]++
    this.sink(table, record)
  }
}
