/**
 * The verdict as it crosses to the screens and into session.json (issue 15). The decisions are
 * made in main by the pure layer in src-main/signal/verdict.ts (its header draws the whole path);
 * these are the shapes of what it returns, defined here because the renderer may import only
 * shared/. Every text is a message key the renderer words (English and 简体中文).
 */

/** The person's state (re-exported by arousal.ts, which builds on this file). */
export type ArousalState = 'low' | 'optimal' | 'high'
/** The one-tap "how do you feel?". */
export type SelfReport = 'wired' | 'fine' | 'flat' | 'tired'

/** "Calibrating: 2 of 5 readings (1 of 3 days)" (signal/calibration.ts states the rule). */
export interface CalibrationStatus {
  ready: boolean
  /** Readings that count (resting, not older than the rule's limit, not in the future). */
  readings: number
  readingsNeeded: number
  /** Different local calendar days among them. */
  days: number
  daysNeeded: number
}

export type VerdictKind = 'firm' | 'lean' | 'none'
export type LeanReason = 'calibrating' | 'low-confidence' | 'near-boundary' | 'tired-or-calm'

/** How sure the words may sound (signal/stateVerdict.ts). */
export interface StateVerdict {
  kind: VerdictKind
  state: ArousalState | null
  /** 'verdict.firm.high', 'verdict.lean.optimal', 'verdict.none'. */
  messageKey: string
  /** Why it is a lean (empty for firm and none); the keys are 'verdict.why.<reason>'. */
  why: LeanReason[]
  /** Confidence as estimated (0..1), for showing beside the words. */
  confidence: number
}

export type SelfReportAgreement = 'agree' | 'disagree' | 'none'

/** The self-report beside the measured state: evidence, never a relabelling. */
export interface SelfReportEvidence {
  evidence: SelfReportAgreement
  /** What the body reads (unchanged by the report). */
  measured: ArousalState | null
  felt: SelfReport | null
  /** 'selfReport.agree', 'selfReport.disagree' ("Your body reads {measured}; you feel {felt}"), 'selfReport.none'. */
  messageKey: string
}

export type CheckInLengthReason =
  'settling' | 'measuring' | 'enough' | 'too-short' | 'too-noisy' | 'lost-contact'

/**
 * A measured window with its uncertainty (signal/windowMeasure.ts), as much as the re-check needs
 * to be judged against it. Unrounded.
 */
export interface WindowSummary {
  hrBpm: number | null
  hrSeBpm: number | null
  lnRmssd: number | null
  lnRmssdSe: number | null
  respRateBpm: number | null
  respSeBpm: number | null
  /** Seconds of clean data after settling. */
  cleanS: number
  /** The artefact share the window was judged on (ectopic pairs once, residual jumps counted). */
  artifactRate: number
}

export type ExpectedDirection = 'calmer' | 'more-alert' | 'hold'
export type MeasuredDirection = 'calmer' | 'more-alert' | 'no-clear-change'
export type RecheckVerdict = 'toward' | 'no-clear-change' | 'away'

export interface SmallestWorthwhileChange {
  hrBpm: number
  lnRmssd: number
  respBpm: number
  source: 'personal' | 'population'
}

/** The re-check minus the check-in, each with its standard error (signal/recheck.ts). */
export interface RecheckChange {
  dHrBpm: number
  dHrSeBpm: number
  dLnRmssd: number
  dLnRmssdSe: number
  dRmssdPct: number
  /** 95 % interval of the RMSSD change, %. */
  dRmssdPctLow: number
  dRmssdPctHigh: number
  dRespBpm: number | null
  dRespSeBpm: number | null
  swc: SmallestWorthwhileChange
  dScore: number
  dScoreSe: number
  measured: MeasuredDirection
  expected: ExpectedDirection
  verdict: RecheckVerdict
  /** A 'toward' that ended past the zone (re-check state on the far side). */
  overshoot: boolean
  /** e.g. 'recheck.toward.calmer', 'recheck.away.more-alert', 'recheck.no-clear-change'. */
  messageKey: string
}

export type GateReason =
  | 'completed-toward'
  | 'completed-no-clear-change'
  | 'completed-not-measured'
  | 'override'
  | 'moved-away'
  | 'protocol-pending'

export interface GateDecision {
  open: boolean
  reason: GateReason
  /** 'gate.open.completed-toward', 'gate.closed.moved-away', ... */
  messageKey: string
}

/** What History shows: "High → calmer (HR −8 bpm, RMSSD +35 %)". */
export interface HistoryChangeSummary {
  from: ArousalState
  to: MeasuredDirection
  verdict: RecheckVerdict
  /** Rounded to whole bpm / whole %; breathing to 0.1 /min (null when not measured in both). */
  dHrBpm: number
  dRmssdPct: number
  dRespBpm: number | null
}

/**
 * The re-check judged as a change against the same session's check-in, and the gate it decided:
 * kept in the flow (the gate screen), written to session.json `recheck` and the `gate` event.
 */
export interface RecheckOutcome {
  /** The re-check result's id and the check-in it was compared with. */
  recheckId: string
  checkInId: string | null
  /** The state the session started in (the prescription's). */
  from: ArousalState | null
  /** Null when either window was unusable (then the gate says 'completed-not-measured'). */
  change: RecheckChange | null
  gate: GateDecision
  /** Null without a change. */
  summary: HistoryChangeSummary | null
  /** The day-to-day spreads came from the person ('personal') or the population prior. */
  calibration: CalibrationStatus
}

/**
 * What the check-in screen shows while a measurement runs, pushed about once a second as
 * `session:measuring` (the session engine's one live channel).
 */
export interface MeasuringLive {
  /** The running check-in's id. */
  id: string
  /** Seconds since it started, and the longest it may run. */
  elapsedS: number
  limitS: number
  /** settling / measuring / enough, or why it must stop (too-short, too-noisy, lost-contact). */
  reason: CheckInLengthReason
  /** 'checkIn.length.<reason>'. */
  messageKey: string
  /** Measuring beyond the minimum because the estimate is not yet confident. */
  extending: boolean
  /** 0..1 for the progress bar. */
  progress: number
  /** Seconds of clean data after settling, and how many the minimum is. */
  cleanS: number
  minCleanS: number
  /** Mean HR of the last few beats (null until beats arrive). */
  hrBpm: number | null
  /** The most recent RR intervals (ms, oldest first, at most LIVE_RR_BEATS) for the trace. */
  rrMs: number[]
  /**
   * The check-in's own artefact share so far (flagged / judged beats after settling, as its result
   * will report it), the beats judged, and the quality word that share maps to: the screen shows
   * the word and the percentage from this one source, and neither before enough beats are judged.
   */
  judgedBeats: number
  artifactRate: number
  /** arousal.ts's SignalQuality (spelled out: arousal.ts builds on this file, not the reverse). */
  quality: 'good' | 'fair' | 'poor'
}

/** Beats in the live trace (~45 s at 70 bpm). */
export const LIVE_RR_BEATS = 50
