/**
 * HRV over a rolling time window (default 60 s), updated on every beat in O(1) amortised time:
 * running sums over a deque of the beats in the window, monotonic deques for min/max RR and a
 * histogram of 50 ms bins for the stress index. `metrics()` scans the histogram's occupied bins,
 * at most (max − min RR)/50 ms + 1 of them (≤ 120 for any possible RR), so it is bounded too.
 *
 * The formulas are exactly those of {@link hrvMetrics}: over the same beats (and no gap) the two
 * agree to rounding error.
 */
import { hrBpmFromRrMs } from '../shared/perMinute'
import { baevskyStressIndex, hrvMetrics, PNN50_THRESHOLD_MS, stressIndexBin, type HrvMetrics } from './hrv'

export { hrvMetrics }

/** Default rolling window, ms: 60 s gives a usable lnRMSSD (Esco & Flatt 2014). */
export const DEFAULT_HRV_WINDOW_MS = 60_000
const RECOMPUTE_EVERY = 8192

/** A growable ring buffer with O(1) push-back, pop-front, pop-back and indexed reads. */
export class RrDeque<T> {
  private buf: (T | undefined)[]
  private head = 0
  private len = 0

  constructor(capacity = 64) {
    this.buf = new Array<T | undefined>(capacity)
  }

  get length(): number {
    return this.len
  }

  at(i: number): T {
    return this.buf[(this.head + i) % this.buf.length] as T
  }

  front(): T {
    return this.at(0)
  }

  back(): T {
    return this.at(this.len - 1)
  }

  pushBack(v: T): void {
    if (this.len === this.buf.length) {
      const bigger = new Array<T | undefined>(this.buf.length * 2)
      for (let i = 0; i < this.len; i++) bigger[i] = this.at(i)
      this.buf = bigger
      this.head = 0
    }
    this.buf[(this.head + this.len) % this.buf.length] = v
    this.len++
  }

  popFront(): T {
    const v = this.at(0)
    this.buf[this.head] = undefined
    this.head = (this.head + 1) % this.buf.length
    this.len--
    return v
  }

  popBack(): T {
    const v = this.back()
    this.buf[(this.head + this.len - 1) % this.buf.length] = undefined
    this.len--
    return v
  }

  clear(): void {
    this.buf = new Array<T | undefined>(this.buf.length)
    this.head = 0
    this.len = 0
  }
}

interface Beat {
  tMs: number
  rrMs: number
  seq: number
  /** Successive difference to the previous beat, counted in the sums; null across a gap or at the start. */
  diffMs: number | null
}

export class RollingHrv {
  readonly windowMs: number
  private readonly beats = new RrDeque<Beat>()
  private readonly minQ = new RrDeque<Beat>()
  private readonly maxQ = new RrDeque<Beat>()
  private readonly hist = new Map<number, number>()
  private seq = 0
  private afterGap = true
  // Sums are taken about an offset (the first RR seen) to keep the variance numerically stable.
  private offset = NaN
  private sum = 0
  private sumSq = 0
  private sumHr = 0
  private nDiff = 0
  private sumD = 0
  private sumD2 = 0
  private nn50 = 0
  private pushesSinceRecompute = 0

  constructor(opts: { windowMs?: number } = {}) {
    this.windowMs = opts.windowMs ?? DEFAULT_HRV_WINDOW_MS
    if (!(this.windowMs > 0)) throw new Error(`windowMs must be positive (got ${this.windowMs})`)
  }

  /** Beats currently in the window. */
  get size(): number {
    return this.beats.length
  }

  /** Adds the beat at time tMs (time of the beat that ends the interval rrMs). */
  push(tMs: number, rrMs: number): void {
    if (!(rrMs > 0) || !Number.isFinite(rrMs))
      throw new Error(`RR interval ${rrMs} ms: must be a positive number`)
    if (this.beats.length > 0 && tMs < this.beats.back().tMs) {
      throw new Error(`beat times must not go backwards (${tMs} < ${this.beats.back().tMs})`)
    }
    if (Number.isNaN(this.offset)) this.offset = rrMs
    let diffMs: number | null = null
    if (!this.afterGap && this.beats.length > 0) diffMs = rrMs - this.beats.back().rrMs
    this.afterGap = false
    const beat: Beat = { tMs, rrMs, seq: this.seq++, diffMs }
    this.beats.pushBack(beat)
    const x = rrMs - this.offset
    this.sum += x
    this.sumSq += x * x
    this.sumHr += hrBpmFromRrMs(rrMs)
    if (diffMs !== null) this.addDiff(diffMs, 1)
    const bin = stressIndexBin(rrMs)
    this.hist.set(bin, (this.hist.get(bin) ?? 0) + 1)
    while (this.minQ.length > 0 && this.minQ.back().rrMs >= rrMs) this.minQ.popBack()
    this.minQ.pushBack(beat)
    while (this.maxQ.length > 0 && this.maxQ.back().rrMs <= rrMs) this.maxQ.popBack()
    this.maxQ.pushBack(beat)
    this.evict(tMs - this.windowMs)
    if (++this.pushesSinceRecompute >= RECOMPUTE_EVERY) this.recompute()
  }

