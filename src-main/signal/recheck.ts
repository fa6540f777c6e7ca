/**
 * The re-check judged as a measured change against the same session's check-in, the gate rule
 * that follows from it, and what History shows. Pure: two measured windows (windowMeasure.ts) and
 * the calibrated baseline (calibration.ts) in; numbers, a verdict and message keys out.
 *
 * Changes (re-check minus check-in), each with a standard error from the two windows' errors
 * combined as independent (different beats):
 *   dHrBpm      = HR_re - HR_ci                    se = sqrt(seHr_ci^2 + seHr_re^2)
 *   dLnRmssd    = lnRMSSD_re - lnRMSSD_ci          se = sqrt(seLn_ci^2 + seLn_re^2)
 *   dRmssdPct   = 100 * (exp(dLnRmssd) - 1)        (interval from dLnRmssd +/- 1.96 se)
 *   dRespBpm    = rate_re - rate_ci, only when both windows have a confident rate
 * (window errors: windowMeasure.ts - they shrink with window length and grow with artefacts).
 *
 * Smallest worthwhile change (SWC) = 0.5 x the person's day-to-day SD of that quantity, the
 * convention for within-person HRV monitoring (Plews et al. 2012 Eur J Appl Physiol 112:3729 and
 * Buchheit 2014 Front Physiol 5:73 use 0.5 x SD/CV of lnRMSSD; HRV4Training's normal range offers
 * 0.5 SD - the last is checked in /work/shared/notes/arousal-methods.md, the first two are cited
 * from memory). While calibrating the population within-person values are used: PRIOR_SD in
 * baseline.ts (HR 4 bpm, lnRMSSD 0.25, breathing 2.5 /min), i.e. SWC 2 bpm, 0.125 ln-ms (~13 %).
 *
 * Verdict. The changes are combined into one change of the arousal score of arousal.ts, in units
 * of the spreads the SWC comes from:
 *   dScore   = (W_HR * dHr / sdHr - W_LN * dLn / sdLn) / (W_HR + W_LN)
 *   seScore  = sqrt((W_HR * seHr / sdHr)^2 + (W_LN * seLn / sdLn)^2) / (W_HR + W_LN)
 * so the SWC in score units is exactly SWC_SCORE = 0.5. (Breathing rate is reported but left out:
 * its error, ~2.4 /min per window, is larger than any worthwhile change.) A change is CLEAR when
 *   |dScore| - SWC_SCORE >= Z_CLEAR * seScore                    (Z_CLEAR = 1.645)
 * i.e. the true change is beyond the smallest worthwhile one, in the direction measured, with at
 * least 95 % probability - Hopkins' "very likely" threshold (Hopkins 2002, "Probabilities of
 * clinical or practical significance", Sportscience 6; cited from memory). Requiring only
 * |dScore| >= Z * seScore plus |dScore| >= SWC let 6-8 % of no-change runs on simulated people
 * through as "toward"; this rule let none of 100 through and still detected all 100 changes of
 * HR -6 bpm / RMSSD +28 % (`npm run bench -- verdict`). Negative = calmer, positive = more alert. Then, against the expected direction:
 *   toward           clear, in the expected direction (high start -> calmer; low start -> more
 *                    alert; after super-oxygenation a rise in arousal IS the expected direction)
 *   away             clear, in the opposite direction; or, when holding steady was expected, clear
 *                    in either direction
 *   no-clear-change  otherwise
 * `overshoot` marks a "toward" that ended past the zone (e.g. flat -> over-aroused after
 * super-oxygenation), so the words can say "more alert, as expected - a bit beyond your zone".
 *
 * Gate: opens after a completed protocol that did not clearly move the person away
 * ('completed-toward', 'completed-no-clear-change', or 'completed-not-measured' when the re-check
 * was unusable), or on a recorded override ('override'). Otherwise closed: 'moved-away' or
 * 'protocol-pending'.
 */
import type { ArousalState } from '../shared/arousal'
import { AROUSAL_CONSTANTS } from './arousal'
import { PRIOR_SD } from './baseline'
import type { CalibratedBaseline } from './calibration'
import { scoreStandardError } from './checkInStopping'
import type {
  ExpectedDirection,
  GateDecision,
  GateReason,
  HistoryChangeSummary,
  MeasuredDirection,
  RecheckChange,
  RecheckVerdict,
  SmallestWorthwhileChange,
  WindowSummary
} from '../shared/verdict'

