/**
 * Check-in, re-check and the resting baseline (issues 6 and 15, main-process side). The live
 * metrics every screen shows are the live feature's (liveFeature.ts); this feature subscribes to
 * its raw beats.
 *
 * A measurement (`start`) collects the raw beats from then on, split at drop-outs. About once a
 * second the session engine asks `progress`: the window so far is measured (signal/windowMeasure.ts:
 * each stretch cleaned at once with the batch Lipponen-Tarvainen cleaner - centred windows, no
 * streaming lag, so the last beats count too - the first CHECKIN_SETTLING_MS only context; HRV and
 * breathing never bridge a drop-out) and the stopping rule (signal/checkInStopping.ts) says
 * settling / measuring / enough, or why it must stop: too short, too noisy, or lost contact - the
 * last only when the strap reports no skin contact or no beat came for 10 s, as the status bar
 * would say. A measurement runs at most its limit (`durationS`: the check-in length setting; a
 * re-check half of it, see checkInDurationS) and ends sooner once the estimate is confident after
 * the documented minimum of clean data (15 s settling + 60 s clean).
 *
 * `finish` judges the whole window as the stopping rule does on a stop request (`ended`):
 *   - 'lost-contact', 'too-noisy' (artefacts - ectopic pairs once - or a corrected series still
 *     jumping by > 20 % at > 5 % of beats, above 10 %) or 'too-short' (< 25 s of clean data):
 *     unusable, and the screen says which;
 *   - 'enough': usable; the arousal confidence stays low below 60 s of clean data.
 * The result carries the PHYSIOLOGICAL state (`arousal`, estimated without the self-report), its
 * verdict (firm, or a lean and why: signal/stateVerdict.ts), the calibration status
 * (signal/calibration.ts) and the window with its uncertainty (what a re-check is compared with).
 * It is judged against the calibrated personal baseline once calibration is ready; while
 * calibrating, against baseline.ts's early estimate (the few resting readings so far pooled with
 * the population prior - nearer the person than population norms alone), and the verdict is then
 * always a lean ('calibrating'). The self-report never relabels the state: it is recorded beside
 * it as evidence (agree / disagree).
 * A usable 'baseline' (and a calm, confident ordinary check-in, see isRestingMeasurement) is added
 * to the personal baseline (`ctx.baseline`, `<userDataDir>/baseline.json`). Each result goes to
 * the session (`checkIn`) with an event ('check-in' or 're-check').
 */
import type { CheckInProgress, Feature, FeatureContext, FeatureFactory } from './featureContext'
import type { ArousalEstimate, CheckInKind, CheckInResult, SelfReport } from '../../shared/arousal'
import type { JsonValue } from '../../shared/validate'
import { LIVE_RR_BEATS, type CalibrationStatus, type WindowSummary } from '../../shared/verdict'
import { AROUSAL_CONSTANTS, estimateArousal, type ArousalInput } from '../../signal/arousal'
import { isRestingMeasurement, type BaselineStats } from '../../signal/baseline'
import { calibratedBaseline, type CalibratedBaseline } from '../../signal/calibration'
import {
  CHECKIN_LENGTH,
  checkInLength,
  scoreStandardError,
  type CheckInLengthDecision
} from '../../signal/checkInStopping'
import { qualityFromArtifactRate } from '../../signal/rrCleaning'
import { selfReportEvidence, stateVerdict } from '../../signal/stateVerdict'
import { arousalInputFromWindow, measureWindow, type WindowMeasure } from '../../signal/windowMeasure'

/** Discarded at the start of every check-in (CHECKIN_LENGTH.SETTLING_S). */
export const CHECKIN_SETTLING_MS = CHECKIN_LENGTH.SETTLING_S * 1000
/**
 * A check-in needs at least this much clean data (after settling) to be judged at all. 25 s, so a
 * 45 s check-in (15 s settling + 30 s) stays usable after the beats' delivery delay (~1 s) and a
 * few corrected beats; its confidence stays low (< 60 s). Short, but not meaningless: lnRMSSD over
 * 30 s vs 5 min has limits of agreement of about +/-0.4 (Esco & Flatt 2014).
 */
export const MIN_USABLE_CLEAN_S = CHECKIN_LENGTH.MIN_USABLE_CLEAN_S
/** Room for flagged beats and the cleaner's few-beat lag on top of settling + clean data. */
export const JUDGE_MARGIN_S = 10
/** The shortest check-in main can judge: settling + the clean data it needs + the margin (50 s). */
export const MIN_JUDGEABLE_S = CHECKIN_SETTLING_MS / 1000 + MIN_USABLE_CLEAN_S + JUDGE_MARGIN_S

