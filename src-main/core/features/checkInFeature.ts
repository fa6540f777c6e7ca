/**
 * Check-in, re-check and the resting baseline (issue 6, main-process side), plus the live metrics
 * every screen shows.
 *
 * Live: every routed heart sample goes through the LiveMetricsPipeline (artefact correction,
 * rolling 60 s HRV and breathing rate, arousal with hysteresis). About once a second (clock timer)
 * the feature emits 'metrics:update' and writes the row to the open session; every judged beat is
 * sent to the session as its cleaned beats.csv row.
 *
 * Check-ins: `checkin:start` opens a measurement; judged beats from then on are collected. The
 * first CHECKIN_SETTLING_MS are discarded (sitting down, strap settling, the person adjusting to
 * the screen); the rest is analysed with its own HRV and respiration estimators (no bridging of
 * drop-outs). `checkin:finish` judges it against the baseline:
 *   - no beats after settling, or the strap reports no contact -> unusable, 'no-contact';
 *   - artefact rate > MAX_USABLE_ARTIFACT_RATE (5 %, where most tools reject a measurement)
 *     -> unusable, 'too-noisy';
 *   - less than MIN_USABLE_CLEAN_S (30 s) of clean data -> unusable, 'settling' (too short);
 *   - otherwise usable; the arousal confidence stays low below 60 s of clean data.
 * A usable 'baseline' (and a calm, confident ordinary check-in, see isRestingMeasurement) is added
 * to the personal baseline in `<userDataDir>/baseline.json`. Each result goes to the session
 * (`checkIn`) with an event ('check-in' or 're-check').
 */
import type { FeatureFactory } from '../appCore'
import type { Feature, FeatureContext } from './featureContext'
import type {
  ArousalEstimate,
  BaselineSummary,
  CheckInKind,
  CheckInResult,
  LiveMetrics,
  SelfReport
} from '../../shared/arousal'
import type { JsonValue } from '../../shared/validate'
import { AROUSAL_CONSTANTS, estimateArousal, type ArousalInput } from '../../signal/arousal'
import { baselineSummary, isRestingMeasurement, type BaselineStats } from '../../signal/baseline'
import { RollingRespiration } from '../../signal/respiration'
import { RollingHrv } from '../../signal/rollingHrv'
import { qualityFromArtifactRate } from '../../signal/rrCleaning'
import { BaselineStore } from './checkInBaseline'
import { LiveMetricsPipeline, type JudgedBeat } from './liveMetrics'

/** Discarded at the start of every check-in. */
export const CHECKIN_SETTLING_MS = 15_000
/** A check-in needs at least this much clean data (after settling) to be judged at all. */
export const MIN_USABLE_CLEAN_S = 30
/** Above this artefact rate a check-in is too noisy to judge (same as the arousal "too noisy"). */
export const MAX_USABLE_ARTIFACT_RATE = AROUSAL_CONSTANTS.ARTIFACT_MAX
/** How often live metrics are sent. */
export const METRICS_INTERVAL_MS = 1000
/** Finished results kept for a later self-report. */
const KEEP_RESULTS = 20

interface Running {
  id: string
  kind: CheckInKind
  durationS: number
  startedMs: number
  settleUntilMs: number
  hrv: RollingHrv
  resp: RollingRespiration
  lastCleanTMs: number
  /** Judged beats after settling, and how many of them were flagged. */
  judged: number
  flagged: number
  /** All judged beats since the start (settling included). */
  beats: number
  cleanMs: number
  gaps: number
}

interface Finished {
  result: CheckInResult
  input: ArousalInput
  stats: BaselineStats
}

export interface CheckInFeatureOptions {
  settlingMs?: number
  metricsIntervalMs?: number
}

export function createCheckInFeature(options: CheckInFeatureOptions = {}): FeatureFactory {
  return (ctx) => checkInFeatureWith(ctx, options)
}

export const checkInFeature: FeatureFactory = (ctx) => checkInFeatureWith(ctx, {})

