/**
 * Check-in, re-check and the resting baseline (issue 6, main-process side). The live metrics every
 * screen shows are the live feature's (liveFeature.ts); this feature subscribes to its raw beats.
 *
 * Check-ins: `checkin:start` opens a measurement; the raw beats from then on are collected, split
 * at drop-outs. `checkin:finish` cleans each stretch at once with the batch Lipponen-Tarvainen
 * cleaner (centred windows, the paper's method - and no streaming lag, so the last beats count
 * too), discards the first CHECKIN_SETTLING_MS (sitting down, strap settling, the person adjusting
 * to the screen; those beats still serve as context for the cleaner), analyses the rest with its
 * own HRV and respiration estimators (no bridging of drop-outs) and judges it against the baseline:
 *   - no beats after settling, or the strap reports no contact -> unusable, 'no-contact';
 *   - artefact rate > MAX_USABLE_ARTIFACT_RATE (10 %), or the corrected series still jumping by
 *     > 20 % at more than 5 % of beats -> unusable, 'too-noisy' (from 5 % artefacts the
 *     result is still judged, with the 'too-noisy' reason and a much lower confidence; see
 *     AROUSAL_CONSTANTS.ARTIFACT_* for why short check-ins need the margin);
 *   - less than MIN_USABLE_CLEAN_S (25 s) of clean data -> unusable, 'settling' (too short);
 *   - otherwise usable; the arousal confidence stays low below 60 s of clean data.
 * A usable 'baseline' (and a calm, confident ordinary check-in, see isRestingMeasurement) is added
 * to the personal baseline (`ctx.baseline`, `<userDataDir>/baseline.json`). Each result goes to the session
 * (`checkIn`) with an event ('check-in' or 're-check').
 */
import type { Feature, FeatureContext, FeatureFactory } from './featureContext'
import type { ArousalEstimate, CheckInKind, CheckInResult, SelfReport } from '../../shared/arousal'
import type { JsonValue } from '../../shared/validate'
import { AROUSAL_CONSTANTS, estimateArousal, type ArousalInput } from '../../signal/arousal'
import { isRestingMeasurement, type BaselineStats } from '../../signal/baseline'
import { estimateRespiration, type RespirationEstimate } from '../../signal/respiration'
import { RollingHrv } from '../../signal/rollingHrv'
import { cleanRr, qualityFromArtifactRate } from '../../signal/rrCleaning'

/** Discarded at the start of every check-in. */
export const CHECKIN_SETTLING_MS = 15_000
/**
 * A check-in needs at least this much clean data (after settling) to be judged at all. 25 s, so a
 * 45 s check-in (15 s settling + 30 s) stays usable after the beats' delivery delay (~1 s) and a
 * few corrected beats; its confidence stays low (< 60 s). Short, but not meaningless: lnRMSSD over
 * 30 s vs 5 min has limits of agreement of about +/-0.4 (Esco & Flatt 2014).
 */
export const MIN_USABLE_CLEAN_S = 25
/** Room for flagged beats and the cleaner's few-beat lag on top of settling + clean data. */
export const JUDGE_MARGIN_S = 10
/** The shortest check-in main can judge: settling + the clean data it needs + the margin (50 s). */
export const MIN_JUDGEABLE_S = CHECKIN_SETTLING_MS / 1000 + MIN_USABLE_CLEAN_S + JUDGE_MARGIN_S

/**
 * How long a measurement runs when the screen leaves it to main: a check-in or a baseline the
 * length the person set; the re-check after a protocol half of it, but never shorter than main can
 * judge, nor longer than the check-in itself.
 */
export function checkInDurationS(kind: CheckInKind, checkInS: number): number {
  if (kind !== 're-check') return checkInS
  return Math.min(checkInS, Math.max(MIN_JUDGEABLE_S, Math.round(checkInS / 2)))
}

/** Above this artefact rate a check-in is too noisy to judge. */
export const MAX_USABLE_ARTIFACT_RATE = AROUSAL_CONSTANTS.ARTIFACT_REJECT
/**
 * After correction, successive intervals should rarely differ by more than 20 % (Malik et al.'s
 * classic artefact criterion; breathing-related changes are a few %). If more than 5 % still do,
 * the strap data was beyond what the correction can repair (e.g. many missed beats make its
 * quartile thresholds wide enough to let them through) and the check-in is too noisy.
 */
export const RESIDUAL_JUMP_FRACTION = 0.2
export const MAX_RESIDUAL_JUMP_RATE = 0.05
/** Finished results kept for a later self-report. */
const KEEP_RESULTS = 20

