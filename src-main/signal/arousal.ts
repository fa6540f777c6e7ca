/**
 * Arousal against the person's own baseline. Pure: values in, estimate out.
 *
 * Score (signed; negative = under-aroused, positive = over-aroused, |score| < 1 = optimal band):
 *
 *   zHr   = (HR - baseline HR) / baseline HR spread
 *   zLn   = (lnRMSSD - baseline lnRMSSD) / baseline lnRMSSD spread
 *   zResp = (breathing rate - baseline rate) / baseline rate spread, only when > 0 and the
 *           respiration estimate's confidence >= RESP_MIN_CONFIDENCE
 *   score = (W_HR * zHr - W_LN * zLn + W_RESP * zResp) / (sum of the weights used)
 *
 * i.e. a weighted mean of z-like distances oriented so that "more aroused" is positive: HR up,
 * vagal HRV (lnRMSSD) down, breathing faster (Kubios' SNS/PNS indexes follow the same idea with
 * population norms; Elite HRV / HRV4Training use the personal lnRMSSD band). Breathing only ever
 * adds arousal: fast breathing (> ~18 /min) is a classic sign of it, whereas slow breathing is
 * usually voluntary (e.g. following a pacer) and says little about being flat.
 *
 * State with hysteresis: enter `high` above +ENTER_Z, leave it below +EXIT_Z; the same mirrored for
 * `low`; otherwise `optimal`. Without a previous state, the ENTER thresholds decide.
 *
 * Tired vs calm: low HR together with high HRV is what both a calm, rested person and a tired, flat
 * one look like - HRV cannot tell them apart (Elite HRV flags large parasympathetic swings for
 * exactly this reason). Then the estimate says so ('tired-vs-calm-ambiguous', lower confidence) and
 * a self-report decides: 'fine' -> calm (optimal), 'flat' -> low.
 *
 * Self-report in general ("I feel: wired / fine / flat"):
 * - 'wired' / 'flat' decide the state (high / low) when the physiology does not contradict them:
 *   it is neutral (|score| < SELF_REPORT_DECIDES_Z) or leans the same way. (With only population
 *   norms, physiology in the normal range says little; the person's own sense is then the better
 *   guide, and both prescriptions are safe to try.)
 * - when the physiology clearly says otherwise, the report only moves the score by
 *   SELF_REPORT_SHIFT; 'fine' always moves it toward 0 by at most SELF_REPORT_SHIFT.
 * A state decided this way gets a score on its side of the band (|score| >= 1 for high/low,
 * < 1 for optimal), so score and state never disagree.
 *
 * Confidence (0..1): 0 while settling; rises to CONFIDENCE_BEFORE_MIN_CLEAN (0.45, still "low",
 * i.e. < LOW_CONFIDENCE) over the first MIN_CLEAN_S (60 s) of clean data; at 60 s it is
 * CONFIDENCE_AT_MIN_CLEAN (0.6) and reaches 1 at 2 x MIN_CLEAN_S (the step at 60 s is deliberate:
 * that is where a 1-minute lnRMSSD becomes trustworthy). Then scaled down by the artefact rate, a
 * population baseline and an unresolved tired/calm ambiguity.
 */
import type { ArousalEstimate, ArousalReason, ArousalState, SelfReport } from '../shared/arousal'
import type { BaselineStats } from './baseline'

export const AROUSAL_CONSTANTS = {
  /** Weights of the HR, lnRMSSD and breathing-rate distances. */
  W_HR: 0.45,
  W_LN: 0.4,
  W_RESP: 0.15,
  /** |score| above this enters `high` / `low`. */
  ENTER_Z: 1.0,
  /** ...and the state is kept until |score| falls below this (hysteresis). */
  EXIT_Z: 0.7,
  /** A reason is given for a signal at least this far from baseline (in spreads). */
  REASON_Z: 0.5,
  /** Low HR (zHr <= -AMBIGUOUS_Z) with high HRV (zLn >= +AMBIGUOUS_Z) is the tired-or-calm pattern. */
  AMBIGUOUS_Z: 0.5,
  /** How far a self-report moves the score when the physiology contradicts it. */
  SELF_REPORT_SHIFT: 0.5,
  /** Below this |score| the physiology is neutral and a 'wired' / 'flat' report decides. */
  SELF_REPORT_DECIDES_Z: 0.5,
  /** Breathing rate enters the score only with at least this confidence. */
  RESP_MIN_CONFIDENCE: 0.3,
  /** Seconds of clean data (after settling) for a confident estimate (Esco & Flatt 2014: 60 s lnRMSSD). */
  MIN_CLEAN_S: 60,
  /** Highest confidence before MIN_CLEAN_S, and the confidence at MIN_CLEAN_S; below LOW_CONFIDENCE is "low". */
  CONFIDENCE_BEFORE_MIN_CLEAN: 0.45,
  CONFIDENCE_AT_MIN_CLEAN: 0.6,
  LOW_CONFIDENCE: 0.5,
  /**
   * Artefact rates (share of beats the cleaner flagged and corrected). Confidence: x1 up to GOOD,
   * falling linearly to x0.6 at MAX, to x0.3 at REJECT, x0.15 beyond. GOOD is 3 %: corrected beats
   * barely move HRV at that rate (Lipponen & Tarvainen 2019: < 2-8 % error), and in a 90-beat
   * check-in one ectopic beat with its compensatory pause is already 2 %. From MAX (5 %, where many
   * tools warn) the reasons say 'too-noisy'. Above REJECT (10 %) a check-in is not judged at all:
   * a 45 s check-in has only ~50 beats, so two real ectopic beats (each flagged with its pause)
   * already make 8 %, which correction handles well.
   */
  ARTIFACT_GOOD: 0.03,
  ARTIFACT_MAX: 0.05,
  ARTIFACT_REJECT: 0.1,
  /** Confidence factor for a population (not personal) baseline. */
  POPULATION_FACTOR: 0.7,
  /** Confidence factor when tired and calm cannot be told apart and no self-report says which. */
  AMBIGUOUS_FACTOR: 0.75
} as const

