/**
 * The focus ring's geometry, pure: each phase is an arc of the circle in proportion to its share
 * of the block, with the part already lived drawn bright. Lengths are in the circle's own units
 * (its circumference), so an SVG stroke-dasharray can draw them directly.
 */
import type { Phase } from '../../../../src-main/shared/timer/phases'

export interface RingArc {
  phase: Phase
  /** Where the arc starts along the circle, from 12 o'clock clockwise. */
  offset: number
  /** The whole phase. */
  length: number
  /** The part of the phase already elapsed (0..length). */
  doneLength: number
}

/** A small gap between phases so they read as three parts, not one band. */
export const PHASE_GAP = 0.006

export function ringArcs(
  spans: readonly { phase: Phase; fromMs: number; toMs: number }[],
  blockMs: number,
  elapsedMs: number,
  circumference: number
): RingArc[] {
  if (!(blockMs > 0)) return []
  const gap = PHASE_GAP * circumference
  return spans.map((span) => {
    const offset = (span.fromMs / blockMs) * circumference
    const length = Math.max(0, ((span.toMs - span.fromMs) / blockMs) * circumference - gap)
    const lived = Math.min(Math.max(elapsedMs - span.fromMs, 0), span.toMs - span.fromMs)
    const doneLength = Math.min(length, (lived / blockMs) * circumference)
    return { phase: span.phase, offset, length, doneLength }
  })
}
