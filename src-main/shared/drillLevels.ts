/**
 * The drill's ladder: six stances from easy to hard, each a timed trial. Small steps on purpose
 * (Knudsen's prism experiments: adults shift a little at a time, 7° -> 14° -> 28°), so each level
 * adds one new vestibular demand to the one before it.
 *
 * Pass rule per level (see progression.ts): at most `allowedErrors` losses of balance AND, when a
 * board measured sway, a 95 % confidence ellipse no larger than the target circle (pi * r^2).
 */
import { STANCES, type Stance } from './drill'

export interface DrillLevel {
  stance: Stance
  /** Radius of the target zone around the trial's starting CoP, mm (also sent to main). */
  targetRadiusMm: number
  /** Losses of balance still counted as a pass. */
  allowedErrors: number
  eyesClosed: boolean
  headMovements: boolean
}

export const LEVELS: readonly DrillLevel[] = [
  {
    stance: 'both-feet-eyes-open',
    targetRadiusMm: 15,
    allowedErrors: 1,
    eyesClosed: false,
    headMovements: false
  },
  {
    stance: 'both-feet-eyes-closed',
    targetRadiusMm: 20,
    allowedErrors: 1,
    eyesClosed: true,
    headMovements: false
  },
  { stance: 'tandem', targetRadiusMm: 25, allowedErrors: 2, eyesClosed: false, headMovements: false },
  {
    stance: 'single-leg-eyes-open',
    targetRadiusMm: 30,
    allowedErrors: 2,
    eyesClosed: false,
    headMovements: false
  },
  {
    stance: 'single-leg-head-movements',
    targetRadiusMm: 35,
    allowedErrors: 2,
    eyesClosed: false,
    headMovements: true
  },
  {
    stance: 'single-leg-eyes-closed',
    targetRadiusMm: 40,
    allowedErrors: 3,
    eyesClosed: true,
    headMovements: false
  }
]

// The ladder must follow the shared stance order (the simulated body and the core use it too).
if (LEVELS.some((l, i) => l.stance !== STANCES[i]) || LEVELS.length !== STANCES.length) {
  throw new Error('drill LEVELS out of sync with STANCES')
}

export const TOP_LEVEL = LEVELS.length - 1

export function clampLevel(index: number): number {
  if (!Number.isFinite(index)) return 0
  return Math.min(TOP_LEVEL, Math.max(0, Math.trunc(index)))
}

/** Whether the user should hear the cues instead of looking at the screen. */
export function needsSound(level: DrillLevel): boolean {
  return level.eyesClosed || level.headMovements
}
