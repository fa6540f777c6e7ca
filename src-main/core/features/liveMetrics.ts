/**
 * The live signal pipeline: raw beats in, judged (artefact-corrected) beats and rolling metrics out.
 *
 *   beat sample -> IncrementalRrCleaner (Lipponen-Tarvainen, judges beat j when j+5 has arrived)
 *               -> judged beat (time taken from our own FIFO of beat times by index)
 *               -> RollingHrv + RollingRespiration (60 s windows), artefact-rate window,
 *                  listeners (session beats.csv rows, running check-ins)
 *   gap sample  -> remembered at the position of the next beat; when the judged beats reach it the
 *                  rolling estimators (and gap listeners) are told not to bridge it, and the
 *                  settling period starts again. The cleaner itself keeps running: its thresholds
 *                  (from the last 91 differences) stay valid across a drop-out, and restarting it
 *                  would cost its 30-beat warm-up every time the link hiccups.
 *   new source  -> everything starts afresh (another strap, maybe another person).
 *   metrics(now) -> LiveMetrics with an arousal estimate (hysteresis via ArousalTracker).
 *
 * Plain TypeScript with no clock of its own: the feature calls `metrics()` on its timer.
 */
import type { Contact, Sample } from '../../devices/dataSource'
import type { LiveMetrics, SelfReport } from '../../shared/arousal'
import { ArousalTracker } from '../../signal/arousal'
import type { BaselineStats } from '../../signal/baseline'
import { RollingRespiration } from '../../signal/respiration'
import { RollingHrv } from '../../signal/rollingHrv'
import { IncrementalRrCleaner, qualityFromArtifactRate, type ArtifactType } from '../../signal/rrCleaning'

/** A beat after the cleaner has judged it. */
export interface JudgedBeat {
  /** Time of the beat that ends the raw interval (epoch ms, as the source stamped it). */
  tMs: number
  rrMs: number
  /** Corrected interval; null when the beat was removed (extra); half the raw one when missed. */
  cleanRrMs: number | null
  /** 0 (extra, merged into the next), 1, or 2 (missed: the clean series holds `cleanRrMs` twice). */
  cleanParts: 0 | 1 | 2
  artifact: ArtifactType | null
}

export type RawEvent = { type: 'beat'; tMs: number; rrMs: number } | { type: 'break' }

export interface LiveMetricsOptions {
  /** Rolling window for HRV, respiration and the artefact rate. Default 60 s. */
  windowMs?: number
  /** Discarded from the arousal confidence after the stream (re)starts. Default LIVE_SETTLING_MS. */
  settlingMs?: number
  /** The baseline to judge against (read on every metrics() call). */
  baseline: () => BaselineStats
  /** The latest self-report the person gave (null for none). */
  selfReport?: () => SelfReport | null
}

/** Settling after the stream starts or comes back from a drop-out (movement, strap settling). */
export const LIVE_SETTLING_MS = 15_000
/** No metrics are produced when the last beat or HR notification is older than this. */
export const STALE_MS = 5_000
export const DEFAULT_LIVE_WINDOW_MS = 60_000

export class LiveMetricsPipeline {
  private readonly windowMs: number
  private readonly settlingMs: number
  private cleaner = new IncrementalRrCleaner()
  /** Raw beat times by cleaner index: times[i - timesBase] is beat i's time. */
  private times: number[] = []
  private timesBase = 0
  private readonly hrv: RollingHrv
  private readonly resp: RollingRespiration
  /** Judged beats in the window: time and whether flagged. */
  private flags: { tMs: number; flagged: boolean }[] = []
  private flagsHead = 0
  private flaggedInWindow = 0
  /** Cleaner indexes of the first beats after drop-outs not yet reached by the judged beats. */
  private pendingGaps: number[] = []
  private pushed = 0
  private sourceId: string | null = null
  private settleUntilMs: number | null = null
  private cleanMs = 0
  private lastBeatTMs = -Infinity
  private lastCleanTMs = -Infinity
  private lastSeenMs = -Infinity
  private contact: Contact | null = null
  private readonly tracker = new ArousalTracker()
  private readonly beatListeners = new Set<(b: JudgedBeat) => void>()
  private readonly gapListeners = new Set<() => void>()
  private readonly rawListeners = new Set<(e: RawEvent) => void>()

