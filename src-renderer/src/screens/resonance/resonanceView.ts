/**
 * What the resonance screens show, as pure functions (unit-tested): the bars of the amplitude
 * chart, the reason's words, the test's length, and where main's assessment stands by the clock.
 */
import type { ResonanceReason, ResonanceSnapshot, StepAnalysis } from '../../../../src-main/shared/resonance'
import type { MessageKey } from '../../lib/i18n/en'

export interface AmplitudeBar {
  rateBpm: number
  /** Mean heart-rate swing, bpm; null when the step could not be measured. */
  swingBpm: number | null
  chosen: boolean
  /** The step had a problem (its measurement is not trusted). */
  flagged: boolean
  x: number
  width: number
  /** Top of the bar (SVG y, 0 = top); equals `height` for an unmeasured step. */
  y: number
}

/** Bars of swing per rate in a width x height box, in the order of the rates (fast to slow). */
export function amplitudeBars(
  steps: readonly StepAnalysis[],
  chosenRateBpm: number | null,
  width: number,
  height: number
): { bars: AmplitudeBar[]; maxBpm: number } {
  const swings = steps.map((s) => s.swingBpm).filter((x): x is number => x !== null && Number.isFinite(x))
  // Round the scale up to a whole 5 bpm so bars of different tests compare by eye.
  const maxBpm = Math.max(5, Math.ceil(Math.max(0, ...swings) / 5) * 5)
  const slot = steps.length > 0 ? width / steps.length : width
  const bars = steps.map((s, i) => {
    const swing = s.swingBpm !== null && Number.isFinite(s.swingBpm) ? s.swingBpm : null
    return {
      rateBpm: s.breathsPerMin,
      swingBpm: swing,
      chosen: chosenRateBpm !== null && Math.abs(s.breathsPerMin - chosenRateBpm) < 1e-9,
      flagged: s.status === 'repeat',
      x: i * slot + slot * 0.2,
      width: slot * 0.6,
      y: swing === null ? height : height - (swing / maxBpm) * height
    }
  })
  return { bars, maxBpm }
}

/** The reason's key and its values as the catalogue's parameters. */
export function reasonMessage(reason: ResonanceReason): {
  key: MessageKey
  params: Record<string, string | number>
} {
  return { key: reason.key, params: { ...reason.values } }
}

/** Minutes the test takes without repeats: steps plus the rests between them. */
export function testMinutes(steps: number, stepS: number, restS: number): number {
  return Math.round((steps * stepS + Math.max(0, steps - 1) * restS) / 60)
}

/** Main's clock now, from the offset between main's snapshot time and this window's clock. */
export function mainNow(
  snapshot: Pick<ResonanceSnapshot, 'nowMs'>,
  receivedAtMs: number,
  nowMs: number
): number {
  return snapshot.nowMs + (nowMs - receivedAtMs)
}

/** Step k of n (1-based) of the running assessment: repeats count as the same step. */
export function stepNumber(snapshot: Pick<ResonanceSnapshot, 'step' | 'ratesBpm'>): {
  current: number
  total: number
} {
  return { current: (snapshot.step?.index ?? 0) + 1, total: snapshot.ratesBpm.length }
}
