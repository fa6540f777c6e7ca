/** Pure helpers of the "What works for you" screen: signed numbers and the interval bars' scale. */

/** "+1.2", "−0.4" (a real minus sign), "0": the effect's direction must be visible at a glance. */
export function signed(value: number, format: (v: number) => string): string {
  const text = format(Math.abs(value))
  if (text === format(0)) return text
  return `${value > 0 ? '+' : '\u2212'}${text}`
}

export interface IntervalScale {
  /** Position of a value on the bar, 0-100 (%). */
  at(value: number): number
}

/**
 * One scale for all bars of a state, so the intervals can be compared: from the lowest low to
 * the highest high, always including 0 (no effect), with a little room at both ends.
 */
export function intervalBar(options: readonly { low90: number; high90: number }[]): IntervalScale {
  const lows = options.map((o) => o.low90).filter(Number.isFinite)
  const highs = options.map((o) => o.high90).filter(Number.isFinite)
  let lo = Math.min(0, ...lows)
  let hi = Math.max(0, ...highs)
  if (hi - lo < 1e-9) {
    lo -= 1
    hi += 1
  }
  const pad = 0.05 * (hi - lo)
  lo -= pad
  hi += pad
  return { at: (v) => Math.max(0, Math.min(100, (100 * (v - lo)) / (hi - lo))) }
}

/** The option most likely best (never the control, whose pBest is null); null when none. */
export function leader<T extends { pBest: number | null }>(s: { options: readonly T[] }): T | null {
  let best: T | null = null
  for (const o of s.options) if (o.pBest !== null && (best === null || o.pBest > best.pBest!)) best = o
  return best
}

/**
 * A probability as shown: whole percent, but never "0 %" or "100 %" - it comes from a finite
 * Monte Carlo estimate, and "impossible" or "certain" would claim more than it knows.
 */
export function percentText(p: number): string {
  const pct = Math.round(100 * p)
  if (pct <= 0) return '< 1 %'
  if (pct >= 100) return '> 99 %'
  return `${pct} %`
}