  constructor(private readonly opts: LiveMetricsOptions) {
    this.windowMs = opts.windowMs ?? DEFAULT_LIVE_WINDOW_MS
    this.settlingMs = opts.settlingMs ?? LIVE_SETTLING_MS
    this.hrv = new RollingHrv({ windowMs: this.windowMs })
    this.resp = new RollingRespiration({ windowMs: this.windowMs })
  }

  /** Every judged beat, in order. Returns an unsubscribe. */
  onBeat(listener: (b: JudgedBeat) => void): () => void {
    this.beatListeners.add(listener)
    return () => this.beatListeners.delete(listener)
  }

  /** Drop-outs (after the beats before them have been judged). */
  onGap(listener: () => void): () => void {
    this.gapListeners.add(listener)
    return () => this.gapListeners.delete(listener)
  }

  /**
   * Raw beats as accepted (valid, in time order) and breaks in them (a drop-out or another source),
   * before any judgement - for analyses that clean a whole stretch at once (check-ins).
   */
  onRaw(listener: (e: RawEvent) => void): () => void {
    this.rawListeners.add(listener)
    return () => this.rawListeners.delete(listener)
  }

  /** The last contact state the strap reported. */
  get lastContact(): Contact | null {
    return this.contact
  }

  push(sample: Sample, sourceId: string): void {
    if (
      sample.type !== 'beat' &&
      sample.type !== 'hr' &&
      !(sample.type === 'gap' && sample.channel === 'heart')
    )
      return
    if (this.sourceId !== sourceId) {
      if (this.sourceId !== null) {
        this.restart()
        for (const l of this.rawListeners) l({ type: 'break' })
      }
      this.sourceId = sourceId
    }
    switch (sample.type) {
      case 'hr':
        this.contact = sample.contact
        this.lastSeenMs = Math.max(this.lastSeenMs, sample.tMs)
        break
      case 'beat':
        this.beat(sample.tMs, sample.rrMs)
        break
      case 'gap':
        if (this.pendingGaps[this.pendingGaps.length - 1] !== this.pushed) this.pendingGaps.push(this.pushed)
        this.settleUntilMs = null
        this.cleanMs = 0
        for (const l of this.rawListeners) l({ type: 'break' })
        break
    }
  }

  private beat(tMs: number, rrMs: number): void {
    if (!(rrMs > 0) || !Number.isFinite(rrMs) || tMs <= this.lastBeatTMs) return
    this.lastBeatTMs = tMs
    this.lastSeenMs = Math.max(this.lastSeenMs, tMs)
    this.settleUntilMs ??= tMs + this.settlingMs
    this.times.push(tMs)
    this.pushed++
    for (const l of this.rawListeners) l({ type: 'beat', tMs, rrMs })
    this.deliver(this.cleaner.push(rrMs))
  }

  private deliver(beats: ReturnType<IncrementalRrCleaner['push']>): void {
    for (const b of beats) {
      const tMs = this.times[b.index - this.timesBase]
      if (tMs === undefined) continue
      while (this.pendingGaps.length > 0 && this.pendingGaps[0]! <= b.index) {
        this.pendingGaps.shift()
        this.hrv.gap()
        this.resp.gap()
        for (const l of this.gapListeners) l()
      }
      this.judged({
        tMs,
        rrMs: b.rrMs,
        cleanRrMs: b.cleanRrMs,
        cleanParts: b.cleanParts,
        artifact: b.artifact
      })
    }
    // Times of judged beats are no longer needed.
    const judgedUpTo = beats.length > 0 ? beats[beats.length - 1]!.index + 1 : this.timesBase
    const drop = judgedUpTo - this.timesBase
    if (drop > 0) {
      this.times.splice(0, drop)
      this.timesBase = judgedUpTo
    }
  }