interface Running {
  id: string
  kind: CheckInKind
  durationS: number
  startedMs: number
  settleUntilMs: number
  /** Raw beats since the start, one list per stretch between drop-outs. */
  segments: { tMs: number; rrMs: number }[][]
}

/** A stretch between drop-outs shorter than this cannot be cleaned (the median window is 11). */
export const MIN_SEGMENT_BEATS = 12

interface Finished {
  result: CheckInResult
  input: ArousalInput
  stats: BaselineStats
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
    }
  })

  /** Cleans every stretch of the check-in and measures what is left after settling. */
  function analyse(r: Running) {
    // The whole measurement fits in the estimators' windows.
    const windowMs = Math.max(r.durationS * 1000, ctx.clock.now() - r.startedMs) + 120_000
    const hrv = new RollingHrv({ windowMs })
    // Breathing: the tachogram cannot be interpolated across a drop-out, so each stretch gets its
    // own estimate and the longest stretch's counts.
    let resp: RespirationEstimate | null = null
    let respSpanMs = 0
    let beats = 0
    let judged = 0
    let flagged = 0
    let ectopic = 0
    let cleanMs = 0
    let lastT = -Infinity
    let segT: number[] = []
    let segRr: number[] = []
    // Successive differences of the CLEANED series, and how many still jump by > 20 % (Malik's
    // criterion): a check that the correction really produced a plausible rhythm.
    let diffs = 0
    let jumps = 0
    const add = (tMs: number, rrMs: number): void => {
      if (!(tMs > lastT)) return
      lastT = tMs
      hrv.push(tMs, rrMs)
      const prev = segRr[segRr.length - 1]
      if (prev !== undefined) {
        diffs++
        if (Math.abs(rrMs - prev) > RESIDUAL_JUMP_FRACTION * prev) jumps++
      }
      segT.push(tMs)
      segRr.push(rrMs)
    }
    const segments = r.segments.filter((seg) => seg.length > 0)
    for (const seg of segments) {
      beats += seg.length
      if (seg.length < MIN_SEGMENT_BEATS) continue
      const cleaned = cleanRr(seg.map((b) => b.rrMs)).beats
      for (const c of cleaned) {
        const tMs = seg[c.index]!.tMs
        if (tMs < r.settleUntilMs) continue
        judged++
        if (c.artifact === null) cleanMs += c.rrMs
        else flagged++
        if (c.artifact === 'ectopic') ectopic++
        if (c.cleanRrMs === null) continue
        if (c.cleanParts === 2) add(tMs - c.cleanRrMs, c.cleanRrMs)
        add(tMs, c.cleanRrMs)
      }
      hrv.gap()
      const spanMs = segT.length > 1 ? segT[segT.length - 1]! - segT[0]! : 0
      if (spanMs > respSpanMs) {
        const e = estimateRespiration(segT, segRr)
        if (e) {
          resp = e
          respSpanMs = spanMs
        }
      }
      segT = []
      segRr = []
    }
    return {
      beats,
      judged,
      flagged,
      ectopic,
      cleanMs,
      residualJumpRate: diffs === 0 ? 0 : jumps / diffs,
      gaps: Math.max(0, segments.length - 1),
      metrics: hrv.metrics(),
      resp: resp as RespirationEstimate | null
    }
  }

  const eventType = (kind: CheckInKind): 'check-in' | 're-check' =>
    kind === 're-check' ? 're-check' : 'check-in'

  function start(kind: CheckInKind, durationS: number): { id: string; startedMs: number; durationS: number } {
    const startedMs = ctx.clock.now()
    if (running) cancel(running.id, 'replaced')
    const id = `checkin-${startedMs}-${++counter}`
    running = { id, kind, durationS, startedMs, settleUntilMs: startedMs + settlingMs, segments: [[]] }
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

  function judge(r: Running, endedMs: number): Finished & { gaps: number } {
    const stats = ctx.baseline.stats()
    const a = analyse(r)
    const m = a.metrics
    const resp = a.resp
    const respOk = resp !== null && resp.confidence >= AROUSAL_CONSTANTS.RESP_MIN_CONFIDENCE
    // Reported: every flagged beat. Judged on: artefact *events*, a premature beat and its
    // compensatory pause (both flagged 'ectopic') counting once - they are the heart's, not the
    // strap's, and correction handles them well (see effectiveArtifactRate).
    const artifactRate = a.judged === 0 ? 0 : a.flagged / a.judged
    // When the correction itself was overwhelmed (it leaves implausible jumps), say so: the rate
    // judged on is then at least the share of jumps left.
    const judgedRate = Math.max(
      effectiveArtifactRate(a),
      a.residualJumpRate > MAX_RESIDUAL_JUMP_RATE ? a.residualJumpRate : 0
    )
    const cleanS = a.cleanMs / 1000
    const noContact = a.judged === 0 || ctx.live.lastContact() === 'not-detected'
    const tooNoisy =
      !noContact && (judgedRate > MAX_USABLE_ARTIFACT_RATE || a.residualJumpRate > MAX_RESIDUAL_JUMP_RATE)
    const tooShort = !noContact && !tooNoisy && (cleanS < MIN_USABLE_CLEAN_S || m === null)
    const usable = !noContact && !tooNoisy && !tooShort
    const input: ArousalInput = {
      hrBpm: m ? m.meanHrBpm : null,
      lnRmssd: m && m.rmssdMs > 0 ? m.lnRmssd : null,
      respRateBpm: respOk ? resp.breathsPerMin : null,
      respConfidence: resp?.confidence ?? null,
      cleanS,
      settling: tooShort,
      artifactRate: judgedRate,
      noContact,
      selfReport: null
    }
    const arousal: ArousalEstimate = estimateArousal(input, stats, null)
    const result: CheckInResult = {
      id: r.id,
      kind: r.kind,
      startedMs: r.startedMs,
      endedMs,
      beats: a.beats,
      hrBpm: m ? round(m.meanHrBpm, 1) : null,
      rmssdMs: m ? round(m.rmssdMs, 1) : null,
      lnRmssd: m && m.rmssdMs > 0 ? round(m.lnRmssd, 3) : null,
      respRateBpm: respOk ? round(resp.breathsPerMin, 1) : null,
      artifactRate: round(artifactRate, 4),
      quality: noContact ? 'poor' : qualityFromArtifactRate(artifactRate),
      usable,
      arousal,
      selfReport: null,
      baselineSource: stats.source
    }
    return { result, input, stats, gaps: a.gaps }
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
    const { gaps, ...f } = judge(r, endedMs)
    remember(f)
    if (isRestingMeasurement(f.result) && f.result.hrBpm !== null && f.result.lnRmssd !== null) {
      ctx.baseline.add({
        endedUtc: new Date(endedMs).toISOString(),
        kind: r.kind,
        hrBpm: f.result.hrBpm,
        lnRmssd: f.result.lnRmssd,
        respRateBpm: f.result.respRateBpm
      })
    }
    const session = ctx.session()
    session.checkIn(f.result)
    session.event(endedMs, eventType(r.kind), resultDetail(f.result, gaps))
    return f.result
  }

  function remember(f: Finished): void {
    finished.set(f.result.id, f)
    while (finished.size > KEEP_RESULTS) finished.delete(finished.keys().next().value as string)
  }

  function selfReport(id: string, report: SelfReport | null): CheckInResult {
    const f = finished.get(id)
    if (!f) throw new Error(`no finished check-in "${id}"`)
    const input = { ...f.input, selfReport: report }
    const result: CheckInResult = {
      ...f.result,
      selfReport: report,
      arousal: estimateArousal(input, f.stats, null)
    }
    remember({ ...f, result, input })
    ctx.session().event(ctx.clock.now(), 'self-report', {
      id,
      kind: result.kind,
      report,
      state: result.arousal?.state ?? null,
      score: result.arousal?.score ?? null
    })
    return result
  }

  const begin = (kind: CheckInKind, durationS?: number) =>
    start(kind, durationS ?? checkInDurationS(kind, ctx.settings.get().checkIn.durationS))

  return {
    checkIns: { start: begin, finish, cancel: (id) => cancel(id), selfReport },
    handlers: {
      'checkin:start': ({ kind, durationS }) => begin(kind, durationS),
      'checkin:finish': ({ id }) => finish(id),
      'checkin:cancel': ({ id }) => cancel(id),
      'checkin:self-report': ({ id, report }) => selfReport(id, report),
      'baseline:get': () => ctx.baseline.summary(),
      'baseline:reset': () => ctx.baseline.reset()
    },
    dispose: async () => {
      unsubRaw()
    }
  }
}

function resultDetail(r: CheckInResult, gaps: number): JsonValue {
  return {
    phase: 'finish',
    id: r.id,
    kind: r.kind,
    usable: r.usable,
    state: r.arousal?.state ?? null,
    score: r.arousal?.score ?? null,
    confidence: r.arousal?.confidence ?? null,
    reasons: (r.arousal?.reasons ?? []) as unknown as JsonValue,
    hrBpm: r.hrBpm,
    rmssdMs: r.rmssdMs,
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
 * would otherwise make it 8 % "noisy".
 */
export function effectiveArtifactRate(a: { judged: number; flagged: number; ectopic: number }): number {
  if (a.judged === 0) return 0
  return (a.flagged - a.ectopic + Math.ceil(a.ectopic / 2)) / a.judged
}

function round(x: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}
