/**
 * Reconstructs beat times from RR intervals, which carry no timestamps and may arrive seconds
 * late (several per notification, or none). The RR sum is the truth for spacing; arrival time
 * only anchors it: the last beat of a notification happened no later than its arrival.
 *
 * Rule: beatTime[n] = beatTime[n-1] + rr[n], so RR spacing is kept exactly and times only move
 * forward. The first packet anchors the chain so its newest beat lands at arrival. If the chain
 * runs more than `maxLeadMs` ahead of arrival (a strap cannot report a future beat), it is pulled
 * back as far as monotonic time allows; if it lags more than `maxLagMs` behind (beats were lost
 * in a drop-out), it is re-anchored to arrival and a gap is reported instead of stretching RR.
 *
 * Exactness: RR values are raw/1024 s = raw * 125/128 ms, dyadic fractions that epoch-ms doubles
 * hold exactly, so consecutive beat times differ by exactly rrMs (tested at epoch scale).
 */
export interface TimedBeat {
  tMs: number
  rrMs: number
  seq: number
}

export interface TimelineResult {
  beats: TimedBeat[]
  /** Set when the chain was re-anchored because beats were missing (a drop-out). */
  gap: { fromMs: number; toMs: number } | null
}

export class BeatTimeline {
  private lastBeatMs: number | null = null
  /** While unanchored (after reset), no new beat interval may start before this. */
  private floorMs = -Infinity
  private seq = 0

  /**
   * @param maxLagMs how far behind arrival the chain may fall before we call it a gap.
   * @param maxLeadMs how far ahead of arrival the chain may run before it is pulled back.
   */
  constructor(
    private readonly maxLagMs = 5000,
    private readonly maxLeadMs = 1500
  ) {}

  push(arrivalMs: number, rrMs: readonly number[]): TimelineResult {
    if (rrMs.length === 0) return { beats: [], gap: null }
    const total = rrMs.reduce((a, b) => a + b, 0)
    let gap: TimelineResult['gap'] = null
    let start: number
    if (this.lastBeatMs === null) {
      start = Math.max(this.floorMs, arrivalMs - total)
    } else {
      const projectedEnd = this.lastBeatMs + total
      if (projectedEnd - arrivalMs > this.maxLeadMs) {
        start = Math.max(this.lastBeatMs, arrivalMs - total)
      } else if (arrivalMs - projectedEnd > this.maxLagMs) {
        gap = { fromMs: this.lastBeatMs, toMs: arrivalMs - total }
        start = arrivalMs - total
      } else {
        start = this.lastBeatMs
      }
    }
    const beats: TimedBeat[] = []
    let t = start
    for (const rr of rrMs) {
      t += rr
      beats.push({ tMs: t, rrMs: rr, seq: this.seq++ })
    }
    this.lastBeatMs = t
    return { beats, gap }
  }

  /**
   * After a drop-out: the next packet starts a new chain (the gap is marked by the caller).
   * The new chain never starts before the last beat we had (RRs buffered by the strap during the
   * drop-out must not land on top of beats already emitted), nor before `floorMs`.
   */
  reset(floorMs = -Infinity): void {
    this.floorMs = Math.max(floorMs, this.lastBeatMs ?? -Infinity)
    this.lastBeatMs = null
  }

  /** While unanchored, push the earliest allowed start later (e.g. to the end of a marked gap). */
  raiseFloor(ms: number): void {
    if (this.lastBeatMs === null) this.floorMs = Math.max(this.floorMs, ms)
  }

  /** Time of the newest beat, or null before the first beat / right after a reset. */
  get lastBeatTimeMs(): number | null {
    return this.lastBeatMs
  }
}
