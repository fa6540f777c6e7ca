/**
 * What main tells the renderer about the person's state. Reasons are structured (codes and
 * numbers), never sentences: the renderer words them in the user's language.
 */
import type { BreathingSource } from './devices'
import type {
  ArousalState,
  CalibrationStatus,
  CheckInLengthReason,
  SelfReport,
  SelfReportEvidence,
  StateVerdict,
  WindowSummary
} from './verdict'

export type { ArousalState, SelfReport }
export type SignalQuality = 'good' | 'fair' | 'poor'

export type ArousalReason =
  | { kind: 'hr-vs-baseline'; deltaBpm: number }
  | { kind: 'rmssd-vs-baseline'; deltaPct: number }
  | { kind: 'resp-rate'; breathsPerMin: number }
  | { kind: 'tired-vs-calm-ambiguous' }
  | { kind: 'self-report'; report: SelfReport }
  | { kind: 'population-baseline' }
  | { kind: 'settling' }
  | { kind: 'too-noisy'; artifactPct: number }
  | { kind: 'no-contact' }
  | { kind: 'within-baseline' }

export interface ArousalEstimate {
  state: ArousalState
  /** Signed: negative = under-aroused, positive = over-aroused; |score| < 1 is the optimal band. */
  score: number
  /** 0..1: low until >= 60 s of clean data after the settling period. */
  confidence: number
  reasons: ArousalReason[]
}

/** Rolling values, sent about once a second while a heart source streams. */
export interface LiveMetrics {
  tMs: number
  hrBpm: number | null
  rmssdMs: number | null
  lnRmssd: number | null
  sdnnMs: number | null
  respRateBpm: number | null
  respConfidence: number | null
  artifactRate: number
  quality: SignalQuality
  arousal: ArousalEstimate | null
  /**
   * Where the breathing figure to show comes from: 'chest' = measured by the strap's accelerometer
   * (`chestRateBpm`), 'rsa' = inferred from heart-rate swings (`respRateBpm`). `respRateBpm` stays
   * the RR-derived figure either way (metrics.csv, arousal). Absent in older producers = 'rsa'.
   */
  respSource?: BreathingSource
  /** Breaths per minute measured at the chest while `respSource` is 'chest'; null otherwise. */
  chestRateBpm?: number | null
}

export type CheckInKind = 'check-in' | 're-check' | 'baseline'

export interface CheckInResult {
  id: string
  kind: CheckInKind
  startedMs: number
  endedMs: number
  beats: number
  hrBpm: number | null
  rmssdMs: number | null
  lnRmssd: number | null
  respRateBpm: number | null
  artifactRate: number
  quality: SignalQuality
  /** False when the data was too noisy or too short to judge: the UI offers a retry. */
  usable: boolean
  /** The PHYSIOLOGICAL estimate: the self-report never changes it (issue 15). */
  arousal: ArousalEstimate | null
  selfReport: SelfReport | null
  baselineSource: 'personal' | 'population'
  /*
   * Issue 15 (absent in results recorded before it; readers must cope without them):
   */
  /** Firm or lean, and why (the words the screens use). */
  verdict?: StateVerdict
  /** Where the personal baseline stood when this was judged ("Calibrating: 2 of 5 readings"). */
  calibration?: CalibrationStatus
  /** The self-report beside the measured state (agree / disagree / none). */
  selfReportEvidence?: SelfReportEvidence
  /** Why the measurement ended: 'enough', or 'too-short' / 'too-noisy' / 'lost-contact'. */
  ended?: CheckInLengthReason
  /** The measured window with its uncertainty (what a re-check is compared with). */
  window?: WindowSummary
}

export interface BaselineSummary {
  source: 'personal' | 'population'
  /** How many resting measurements the personal baseline rests on. */
  measurements: number
  hrBpm: number
  lnRmssd: number
  rmssdMs: number
  updatedUtc: string | null
  /** Issue 15: how far personal calibration is ("Calibrating: 2 of 5 readings"); absent from older callers. */
  calibration?: CalibrationStatus
  /**
   * Set when baseline.json could not be read: it was moved to `backupPath` and the population
   * baseline is used until new measurements are made (the UI should tell the user once).
   */
  problem?: { kind: 'file-unreadable'; backupPath: string; reason: string }
}
