/**
 * Centred sliding-window quantiles for the batch RR cleaner (Lipponen & Tarvainen 2019: the
 * quartile deviation of |dRR| and |mRR| over 91 beats, the median of RR over 11 beats).
 *
 * For position i the window holds values[max(0, i − half) .. min(n − 1, i + half)] (clipped at
 * the ends) and the statistic is taken with numpy's default quantile (Hyndman & Fan type 7: linear
 * interpolation between the order statistics at (size − 1)·p), as the open L-T implementations do.
 * Two exact implementations, chosen per series; both pick the same order statistics and combine
 * them with the same arithmetic, so the results are identical to the last bit:
 *  - by rank (the usual case): when every value is a whole or half number up to
 *    {@link MAX_RANKED_VALUE} (RR data in whole milliseconds and the differences and medians made
 *    from them), the distinct values are ranked by a counting sort and the window is a histogram
 *    over those ranks; a cursor per order statistic needed moves by a few ranks per step.
 *  - sorted window (any other data, e.g. fractional ms from a 1/1024 s clock): the window kept as
 *    a sorted Float64Array; each step replaces the leaving value by the entering one, moving only
 *    the elements ranked between them.
 */

export type WindowStat = 'qd' | 'median'

/** Largest value the by-rank path takes (ms): twice it indexes a counting array. */
export const MAX_RANKED_VALUE = 32767.5

/**
 * Per position, the quartile deviation (Q3 − Q1)/2 (`'qd'`) or the median of the centred window of
 * `half` values each side.
 */
export function slidingStat(
  values: Float64Array,
  half: number,
  stat: WindowStat,
  out: Float64Array = new Float64Array(values.length)
): Float64Array {
  return slidingStatByRank(values, half, stat, out) ?? slidingStatSorted(values, half, stat, out)
}

/**
 * Work arrays reused between calls, up to {@link POOLED_MAX_LENGTH} elements (at ~4,700 beats,
 * allocating and zeroing a dozen fresh ones cost nearly as much as a by-rank sweep; the pool keeps
 * at most a few MB). slidingStat returns a pooled array only when given one as `out`; the callers
 * are synchronous, so a slot is never in use twice at once.
 */
const POOLED_MAX_LENGTH = 1 << 16
const int32Pool: Int32Array[] = []
const float64Pool: Float64Array[] = []

/** Pooled Int32Array `slot`, n long, all zero. */
function zeroedInt32(slot: number, n: number): Int32Array {
  if (n > POOLED_MAX_LENGTH) return new Int32Array(n)
  let a = int32Pool[slot]
  if (!a || a.length < n) a = int32Pool[slot] = new Int32Array(Math.max(n, 1024))
  a.fill(0, 0, n)
  return a.length === n ? a : a.subarray(0, n)
}

/**
 * Pooled Float64Array `slot`, n long, contents left from its last use. Slots 0 and 1 are this
 * module's; the batch cleaner (rrCleaning) uses 2 and up.
 */
export function pooledFloat64(slot: number, n: number): Float64Array {
  if (n > POOLED_MAX_LENGTH) return new Float64Array(n)
  let a = float64Pool[slot]
  if (!a || a.length < n) a = float64Pool[slot] = new Float64Array(Math.max(n, 1024))
  return a.length === n ? a : a.subarray(0, n)
}

/** Cursor work allowed per value before the by-rank path gives way to the sorted window. */
const RANK_SCAN_BUDGET_PER_VALUE = 64

/**
 * The by-rank path; null when the values are not all whole or half numbers in
 * [0, {@link MAX_RANKED_VALUE}], or when the cursors would have to travel so far (values spread
 * thinly over many distinct ranks) that the sorted window is cheaper. Exported for its tests.
 */