  /**
   * Rebuilds the running sums from the beats in the window, so floating-point drift from adding
   * and subtracting cannot build up over a long session (O(window) every 8192 beats: O(1) amortised).
   */
  private recompute(): void {
    this.pushesSinceRecompute = 0
    const n = this.beats.length
    if (n === 0) return
    this.offset = this.beats.front().rrMs
    this.sum = this.sumSq = this.sumHr = this.sumD = this.sumD2 = 0
    this.nDiff = this.nn50 = 0
    for (let i = 0; i < n; i++) {
      const b = this.beats.at(i)
      const x = b.rrMs - this.offset
      this.sum += x
      this.sumSq += x * x
      this.sumHr += hrBpmFromRrMs(b.rrMs)
      if (b.diffMs !== null) this.addDiff(b.diffMs, 1)
    }
  }

  /** A drop-out: the next beat gets no successive difference to the one before. */
  gap(): void {
    this.afterGap = true
  }

  reset(): void {
    this.beats.clear()
    this.minQ.clear()
    this.maxQ.clear()
    this.hist.clear()
    this.afterGap = true
    this.offset = NaN
    this.sum = this.sumSq = this.sumHr = this.sumD = this.sumD2 = 0
    this.nDiff = this.nn50 = 0
    this.pushesSinceRecompute = 0
  }

  /** Metrics over the window; null until it holds ≥ 3 beats and ≥ 2 successive differences. */
  metrics(): HrvMetrics | null {
    const n = this.beats.length
    if (n < 3 || this.nDiff < 2) return null
    const mean = this.sum / n
    const varRr = Math.max(0, (this.sumSq - n * mean * mean) / (n - 1))
    const m = this.nDiff
    const meanD = this.sumD / m
    const varD = Math.max(0, (this.sumD2 - m * meanD * meanD) / (m - 1))
    let modalBin = 0
    let modalCount = 0
    for (const [bin, count] of this.hist) {
      if (count > modalCount || (count === modalCount && bin < modalBin)) {
        modalBin = bin
        modalCount = count
      }
    }
    const rmssd = Math.sqrt(this.sumD2 / m)
    return {
      beats: n,
      meanRrMs: mean + this.offset,
      meanHrBpm: this.sumHr / n,
      sdnnMs: Math.sqrt(varRr),
      rmssdMs: rmssd,
      lnRmssd: Math.log(rmssd),
      pnn50Pct: (100 * this.nn50) / m,
      sd1Ms: Math.sqrt(varD / 2),
      sd2Ms: Math.sqrt(Math.max(0, 2 * varRr - varD / 2)),
      stressIndex: baevskyStressIndex(modalCount, modalBin, n, this.minQ.front().rrMs, this.maxQ.front().rrMs)
    }
  }

  private addDiff(d: number, sign: 1 | -1): void {
    this.nDiff += sign
    this.sumD += sign * d
    this.sumD2 += sign * d * d
    if (Math.abs(d) > PNN50_THRESHOLD_MS) this.nn50 += sign
  }

  /** Drops beats at or before `cutoffMs`, and the difference the new front beat had to them. */
  private evict(cutoffMs: number): void {
    while (this.beats.length > 0 && this.beats.front().tMs <= cutoffMs) {
      const old = this.beats.popFront()
      const x = old.rrMs - this.offset
      this.sum -= x
      this.sumSq -= x * x
      this.sumHr -= hrBpmFromRrMs(old.rrMs)
      if (old.diffMs !== null) this.addDiff(old.diffMs, -1)
      const bin = stressIndexBin(old.rrMs)
      const c = this.hist.get(bin)! - 1
      if (c === 0) this.hist.delete(bin)
      else this.hist.set(bin, c)
      if (this.minQ.front() === old) this.minQ.popFront()
      if (this.maxQ.front() === old) this.maxQ.popFront()
      if (this.beats.length > 0) {
        const front = this.beats.front()
        if (front.diffMs !== null) {
          this.addDiff(front.diffMs, -1)
          front.diffMs = null
        }
      }
    }
  }
}
