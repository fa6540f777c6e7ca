/**
 * One beats.csv row per beat, in order, whether or not a cleaner judges the beats.
 *
 * Two streams describe the same beats: the raw BeatSamples from the source, and (maybe) cleaned
 * rows from the signal core (`rr_clean_ms`, `artifact`), which may lag a few beats behind because
 * a cleaner needs the next beats to judge one. The merger:
 * - while no cleaner has spoken recently, writes raw beats at once (nothing waits);
 * - while a cleaner is active, holds raw beats up to `holdMs` (beat time) for their cleaned row;
 *   a beat whose cleaned row never comes is written raw when it expires;
 * - a cleaned row replaces its held raw beat (same beat time); raw beats held before it are written
 *   first, so rows stay in time order;
 * - a cleaned row for a beat already written (it came too late) is counted and dropped; one that
 *   belongs after the last written beat (e.g. a cleaner-inserted beat) is written as its own row;
 * - a raw beat at or before the last written time was already covered by a cleaned row (a cleaner
 *   that ran before this listener in the same dispatch) and is dropped.
 */
import { hrBpmOrNull } from '../shared/perMinute'
import type { BeatRow } from './tables'

export interface BeatMergerOptions {
  write(row: BeatRow): void
  /**
   * How long (ms) a raw beat waits for its cleaned row while a cleaner is active. Default 8 s: the
   * streaming cleaner judges a beat when the 5th beat after it arrives (7.5 s at 40 bpm).
   */
  holdMs?: number
  /** The cleaner counts as active this long (ms) after its last row. */
  activeForMs?: number
}

const SAME_BEAT_MS = 0.5

export class BeatMerger {
  private readonly held: BeatRow[] = []
  /** Clock time each held beat arrived (same order as `held`). */
  private readonly heldAt: number[] = []
  private lastWrittenTMs = -Infinity
  private lastCleanAtMs = -Infinity
  private readonly holdMs: number
  private readonly activeForMs: number
  /** Cleaned rows that arrived after their beat had been written raw. */
  lateCleanRows = 0

  constructor(private readonly opts: BeatMergerOptions) {
    this.holdMs = opts.holdMs ?? 8000
    this.activeForMs = opts.activeForMs ?? 15_000
  }

  /** A raw beat from the source; `nowMs` is the clock time it arrived. */
  raw(tMs: number, rrMs: number, nowMs: number): void {
    if (tMs <= this.lastWrittenTMs + SAME_BEAT_MS) return
    const row: BeatRow = {
      tMs,
      rrMs,
      rrCleanMs: null,
      artifact: null,
      hrBpm: hrBpmOrNull(rrMs)
    }
    if (nowMs - this.lastCleanAtMs > this.activeForMs && this.held.length === 0) {
      this.emit(row)
      return
    }
    this.held.push(row)
    this.heldAt.push(nowMs)
    this.expire(tMs - this.holdMs)
  }

  /** A cleaned row from the signal core. */
  clean(row: BeatRow, nowMs: number): void {
    this.lastCleanAtMs = nowMs
    const i = this.held.findIndex((h) => Math.abs(h.tMs - row.tMs) <= SAME_BEAT_MS)
    if (i >= 0) {
      this.heldAt.splice(0, i + 1)
      for (const before of this.held.splice(0, i + 1).slice(0, i)) this.emit(before)
      this.emit(row)
      return
    }
    if (row.tMs <= this.lastWrittenTMs + SAME_BEAT_MS) {
      this.lateCleanRows++
      return
    }
    // A beat the raw stream has not delivered (yet): write held beats before it, then it.
    while (this.held.length > 0 && this.held[0]!.tMs < row.tMs) this.emitHeld()
    this.emit(row)
  }

  /** Time passed (call from a timer): write raw beats that waited long enough. */
  tick(nowMs: number): void {
    if (nowMs - this.lastCleanAtMs > this.activeForMs) {
      this.expire(Infinity)
      return
    }
    while (this.held.length > 0 && nowMs - this.heldAt[0]! >= this.holdMs) this.emitHeld()
  }

  /** Write everything held (session end). */
  flushAll(): void {
    this.expire(Infinity)
  }

  get heldCount(): number {
    return this.held.length
  }

  private expire(beforeTMs: number): void {
    while (this.held.length > 0 && this.held[0]!.tMs <= beforeTMs) this.emitHeld()
  }

  private emitHeld(): void {
    this.heldAt.shift()
    this.emit(this.held.shift()!)
  }

  private emit(row: BeatRow): void {
    this.lastWrittenTMs = row.tMs
    this.opts.write(row)
  }
}
