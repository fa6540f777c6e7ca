/**
 * The signal-quality word and the artefact percentage the measuring screen shows, both from one
 * source: the check-in's own artefact share in main's `session:measuring` push (not the Live
 * screen's rolling metrics, whose window and thresholds differ, which once put "Noisy signal" next
 * to "0 % beats affected"). Nothing is shown before enough beats are judged for a share to mean
 * something: with 20 beats one flagged beat is already 5 %.
 */
import type { MeasuringLive } from '../../../../src-main/shared/verdict'
import type { SignalQuality } from '../../../../src-main/shared/arousal'

export const MIN_JUDGED_BEATS = 20

export interface MeasuringQuality {
  quality: SignalQuality
  /** Percent of the judged beats flagged as artefacts. */
  artifactPct: number
}

export function measuringQuality(live: MeasuringLive | null): MeasuringQuality | null {
  if (!live || live.judgedBeats < MIN_JUDGED_BEATS) return null
  return { quality: live.quality, artifactPct: live.artifactRate * 100 }
}
