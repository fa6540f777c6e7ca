/**
 * Chart-ready data from a SessionDetail, pure: point arrays for Chart.js with `parsing: false`
 * (sorted by x, as the decimation plugin requires), error markers, shaded phase spans and the
 * balance trials with their sway ellipses.
 */
import type { SessionDetail } from '../../../../src-main/shared/contract'
import type { MessageKey } from '../../lib/i18n/en'
import { STANCES, type Stance } from '../../../../src-main/shared/drill'
import { swayEllipse, type SwayEllipse } from '../../../../src-main/shared/swayEllipse'

export interface Point {
  x: number
  y: number
}

export type SpanCategory = 'checkIn' | 'protocol' | 'drill' | 'timer' | 'other'

export interface ShadedSpan {
  category: SpanCategory
  label: string
  fromS: number
  toS: number
  /** Translucent fill for the chart band and the legend swatch. */
  color: string
}

export const SPAN_COLORS: Record<SpanCategory, string> = {
  checkIn: 'rgba(186, 140, 255, 0.16)',
  protocol: 'rgba(96, 165, 250, 0.18)',
  drill: 'rgba(224, 164, 88, 0.20)',
  timer: 'rgba(124, 196, 164, 0.14)',
  other: 'rgba(139, 152, 168, 0.16)'
}

export const SPAN_LABEL_KEYS: Record<SpanCategory, MessageKey> = {
  checkIn: 'history.span.checkIn',
  protocol: 'history.span.protocol',
  drill: 'history.span.drill',
  timer: 'history.span.timer',
  other: 'history.span.other'
}

/** Error events drawn as markers on the heart chart. */
export const ERROR_EVENT_TYPES = ['error', 'drill-error'] as const

export function spanCategory(kind: string): SpanCategory {
  if (/^(check-?in|re-?check|baseline)/i.test(kind)) return 'checkIn'
  if (/^(protocol|breath)/i.test(kind)) return 'protocol'
  if (/^(drill|balance)/i.test(kind)) return 'drill'
  if (/^timer/i.test(kind)) return 'timer'
  return 'other'
}

function sortedByX(points: Point[]): Point[] {
  for (let i = 1; i < points.length; i++) {
    if (points[i]!.x < points[i - 1]!.x) return points.slice().sort((p, q) => p.x - q.x)
  }
  return points
}

export interface HeartSeries {
  hr: Point[]
  /** RMSSD where it was defined (null windows are left out, the line bridges them). */
  rmssd: Point[]
}

export function heartSeries(heart: SessionDetail['heart']): HeartSeries {
  const hr: Point[] = []
  const rmssd: Point[] = []
  const len = heart.tS.length
  for (let i = 0; i < len; i++) {
    const x = heart.tS[i]!
    if (!Number.isFinite(x)) continue
    const h = heart.hrBpm[i]
    if (h !== undefined && Number.isFinite(h)) hr.push({ x, y: h })
    const r = heart.rmssdMs[i]
    if (r !== null && r !== undefined && Number.isFinite(r)) rmssd.push({ x, y: r })
  }
  return { hr: sortedByX(hr), rmssd: sortedByX(rmssd) }
}

/** The value of a sorted series at x, linearly interpolated (clamped at the ends). */
export function valueAt(series: readonly Point[], x: number): number | null {
  if (series.length === 0) return null
  if (x <= series[0]!.x) return series[0]!.y
  const last = series[series.length - 1]!
  if (x >= last.x) return last.y
  let lo = 0
  let hi = series.length - 1
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if (series[mid]!.x <= x) lo = mid
    else hi = mid
  }
  const p = series[lo]!
  const q = series[hi]!
  return q.x === p.x ? p.y : p.y + ((q.y - p.y) * (x - p.x)) / (q.x - p.x)
}

export interface ErrorMarker extends Point {
  type: (typeof ERROR_EVENT_TYPES)[number]
}