export type {
  ExpectedDirection,
  GateDecision,
  GateReason,
  HistoryChangeSummary,
  MeasuredDirection,
  RecheckChange,
  RecheckVerdict,
  SmallestWorthwhileChange
}

/** One-sided 95 % normal quantile (see "CLEAR" in the header). */
export const Z_CLEAR = 1.645
/** SWC as a fraction of the day-to-day SD. */
export const SWC_FRACTION = 0.5
/** The SWC in arousal-score units (each component's SWC is SWC_FRACTION of its spread). */
export const SWC_SCORE = SWC_FRACTION

export type ProtocolEffect = 'calming' | 'energizing' | 'neutral'

/** What a window must provide (WindowMeasure and the stored WindowSummary do). */
export type MeasuredWindow = Pick<
  WindowSummary,
  'hrBpm' | 'hrSeBpm' | 'lnRmssd' | 'lnRmssdSe' | 'respRateBpm' | 'respSeBpm'
>

/** Per-quantity day-to-day spreads the SWC and the score come from. */
export interface ChangeSpreads {
  hrSdBpm: number
  lnRmssdSd: number
  respSdBpm: number
  source: 'personal' | 'population'
}

/** The day-to-day spreads to judge change with: personal when calibrated, else the population prior. */
export function changeSpreads(baseline: CalibratedBaseline): ChangeSpreads {
  if (!baseline.status.ready || baseline.stats.source !== 'personal') {
    return {
      hrSdBpm: PRIOR_SD.hrBpm,
      lnRmssdSd: PRIOR_SD.lnRmssd,
      respSdBpm: PRIOR_SD.respRateBpm,
      source: 'population'
    }
  }
  return {
    hrSdBpm: baseline.stats.hrSdBpm,
    lnRmssdSd: baseline.stats.lnRmssdSd,
    respSdBpm: baseline.resp?.sd ?? PRIOR_SD.respRateBpm,
    source: 'personal'
  }
}

export function smallestWorthwhileChange(spreads: ChangeSpreads): SmallestWorthwhileChange {
  return {
    hrBpm: SWC_FRACTION * spreads.hrSdBpm,
    lnRmssd: SWC_FRACTION * spreads.lnRmssdSd,
    respBpm: SWC_FRACTION * spreads.respSdBpm,
    source: spreads.source
  }
}

/**
 * Which way the re-check should move: the protocol's effect when it has one (a calming practice
 * -> calmer, super-oxygenation -> more alert), else away from the starting state toward the zone
 * (high -> calmer, low -> more alert, optimal -> hold).
 */
export function expectedDirection(
  startState: ArousalState,
  protocolEffect: ProtocolEffect | null = null
): ExpectedDirection {
  if (protocolEffect === 'calming') return 'calmer'
  if (protocolEffect === 'energizing') return 'more-alert'
  if (startState === 'high') return 'calmer'
  if (startState === 'low') return 'more-alert'
  return 'hold'
}

/** Score-unit change and its error for two windows (see the header). Null when HR or lnRMSSD is missing. */
export function scoreChange(
  checkIn: MeasuredWindow,
  recheck: MeasuredWindow,
  spreads: ChangeSpreads
): { dScore: number; dScoreSe: number } | null {
  const d = deltas(checkIn, recheck)
  if (!d) return null
  const { W_HR, W_LN } = AROUSAL_CONSTANTS
  const w = W_HR + W_LN
  return {
    dScore: ((W_HR * d.dHr) / spreads.hrSdBpm - (W_LN * d.dLn) / spreads.lnRmssdSd) / w,
    dScoreSe: scoreStandardError(d.seHr, d.seLn, spreads)
  }
}

function deltas(
  a: MeasuredWindow,
  b: MeasuredWindow
): { dHr: number; seHr: number; dLn: number; seLn: number } | null {
  if (
    a.hrBpm === null ||
    b.hrBpm === null ||
    a.lnRmssd === null ||
    b.lnRmssd === null ||
    a.hrSeBpm === null ||
    b.hrSeBpm === null ||
    a.lnRmssdSe === null ||
    b.lnRmssdSe === null
  )
    return null
  return {
    dHr: b.hrBpm - a.hrBpm,
    seHr: Math.hypot(a.hrSeBpm, b.hrSeBpm),
    dLn: b.lnRmssd - a.lnRmssd,
    seLn: Math.hypot(a.lnRmssdSe, b.lnRmssdSe)
  }
}

