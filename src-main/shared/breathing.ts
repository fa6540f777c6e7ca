/**
 * Breathing patterns shared by the renderer's pacer and the simulated person: lung volume over time, 0 = empty (end of a
 * passive exhale), 1 = full. The simulated heart couples its RR intervals to this volume
 * (respiratory sinus arrhythmia), so a person "following the pacer" shows the pacer's rhythm.
 */
import { perMinuteFromPeriodMs, periodMsFromPerMinute } from './perMinute'
export type BreathPhaseName = 'inhale' | 'top-up' | 'exhale' | 'hold-empty' | 'hold-full'

export interface BreathPhase {
  name: BreathPhaseName
  durationMs: number
  /** Lung volume at the end of the phase (0..1). */
  endVolume: number
}

/** A repeating cycle of phases; what the renderer's pacer also runs. */
export interface BreathPattern {
  phases: BreathPhase[]
  /**
   * 'calming' patterns (long exhale) lower arousal over minutes; 'energizing' ones raise it.
   * 'neutral' paces nothing: a simulated person told to follow a neutral pattern (sitting quietly)
   * keeps breathing at their own spontaneous rate and only drifts naturally (simulatedHeart.ts).
   */
  effect: 'calming' | 'energizing' | 'neutral'
}

export function cycleMs(pattern: BreathPattern): number {
  return pattern.phases.reduce((sum, p) => sum + p.durationMs, 0)
}

export function breathsPerMinute(pattern: BreathPattern): number {
  return perMinuteFromPeriodMs(cycleMs(pattern))
}

/** Lung volume at `elapsedMs` into a repeating pattern (smooth cosine ramps between phase ends). */
export function lungVolumeAt(pattern: BreathPattern, elapsedMs: number): number {
  const total = cycleMs(pattern)
  let t = ((elapsedMs % total) + total) % total
  let start = pattern.phases[pattern.phases.length - 1]!.endVolume
  for (const phase of pattern.phases) {
    if (t < phase.durationMs) {
      const x = phase.durationMs > 0 ? t / phase.durationMs : 1
      return start + (phase.endVolume - start) * (0.5 - 0.5 * Math.cos(Math.PI * x))
    }
    t -= phase.durationMs
    start = phase.endVolume
  }
  return start
}

/** Quiet, spontaneous breathing: inhale ~40 % of the cycle, exhale ~60 %. */
export function spontaneousPattern(breathsPerMin: number): BreathPattern {
  const cycle = periodMsFromPerMinute(breathsPerMin)
  return {
    effect: 'neutral',
    phases: [
      { name: 'inhale', durationMs: cycle * 0.4, endVolume: 0.6 },
      { name: 'exhale', durationMs: cycle * 0.6, endVolume: 0.1 }
    ]
  }
}

/** Cyclic sighing (Balban et al. 2023): nasal inhale, short nasal top-up, long mouth exhale. */
export function sighPattern(inhaleMs = 2000, topUpMs = 1000, exhaleMs = 6000): BreathPattern {
  return {
    effect: 'calming',
    phases: [
      { name: 'inhale', durationMs: inhaleMs, endVolume: 0.8 },
      { name: 'top-up', durationMs: topUpMs, endVolume: 1 },
      { name: 'exhale', durationMs: exhaleMs, endVolume: 0 }
    ]
  }
}

/** One breath of cyclic hyperventilation: deep inhale longer than the passive exhale. */
export function superOxygenationBreath(inhaleMs = 1600, exhaleMs = 1000): BreathPattern {
  return {
    effect: 'energizing',
    phases: [
      { name: 'inhale', durationMs: inhaleMs, endVolume: 1 },
      { name: 'exhale', durationMs: exhaleMs, endVolume: 0.2 }
    ]
  }
}

/**
 * One round of cyclic hyperventilation with retention (Balban et al. 2023): `breaths` deep
 * inhale / passive exhale cycles, then exhale and hold with empty lungs for `holdMs` (capped at
 * 15 s, as in the trial).
 */
export function superOxygenationRound(
  inhaleMs = 1600,
  exhaleMs = 1000,
  breaths = 30,
  holdMs = 15000
): BreathPattern {
  const phases: BreathPhase[] = []
  for (let i = 0; i < breaths; i++) {
    phases.push({ name: 'inhale', durationMs: inhaleMs, endVolume: 1 })
    phases.push({ name: 'exhale', durationMs: exhaleMs, endVolume: 0.2 })
  }
  phases.push({ name: 'hold-empty', durationMs: Math.min(holdMs, 15000), endVolume: 0.05 })
  return { effect: 'energizing', phases }
}

/**
 * Paced slow breathing (the resonance assessment's and protocol's pacer): a full inhale over
 * `inhaleMs`, a full exhale over `exhaleMs`, no holds. Calming: a long exhale at a slow rate.
 */
export function pacedBreathPattern(inhaleMs: number, exhaleMs: number): BreathPattern {
  if (!(inhaleMs > 0) || !(exhaleMs > 0))
    throw new Error(`inhale and exhale must be positive (got ${inhaleMs} ms, ${exhaleMs} ms)`)
  return {
    effect: 'calming',
    phases: [
      { name: 'inhale', durationMs: inhaleMs, endVolume: 1 },
      { name: 'exhale', durationMs: exhaleMs, endVolume: 0 }
    ]
  }
}

/**
 * Energising inhale-led breathing (issue 16; the notes' "deep breathing, inhale-dominant" for the
 * tired state): a full, strong inhale longer than an easy exhale, no hold. 3 s / 2 s = 12 breaths
 * per minute, an ordinary resting rate: not hyperventilation (shared/protocols.ts says why).
 */
export function energisingInhalePattern(inhaleMs = 3000, exhaleMs = 2000): BreathPattern {
  if (!(inhaleMs > exhaleMs) || !(exhaleMs > 0))
    throw new Error(`the inhale must be longer than a positive exhale (got ${inhaleMs} ms, ${exhaleMs} ms)`)
  return {
    effect: 'energizing',
    phases: [
      { name: 'inhale', durationMs: inhaleMs, endVolume: 1 },
      { name: 'exhale', durationMs: exhaleMs, endVolume: 0.15 }
    ]
  }
}

/**
 * Sitting quietly with no breathing instruction (the control). Neutral: the simulated person
 * breathes at their own rate, not this pattern's (see BreathPattern.effect); the shape is only
 * what a chart would draw.
 */
export function ownBreathingPattern(): BreathPattern {
  return spontaneousPattern(12)
}