export function slidingStatByRank(
  values: Float64Array,
  half: number,
  stat: WindowStat,
  out: Float64Array = new Float64Array(values.length)
): Float64Array | null {
  const n = values.length
  // 1. Counting sort of the doubled values (keys): rankOf[2v] = rank of v among the distinct
  // values. ranks[] holds the keys first, then the ranks.
  const ranks = zeroedInt32(1, n)
  let maxKey = 0
  for (let i = 0; i < n; i++) {
    const u = values[i]! * 2
    if (!(u >= 0 && u <= 2 * MAX_RANKED_VALUE && u === Math.floor(u))) return null
    const key = u | 0
    ranks[i] = key
    if (key > maxKey) maxKey = key
  }
  const rankOf = zeroedInt32(0, maxKey + 1)
  for (let i = 0; i < n; i++) rankOf[ranks[i]!] = 1
  const distinct = pooledFloat64(0, Math.min(n, maxKey + 1))
  let d = 0
  for (let key = 0; key <= maxKey; key++) {
    if (rankOf[key] === 0) continue
    rankOf[key] = d
    distinct[d++] = key / 2
  }
  for (let i = 0; i < n; i++) ranks[i] = rankOf[ranks[i]!]!

  // 2. Slide a histogram over the ranks. Cursor c sits on the rank holding the window's order
  // statistic k: below[c] values rank lower, and below ≤ k < below + count[rank].
  const count = zeroedInt32(2, d + 1)
  const qd = stat === 'qd'
  const pA = qd ? 0.25 : 0.5
  const pB = 0.75
  let rankA = 0
  let belowA = 0
  let rankB = 0
  let belowB = 0
  let budget = RANK_SCAN_BUDGET_PER_VALUE * n + 1024
  let hi = -1 // last index inside
  let lo = 0 // first index inside
  for (let i = 0; i < n; i++) {
    if (i > half && i + half < n) {
      // The middle of the series: one value enters and one leaves.
      const rIn = ranks[++hi]!
      const rOut = ranks[lo++]!
      count[rIn]++
      count[rOut]--
      belowA += +(rIn < rankA) - +(rOut < rankA)
      belowB += +(rIn < rankB) - +(rOut < rankB)
    } else {
      const wantHi = Math.min(n - 1, i + half)
      const wantLo = Math.max(0, i - half)
      while (hi < wantHi) {
        const r = ranks[++hi]!
        count[r]++
        belowA += +(r < rankA)
        belowB += +(r < rankB)
      }
      while (lo < wantLo) {
        const r = ranks[lo++]!
        count[r]--
        belowA -= +(r < rankA)
        belowB -= +(r < rankB)
      }
    }
    const size = hi - lo + 1

    // Order statistics kA, kA + 1 (clipped) for pA.
    const hA = (size - 1) * pA
    const kA = Math.floor(hA)
    while (kA < belowA) {
      let r = rankA - 1
      while (count[r] === 0) r--
      budget -= rankA - r
      rankA = r
      belowA -= count[r]!
    }
    while (kA >= belowA + count[rankA]!) {
      belowA += count[rankA]!
      let r = rankA + 1
      while (count[r] === 0) r++
      budget -= r - rankA
      rankA = r
    }
    const a0 = distinct[rankA]!
    let a1 = a0
    if (hA !== kA && kA + 1 >= belowA + count[rankA]!) {
      let r = rankA + 1
      while (count[r] === 0) r++
      budget -= r - rankA
      a1 = distinct[r]!
    }
    const qA = a0 + (hA - kA) * (a1 - a0)
    if (!qd) {
      out[i] = qA
    } else {
      const hB = (size - 1) * pB
      const kB = Math.floor(hB)
      while (kB < belowB) {
        let r = rankB - 1
        while (count[r] === 0) r--
        budget -= rankB - r
        rankB = r
        belowB -= count[r]!
      }
      while (kB >= belowB + count[rankB]!) {
        belowB += count[rankB]!
        let r = rankB + 1
        while (count[r] === 0) r++
        budget -= r - rankB
        rankB = r
      }
      const b0 = distinct[rankB]!
      let b1 = b0
      if (hB !== kB && kB + 1 >= belowB + count[rankB]!) {
        let r = rankB + 1
        while (count[r] === 0) r++
        budget -= r - rankB
        b1 = distinct[r]!
      }
      out[i] = (b0 + (hB - kB) * (b1 - b0) - qA) / 2
    }
    if (budget < 0) return null
  }
  return out
}

/**
 * The sorted-window path (any values). In the middle of the series each step replaces the leaving
 * value by the entering one, moving only the elements ranked between them. Exported for its tests.
 */
export function slidingStatSorted(
  values: Float64Array,
  half: number,
  stat: WindowStat,
  out: Float64Array = new Float64Array(values.length)
): Float64Array {
  const n = values.length
  const buf = pooledFloat64(1, 2 * half + 2)
  let size = 0
  let hi = -1 // last index inside
  let lo = 0 // first index inside
  for (let i = 0; i < n; i++) {
    const wantHi = Math.min(n - 1, i + half)
    const wantLo = Math.max(0, i - half)
    while (hi < wantHi && lo < wantLo) {
      const oldV = values[lo++]!
      const newV = values[++hi]!
      if (newV === oldV) continue
      // Leave from the end of oldV's run of ties nearest to newV, so only values strictly
      // between the two move (RR data are quantised: ties are common). Element moves by hand:
      // for windows this short a copyWithin call costs more than it saves.
      if (newV > oldV) {
        let at = firstAbove(buf, size, oldV) - 1
        while (at + 1 < size && buf[at + 1]! < newV) {
          buf[at] = buf[at + 1]!
          at++
        }
        buf[at] = newV
      } else {
        let at = firstAtLeast(buf, size, oldV)
        while (at > 0 && buf[at - 1]! > newV) {
          buf[at] = buf[at - 1]!
          at--
        }
        buf[at] = newV
      }
    }
    while (hi < wantHi) {
      const v = values[++hi]!
      let at = size++
      while (at > 0 && buf[at - 1]! > v) {
        buf[at] = buf[at - 1]!
        at--
      }
      buf[at] = v
    }
    while (lo < wantLo) {
      for (let at = firstAtLeast(buf, size, values[lo++]!); at + 1 < size; at++) buf[at] = buf[at + 1]!
      size--
    }
    out[i] =
      stat === 'qd'
        ? (sortedQuantile(buf, size, 0.75) - sortedQuantile(buf, size, 0.25)) / 2
        : sortedQuantile(buf, size, 0.5)
  }
  return out
}

/** Index of the first of buf[0..size) that is >= v (branch-light binary search). */
function firstAtLeast(buf: Float64Array, size: number, v: number): number {
  if (size === 0) return 0
  let base = 0
  let len = size
  while (len > 1) {
    const h = len >>> 1
    base = buf[base + h - 1]! < v ? base + h : base
    len -= h
  }
  return buf[base]! < v ? base + 1 : base
}

/** Index of the first of buf[0..size) that is > v. */
function firstAbove(buf: Float64Array, size: number, v: number): number {
  if (size === 0) return 0
  let base = 0
  let len = size
  while (len > 1) {
    const h = len >>> 1
    base = buf[base + h - 1]! <= v ? base + h : base
    len -= h
  }
  return buf[base]! <= v ? base + 1 : base
}

/** numpy-default (type 7) quantile of the sorted buf[0..size). */
function sortedQuantile(buf: Float64Array, size: number, p: number): number {
  const h = (size - 1) * p
  const lo = Math.floor(h)
  const hi = lo + 1 < size ? lo + 1 : lo
  return buf[lo]! + (h - lo) * (buf[hi]! - buf[lo]!)
}