/**
 * The re-check against the check-in. `endState` is the re-check's own state estimate (for
 * `overshoot` only). Null when either window lacks HR or lnRMSSD (an unusable re-check).
 */
export function recheckChange(
  checkIn: MeasuredWindow,
  recheck: MeasuredWindow,
  baseline: CalibratedBaseline,
  expected: ExpectedDirection,
  endState: ArousalState | null = null
): RecheckChange | null {
  const d = deltas(checkIn, recheck)
  const spreads = changeSpreads(baseline)
  const s = scoreChange(checkIn, recheck, spreads)
  if (!d || !s) return null
  const clear = Math.abs(s.dScore) - SWC_SCORE >= Z_CLEAR * s.dScoreSe
  const measured: MeasuredDirection = !clear ? 'no-clear-change' : s.dScore < 0 ? 'calmer' : 'more-alert'
  let verdict: RecheckVerdict
  if (measured === 'no-clear-change') verdict = 'no-clear-change'
  else if (expected === 'hold') verdict = 'away'
  else verdict = measured === expected ? 'toward' : 'away'
  const overshoot =
    verdict === 'toward' &&
    ((expected === 'calmer' && endState === 'low') || (expected === 'more-alert' && endState === 'high'))
  const respOk =
    checkIn.respRateBpm !== null &&
    recheck.respRateBpm !== null &&
    checkIn.respSeBpm !== null &&
    recheck.respSeBpm !== null
  const pct = (ln: number): number => 100 * (Math.exp(ln) - 1)
  return {
    dHrBpm: d.dHr,
    dHrSeBpm: d.seHr,
    dLnRmssd: d.dLn,
    dLnRmssdSe: d.seLn,
    dRmssdPct: pct(d.dLn),
    dRmssdPctLow: pct(d.dLn - 1.96 * d.seLn),
    dRmssdPctHigh: pct(d.dLn + 1.96 * d.seLn),
    dRespBpm: respOk ? recheck.respRateBpm! - checkIn.respRateBpm! : null,
    dRespSeBpm: respOk ? Math.hypot(checkIn.respSeBpm!, recheck.respSeBpm!) : null,
    swc: smallestWorthwhileChange(spreads),
    dScore: s.dScore,
    dScoreSe: s.dScoreSe,
    measured,
    expected,
    verdict,
    overshoot,
    messageKey:
      verdict === 'no-clear-change'
        ? 'recheck.no-clear-change'
        : `recheck.${verdict}.${measured}${overshoot ? '.overshoot' : ''}`
  }
}

/**
 * The gate after a re-check (see the header). `change` null = the re-check was not usable.
 * A completed protocol's own reason wins over an override when both apply (the override was then
 * not needed); an override opens even after a clear move away, and says so.
 */
export function gateDecision(input: {
  protocolCompleted: boolean
  change: RecheckChange | null
  overrideRecorded: boolean
}): GateDecision {
  const make = (open: boolean, reason: GateReason): GateDecision => ({
    open,
    reason,
    messageKey: `gate.${open ? 'open' : 'closed'}.${reason}`
  })
  const away = input.change?.verdict === 'away'
  if (input.protocolCompleted && !away) {
    if (input.change === null) return make(true, 'completed-not-measured')
    return make(true, input.change.verdict === 'toward' ? 'completed-toward' : 'completed-no-clear-change')
  }
  if (input.overrideRecorded) return make(true, 'override')
  return make(false, away ? 'moved-away' : 'protocol-pending')
}

export function historySummary(from: ArousalState, change: RecheckChange): HistoryChangeSummary {
  const r = (x: number): number => Math.round(x) + 0 // + 0 turns -0 into 0
  return {
    from,
    to: change.measured,
    verdict: change.verdict,
    dHrBpm: r(change.dHrBpm),
    dRmssdPct: r(change.dRmssdPct),
    dRespBpm: change.dRespBpm === null ? null : Math.round(change.dRespBpm * 10) / 10 + 0
  }
}
