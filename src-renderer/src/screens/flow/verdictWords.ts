/**
 * The words of main's verdict (issue 15): which message to show for a result, a re-check and a
 * running check-in. Main decides firm vs lean, the calibration status, the self-report's agreement,
 * the re-check's change and the gate's reason; the screens only word them (no thresholds here).
 * Pure: a translate function comes in, so the rules are unit-tested in both languages.
 */
import type {
  CalibrationStatus,
  CheckInResult,
  HistoryChangeSummary,
  MeasuringLive,
  RecheckChange,
  StateVerdict
} from '../../../../src-main/shared/contract'
import type { MessageKey } from '../../lib/i18n/en'

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

/** "+35", "−8" (a real minus sign), "0". */
export function signed(x: number, digits = 0): string {
  const f = 10 ** digits
  const r = Math.round(x * f) / f
  if (r === 0) return (0).toFixed(digits)
  return `${r > 0 ? '+' : '−'}${Math.abs(r).toFixed(digits)}`
}

/**
 * The verdict of a result. A result recorded before main gave verdicts carries none: it is shown
 * as a lean (it was never judged against a calibrated baseline), never as a firm state.
 */
export function verdictOf(r: CheckInResult): StateVerdict {
  if (r.verdict) return r.verdict
  if (!r.usable || !r.arousal)
    return { kind: 'none', state: null, messageKey: 'verdict.none', why: [], confidence: 0 }
  return {
    kind: 'lean',
    state: r.arousal.state,
    messageKey: `verdict.lean.${r.arousal.state}`,
    why: ['calibrating'],
    confidence: r.arousal.confidence
  }
}

/** The headline and the confidence beside it: "Confident" only with a firm verdict. */
export function verdictLines(v: StateVerdict, t: Translate): { headline: string; confidence: string } {
  const pct = Math.round(v.confidence * 100)
  return {
    headline: t(v.messageKey as MessageKey),
    confidence: t(v.kind === 'firm' ? 'verdict.confidence.firm' : 'verdict.confidence.lean', { pct })
  }
}

export function calibrationLine(c: CalibrationStatus, t: Translate): string {
  return c.ready
    ? t('verdict.calibrated', { count: c.readings })
    : t('verdict.calibrating', {
        count: c.readings,
        needed: c.readingsNeeded,
        days: c.days,
        daysNeeded: c.daysNeeded
      })
}

/** "Your body reads calm; you feel flat. …" (or that they agree, or what the report is for). */
export function evidenceLine(r: CheckInResult, t: Translate): string {
  const measured = r.usable ? (r.arousal?.state ?? null) : null
  const felt = r.selfReport
  if (measured === null || felt === null) return t('selfReport.none')
  const agree = r.selfReportEvidence
    ? r.selfReportEvidence.evidence === 'agree'
    : ({ wired: 'high', fine: 'optimal', flat: 'low', tired: 'low' } as const)[felt] === measured
  return t(agree ? 'selfReport.agree' : 'selfReport.disagree', {
    measured: t(`verdict.body.${measured}`),
    felt: t(`verdict.felt.${felt}`)
  })
}

/** The re-check's numbers: each change with its 95 % range, then the smallest worthwhile change. */
export function changeLines(c: RecheckChange, t: Translate): string[] {
  const lines = [
    t('recheck.hr', { delta: signed(c.dHrBpm), se: (1.96 * c.dHrSeBpm).toFixed(1) }),
    t('recheck.rmssd', {
      delta: signed(c.dRmssdPct),
      low: signed(c.dRmssdPctLow),
      high: signed(c.dRmssdPctHigh)
    })
  ]
  if (c.dRespBpm !== null && c.dRespSeBpm !== null)
    lines.push(t('recheck.resp', { delta: signed(c.dRespBpm, 1), se: (1.96 * c.dRespSeBpm).toFixed(1) }))
  lines.push(
    t(c.swc.source === 'personal' ? 'recheck.swc.personal' : 'recheck.swc.population', {
      hr: c.swc.hrBpm.toFixed(1),
      rmssd: Math.round(100 * (Math.exp(c.swc.lnRmssd) - 1))
    })
  )
  return lines
}

/** History's "High → calmer (HR −8 bpm, RMSSD +35 %)". */
export function historyChangeLine(s: HistoryChangeSummary, t: Translate): string {
  return t('history.change', {
    from: t(`history.state.${s.from}`),
    to: t(`history.to.${s.to}`),
    hr: signed(s.dHrBpm),
    rmssd: signed(s.dRmssdPct)
  })
}

export type LivePhase = 'settling' | 'measuring' | 'enough'

/** Which of the three steps is lit, and the sentence under the bar. */
export function liveWords(live: MeasuringLive, t: Translate): { phase: LivePhase; text: string } {
  const phase: LivePhase =
    live.reason === 'settling' ? 'settling' : live.reason === 'measuring' ? 'measuring' : 'enough'
  const text = live.extending
    ? t('checkIn.length.extending', { limit: Math.round(live.limitS) })
    : t(live.messageKey as MessageKey, { clean: Math.floor(live.cleanS), min: live.minCleanS })
  return { phase, text }
}

/** SVG polyline points for the RR trace in a width x height box (longer RR = higher). */
export function rrTracePoints(rrMs: readonly number[], width: number, height: number): string {
  if (rrMs.length < 2) return ''
  let lo = Math.min(...rrMs)
  let hi = Math.max(...rrMs)
  // At least 100 ms of range, so a steady heart does not look jagged.
  if (hi - lo < 100) {
    const mid = (hi + lo) / 2
    lo = mid - 50
    hi = mid + 50
  }
  const pad = 4
  return rrMs
    .map((rr, i) => {
      const x = (i / (rrMs.length - 1)) * width
      const y = pad + (1 - (rr - lo) / (hi - lo)) * (height - 2 * pad)
      return `${x.toFixed(1)},${y.toFixed(1)}`
    })
    .join(' ')
}