/**
 * The longest a measurement runs when the screen leaves it to main: a check-in or a baseline the
 * length the person set (at most CHECKIN_LENGTH.MAX_S matters: it stops there anyway); the
 * re-check after a protocol half of it, but never shorter than main can judge, nor longer than
 * the check-in itself.
 */
export function checkInDurationS(kind: CheckInKind, checkInS: number): number {
  if (kind !== 're-check') return checkInS
  return Math.min(checkInS, Math.max(MIN_JUDGEABLE_S, Math.round(checkInS / 2)))
}

/** Above this artefact rate a check-in is too noisy to judge. */
export const MAX_USABLE_ARTIFACT_RATE = AROUSAL_CONSTANTS.ARTIFACT_REJECT
/** Finished results kept for a later self-report. */
const KEEP_RESULTS = 20
/** Beats whose mean is the live heart rate on the check-in screen. */
const LIVE_HR_BEATS = 5

interface Running {
  id: string
  kind: CheckInKind
  /** The longest it may run, s. */
  durationS: number
  startedMs: number
  settleUntilMs: number
  /** Raw beats since the start, one list per stretch between drop-outs. */
  segments: { tMs: number; rrMs: number }[][]
  lastBeatMs: number | null
}

interface Finished {
  result: CheckInResult
}

export interface CheckInFeatureOptions {
  settlingMs?: number
}

export function createCheckInFeature(options: CheckInFeatureOptions = {}): FeatureFactory {
  return (ctx) => checkInFeatureWith(ctx, options)
}

export const checkInFeature: FeatureFactory = (ctx) => checkInFeatureWith(ctx, {})

