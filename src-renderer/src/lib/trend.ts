/**
 * Which way a live figure is going: the mean of the last `recentMs` against the mean of the
 * `recentMs` before it. "steady" unless the change is larger than `minChange` (a figure's
 * ordinary beat-to-beat wobble must not flip an arrow every second); null without enough history.
 */
export type Trend = 'up' | 'down' | 'steady'

export interface Sample {
  tMs: number
  value: number | null
}

export function trendOf(
  history: readonly Sample[],
  nowMs: number,
  minChange: number,
  recentMs = 20_000
): Trend | null {
  let recentSum = 0
  let recentN = 0
  let earlierSum = 0
  let earlierN = 0
  for (const s of history) {
    if (s.value === null || !Number.isFinite(s.value)) continue
    const age = nowMs - s.tMs
    if (age < 0) continue
    if (age <= recentMs) {
      recentSum += s.value
      recentN++
    } else if (age <= 2 * recentMs) {
      earlierSum += s.value
      earlierN++
    }
  }
  if (recentN < 3 || earlierN < 3) return null
  const change = recentSum / recentN - earlierSum / earlierN
  if (Math.abs(change) <= minChange) return 'steady'
  return change > 0 ? 'up' : 'down'
}
