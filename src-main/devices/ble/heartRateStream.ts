/**
 * The one parsing path for heart data: raw 0x2A37 notification bytes in, samples out.
 * The real BLE driver, the simulator, and replay all push bytes here, so whatever reaches the
 * signal code has been through the real decoder and the plausibility rules.
 *
 * Per notification, in this order:
 * 1. Out of order (stamped before the last accepted notification) or a duplicate (byte-identical to
 *    it and arriving sooner than half the time its content spans): counted, dropped whole. A strap
 *    notifies about once a second with the RRs of the beats since, so a copy arriving sooner than
 *    half its RR sum cannot be a new notification (identical RRs to 1/1024 s are rare anyway).
 * 2. Malformed: counted, dropped whole, and the chain breaks (the RRs it carried are lost).
 * 3. HR outside HR_PLAUSIBLE_MIN_BPM..MAX (HR 0 included): counted; the sample says hrBpm null.
 *    RR = 0: counted and dropped on its own. An RR outside the plausible range: counted, dropped,
 *    and the beat chain breaks there (beatTimeline.ts re-anchors it with a marked gap).
 * Continuity: when the link drops (markLinkLost) or a packet is malformed, beats were lost, so the
 * chain is not bridged: the next good packet emits a GapSample first (from the last data we had to
 * where the new chain starts). Order per packet: [gap], hr, then beats and chain breaks as they fall.
 */
import type { GapSample, HeartDataQuality, HeartMeasurementSample, BeatSample } from '../dataSource'
import { BeatTimeline } from './beatTimeline'
import {
  decodeHeartRateMeasurement,
  MalformedPacketError,
  type HeartRateMeasurement
} from './heartRateMeasurement'
import { isPlausibleHrBpm, isPlausibleRrMs } from '../../shared/plausibility'

export type HeartStreamOutput = HeartMeasurementSample | BeatSample | GapSample

/** A strap notifies about once a second; a packet without RR spans that much. */
export const NOMINAL_NOTIFY_INTERVAL_MS = 1000

export class HeartRateStream {
  private readonly timeline = new BeatTimeline()
  private malformed = 0
  private readonly quality: HeartDataQuality = {
    duplicates: 0,
    outOfOrder: 0,
    hrOutOfRange: 0,
    rrZero: 0,
    rrImplausible: 0,
    rrOverruns: 0,
    rrUnplaced: 0
  }
  private lastError: string | null = null
  private lastDropped: string | null = null
  /** Newest time covered by emitted data (notification arrival or beat time). */
  private lastDataMs: number | null = null
  /**
   * The last notification accepted (decoded, not a duplicate). Duplicates are compared with it, not
   * with each other, so a fast stream of identical packets is thinned, never starved.
   */
  private previous: { arrivalMs: number; bytes: Uint8Array } | null = null

  constructor(private readonly emit: (sample: HeartStreamOutput) => void) {}

  /**
   * Decode one notification. Returns the decoded value, or null when it was dropped whole
   * (malformed, duplicate or out of order; `lastDropReason` says which).
   */
  push(arrivalMs: number, bytes: Uint8Array): HeartRateMeasurement | null {
    const previous = this.previous
    if (previous && arrivalMs < previous.arrivalMs) {
      this.quality.outOfOrder++
      this.lastDropped = `out of order: stamped ${previous.arrivalMs - arrivalMs} ms before the previous notification`
      return null
    }

    let m: HeartRateMeasurement
    try {
      m = decodeHeartRateMeasurement(bytes)
    } catch (err) {
      if (!(err instanceof MalformedPacketError)) throw err
      this.malformed++
      this.lastError = err.message
      this.lastDropped = `malformed: ${err.message}`
      // The RRs it carried are lost: do not bridge them with the next packet's RRs.
      this.breakChain('malformed')
      return null
    }

    if (previous && sameBytes(previous.bytes, bytes)) {
      const spanMs = m.rrMs.length > 0 ? m.rrMs.reduce((a, b) => a + b, 0) : NOMINAL_NOTIFY_INTERVAL_MS
      if (arrivalMs - previous.arrivalMs < spanMs / 2) {
        this.quality.duplicates++
        this.lastDropped = `duplicate: same bytes ${arrivalMs - previous.arrivalMs} ms after the previous notification`
        return null
      }
    }
    this.previous = { arrivalMs, bytes }

    const hrBpm = isPlausibleHrBpm(m.hrBpm) ? m.hrBpm : null
    if (hrBpm === null) this.quality.hrOutOfRange++
    const rr: (number | null)[] = []
    for (const rrMs of m.rrMs) {
      if (rrMs === 0) this.quality.rrZero++
      else if (isPlausibleRrMs(rrMs)) rr.push(rrMs)
      else {
        this.quality.rrImplausible++
        rr.push(null)
      }
    }

    const placed = this.timeline.push(arrivalMs, rr)
    this.quality.rrOverruns += placed.overruns
    this.quality.rrUnplaced += placed.unplacedRr
    let i = 0
    // A break that precedes every beat of this packet (a drop-out before it) comes before its HR.
    for (; i < placed.items.length && placed.items[i]!.kind === 'gap'; i++)
      this.emitItem(arrivalMs, i, placed)
    this.emit({
      type: 'hr',
      tMs: arrivalMs,
      hrBpm,
      contact: m.contact,
      energyKj: m.energyKj,
      rrMs: rr.filter((x): x is number => x !== null)
    })
    for (; i < placed.items.length; i++) this.emitItem(arrivalMs, i, placed)
    this.lastDataMs = Math.max(
      this.lastDataMs ?? -Infinity,
      arrivalMs,
      this.timeline.lastBeatTimeMs ?? -Infinity
    )
    return m
  }

  /** Call when the link dropped: the next packet re-anchors the beat chain and marks the gap. */
  markLinkLost(): void {
    this.breakChain('link-lost')
  }

  get malformedCount(): number {
    return this.malformed
  }

  get lastMalformedReason(): string | null {
    return this.lastError
  }

  /** Why the last notification dropped whole was dropped (malformed, duplicate, out of order). */
  get lastDropReason(): string | null {
    return this.lastDropped
  }

  /** A copy of the counts of flagged data (see HeartDataQuality). */
  get qualityCounts(): HeartDataQuality {
    return { ...this.quality }
  }

  private emitItem(arrivalMs: number, i: number, placed: ReturnType<BeatTimeline['push']>): void {
    const item = placed.items[i]!
    if (item.kind === 'beat') this.emit({ type: 'beat', tMs: item.tMs, rrMs: item.rrMs, seq: item.seq })
    else
      this.emit({
        type: 'gap',
        tMs: arrivalMs,
        channel: 'heart',
        fromMs: item.fromMs,
        toMs: item.toMs,
        reason: item.reason
      })
  }

  private breakChain(reason: GapSample['reason']): void {
    // Before any data there is nothing to bridge; a pending gap keeps its earlier start.
    this.timeline.break(this.lastDataMs, reason)
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
