/**
 * How sure the app may sound: a check-in's state becomes a FIRM verdict or a LEAN, and the
 * self-report is set beside it as evidence. Pure; returns message keys, never English.
 *
 * Firm only when all of these hold, else a lean naming why (`why`, in this order):
 *   - 'calibrating'     the personal baseline is ready (calibration.ts). Against population norms
 *                       a verdict is ALWAYS a lean: between-person differences in HRV dwarf the
 *                       changes arousal causes (arousal-methods.md section 0).
 *   - 'low-confidence'  confidence >= FIRM_MIN_CONFIDENCE (0.6). That is the confidence of 60 s of
 *                       clean data with a personal baseline and <= 3 % artefacts (arousal.ts
 *                       CONFIDENCE_AT_MIN_CLEAN; 60 s is where a 1-minute lnRMSSD agrees with 5 min,
 *                       Esco & Flatt 2014), and strictly above LOW_CONFIDENCE (0.5), so no screen
 *                       can show a firm state next to a confidence the app calls low.
 *   - 'near-boundary'   the score is at least FIRM_MIN_MARGIN (0.25) inside its state's band
 *                       (|score| <= 0.75 for optimal, >= 1.25 for high/low): closer to the edge, the
 *                       window's own error (lnRMSSD +/-0.09 over 60 s, i.e. ~0.2 score units with the
 *                       floor spreads) could flip the state.
 *   - 'tired-or-calm'   not the unresolved tired-vs-calm pattern (low HR with high HRV and no
 *                       self-report, see arousal.ts): HRV alone cannot tell these apart.
 * 'none' when there is no estimate (an unusable check-in).
 *
 * The state passed in must be the PHYSIOLOGICAL one (estimateArousal with selfReport null): the
 * self-report is evidence beside it (`selfReportEvidence`), never a relabelling.
 */
import type { ArousalEstimate, ArousalState, SelfReport } from '../shared/arousal'
import { AROUSAL_CONSTANTS } from './arousal'
import type {
  CalibrationStatus,
  LeanReason,
  SelfReportAgreement,
  SelfReportEvidence,
  StateVerdict,
  VerdictKind
} from '../shared/verdict'

export type { LeanReason, SelfReportAgreement, SelfReportEvidence, StateVerdict, VerdictKind }

export const VERDICT_THRESHOLDS = {
  FIRM_MIN_CONFIDENCE: 0.6,
  FIRM_MIN_MARGIN: 0.25
} as const

/** How far the score sits inside its state's band (negative = outside, e.g. held by hysteresis). */
export function marginInsideBand(state: ArousalState, score: number): number {
  const edge = AROUSAL_CONSTANTS.ENTER_Z
  if (state === 'optimal') return edge - Math.abs(score)
  return state === 'high' ? score - edge : -score - edge
}

export function stateVerdict(estimate: ArousalEstimate | null, calibration: CalibrationStatus): StateVerdict {
  if (estimate === null || estimate.confidence <= 0)
    return { kind: 'none', state: null, messageKey: 'verdict.none', why: [], confidence: 0 }
  if (estimate.reasons.some((r) => r.kind === 'self-report'))
    throw new Error('stateVerdict needs the physiological estimate (made without the self-report)')
  const why: LeanReason[] = []
  if (!calibration.ready) why.push('calibrating')
  if (estimate.confidence < VERDICT_THRESHOLDS.FIRM_MIN_CONFIDENCE) why.push('low-confidence')
  if (marginInsideBand(estimate.state, estimate.score) < VERDICT_THRESHOLDS.FIRM_MIN_MARGIN)
    why.push('near-boundary')
  if (estimate.reasons.some((r) => r.kind === 'tired-vs-calm-ambiguous')) why.push('tired-or-calm')
  const kind: VerdictKind = why.length === 0 ? 'firm' : 'lean'
  return {
    kind,
    state: estimate.state,
    messageKey: `verdict.${kind}.${estimate.state}`,
    why,
    confidence: estimate.confidence
  }
}

/** The state each report corresponds to: wired <-> high, fine <-> optimal, flat and tired <-> low. */
export const REPORT_STATE: Record<SelfReport, ArousalState> = {
  wired: 'high',
  fine: 'optimal',
  flat: 'low',
  tired: 'low'
}

/**
 * The self-report beside the measured state. 'none' when there is no report or no measured state.
 * Never changes `measured`.
 */
export function selfReportEvidence(
  measured: ArousalState | null,
  felt: SelfReport | null
): SelfReportEvidence {
  const evidence: SelfReportAgreement =
    measured === null || felt === null ? 'none' : REPORT_STATE[felt] === measured ? 'agree' : 'disagree'
  return { evidence, measured, felt, messageKey: `selfReport.${evidence}` }
}
