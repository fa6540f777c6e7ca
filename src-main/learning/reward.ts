/**
 * One scalar reward per stage of a session (issue 16, item 2). Units: "smallest worthwhile
 * changes" (SWC), so 1 = one change worth having; both stages are on about the same scale.
 *
 * Stage 1, immediate (at the re-check), from the verdict layer (signal/recheck.ts):
 *   toward   = -dScore when the state was over-aroused (calmer is toward the zone),
 *              +dScore when under-aroused (more alert is toward it)
 *   rRecheck = clamp(toward / SWC_SCORE, -4, 4)
 * dScore is recheck.ts's change of the arousal score in baseline spreads; SWC_SCORE (0.5) is its
 * smallest worthwhile change. The clamp keeps one odd re-check (e.g. the person stood up) from
 * dominating the estimate. Sessions recorded before the verdict layer have only the two arousal
 * scores: their difference is used (same units).
 *
 * Stage 2, delayed (at the end of the study block):
 *   focusTerm      = (focus - 3) / 1             focus rating 1-5, neutral 3
 *   completionTerm = 2 * (min(done/planned, 1) - 1)   0 for a full block, -2 for none
 *   effortTerm     = errors and frustrations logged while working on:
 *                      sustained block (done/planned >= 0.75): +0.1 per logged error or
 *                      frustration, at most +0.5 - errors made while persisting are the learning
 *                      signal (the notes: errors and frustration trigger the plasticity cascade,
 *                      so a block with many logged errors is NOT a bad block);
 *                    block abandoned early (< 0.75): -0.25 per frustration, at most -1 (frustration
 *                      that ended the work is a sign the state was wrong); errors count 0.
 *   rBlock = focusTerm + completionTerm + effortTerm, clamped to [-4, 4].
 */
import { SWC_SCORE } from '../signal/recheck'
import type { LearnState } from './options'

export const REWARD_CLAMP = 4
export const SUSTAINED_COMPLETION = 0.75
export const EFFORT_BONUS_PER_EVENT = 0.1
export const EFFORT_BONUS_MAX = 0.5
export const FRUSTRATION_PENALTY = 0.25
export const FRUSTRATION_PENALTY_MAX = 1

const clamp = (x: number): number => Math.max(-REWARD_CLAMP, Math.min(REWARD_CLAMP, x))

/** The study block's outcome as recorded at its end. */
export interface BlockOutcome {
  /** One-tap focus rating 1-5, or null when the person skipped it (then 3 = neutral is used). */
  focus: number | null
  minutesDone: number
  minutesPlanned: number
  errors: number
  frustrations: number
}

/** Stage-1 reward from the re-check's score change (re-check minus check-in). */
export function recheckReward(state: LearnState, dScore: number): number {
  if (!Number.isFinite(dScore))
    throw new Error(`recheckReward: dScore must be a finite number, got ${dScore}`)
  const toward = state === 'high' ? -dScore : dScore
  return clamp(toward / SWC_SCORE)
}

export function validateBlock(b: BlockOutcome): void {
  const bad = (why: string): never => {
    throw new Error(`block outcome: ${why}`)
  }
  if (b.focus !== null && !(Number.isInteger(b.focus) && b.focus >= 1 && b.focus <= 5))
    bad(`focus must be 1-5 or null, got ${b.focus}`)
  if (!(Number.isFinite(b.minutesPlanned) && b.minutesPlanned > 0)) bad(`minutesPlanned must be > 0`)
  if (!(Number.isFinite(b.minutesDone) && b.minutesDone >= 0)) bad(`minutesDone must be >= 0`)
  for (const k of ['errors', 'frustrations'] as const)
    if (!(Number.isInteger(b[k]) && b[k] >= 0)) bad(`${k} must be a whole number >= 0`)
}

/** Stage-2 reward (see the header). */
export function blockReward(b: BlockOutcome): number {
  validateBlock(b)
  const completion = Math.min(b.minutesDone / b.minutesPlanned, 1)
  const focusTerm = (b.focus ?? 3) - 3
  const completionTerm = 2 * (completion - 1)
  const effortTerm =
    completion >= SUSTAINED_COMPLETION
      ? Math.min((b.errors + b.frustrations) * EFFORT_BONUS_PER_EVENT, EFFORT_BONUS_MAX)
      : -Math.min(b.frustrations * FRUSTRATION_PENALTY, FRUSTRATION_PENALTY_MAX)
  return clamp(focusTerm + completionTerm + effortTerm)
}