function checkInFeatureWith(ctx: FeatureContext, options: CheckInFeatureOptions): Feature {
  const settlingMs = options.settlingMs ?? CHECKIN_SETTLING_MS
  let running: Running | null = null
  const finished = new Map<string, Finished>()
  let counter = 0

  // The live feature hands over every accepted raw beat and every break (drop-out, new source).
  const unsubRaw = ctx.live.onRaw((e) => {
    const r = running
    if (!r) return
    if (e.type === 'break') {
      if (r.segments[r.segments.length - 1]!.length > 0) r.segments.push([])
    } else if (e.tMs >= r.startedMs) {
      r.segments[r.segments.length - 1]!.push({ tMs: e.tMs, rrMs: e.rrMs })
      r.lastBeatMs = e.tMs
    }
  })

  const eventType = (kind: CheckInKind): 'check-in' | 're-check' =>
    kind === 're-check' ? 're-check' : 'check-in'

  function start(kind: CheckInKind, durationS: number): { id: string; startedMs: number; durationS: number } {
    const startedMs = ctx.clock.now()
    if (running) cancel(running.id, 'replaced')
    const id = `checkin-${startedMs}-${++counter}`
    running = {
      id,
      kind,
      durationS,
      startedMs,
      settleUntilMs: startedMs + settlingMs,
      segments: [[]],
      lastBeatMs: null
    }
    ctx.session().event(startedMs, eventType(kind), { phase: 'start', id, kind, durationS })
    return { id, startedMs, durationS }
  }

  function cancel(id: string, why: 'cancelled' | 'replaced' = 'cancelled'): void {
    if (!running || running.id !== id) return
    ctx
      .session()
      .event(ctx.clock.now(), eventType(running.kind), { phase: 'cancel', id, kind: running.kind, why })
    running = null
  }

  /** The calibration status and what to judge against (see the header). */
  function judgeBaseline(nowMs: number): { calibrated: CalibratedBaseline; stats: BaselineStats } {
    const calibrated = calibratedBaseline(ctx.baseline.measurements(), {
      nowMs,
      utcOffsetMin: -new Date(nowMs).getTimezoneOffset()
    })
    return { calibrated, stats: calibrated.status.ready ? calibrated.stats : ctx.baseline.stats() }
  }

  /** The window so far, its arousal input and the stopping rule's decision. */
  function assess(r: Running, nowMs: number, stopRequested: boolean, stats: BaselineStats) {
    const m = measureWindow(r.segments, r.settleUntilMs)
    const elapsedS = (nowMs - r.startedMs) / 1000
    const contact = ctx.live.lastContact()
    const partial = inputFrom(m, null)
    const est = partial.hrBpm !== null ? estimateArousal(partial, stats, null) : null
    const scoreSe =
      m.hrSeBpm !== null && m.lnRmssdSe !== null
        ? scoreStandardError(m.hrSeBpm, m.lnRmssdSe, { hrSdBpm: stats.hrSdBpm, lnRmssdSd: stats.lnRmssdSd })
        : null
    const decision = checkInLength({
      elapsedS,
      cleanS: m.cleanS,
      artifactRate: m.judgedArtifactRate,
      contact: contact === 'detected' || contact === 'not-detected' ? contact : null,
      // Before the first beat, the time since the start: no beat for 10 s is lost contact.
      sinceLastBeatS: (nowMs - (r.lastBeatMs ?? r.startedMs)) / 1000,
      score: est && est.confidence > 0 ? est.score : null,
      scoreSe,
      stopRequested: stopRequested || elapsedS >= r.durationS
    })
    return { m, decision }
  }

  function progress(id: string): CheckInProgress | null {
    const r = running
    if (!r || r.id !== id) return null
    const nowMs = ctx.clock.now()
    const { m, decision } = assess(r, nowMs, false, judgeBaseline(nowMs).stats)
    const beats = r.segments.flat()
    const recent = beats.slice(-LIVE_HR_BEATS)
    const meanRr = recent.reduce((a, b) => a + b.rrMs, 0) / recent.length
    return {
      stop: decision.stop,
      live: {
        id,
        elapsedS: round((nowMs - r.startedMs) / 1000, 1),
        limitS: r.durationS,
        reason: decision.reason,
        messageKey: decision.messageKey,
        extending: decision.extending,
        progress: round(decision.progress, 3),
        cleanS: round(m.cleanS, 1),
        minCleanS: CHECKIN_LENGTH.MIN_CLEAN_S,
        hrBpm: recent.length > 0 ? round(60_000 / meanRr, 1) : null,
        rrMs: beats.slice(-LIVE_RR_BEATS).map((b) => round(b.rrMs, 1)),
        judgedBeats: m.judged,
        artifactRate: round(m.artifactRate, 4),
        quality: qualityFromArtifactRate(m.artifactRate)
      }
    }
  }

  function judge(r: Running, endedMs: number): { result: CheckInResult; gaps: number } {
    const { calibrated, stats } = judgeBaseline(endedMs)
    const { m, decision } = assess(r, endedMs, true, stats)
    const ended = decision.reason
    const usable = ended === 'enough' && m.hrBpm !== null
    const input = inputFrom(m, decision)
    const arousal: ArousalEstimate = estimateArousal(input, stats, null)
    const calibration = calibrated.status
    const respOk = m.respRateBpm !== null
    const result: CheckInResult = {
      id: r.id,
      kind: r.kind,
      startedMs: r.startedMs,
      endedMs,
      beats: m.beats,
      hrBpm: m.hrBpm !== null ? round(m.hrBpm, 1) : null,
      rmssdMs: m.rmssdMs !== null ? round(m.rmssdMs, 1) : null,
      lnRmssd: m.lnRmssd !== null ? round(m.lnRmssd, 3) : null,
      respRateBpm: respOk ? round(m.respRateBpm!, 1) : null,
      artifactRate: round(m.artifactRate, 4),
      quality: ended === 'lost-contact' ? 'poor' : qualityFromArtifactRate(m.artifactRate),
      usable,
      arousal,
      selfReport: null,
      baselineSource: stats.source,
      verdict: stateVerdict(usable ? arousal : null, calibration),
      calibration,
      selfReportEvidence: selfReportEvidence(usable ? arousal.state : null, null),
      ended,
      window: windowSummary(m)
    }
    return { result, gaps: m.gaps }
  }

  function finish(id: string): CheckInResult {
    const r = running
    if (!r || r.id !== id) {
      const done = finished.get(id)
      if (done) return done.result // finishing twice answers the same result
      throw new Error(`no running check-in "${id}"`)
    }
    running = null
    const endedMs = ctx.clock.now()
    const judged = judge(r, endedMs)
    let result = judged.result
    if (isRestingMeasurement(result) && result.hrBpm !== null && result.lnRmssd !== null) {
      ctx.baseline.add({
        endedUtc: new Date(endedMs).toISOString(),
        kind: r.kind,
        hrBpm: result.hrBpm,
        lnRmssd: result.lnRmssd,
        respRateBpm: result.respRateBpm
      })
      // A resting reading moves the calibration on: "Calibrating: 3 of 5" counts this one.
      if (r.kind === 'baseline') result = { ...result, calibration: judgeBaseline(endedMs).calibrated.status }
    }
    remember({ result })
    const session = ctx.session()
    session.checkIn(result)
    session.event(endedMs, eventType(r.kind), resultDetail(result, judged.gaps))
    return result
  }

  function remember(f: Finished): void {
    finished.set(f.result.id, f)
    while (finished.size > KEEP_RESULTS) finished.delete(finished.keys().next().value as string)
  }

  /** The report is evidence beside the measured state: both are kept, the state is unchanged. */
  function selfReport(id: string, report: SelfReport | null): CheckInResult {
    const f = finished.get(id)
    if (!f) throw new Error(`no finished check-in "${id}"`)
    const measured = f.result.usable ? (f.result.arousal?.state ?? null) : null
    const evidence = selfReportEvidence(measured, report)
    const result: CheckInResult = { ...f.result, selfReport: report, selfReportEvidence: evidence }
    remember({ result })
    // session.json keeps both: the measured state and the report (the entry is replaced by id).
    ctx.session().checkIn(result)
    ctx.session().event(ctx.clock.now(), 'self-report', {
      id,
      kind: result.kind,
      report,
      measured,
      evidence: evidence.evidence,
      state: result.arousal?.state ?? null,
      score: result.arousal?.score ?? null
    })
    return result
  }

  const begin = (kind: CheckInKind, durationS?: number) =>
    start(kind, durationS ?? checkInDurationS(kind, ctx.settings.get().checkIn.durationS))

  return {
    checkIns: { start: begin, finish, cancel: (id) => cancel(id), selfReport, progress },
    handlers: {
      'baseline:get': () => ctx.baseline.summary(),
      'baseline:reset': () => ctx.baseline.reset()
    },
    dispose: async () => {
      unsubRaw()
    }
  }
}

