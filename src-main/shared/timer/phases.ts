/**
 * The phases of one ultradian learning bout, as a pure function of active (un-paused) elapsed
 * time and the block length.
 *
 * The rule, fixed on the 90-minute default and scaled for other lengths:
 * - warm-up / drift: the first 1/9 of the block (10 of 90 min), never more than 10 min - the mind
 *   drifts for the first 5-10 minutes whatever the block length;
 * - error-rich window: the last 2/9 of the block (20 of 90 min), kept inside the 7-30 min the
 *   research describes: at least 7 min, at most 30 min, but never more than a third of the
 *   block, so a very short block (tests, demos) keeps all three phases in proportion;
 * - deep focus: everything in between.
 * Elapsed time outside [0, block] is clamped; at or past the end the phase is 'done'.
 */
export const PHASES = ['warmup', 'focus', 'errors'] as const
export type Phase = (typeof PHASES)[number]
export type PhaseOrDone = Phase | 'done'

const MIN = 60_000

export interface PhasePlan {
  blockMs: number
  /** End of warm-up = start of deep focus. */
  focusFromMs: number
  /** Start of the error-rich window. */
  errorsFromMs: number
}

export function phasePlan(blockMs: number): PhasePlan {
  const block = Math.max(0, blockMs)
  const warmup = Math.min(block / 9, 10 * MIN)
  const errors = Math.min(Math.max((block * 2) / 9, 7 * MIN), 30 * MIN, block / 3)
  return { blockMs: block, focusFromMs: warmup, errorsFromMs: block - errors }
}

export function phaseAt(elapsedMs: number, blockMs: number): PhaseOrDone {
  const plan = phasePlan(blockMs)
  if (elapsedMs >= plan.blockMs) return 'done'
  if (elapsedMs < plan.focusFromMs) return 'warmup'
  if (elapsedMs < plan.errorsFromMs) return 'focus'
  return 'errors'
}

/** Where each phase starts and ends, for the phase bar. */
export function phaseSpans(blockMs: number): { phase: Phase; fromMs: number; toMs: number }[] {
  const p = phasePlan(blockMs)
  return [
    { phase: 'warmup', fromMs: 0, toMs: p.focusFromMs },
    { phase: 'focus', fromMs: p.focusFromMs, toMs: p.errorsFromMs },
    { phase: 'errors', fromMs: p.errorsFromMs, toMs: p.blockMs }
  ]
}