const C = AROUSAL_CONSTANTS

export interface ArousalInput {
  hrBpm: number | null
  lnRmssd: number | null
  respRateBpm?: number | null
  respConfidence?: number | null
  /** Seconds of clean data after the settling period (0 while settling). */
  cleanS: number
  /** Still inside the settling period. */
  settling?: boolean
  /** Fraction of beats flagged as artefacts (0..1). */
  artifactRate: number
  /** The strap reports no skin contact, or no beats arrive. */
  noContact?: boolean
  selfReport?: SelfReport | null
}

export interface ArousalComponents {
  zHr: number | null
  zLn: number | null
  zResp: number | null
  /** Score from the physiology alone (before any self-report). */
  physiologicalScore: number | null
  ambiguous: boolean
}

/** The z-like distances and the physiological score. */
export function arousalComponents(input: ArousalInput, baseline: BaselineStats): ArousalComponents {
  const zHr =
    input.hrBpm !== null && Number.isFinite(input.hrBpm)
      ? (input.hrBpm - baseline.hrBpm) / baseline.hrSdBpm
      : null
  const zLn =
    input.lnRmssd !== null && Number.isFinite(input.lnRmssd)
      ? (input.lnRmssd - baseline.lnRmssd) / baseline.lnRmssdSd
      : null
  const resp = input.respRateBpm ?? null
  const respOk =
    resp !== null && Number.isFinite(resp) && (input.respConfidence ?? 0) >= C.RESP_MIN_CONFIDENCE
  const zResp = respOk ? (resp - baseline.respRateBpm) / baseline.respSdBpm : null
  let sum = 0
  let w = 0
  if (zHr !== null) {
    sum += C.W_HR * zHr
    w += C.W_HR
  }
  if (zLn !== null) {
    sum -= C.W_LN * zLn
    w += C.W_LN
  }
  if (zResp !== null && zResp > 0 && w > 0) {
    sum += C.W_RESP * zResp
    w += C.W_RESP
  }
  const physiologicalScore = w > 0 ? sum / w : null
  const ambiguous = zHr !== null && zLn !== null && zHr <= -C.AMBIGUOUS_Z && zLn >= C.AMBIGUOUS_Z
  return { zHr, zLn, zResp, physiologicalScore, ambiguous }
}

/** State for a score, given the previous state (hysteresis). */
export function stateForScore(score: number, previous: ArousalState | null = null): ArousalState {
  if (previous === 'high' && score > C.EXIT_Z) return 'high'
  if (previous === 'low' && score < -C.EXIT_Z) return 'low'
  if (score > C.ENTER_Z) return 'high'
  if (score < -C.ENTER_Z) return 'low'
  return 'optimal'
}

/** 0..1, see the header. */
export function arousalConfidence(
  input: ArousalInput,
  baseline: BaselineStats,
  ambiguousUnresolved: boolean
): number {
  if (input.settling || input.noContact || !(input.cleanS > 0)) return 0
  const t = input.cleanS
  let c =
    t < C.MIN_CLEAN_S
      ? (C.CONFIDENCE_BEFORE_MIN_CLEAN * t) / C.MIN_CLEAN_S
      : C.CONFIDENCE_AT_MIN_CLEAN +
        (1 - C.CONFIDENCE_AT_MIN_CLEAN) * Math.min(1, (t - C.MIN_CLEAN_S) / C.MIN_CLEAN_S)
  const a = input.artifactRate
  if (a > C.ARTIFACT_REJECT) c *= 0.15
  else if (a > C.ARTIFACT_MAX) c *= 0.6 - (0.3 * (a - C.ARTIFACT_MAX)) / (C.ARTIFACT_REJECT - C.ARTIFACT_MAX)
  else if (a > C.ARTIFACT_GOOD) c *= 1 - (0.4 * (a - C.ARTIFACT_GOOD)) / (C.ARTIFACT_MAX - C.ARTIFACT_GOOD)
  if (baseline.source === 'population') c *= C.POPULATION_FACTOR
  if (ambiguousUnresolved) c *= C.AMBIGUOUS_FACTOR
  return Math.round(Math.max(0, Math.min(1, c)) * 1000) / 1000
}

