/**
 * Per-window rows for long recordings (hourly RMSSD over 24 h, per-segment figures): fixed
 * windows (k·N, (k+1)·N] on the file's clock (gaps included), or any list of time ranges. A beat
 * belongs to the window its end time falls in. HRV in a row uses only differences within a
 * segment (no difference spans a gap or the window's edge); breathing is the median of the
 * confident estimates of the fixed 60 s sub-windows inside the row (each on the beats since its
 * last gap), because the RSA estimate is made for about a minute of beats, not an hour.
 */
import { hrvMetrics, type HrvMetrics } from './hrv'
import { estimateRespiration } from './respiration'
import { beatTimesMs, breaksOf, type RrSegment } from './rrSegments'

/** Length of the windows the breathing rate is estimated on, ms. */
export const BREATH_SUBWINDOW_MS = 60_000

export interface TimeRange {
  startMs: number
  endMs: number
}

export interface WindowTableRow {
  startS: number
  endS: number
  beats: number
  /** Gaps (drop-outs) that end in the row (a beat in it starts a new segment). */
  gaps: number
  /** null when the row has too few beats (or differences) for HRV. */
  hrv: HrvMetrics | null
  /** Median of the confident 60 s breathing estimates in the row, or null. */
  breathsPerMin: number | null
}

/** The time range of each segment: from its first interval's start to its last beat. */
export function segmentRanges(rrMs: readonly number[], segments: readonly RrSegment[]): TimeRange[] {
  const times = beatTimesMs(rrMs, segments)
  return segments.map((s) => ({ startMs: times[s.from]! - rrMs[s.from]!, endMs: times[s.to - 1]! }))
}

/** The fixed windows of windowMs covering the recording (the last one may be partial). */
export function fixedWindows(totalMs: number, windowMs: number): TimeRange[] {
  const out: TimeRange[] = []
  for (let start = 0; start < totalMs; start += windowMs)
    out.push({ startMs: start, endMs: Math.min(start + windowMs, totalMs) })
  return out
}

/** First index in sorted `times` with times[i] > t (binary search). */
function firstAfter(times: Float64Array, t: number): number {
  let lo = 0
  let hi = times.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (times[mid]! <= t) lo = mid + 1
    else hi = mid
  }
  return lo
}

function medianOf(values: number[]): number | null {
  if (values.length === 0) return null
  const s = [...values].sort((a, b) => a - b)
  const h = (s.length - 1) / 2
  return (s[Math.floor(h)]! + s[Math.ceil(h)]!) / 2
}

/** One row per range; a beat is in a range when its end time is in (startMs, endMs]. */
export function windowTable(
  rrMs: readonly number[],
  segments: readonly RrSegment[],
  ranges: readonly TimeRange[],
  minBreathConfidence: number
): WindowTableRow[] {
  const n = rrMs.length
  const times = beatTimesMs(rrMs, segments)
  const breaks = breaksOf(n, segments) ?? new Uint8Array(n)
  const totalMs = n > 0 ? times[n - 1]! : 0
  // Breathing on the fixed 60 s grid, once for all rows.
  const breath: { endMs: number; bpm: number }[] = []
  for (const w of fixedWindows(totalMs, BREATH_SUBWINDOW_MS)) {
    const to = firstAfter(times, w.endMs)
    let from = firstAfter(times, w.startMs)
    for (let i = to - 1; i > from; i--) if (breaks[i]) from = i // since the window's last gap
    if (to - from < 10) continue
    const est = estimateRespiration(Array.from(times.subarray(from, to)), rrMs.slice(from, to))
    if (est && est.confidence >= minBreathConfidence) breath.push({ endMs: w.endMs, bpm: est.breathsPerMin })
  }
  return ranges.map((r) => {
    const from = firstAfter(times, r.startMs)
    const to = firstAfter(times, r.endMs)
    // A gap ends in this row when a beat in it starts a new segment.
    let gaps = 0
    for (let i = from; i < to; i++) gaps += breaks[i]!
    const beats = Math.max(0, to - from)
    const diffs = beats - 1 - (gaps - (beats > 0 ? breaks[from]! : 0))
    const hrv = beats >= 3 && diffs >= 2 ? hrvMetrics(rrMs.slice(from, to), breaks.subarray(from, to)) : null
    const inRow = breath.filter((b) => b.endMs > r.startMs && b.endMs <= r.endMs).map((b) => b.bpm)
    return {
      startS: r.startMs / 1000,
      endS: r.endMs / 1000,
      beats,
      gaps,
      hrv,
      breathsPerMin: medianOf(inRow)
    }
  })
}

export const WINDOW_TABLE_COLUMNS = [
  'start_s',
  'end_s',
  'beats',
  'gaps',
  'mean_hr_bpm',
  'mean_rr_ms',
  'sdnn_ms',
  'rmssd_ms',
  'pnn50_pct',
  'sd1_ms',
  'sd2_ms',
  'breaths_per_min'
] as const

/** A row as the values of WINDOW_TABLE_COLUMNS (null where there is no figure). */
export function windowRowValues(row: WindowTableRow): (number | null)[] {
  const h = row.hrv
  const r = (v: number | undefined): number | null =>
    v === undefined || !Number.isFinite(v) ? null : Math.round(v * 1e4) / 1e4
  return [
    r(row.startS),
    r(row.endS),
    row.beats,
    row.gaps,
    r(h?.meanHrBpm),
    r(h?.meanRrMs),
    r(h?.sdnnMs),
    r(h?.rmssdMs),
    r(h?.pnn50Pct),
    r(h?.sd1Ms),
    r(h?.sd2Ms),
    row.breathsPerMin === null ? null : r(row.breathsPerMin)
  ]
}
