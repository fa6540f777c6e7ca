/**
 * The look every Chart.js chart in the app shares (live RR, timer summary, history heart and
 * sway, drill progress): the palette, the options each chart sets the same way, and the axis
 * styling. Kept here so the charts cannot drift apart in colour or behaviour one by one.
 *
 * The rules every chart follows (so a chart never says more than its data):
 * 1. Sensible minimum spans. A value axis is fitted to the data but never narrower than
 *    MIN_SPAN for its quantity (`paddedRange`): a 0.5 bpm drift must not fill the height and
 *    look like a plunge, and a fixed range must not leave most of the height empty either.
 * 2. Units on every axis: the axis title names the quantity's unit (ms, bpm, s, min, mm²).
 *    Time axes read in the unit a person thinks in: seconds below two minutes, whole minutes
 *    (mm:ss ticks) above.
 * 3. No dual axis that invites a false comparison. Two quantities with different units share a
 *    chart only when they are the same kind of thing on the same scale; otherwise they get two
 *    charts, or one is drawn as markers on the time axis (errors as ticks, not as a line that
 *    sits at the height of "level 6").
 * 4. Gaps are gaps: a signal that stopped (a dropped strap, a step off the board) is drawn with
 *    a break (a null point, `spanGaps: false`), never joined by a line or a curve, and lines are
 *    straight between samples (no smoothing that invents values between beats).
 * 5. One figure, one definition: a derived figure (sway area, RMSSD) is shown once, with the
 *    definition next to it, not two different numbers under the same name.
 *
 * Where each chart stands: the live RR chart fits ms to the data (rule 1) and breaks at drop-outs
 * (rule 4); the timer summary draws HR on one bpm axis rounded to 5 bpm with errors and
 * frustration as markers on the time axis (screens/timer/summary.ts); the drill progress draws
 * level and errors as two charts over the same sessions (screens/drill/drillChartData.ts); the
 * pacer's HR trace labels bpm and seconds ago in HTML beside its SVG, since the SVG stretches
 * (screens/flow/PacerBiofeedback.svelte); History's sway panel shows one 95 % ellipse area with
 * its definition and leaves step-offs out of trace and ellipse (screens/history/chartData.ts).
 */

/** The narrowest span a value axis may show, per quantity (rule 1). */
export const MIN_SPAN = {
  rrMs: 200,
  hrBpm: 10,
  rmssdMs: 20,
  copMm: 40
} as const

/**
 * The axis range for `values`: their min..max, padded by 10 %, widened symmetrically to at least
 * `minSpan`, and rounded outwards to `step`. Null values (gaps) are ignored; null when none is left.
 */
export function paddedRange(
  values: readonly (number | null)[],
  minSpan: number,
  step = 1
): { min: number; max: number } | null {
  let lo = Infinity
  let hi = -Infinity
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  if (lo > hi) return null
  const pad = (hi - lo) * 0.1
  lo -= pad
  hi += pad
  if (hi - lo < minSpan) {
    const mid = (lo + hi) / 2
    lo = mid - minSpan / 2
    hi = mid + minSpan / 2
  }
  return { min: Math.floor(lo / step) * step, max: Math.ceil(hi / step) * step }
}

export const CHART_COLORS = {
  /** Tick labels and axis titles. */
  tick: '#8b98a8',
  grid: '#1f2935',
  legend: '#c5d0dc',
  /** Heart rate / RR, and the drill level. */
  heart: '#7cc4a4',
  /** Errors, wherever they are counted. */
  errors: '#e0a458',
  rmssd: '#9fb7ff'
} as const

/** Drawn at once (no animation) and sized by its box, not by an aspect ratio. */
export const CHART_BASE = { animation: false, responsive: true, maintainAspectRatio: false } as const

/** A legend in the theme. */
export const CHART_LEGEND = { labels: { color: CHART_COLORS.legend, boxWidth: 12 } } as const

/**
 * An axis in the theme: ticks (and the title, when given) in `color` (default the muted tick
 * colour), plus any extra tick options; the grid in the theme's colour, or none (`grid: false`,
 * for a second axis whose lines would cross the first's).
 */
export function themedAxis<T extends object = object>(
  options: { title?: string; color?: string; ticks?: T; grid?: boolean } = {}
) {
  const color = options.color ?? CHART_COLORS.tick
  return {
    ticks: { color, ...options.ticks },
    grid: options.grid === false ? { display: false } : { color: CHART_COLORS.grid },
    ...(options.title !== undefined ? { title: { display: true, text: options.title, color } } : {})
  }
}
