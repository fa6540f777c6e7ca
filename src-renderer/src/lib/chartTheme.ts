/**
 * The look every Chart.js chart in the app shares (live RR, timer summary, history heart and
 * sway, drill progress): the palette, the options each chart sets the same way, and the axis
 * styling. Kept here so the charts cannot drift apart in colour or behaviour one by one.
 */

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
