/**
 * The one parsing path for heart data: raw 0x2A37 notification bytes in, samples out.
 * The real BLE driver, the simulator, and replay all push bytes here, so whatever reaches the
 * signal code has been through the real decoder.
 *
 * Continuity: when the link drops (markLinkLost) or a packet is rejected as malformed, beats
 * were lost, so the RR chain must not be bridged. The next good packet emits a GapSample first
 * (from the last data we had to where the new data starts), then starts a new beat chain that
 * can never overlap beats already emitted. Order per packet: [gap], hr, [timeline gap], beats.
 */
import type { GapSample, HeartMeasurementSample, BeatSample } from '../dataSource'
import { BeatTimeline } from './beatTimeline'
import {
  decodeHeartRateMeasurement,
  MalformedPacketError,
  type HeartRateMeasurement
} from './heartRateMeasurement'

export type HeartStreamOutput = HeartMeasurementSample | BeatSample | GapSample

export class HeartRateStream {
  private readonly timeline = new BeatTimeline()
  private malformed = 0
  private lastError: string | null = null
  /** Newest time covered by emitted data (notification arrival or beat time). */
  private lastDataMs: number | null = null
  private pendingGap: { fromMs: number; reason: GapSample['reason'] } | null = null

  constructor(private readonly emit: (sample: HeartStreamOutput) => void) {}

  /** Decode one notification. Returns the decoded value, or null when it was dropped as malformed. */
  push(arrivalMs: number, bytes: Uint8Array): HeartRateMeasurement | null {
    let m: HeartRateMeasurement
    try {
      m = decodeHeartRateMeasurement(bytes)
    } catch (err) {
      if (!(err instanceof MalformedPacketError)) throw err
      this.malformed++
      this.lastError = err.message
      // The RRs it carried are lost: do not bridge them with the next packet's RRs.
      this.breakChain('malformed')
      return null
    }

    if (this.pendingGap) {
      const { fromMs, reason } = this.pendingGap
      this.pendingGap = null
      const totalRrMs = m.rrMs.reduce((a, b) => a + b, 0)
      const toMs = Math.max(fromMs, m.rrMs.length ? arrivalMs - totalRrMs : arrivalMs)
      // Beats of this and later packets must not start inside the gap.
      this.timeline.raiseFloor(toMs)
      this.emit({ type: 'gap', tMs: arrivalMs, channel: 'heart', fromMs, toMs, reason })
    }

    this.emit({
      type: 'hr',
      tMs: arrivalMs,
      hrBpm: m.hrBpm,
      contact: m.contact,
      energyKj: m.energyKj,
      rrMs: m.rrMs
    })
    const { beats, gap } = this.timeline.push(arrivalMs, m.rrMs)
    if (gap)
      this.emit({
        type: 'gap',
        tMs: arrivalMs,
        channel: 'heart',
        fromMs: gap.fromMs,
        toMs: gap.toMs,
        reason: 'link-lost'
      })
    for (const b of beats) this.emit({ type: 'beat', tMs: b.tMs, rrMs: b.rrMs, seq: b.seq })
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

  private breakChain(reason: GapSample['reason']): void {
    // Before any data there is nothing to bridge; a pending gap keeps its earlier start.
    if (this.lastDataMs === null) return
    if (!this.pendingGap) this.pendingGap = { fromMs: this.lastDataMs, reason }
    this.timeline.reset(this.lastDataMs)
  }
}