/**
 * The arousal input of a window. With the stopping rule's final decision, what it said decides
 * the flags (so the reasons agree with `ended`); without one (live), the window is judged as is.
 */
function inputFrom(m: WindowMeasure, decision: CheckInLengthDecision | null): ArousalInput {
  return {
    ...arousalInputFromWindow(m),
    settling: decision !== null && decision.reason === 'too-short',
    noContact: decision !== null && decision.reason === 'lost-contact'
  }
}

function windowSummary(m: WindowMeasure): WindowSummary {
  return {
    hrBpm: m.hrBpm,
    hrSeBpm: m.hrSeBpm,
    lnRmssd: m.lnRmssd,
    lnRmssdSe: m.lnRmssdSe,
    respRateBpm: m.respRateBpm,
    respSeBpm: m.respSeBpm,
    cleanS: round(m.cleanS, 1),
    artifactRate: round(m.judgedArtifactRate, 4)
  }
}

function calibrationDetail(c: CalibrationStatus | undefined): JsonValue {
  return c ? { ready: c.ready, readings: c.readings, days: c.days } : null
}

function resultDetail(r: CheckInResult, gaps: number): JsonValue {
  return {
    phase: 'finish',
    id: r.id,
    kind: r.kind,
    usable: r.usable,
    ended: r.ended ?? null,
    state: r.arousal?.state ?? null,
    score: r.arousal?.score ?? null,
    confidence: r.arousal?.confidence ?? null,
    verdict: r.verdict?.kind ?? null,
    why: (r.verdict?.why ?? []) as JsonValue,
    calibration: calibrationDetail(r.calibration),
    reasons: (r.arousal?.reasons ?? []) as unknown as JsonValue,
    hrBpm: r.hrBpm,
    hrSeBpm: r.window?.hrSeBpm != null ? round(r.window.hrSeBpm, 2) : null,
    rmssdMs: r.rmssdMs,
    lnRmssdSe: r.window?.lnRmssdSe != null ? round(r.window.lnRmssdSe, 4) : null,
    respRateBpm: r.respRateBpm,
    artifactRate: r.artifactRate,
    beats: r.beats,
    gaps,
    baselineSource: r.baselineSource
  }
}

/**
 * The artefact rate a check-in is judged on: flagged beats, except that beats flagged 'ectopic'
 * count half (a premature beat and its compensatory pause are both flagged, but are one event, of
 * the heart rather than of the strap). A 45 s check-in has ~50 beats: two real premature beats
 * would otherwise make it 8 % "noisy". (windowMeasure.ts computes the same as effectiveArtifactRate.)
 */
export function effectiveArtifactRate(a: { judged: number; flagged: number; ectopic: number }): number {
  if (a.judged === 0) return 0
  return (a.flagged - a.ectopic + Math.ceil(a.ectopic / 2)) / a.judged
}

function round(x: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}
