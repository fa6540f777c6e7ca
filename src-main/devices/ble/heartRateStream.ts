/**
 * The one parsing path for heart data: raw 0x2A37 notification bytes in, samples out.
 * The real BLE driver, the simulator, and replay all push bytes here, so whatever reaches the
 * signal code has been through the real decoder.
 */
import type { GapSample, HeartMeasurementSample, BeatSample } from '../dataSource'
import { BeatTimeline } from './beatTimeline'
import { decodeHeartRateMeasurement, MalformedPacketError, type HeartRateMeasurement } from './heartRateMeasurement'

export type HeartStreamOutput = HeartMeasurementSample | BeatSample | GapSample

export class HeartRateStream {
  private readonly timeline = new BeatTimeline()
  private malformed = 0
  private lastError: string | null = null

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
      return null
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
    if (gap) this.emit({ type: 'gap', tMs: arrivalMs, channel: 'heart', fromMs: gap.fromMs, toMs: gap.toMs, reason: 'link-lost' })
    for (const b of beats) this.emit({ type: 'beat', tMs: b.tMs, rrMs: b.rrMs, seq: b.seq })
    return m
  }

  /** Call when the link dropped: the next packet re-anchors the beat chain. */
  markLinkLost(): void {
    this.timeline.reset()
  }

  get malformedCount(): number {
    return this.malformed
  }

  get lastMalformedReason(): string | null {
    return this.lastError
  }
}
