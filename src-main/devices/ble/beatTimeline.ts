/**
 * Reconstructs beat times from RR intervals, which carry no timestamps and may arrive seconds
 * late (several per notification, or none). The RR sum is the truth for spacing; arrival time
 * bounds it: every beat of a notification happened no later than the notification arrived.
 *
 * Rules (the invariants the tests check):
 * - Spacing: beatTime[n] = beatTime[n-1] + rr[n] while the chain holds, so RR spacing is exact.
 * - Never in the future: no beat is placed later than its packet's arrival + BEAT_LEAD_TOLERANCE_MS.
 *   The tolerance absorbs the chain's own anchoring error (the first packet's newest beat is put at
 *   its arrival although it happened up to a second or more earlier, so later, fresher packets can
 *   find the chain slightly ahead); a chain further ahead than that is not jitter but RRs that do
 *   not fit the time that passed.
 * - Overrun: if a packet's RRs, added to the chain, would end more than the tolerance after its
 *   arrival (RR sums exceed the elapsed time: a duplicated or bogus RR), the chain is broken with a
 *   gap (reason 'rr-overrun') and re-anchored so the packet's newest beat lands at arrival.
 * - Unknown interval: a `null` in the RR list is an implausible RR (dropped by the caller). Its
 *   length is unknown, so the chain breaks there (gap 'rr-implausible') and what follows is
 *   re-anchored to arrival. RRs before it in the same packet continue the old chain; RRs between
 *   two such values cannot be placed at all and are dropped.
 * - Lag: if the chain falls more than `maxLagMs` behind arrival (beats were lost in a drop-out), it
 *   is re-anchored and a gap (reason 'link-lost') is reported instead of stretching RR.
 * - No overlap: a (re-)anchored chain never starts before the last beat already placed (nor before
 *   the end of a gap); RRs that do not fit between there and arrival (stale RRs a strap re-sends
 *   after a reconnect, more RR than time since the last beat) are dropped oldest first and counted
 *   in `unplacedRr`.
 * Beat times therefore strictly increase, and no beat interval spans a gap.
 *
 * Exactness: RR values are raw/1024 s = raw * 125/128 ms, dyadic fractions that epoch-ms doubles
 * hold exactly, so consecutive beat times differ by exactly rrMs (tested at epoch scale).
 */
import type { GapSample } from '../dataSource'

/** How far past its packet's arrival a beat may be placed (see the header). */
export const BEAT_LEAD_TOLERANCE_MS = 1500
/** How far behind arrival the chain may fall before beats count as lost (a gap is marked). */
export const BEAT_MAX_LAG_MS = 5000

export interface TimedBeat {
  tMs: number
  rrMs: number
  seq: number
}

export interface TimelineGap {
  fromMs: number
  toMs: number
  reason: GapSample['reason']
}

export type TimelineItem = ({ kind: 'beat' } & TimedBeat) | ({ kind: 'gap' } & TimelineGap)

export interface TimelineResult {
  /** Beats and chain breaks in the order they happened; a beat after a gap starts at or after it. */
  items: TimelineItem[]
  /** RRs that could not be placed without overlapping earlier beats (see the header). */
  unplacedRr: number
  /** Times this packet's RRs did not fit the elapsed time and the chain was re-anchored. */
  overruns: number
}

export class BeatTimeline {
  private lastBeatMs: number | null = null
  /** While unanchored, no new beat interval may start before this. */
  private floorMs = -Infinity
  /** A break waiting to be reported where the next chain starts. */
  private pending: { fromMs: number; reason: GapSample['reason'] } | null = null
  private seq = 0

  constructor(
    private readonly maxLagMs = BEAT_MAX_LAG_MS,
    private readonly leadToleranceMs = BEAT_LEAD_TOLERANCE_MS
  ) {}

