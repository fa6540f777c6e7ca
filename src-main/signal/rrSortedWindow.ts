/**
 * A multiset of numbers kept sorted, for sliding-window medians and quartiles. Insert and remove
 * are a binary search plus a shift of at most `capacity` elements, so for the short fixed windows
 * the RR cleaner uses (11 and 91 beats) each update is bounded by a small constant.
 */
export class SortedWindow {
  private buf: Float64Array
  private n = 0

  constructor(capacity = 128) {
    this.buf = new Float64Array(Math.max(4, capacity))
  }

  get size(): number {
    return this.n
  }

  clear(): void {
    this.n = 0
  }

  /** Index of the first element >= v. */
  private lowerBound(v: number): number {
    let lo = 0
    let hi = this.n
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.buf[mid]! < v) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  insert(v: number): void {
    if (this.n === this.buf.length) {
      const bigger = new Float64Array(this.buf.length * 2)
      bigger.set(this.buf)
      this.buf = bigger
    }
    const at = this.lowerBound(v)
    this.buf.copyWithin(at + 1, at, this.n)
    this.buf[at] = v
    this.n++
  }

  /** Removes one element equal to v; throws if there is none (a bookkeeping bug). */
  remove(v: number): void {
    const at = this.lowerBound(v)
    if (at >= this.n || this.buf[at] !== v) throw new Error(`SortedWindow.remove: ${v} not present`)
    this.buf.copyWithin(at, at + 1, this.n)
    this.n--
  }

  /**
   * Replaces one element equal to `oldV` by `newV`, shifting only the elements ranked between
   * the two (a sliding window's usual step: cheaper than remove + insert).
   */
  replace(oldV: number, newV: number): void {
    const buf = this.buf
    const n = this.n
    const at = this.lowerBound(oldV)
    if (at >= n || buf[at] !== oldV) throw new Error(`SortedWindow.replace: ${oldV} not present`)
    if (newV > oldV) {
      const to = this.lowerBound(newV) - 1 // last slot of the elements < newV, after the shift
      buf.copyWithin(at, at + 1, to + 1)
      buf[to] = newV
    } else {
      const to = this.lowerBound(newV)
      buf.copyWithin(to + 1, to, at)
      buf[to] = newV
    }
  }

  /**
   * The p-quantile (0..1) with linear interpolation between order statistics: the definition
   * numpy uses by default (Hyndman & Fan type 7), which the open L-T implementations use.
   */
  quantile(p: number): number {
    if (this.n === 0) return NaN
    const h = (this.n - 1) * p
    const lo = Math.floor(h)
    const hi = Math.min(this.n - 1, lo + 1)
    return this.buf[lo]! + (h - lo) * (this.buf[hi]! - this.buf[lo]!)
  }

  median(): number {
    return this.quantile(0.5)
  }

  /** Quartile deviation (Q3 − Q1) / 2. */
  quartileDeviation(): number {
    return (this.quantile(0.75) - this.quantile(0.25)) / 2
  }
}