function checkInFeatureWith(ctx: FeatureContext, options: CheckInFeatureOptions): Feature {
  const settlingMs = options.settlingMs ?? CHECKIN_SETTLING_MS
  const intervalMs = options.metricsIntervalMs ?? METRICS_INTERVAL_MS
  const store = new BaselineStore(ctx.userDataDir, () => ctx.clock.now())
  let loaded = false
  const baseline = (): BaselineStats => {
    if (!loaded) {
      loaded = true
      store.load()
      if (store.problem) {
        // Never a crash: the population baseline is used and the summary carries the problem.
        console.warn(
          `baseline.json unreadable (${store.problem.reason}); kept at ${store.problem.backupPath}`
        )
      }
    }
    return store.stats()
  }
  const summary = (): BaselineSummary => {
    const s = baselineSummary(baseline())
    return store.problem ? { ...s, problem: { kind: 'file-unreadable', ...store.problem } } : s
  }

  const pipeline = new LiveMetricsPipeline({ baseline })
  let running: Running | null = null
  const finished = new Map<string, Finished>()
  let counter = 0
  let timer: unknown = null
  let disposed = false

  pipeline.onBeat((b) => {
    ctx.session().beatClean({
      tMs: b.tMs,
      rrMs: b.rrMs,
      rrCleanMs: b.cleanRrMs,
      artifact: b.artifact,
      hrBpm: b.cleanRrMs !== null ? 60_000 / b.cleanRrMs : null
    })
    if (running) collect(running, b)
  })
  pipeline.onGap(() => {
    if (!running) return
    running.hrv.gap()
    running.resp.gap()
    running.gaps++
  })

  const unsubSample = ctx.onSample((sample, sourceId) => {
    if (disposed) return
    pipeline.push(sample, sourceId)
    if (timer === null && (sample.type === 'beat' || sample.type === 'hr')) schedule()
  })

  function schedule(): void {
    timer = ctx.clock.setTimeout(tick, intervalMs)
  }

  function tick(): void {
    timer = null
    if (disposed) return
    const m: LiveMetrics | null = pipeline.metrics(ctx.clock.now())
    if (m) {
      ctx.emit('metrics:update', m)
      ctx.session().metrics(m)
    }
    schedule()
  }

  function collect(r: Running, b: JudgedBeat): void {
    if (b.tMs < r.startedMs) return
    r.beats++
    if (b.tMs < r.settleUntilMs) return
    r.judged++
    if (b.artifact !== null) r.flagged++
    else r.cleanMs += b.rrMs
    if (b.cleanRrMs === null) return
    const add = (tMs: number, rrMs: number): void => {
      if (!(tMs > r.lastCleanTMs)) return
      r.lastCleanTMs = tMs
      r.hrv.push(tMs, rrMs)
      r.resp.push(tMs, rrMs)
    }
    if (b.cleanParts === 2) add(b.tMs - b.cleanRrMs, b.cleanRrMs)
    add(b.tMs, b.cleanRrMs)
  }

  const eventType = (kind: CheckInKind): 'check-in' | 're-check' =>
    kind === 're-check' ? 're-check' : 'check-in'

  function start(kind: CheckInKind, durationS: number): { id: string; startedMs: number } {
    const startedMs = ctx.clock.now()
    if (running) cancel(running.id, 'replaced')
    const id = `checkin-${startedMs}-${++counter}`
    // The whole measurement fits in the estimators' windows (durationS is at most 600 s).
    const windowMs = (durationS + 120) * 1000
    running = {
      id,
      kind,
      durationS,
      startedMs,
      settleUntilMs: startedMs + settlingMs,
      hrv: new RollingHrv({ windowMs }),
      resp: new RollingRespiration({ windowMs }),
      lastCleanTMs: -Infinity,
      judged: 0,
      flagged: 0,
      beats: 0,
      cleanMs: 0,
      gaps: 0
    }
    ctx.session().event(startedMs, eventType(kind), { phase: 'start', id, kind, durationS })
    return { id, startedMs }
  }

  function cancel(id: string, why: 'cancelled' | 'replaced' = 'cancelled'): void {
    if (!running || running.id !== id) return
    ctx
      .session()
      .event(ctx.clock.now(), eventType(running.kind), { phase: 'cancel', id, kind: running.kind, why })
    running = null
  }

  function judge(r: Running, endedMs: number): Finished {
    const stats = baseline()
    const m = r.hrv.metrics()
    const resp = r.resp.estimate()
    const respOk = resp !== null && resp.confidence >= AROUSAL_CONSTANTS.RESP_MIN_CONFIDENCE
    const artifactRate = r.judged === 0 ? 0 : r.flagged / r.judged
    const cleanS = r.cleanMs / 1000
    const noContact = r.judged === 0 || pipeline.lastContact === 'not-detected'
    const tooNoisy = !noContact && artifactRate > MAX_USABLE_ARTIFACT_RATE
    const tooShort = !noContact && !tooNoisy && (cleanS < MIN_USABLE_CLEAN_S || m === null)
    const usable = !noContact && !tooNoisy && !tooShort
    const input: ArousalInput = {
      hrBpm: m ? m.meanHrBpm : null,
      lnRmssd: m && m.rmssdMs > 0 ? m.lnRmssd : null,
      respRateBpm: respOk ? resp.breathsPerMin : null,
      respConfidence: resp?.confidence ?? null,
      cleanS,
      settling: tooShort,
      artifactRate,
      noContact,
      selfReport: null
    }
    const arousal: ArousalEstimate = estimateArousal(input, stats, null)
    const result: CheckInResult = {
      id: r.id,
      kind: r.kind,
      startedMs: r.startedMs,
      endedMs,
      beats: r.beats,
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
    return { result, input, stats }
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
    const f = judge(r, endedMs)
    remember(f)
    if (isRestingMeasurement(f.result) && f.result.hrBpm !== null && f.result.lnRmssd !== null) {
      store.add({
        endedUtc: new Date(endedMs).toISOString(),
        kind: r.kind,
        hrBpm: f.result.hrBpm,
        lnRmssd: f.result.lnRmssd,
        respRateBpm: f.result.respRateBpm
      })
    }
    const session = ctx.session()
    session.checkIn(f.result)
    session.event(endedMs, eventType(r.kind), resultDetail(f.result, r))
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

  return {
    handlers: {
      'checkin:start': ({ kind, durationS }) => start(kind, durationS),
      'checkin:finish': ({ id }) => finish(id),
      'checkin:cancel': ({ id }) => cancel(id),
      'checkin:self-report': ({ id, report }) => selfReport(id, report),
      'baseline:get': () => summary(),
      'baseline:reset': () => {
        baseline()
        store.reset()
        store.problem = null
        return summary()
      }
    },
    start: async () => {
      baseline()
    },
    dispose: async () => {
      disposed = true
      unsubSample()
      if (timer !== null) ctx.clock.clearTimeout(timer)
      timer = null
    }
  }
}

function resultDetail(r: CheckInResult, run: Running): JsonValue {
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
    gaps: run.gaps,
    baselineSource: r.baselineSource
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}