  /**
   * Place one packet's RRs (ms, oldest first; `null` = an implausible interval of unknown length).
   * With no RR, a pending break is closed at arrival (later beats start after it).
   */
  push(arrivalMs: number, rrMs: readonly (number | null)[]): TimelineResult {
    const out: TimelineResult = { items: [], unplacedRr: 0, overruns: 0 }
    const runs: number[][] = [[]]
    for (const rr of rrMs) {
      if (rr === null) runs.push([])
      else runs[runs.length - 1]!.push(rr)
    }
    if (runs.length === 1) {
      this.place(arrivalMs, runs[0]!, out)
      return out
    }
    // Before the unknown interval: continues the chain if there is one; unanchored, its time is unknown.
    if (this.lastBeatMs !== null && this.pending === null) this.place(arrivalMs, runs[0]!, out)
    else out.unplacedRr += runs[0]!.length
    for (let i = 1; i < runs.length - 1; i++) out.unplacedRr += runs[i]!.length
    this.break(this.lastBeatMs, 'rr-implausible')
    this.place(arrivalMs, runs[runs.length - 1]!, out)
    return out
  }

  /**
   * The chain is broken (a drop-out, a malformed packet): the next RRs start a new chain, and the
   * gap from `fromMs` to where it starts is reported then. A pending break keeps its earlier start.
   * With `fromMs` null (nothing emitted yet) there is nothing to bridge and no gap is reported.
   */
  break(fromMs: number | null, reason: GapSample['reason']): void {
    this.floorMs = Math.max(this.floorMs, this.lastBeatMs ?? -Infinity, fromMs ?? -Infinity)
    this.lastBeatMs = null
    if (fromMs !== null && this.pending === null) this.pending = { fromMs, reason }
  }

  /** Time of the newest beat, or null before the first beat / right after a break. */
  get lastBeatTimeMs(): number | null {
    return this.lastBeatMs
  }

  private place(arrivalMs: number, run: number[], out: TimelineResult): void {
    if (run.length === 0) {
      if (this.pending) {
        const toMs = Math.max(this.pending.fromMs, arrivalMs)
        out.items.push({ kind: 'gap', fromMs: this.pending.fromMs, toMs, reason: this.pending.reason })
        this.pending = null
        this.floorMs = Math.max(this.floorMs, toMs)
      }
      return
    }
    const total = run.reduce((a, b) => a + b, 0)
    const last = this.lastBeatMs
    if (last !== null) {
      const endMs = last + total
      if (endMs - arrivalMs > this.leadToleranceMs) {
        out.overruns++
        this.break(last, 'rr-overrun')
      } else if (arrivalMs - endMs > this.maxLagMs) {
        this.break(last, 'link-lost')
      } else {
        this.emitBeats(last, run, out)
        return
      }
    }
    this.anchor(arrivalMs, run, out)
  }

  /**
   * A new chain whose newest beat lands at arrival, never starting before the floor. After a
   * drop-out the floor (the last data we had) may sit a little after `arrival - RR sum` because
   * the strap's RRs are not exactly wall time: then the chain starts at the floor, as long as its
   * newest beat stays within the lead tolerance. After an RR fault it starts strictly at arrival.
   */
  private anchor(arrivalMs: number, run: number[], out: TimelineResult): void {
    const rrFault = this.pending?.reason === 'rr-overrun' || this.pending?.reason === 'rr-implausible'
    const slackMs = rrFault ? 0 : this.leadToleranceMs
    let sumMs = run.reduce((a, b) => a + b, 0)
    let first = 0
    while (first < run.length && this.floorMs + sumMs > arrivalMs + slackMs) sumMs -= run[first++]!
    out.unplacedRr += first
    const kept = run.slice(first)
    if (kept.length === 0) {
      // Nothing placeable: stay unanchored; the pending break (if any) waits for the next RRs.
      return
    }
    const startMs = Math.max(this.floorMs, arrivalMs - sumMs)
    if (this.pending) {
      out.items.push({
        kind: 'gap',
        fromMs: this.pending.fromMs,
        toMs: Math.max(this.pending.fromMs, startMs),
        reason: this.pending.reason
      })
      this.pending = null
    }
    this.floorMs = -Infinity
    this.emitBeats(startMs, kept, out)
  }

  private emitBeats(startMs: number, run: readonly number[], out: TimelineResult): void {
    let t = startMs
    for (const rr of run) {
      t += rr
      out.items.push({ kind: 'beat', tMs: t, rrMs: rr, seq: this.seq++ })
    }
    this.lastBeatMs = t
  }
}