const round = (x: number, digits = 0): number => {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

/**
 * One estimate. `previous` is the state shown so far (for hysteresis); null for a one-off judgement
 * such as a finished check-in.
 */
export function estimateArousal(
  input: ArousalInput,
  baseline: BaselineStats,
  previous: ArousalState | null = null
): ArousalEstimate {
  const comp = arousalComponents(input, baseline)
  // 'tired' (issue 16: it opens NSDR for the learner) weighs in the estimate exactly like 'flat'.
  const report = input.selfReport === 'tired' ? 'flat' : (input.selfReport ?? null)
  const lead: ArousalReason[] = []
  if (input.noContact) lead.push({ kind: 'no-contact' })
  else if (input.settling || !(input.cleanS > 0)) lead.push({ kind: 'settling' })
  if (input.artifactRate > C.ARTIFACT_MAX)
    lead.push({ kind: 'too-noisy', artifactPct: round(input.artifactRate * 100, 1) })

  if (comp.physiologicalScore === null) {
    const reasons: ArousalReason[] = [...lead]
    if (reasons.length === 0) reasons.push({ kind: 'settling' })
    if (report) reasons.push({ kind: 'self-report', report })
    const score = report === 'wired' ? C.SELF_REPORT_SHIFT : report === 'flat' ? -C.SELF_REPORT_SHIFT : 0
    return { state: previous ?? 'optimal', score, confidence: 0, reasons }
  }

  const physio = comp.physiologicalScore
  let score = physio
  let forced: ArousalState | null = null
  const neutral = Math.abs(physio) < C.SELF_REPORT_DECIDES_Z
  if (comp.ambiguous && report === 'fine')
    forced = 'optimal' // calm, not tired
  else if (report === 'flat' && (neutral || physio < 0)) forced = 'low'
  else if (report === 'wired' && (neutral || physio > 0)) forced = 'high'
  else if (report === 'wired') score += C.SELF_REPORT_SHIFT
  else if (report === 'flat') score -= C.SELF_REPORT_SHIFT
  else if (report === 'fine') score -= Math.sign(score) * Math.min(Math.abs(score), C.SELF_REPORT_SHIFT)

  const state = forced ?? stateForScore(score, previous)
  if (forced === 'optimal') score = Math.max(-0.99 * C.ENTER_Z, Math.min(0.99 * C.ENTER_Z, score))
  if (forced === 'low') score = Math.min(score, -C.ENTER_Z)
  if (forced === 'high') score = Math.max(score, C.ENTER_Z)

  const ambiguousUnresolved = comp.ambiguous && report === null
  const confidence = arousalConfidence(input, baseline, ambiguousUnresolved)

  // Physiological reasons, strongest contribution first.
  const signals: { weight: number; reason: ArousalReason }[] = []
  if (comp.zHr !== null && Math.abs(comp.zHr) >= C.REASON_Z && input.hrBpm !== null) {
    signals.push({
      weight: C.W_HR * Math.abs(comp.zHr),
      reason: { kind: 'hr-vs-baseline', deltaBpm: round(input.hrBpm - baseline.hrBpm) }
    })
  }
  if (comp.zLn !== null && Math.abs(comp.zLn) >= C.REASON_Z && input.lnRmssd !== null) {
    signals.push({
      weight: C.W_LN * Math.abs(comp.zLn),
      reason: {
        kind: 'rmssd-vs-baseline',
        deltaPct: round(100 * (Math.exp(input.lnRmssd - baseline.lnRmssd) - 1))
      }
    })
  }
  if (comp.zResp !== null && comp.zResp >= C.REASON_Z && input.respRateBpm != null) {
    signals.push({
      weight: C.W_RESP * comp.zResp,
      reason: { kind: 'resp-rate', breathsPerMin: round(input.respRateBpm, 1) }
    })
  }
  signals.sort((a, b) => b.weight - a.weight)
  const reasons: ArousalReason[] = [...lead, ...signals.map((s) => s.reason)]
  if (signals.length === 0) reasons.push({ kind: 'within-baseline' })
  if (comp.ambiguous && (state === 'low' || report !== null))
    reasons.push({ kind: 'tired-vs-calm-ambiguous' })
  if (report) reasons.push({ kind: 'self-report', report })
  if (baseline.source === 'population') reasons.push({ kind: 'population-baseline' })

  return { state, score: round(score, 3), confidence, reasons }
}

/**
 * Live estimates with hysteresis: remembers the state it last gave, so a score wandering around a
 * threshold does not make the state flicker.
 */
export class ArousalTracker {
  private previous: ArousalState | null = null

  update(input: ArousalInput, baseline: BaselineStats): ArousalEstimate {
    const estimate = estimateArousal(input, baseline, this.previous)
    // Only a judgement with some data behind it becomes the state to hold on to.
    if (estimate.confidence > 0) this.previous = estimate.state
    return estimate
  }

  get state(): ArousalState | null {
    return this.previous
  }

  reset(): void {
    this.previous = null
  }
}