  private judged(b: JudgedBeat): void {
    if (b.cleanRrMs !== null) {
      if (b.cleanParts === 2) {
        // A missed beat: two intervals of half the recorded one, the first ending mid-way.
        this.addClean(b.tMs - b.cleanRrMs, b.cleanRrMs)
        this.addClean(b.tMs, b.cleanRrMs)
      } else {
        this.addClean(b.tMs, b.cleanRrMs)
      }
    }
    this.flags.push({ tMs: b.tMs, flagged: b.artifact !== null })
    if (b.artifact !== null) this.flaggedInWindow++
    this.evictFlags(b.tMs - this.windowMs)
    if (b.artifact === null && this.settleUntilMs !== null && b.tMs >= this.settleUntilMs)
      this.cleanMs += b.rrMs
    for (const l of this.beatListeners) l(b)
  }

  private addClean(tMs: number, rrMs: number): void {
    if (!(tMs > this.lastCleanTMs)) return // never out of order (the estimators require it)
    this.lastCleanTMs = tMs
    this.hrv.push(tMs, rrMs)
    this.resp.push(tMs, rrMs)
  }

  private evictFlags(beforeMs: number): void {
    while (this.flagsHead < this.flags.length && this.flags[this.flagsHead]!.tMs < beforeMs) {
      if (this.flags[this.flagsHead]!.flagged) this.flaggedInWindow--
      this.flagsHead++
    }
    if (this.flagsHead > 256 && this.flagsHead * 2 > this.flags.length) {
      this.flags = this.flags.slice(this.flagsHead)
      this.flagsHead = 0
    }
  }

  /** A new source: judge what is pending from the old one, then start everything afresh. */
  private restart(): void {
    this.deliver(this.cleaner.flush())
    this.cleaner = new IncrementalRrCleaner()
    this.times = []
    this.timesBase = 0
    this.pendingGaps = []
    this.pushed = 0
    this.settleUntilMs = null
    this.cleanMs = 0
    this.hrv.reset()
    this.resp.reset()
    this.flags = []
    this.flagsHead = 0
    this.flaggedInWindow = 0
    this.lastBeatTMs = -Infinity
    this.lastCleanTMs = -Infinity
    this.lastSeenMs = -Infinity
    this.contact = null
    this.tracker.reset()
  }

  /** Artefact share of the judged beats in the window (0..1). */
  artifactRate(): number {
    const n = this.flags.length - this.flagsHead
    return n === 0 ? 0 : this.flaggedInWindow / n
  }

  /** Current metrics, or null when nothing has arrived for STALE_MS (no heart source streaming). */
  metrics(nowMs: number): LiveMetrics | null {
    if (nowMs - this.lastSeenMs > STALE_MS) return null
    const noContact = this.contact === 'not-detected' || nowMs - this.lastBeatTMs > STALE_MS
    const hrv = noContact ? null : this.hrv.metrics()
    const resp = noContact ? null : this.resp.estimate()
    const artifactRate = this.artifactRate()
    const settling = this.settleUntilMs === null || this.lastBeatTMs < this.settleUntilMs
    const arousal = this.tracker.update(
      {
        hrBpm: hrv ? hrv.meanHrBpm : null,
        lnRmssd: hrv && hrv.rmssdMs > 0 ? hrv.lnRmssd : null,
        respRateBpm: resp?.breathsPerMin ?? null,
        respConfidence: resp?.confidence ?? null,
        cleanS: this.cleanMs / 1000,
        settling,
        artifactRate,
        noContact,
        selfReport: this.opts.selfReport?.() ?? null
      },
      this.opts.baseline()
    )
    return {
      tMs: nowMs,
      hrBpm: hrv ? finite(hrv.meanHrBpm) : null,
      rmssdMs: hrv ? finite(hrv.rmssdMs) : null,
      lnRmssd: hrv && hrv.rmssdMs > 0 ? finite(hrv.lnRmssd) : null,
      sdnnMs: hrv ? finite(hrv.sdnnMs) : null,
      respRateBpm: resp ? finite(resp.breathsPerMin) : null,
      respConfidence: resp ? finite(resp.confidence) : null,
      artifactRate,
      quality: noContact ? 'poor' : qualityFromArtifactRate(artifactRate),
      arousal
    }
  }
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null
}