/** Error events, placed on the HR line at their time (or at `fallbackY` without heart data). */
export function errorMarkers(
  events: SessionDetail['events'],
  hr: readonly Point[],
  fallbackY = 0
): ErrorMarker[] {
  const markers: ErrorMarker[] = []
  for (const e of events) {
    if (!(ERROR_EVENT_TYPES as readonly string[]).includes(e.type) || !Number.isFinite(e.tS)) continue
    markers.push({
      x: e.tS,
      y: valueAt(hr, e.tS) ?? fallbackY,
      type: e.type as ErrorMarker['type']
    })
  }
  return markers.sort((p, q) => p.x - q.x)
}

export function shadedSpans(spans: SessionDetail['spans']): ShadedSpan[] {
  return spans
    .filter((s) => Number.isFinite(s.fromS) && Number.isFinite(s.toS) && s.toS > s.fromS)
    .map((s) => {
      const category = spanCategory(s.kind)
      return { category, label: s.label, fromS: s.fromS, toS: s.toS, color: SPAN_COLORS[category] }
    })
    .sort((p, q) => p.fromS - q.fromS)
}

/** An event's detail column: JSON text when it parses as an object, else null. */
export function detailObject(detail: string): Record<string, unknown> | null {
  if (!detail || detail[0] !== '{') return null
  try {
    const value: unknown = JSON.parse(detail)
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}

export interface BalanceTrial {
  /** 1-based position among the drill trials (a trial without samples keeps its number). */
  index: number
  label: string
  fromS: number
  toS: number
  /**
   * CoP trace (x = ML, y = AP), thinned for drawing; a point with NaN coordinates marks a break
   * (a step-off left out, a drop-out) where the line must not be drawn.
   */
  trace: Point[]
  ellipse: SwayEllipse | null
  /** The area main computed during the trial (drill-trial event, DrillTrialResult), if any. */
  recordedAreaMm2: number | null
  /** The stance of the trial, from its drill-trial event (null when unknown). */
  stance: Stance | null
}

function finiteRange(values: readonly number[]): { fromS: number; toS: number } {
  let fromS = Infinity
  let toS = -Infinity
  for (const v of values) {
    if (!Number.isFinite(v)) continue
    if (v < fromS) fromS = v
    if (v > toS) toS = v
  }
  return fromS <= toS ? { fromS, toS } : { fromS: 0, toS: 0 }
}

function isSorted(values: readonly number[]): boolean {
  for (let i = 1; i < values.length; i++) if (!(values[i]! >= values[i - 1]!)) return false
  return true
}

/** The first index whose value is >= x in an ascending array (length when none). */
export function lowerBound(values: readonly number[], x: number): number {
  let lo = 0
  let hi = values.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (values[mid]! < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Keeps at most `max` points, evenly spaced, always including the last one. */
export function thin<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return items.slice()
  if (max < 2) return max === 1 ? [items[items.length - 1]!] : []
  const out: T[] = []
  const step = (items.length - 1) / (max - 1)
  for (let i = 0; i < max; i++) out.push(items[Math.round(i * step)]!)
  return out
}

export const MAX_TRACE_POINTS = 1500

/**
 * A loss of balance (drill-error) is preceded by the CoP running to the edge and followed by the
 * step back on: samples this long before and after it are not sway and are left out of the
 * trace and the ellipse.
 */
export const STEP_OFF_BEFORE_S = 1
export const STEP_OFF_AFTER_S = 2
/** Samples further apart than this are not joined in the trace (a drop-out, as in signal/sway.ts). */
export const TRACE_MAX_GAP_S = 0.25

/**
 * Balance samples split into the drill trials (spans of the drill category); the whole trace is
 * one trial when there are no drill spans. The ellipse is computed from every sample of the trial,
 * the trace is thinned for drawing only.
 */
export function balanceTrials(detail: SessionDetail): BalanceTrial[] {
  const balance = detail.balance
  if (!balance || balance.tS.length === 0) return []
  const drillSpans = shadedSpans(detail.spans).filter((s) => s.category === 'drill')
  const windows =
    drillSpans.length > 0
      ? drillSpans.map((s) => ({ label: s.label, fromS: s.fromS, toS: s.toS }))
      : [{ label: '', ...finiteRange(balance.tS) }]
  // The drill-trial events that close a trial (they carry its duration and results).
  const recorded = detail.events
    .filter((e) => e.type === 'drill-trial')
    .map((e) => ({ tS: e.tS, d: detailObject(e.detail) ?? {} }))
    .filter((r) => r.d.phase !== 'start')
    .map((r) => ({
      tS: r.tS,
      area:
        typeof r.d.ellipseAreaMm2 === 'number' && Number.isFinite(r.d.ellipseAreaMm2)
          ? r.d.ellipseAreaMm2
          : null,
      stance: (STANCES as readonly unknown[]).includes(r.d.stance) ? (r.d.stance as Stance) : null
    }))

  const lossesS = detail.events.filter((e) => e.type === 'drill-error').map((e) => e.tS)
  const nearLoss = (t: number): boolean =>
    lossesS.some((l) => t >= l - STEP_OFF_BEFORE_S && t <= l + STEP_OFF_AFTER_S)

  const tS = balance.tS
  const sorted = isSorted(tS)
  const trials: BalanceTrial[] = []
  for (const [windowIndex, w] of windows.entries()) {
    // The drill-trial event is written when the trial ends: the first one at or after its start.
    const result = drillSpans.length > 0 ? recorded.find((r) => r.tS >= w.fromS - 0.5) : undefined
    if (result) recorded.splice(recorded.indexOf(result), 1)
    const xs: number[] = []
    const ys: number[] = []
    /** Which unbroken stretch each kept sample belongs to (a break starts a new one). */
    const stretch: number[] = []
    let current = 0
    let lastT = -Infinity
    // Sorted times (the normal case): jump to the window instead of scanning a 2-hour recording.
    const start = sorted ? lowerBound(tS, w.fromS) : 0
    for (let i = start; i < tS.length; i++) {
      const t = tS[i]!
      if (sorted && t > w.toS) break
      if (!(t >= w.fromS && t <= w.toS)) continue
      const x = balance.copXMm[i]!
      const y = balance.copYMm[i]!
      if (!Number.isFinite(x) || !Number.isFinite(y) || nearLoss(t)) {
        current++
        continue
      }
      if (t - lastT > TRACE_MAX_GAP_S) current++
      lastT = t
      xs.push(x)
      ys.push(y)
      stretch.push(current)
    }
    if (xs.length === 0) continue
    trials.push({
      index: windowIndex + 1,
      label: w.label,
      fromS: w.fromS,
      toS: w.toS,
      trace: withBreaks(
        thin(
          xs.map((x, i) => ({ x, y: ys[i]!, stretch: stretch[i]! })),
          MAX_TRACE_POINTS
        )
      ),
      ellipse: swayEllipse(xs, ys),
      recordedAreaMm2: result?.area ?? null,
      stance: result?.stance ?? null
    })
  }
  return trials
}

/** The points without their stretch numbers, with a NaN point wherever the stretch changes. */
function withBreaks(points: readonly (Point & { stretch: number })[]): Point[] {
  const out: Point[] = []
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!
    if (i > 0 && points[i - 1]!.stretch !== p.stretch) out.push({ x: NaN, y: NaN })
    out.push({ x: p.x, y: p.y })
  }
  return out
}

/** Square axis limits around the trace and ellipse (equal mm per pixel on a square canvas). */
export function squareBounds(
  points: readonly Point[],
  padMm = 5
): { xMin: number; xMax: number; yMin: number; yMax: number } {
  if (points.length === 0) return { xMin: -50, xMax: 50, yMin: -50, yMax: 50 }
  let xMin = Infinity
  let xMax = -Infinity
  let yMin = Infinity
  let yMax = -Infinity
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue // a break in the trace
    xMin = Math.min(xMin, p.x)
    xMax = Math.max(xMax, p.x)
    yMin = Math.min(yMin, p.y)
    yMax = Math.max(yMax, p.y)
  }
  const half = Math.max(xMax - xMin, yMax - yMin, 1) / 2 + padMm
  const cx = (xMin + xMax) / 2
  const cy = (yMin + yMax) / 2
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half }
}
