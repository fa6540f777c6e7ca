/**
 * Decimation for history charts, done in main so a 2-hour session with 100 Hz balance data
 * (720,000 rows) crosses IPC as a few thousand points.
 *
 * Extremes per bucket: time is cut into equal buckets and each bucket keeps the rows holding the
 * minimum and maximum of every series (plus its first row), in time order. Peaks survive (a
 * sway excursion, an HR spike), every kept point is a real row (x/y pairs of a CoP trace stay
 * together), and the cost is one pass.
 */

/** Indices to keep: at most about `maxPoints` (buckets x distinct extremes), sorted, unique. */
export function extremesPerBucket(
  t: ArrayLike<number>,
  series: ArrayLike<number | null>[],
  maxPoints: number
): number[] {
  const n = t.length
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i)
  const perBucket = 1 + 2 * series.length
  const buckets = Math.max(1, Math.floor(maxPoints / perBucket))
  const t0 = t[0]!
  const span = t[n - 1]! - t0
  const keep: number[] = []
  const picks = new Set<number>()
  let i = 0
  for (let b = 0; b < buckets && i < n; b++) {
    const end = b === buckets - 1 ? Infinity : t0 + (span * (b + 1)) / buckets
    const first = i
    const minIdx = new Array<number>(series.length).fill(-1)
    const maxIdx = new Array<number>(series.length).fill(-1)
    for (; i < n && (t[i]! < end || b === buckets - 1); i++) {
      for (let s = 0; s < series.length; s++) {
        const v = series[s]![i]
        if (v === null || v === undefined || Number.isNaN(v)) continue
        if (minIdx[s]! < 0 || v < (series[s]![minIdx[s]!] as number)) minIdx[s] = i
        if (maxIdx[s]! < 0 || v > (series[s]![maxIdx[s]!] as number)) maxIdx[s] = i
      }
    }
    if (i === first) continue
    picks.clear()
    picks.add(first)
    for (let s = 0; s < series.length; s++) {
      if (minIdx[s]! >= 0) picks.add(minIdx[s]!)
      if (maxIdx[s]! >= 0) picks.add(maxIdx[s]!)
    }
    keep.push(...[...picks].sort((a, b2) => a - b2))
  }
  if (keep[keep.length - 1] !== n - 1) keep.push(n - 1)
  return keep
}

export function pick<T>(values: ArrayLike<T>, indices: number[]): T[] {
  const out = new Array<T>(indices.length)
  for (let k = 0; k < indices.length; k++) out[k] = values[indices[k]!]!
  return out
}

/** Indices from..to-1 at an even stride, at most `maxPoints` of them (statistics stay unbiased). */
export function strideIndices(from: number, to: number, maxPoints: number): number[] {
  const n = Math.max(0, to - from)
  const step = Math.max(1, Math.ceil(n / Math.max(1, maxPoints)))
  const out: number[] = []
  for (let i = from; i < to; i += step) out.push(i)
  return out
}
