/**
 * A verdict a person can trust (issue 15): the pure decision layer the session engine calls.
 * Everything here is a pure function of numbers in, numbers and message keys out - no I/O, no
 * clock, no English. The renderer words the keys (English and 简体中文).
 *
 * The path of one session, and the file for each step:
 *
 *   raw beats of the check-in  -> measureWindow            windowMeasure.ts   cleaned HR, lnRMSSD,
 *                                                                               breathing + their errors
 *   while it runs, every ~1 s  -> checkInLength            checkInStopping.ts settling / measuring /
 *                                                                               enough / too-short /
 *                                                                               too-noisy / lost-contact
 *   stored resting readings    -> calibratedBaseline       calibration.ts     "Calibrating: 2 of 5",
 *                                                                               robust personal baseline
 *   window + baseline          -> estimateArousal          arousal.ts         state, score, confidence
 *                                 (arousalInputFromWindow, with selfReport null: the PHYSIOLOGICAL state)
 *   estimate + calibration     -> stateVerdict             stateVerdict.ts    firm | lean (why) | none
 *   measured state + report    -> selfReportEvidence       stateVerdict.ts    agree | disagree | none
 *   protocol, then re-check    -> measureWindow again
 *   both windows + baseline    -> recheckChange            recheck.ts         dHR, dlnRMSSD (%), dBreathing
 *                                 (expectedDirection)                         with errors, SWC, toward |
 *                                                                               no-clear-change | away
 *   completed? change? override -> gateDecision            recheck.ts         open/closed + reason
 *   start state + change       -> historySummary           recheck.ts         "High -> calmer (HR -8 bpm,
 *                                                                               RMSSD +35 %)"
 *
 * Rules and numbers (each documented with its source in its file's header):
 *   - calibration ready: >= 5 resting readings on >= 3 local days within 60 days; weighted median
 *     and MAD-based SD, 14-day half-life; population norms (always a lean) until then;
 *   - firm verdict: calibrated, confidence >= 0.6 (the app's "low" is < 0.5), score >= 0.25 inside
 *     its band, and not the unresolved tired-vs-calm pattern;
 *   - check-in length: 15 s settling, >= 60 s clean data, stop once the band decision is 1.645
 *     standard errors clear of the edge, else extend to 180 s;
 *   - re-check: SWC = 0.5 x day-to-day SD (population within-person prior while calibrating); a
 *     change is clear when it exceeds the SWC with >= 95 % probability.
 * Measured on simulated people: `npm run bench -- verdict`, test verdictStudy.test.ts.
 *
 * Message keys returned (for the renderer's i18n tables; listed in VERDICT_MESSAGE_KEYS):
 *   verdict.firm.<state>, verdict.lean.<state>, verdict.none, verdict.why.<calibrating |
 *   low-confidence | near-boundary | tired-or-calm>;
 *   selfReport.<agree | disagree | none>;
 *   checkIn.length.<settling | measuring | enough | too-short | too-noisy | lost-contact>;
 *   recheck.toward.<calmer | more-alert>[.overshoot], recheck.away.<calmer | more-alert>,
 *   recheck.no-clear-change;
 *   gate.open.<completed-toward | completed-no-clear-change | completed-not-measured | override>,
 *   gate.closed.<moved-away | protocol-pending>.
 */
export {
  CALIBRATION_RULE,
  HALF_LIFE_DAYS,
  calibratedBaseline,
  calibrationStatus,
  localDay,
  recencyWeight,
  robustStat,
  weightedMedian,
  type CalibratedBaseline,
  type CalibrationClock,
  type CalibrationStatus,
  type RobustStat
} from './calibration'
export {
  CHECKIN_LENGTH,
  checkInLength,
  isConfident,
  scoreStandardError,
  type CheckInLengthDecision,
  type CheckInLengthInput,
  type CheckInLengthReason
} from './checkInStopping'
export {
  SWC_FRACTION,
  SWC_SCORE,
  Z_CLEAR,
  changeSpreads,
  expectedDirection,
  gateDecision,
  historySummary,
  recheckChange,
  scoreChange,
  smallestWorthwhileChange,
  type ChangeSpreads,
  type ExpectedDirection,
  type GateDecision,
  type GateReason,
  type HistoryChangeSummary,
  type MeasuredDirection,
  type MeasuredWindow,
  type ProtocolEffect,
  type RecheckChange,
  type RecheckVerdict,
  type SmallestWorthwhileChange
} from './recheck'
export {
  REPORT_STATE,
  VERDICT_THRESHOLDS,
  marginInsideBand,
  selfReportEvidence,
  stateVerdict,
  type LeanReason,
  type SelfReportAgreement,
  type SelfReportEvidence,
  type StateVerdict,
  type VerdictKind
} from './stateVerdict'
export {
  RESP_SE_BPM,
  arousalInputFromWindow,
  measureWindow,
  type RawBeat,
  type WindowMeasure
} from './windowMeasure'

const STATES = ['low', 'optimal', 'high'] as const
const DIRECTIONS = ['calmer', 'more-alert'] as const

/** Every message key this layer returns: the renderer's i18n tables need each in English and 简体中文. */
export const VERDICT_MESSAGE_KEYS: readonly string[] = [
  ...STATES.flatMap((s) => [`verdict.firm.${s}`, `verdict.lean.${s}`]),
  'verdict.none',
  ...(['calibrating', 'low-confidence', 'near-boundary', 'tired-or-calm'] as const).map(
    (w) => `verdict.why.${w}`
  ),
  ...(['agree', 'disagree', 'none'] as const).map((e) => `selfReport.${e}`),
  ...(['settling', 'measuring', 'enough', 'too-short', 'too-noisy', 'lost-contact'] as const).map(
    (r) => `checkIn.length.${r}`
  ),
  ...DIRECTIONS.flatMap((d) => [`recheck.toward.${d}`, `recheck.toward.${d}.overshoot`, `recheck.away.${d}`]),
  'recheck.no-clear-change',
  ...(['completed-toward', 'completed-no-clear-change', 'completed-not-measured', 'override'] as const).map(
    (r) => `gate.open.${r}`
  ),
  ...(['moved-away', 'protocol-pending'] as const).map((r) => `gate.closed.${r}`)
]
