/**
 * One measured window (a check-in or a re-check) with the uncertainty of what it measured. Pure:
 * raw beats in, numbers out. Same steps as the check-in analysis today (core/features/
 * checkInFeature.ts `analyse`): every stretch between drop-outs is cleaned at once with the
 * Lipponen-Tarvainen cleaner (rrCleaning.ts), beats before `settleUntilMs` are context only, HR
 * and RMSSD come from RollingHrv over the corrected series (never bridging a drop-out) and the
 * breathing rate from the longest stretch (respiration.ts). What this adds is the uncertainty:
 *
 * Standard error of lnRMSSD (delta method; RMSSD^2 is the mean of the m squared successive
 * differences d^2, and ln RMSSD = 0.5 ln mean(d^2)):
 *     lnRmssdSe = 0.5 * sqrt(cv2 / mEff),   cv2 = var(d^2) / mean(d^2)^2,
 *     mEff = m * (1 - r1) / (1 + r1)         r1 = lag-1 autocorrelation of d^2 (see HR below)
 * with m the CLEAN successive differences only (both beats unflagged, same stretch, after
 * settling): an interpolated beat carries no information of its own, so artefacts shrink m and
 * widen the error. For independent, normally distributed differences cv2 = 2 and r1 = 0, giving
 * the familiar 1/sqrt(2m); cv2 is taken from the data so heavy-tailed differences (ectopy that
 * slipped through) count, and r1 because RSA makes neighbouring differences alike. The test
 * checks that the claimed error matches the spread between repeated windows (within 20 %).
 * A 60 s window at 70 bpm (m ~ 70) gives ~0.085, in line with Esco & Flatt 2014's 60 s vs 5 min
 * limits of agreement (+/-0.22 ln-ms ~ 1.96 * 0.11).
 *
 * Standard error of mean HR from the beat-to-beat SD of the instantaneous rate 60000/RR over the
 * n clean beats, with the effective number of beats for an autocorrelated series (AR(1)
 * approximation; von Storch & Zwiers 1999, Statistical Analysis in Climate Research, sec. 17.1):
 *     hrSeBpm = hrBeatSdBpm / sqrt(nEff),   nEff = n * (1 - r1) / (1 + r1),  r1 clamped to [0, 0.95]
 * where r1 is the lag-1 autocorrelation of the clean HR series (RSA and slow waves make
 * neighbouring beats alike; ignoring it would overstate the certainty several-fold).
 *
 * Breathing rate: RSA-derived rates have 95 % limits of agreement of about +/-4.7 breaths/min even
 * for the best ECG-based methods (Charlton et al. 2016), so respSeBpm = RESP_SE_BPM = 4.7 / 1.96
 * = 2.4 breaths/min when the estimate's confidence reaches RESP_MIN_CONFIDENCE, else no rate.
 *
 * Artefact shares are returned as the check-in reports them: `artifactRate` = flagged / judged,
 * `effectiveArtifactRate` counts a premature beat and its compensatory pause once (both are the
 * heart's, and correction handles them well).
 *
 * `residualJumpRate` checks that the correction produced a plausible rhythm: after correction,
 * successive intervals should rarely differ by more than RESIDUAL_JUMP_FRACTION (20 %, Malik et
 * al.'s classic artefact criterion; breathing-related changes are a few %). If more than
 * MAX_RESIDUAL_JUMP_RATE (5 %) still do, the strap data was beyond what the correction can repair
 * (many missed beats widen its quartile thresholds enough to let them through): `judgedArtifactRate`
 * is then at least that share, so the window is judged too noisy.
 */
import { hrBpmFromRrMs } from '../shared/perMinute'
import { AROUSAL_CONSTANTS, type ArousalInput } from './arousal'
import { CHECKIN_LENGTH } from './checkInStopping'
import { estimateRespiration, type RespirationEstimate } from './respiration'
import { RollingHrv } from './rollingHrv'
import { cleanRr } from './rrCleaning'

/** A stretch shorter than this cannot be cleaned (the cleaner's median window is 11 beats). */
export const MIN_SEGMENT_BEATS = 12
/** Standard error of an RSA-derived breathing rate, breaths/min (Charlton et al. 2016 LoA / 1.96). */
export const RESP_SE_BPM = 4.7 / 1.96
/** Upper clamp of the lag-1 autocorrelation (keeps nEff >= n/39 on a near-constant drift). */
export const MAX_LAG1 = 0.95
/** A corrected interval differing from the one before by more than this share is a jump. */
export const RESIDUAL_JUMP_FRACTION = 0.2
/** More jumps than this share of the corrected series: the correction was overwhelmed. */
export const MAX_RESIDUAL_JUMP_RATE = 0.05

export interface RawBeat {
  /** Time of the beat that ends the interval, ms. */
  tMs: number
  rrMs: number
}

export interface WindowMeasure {
  /** Raw beats received (all stretches, settling included). */
  beats: number
  /** Beats after settling that the cleaner judged. */
  judged: number
  flagged: number
  /** Beats flagged 'ectopic' (a premature beat and its pause are two). */
  ectopic: number
  /** flagged / judged (0 when none judged). */
  artifactRate: number
  /** Ectopic pairs counted once. */
  effectiveArtifactRate: number
  /** Share of corrected successive intervals still differing by > RESIDUAL_JUMP_FRACTION. */
  residualJumpRate: number
  /** The share the window is judged on: effectiveArtifactRate, or residualJumpRate when above its limit. */
  judgedArtifactRate: number
  /** Seconds of unflagged beats after settling. */
  cleanS: number
  /** Drop-outs inside the window. */
  gaps: number
  hrBpm: number | null
  rmssdMs: number | null
  lnRmssd: number | null
  /** Unflagged beats after settling (n of the HR error). */
  cleanBeats: number
  /** Successive differences between two unflagged beats (m of the lnRMSSD error). */
  cleanDiffs: number
  /** SD of the instantaneous HR over clean beats, bpm. */
  hrBeatSdBpm: number | null
  /** Lag-1 autocorrelation of the clean instantaneous HR (clamped to [0, MAX_LAG1]). */
  hrLag1: number | null
  hrSeBpm: number | null
  lnRmssdSe: number | null
  /** Breathing-rate estimate of the longest stretch (whatever its confidence). */
  resp: RespirationEstimate | null
  /** The rate when its confidence >= RESP_MIN_CONFIDENCE, else null; and its standard error. */
  respRateBpm: number | null
  respSeBpm: number | null
}

/**
 * Measures beats split into stretches between drop-outs (`segments`), ignoring (but cleaning with)
 * the beats before `settleUntilMs`. Throws on a non-positive or non-finite interval.
 */
export function measureWindow(
  segments: readonly (readonly RawBeat[])[],
  settleUntilMs: number
): WindowMeasure {
  for (const seg of segments)
    for (const b of seg)
      if (!(b.rrMs > 0) || !Number.isFinite(b.rrMs) || !Number.isFinite(b.tMs))
        throw new Error(`beat at ${b.tMs} ms has RR ${b.rrMs} ms: must be a positive number`)
  const spanMs = segments.reduce(
    (s, seg) => (seg.length > 1 ? s + seg[seg.length - 1]!.tMs - seg[0]!.tMs : s),
    0
  )
  const hrv = new RollingHrv({ windowMs: spanMs + 120_000 })
  let beats = 0
  let judged = 0
  let flagged = 0
  let ectopic = 0
  let cleanMs = 0
  let lastT = -Infinity
  let diffs = 0
  let jumps = 0
  let resp: RespirationEstimate | null = null
  let respSpanMs = 0
  // Clean-beat sums for the uncertainties.
  const hr: number[] = []
  const lagPairs: [number, number][] = []
  // Squared clean successive differences, in order, with whether each follows the previous one
  // directly (for their lag-1 autocorrelation).
  const d2: number[] = []
  const d2Follows: boolean[] = []
  const nonEmpty = segments.filter((s) => s.length > 0)
  for (const seg of nonEmpty) {
    beats += seg.length
    if (seg.length < MIN_SEGMENT_BEATS) continue
    const segT: number[] = []
    const segRr: number[] = []
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
    let prevClean: { index: number; rrMs: number; hr: number } | null = null
    let lastDiffIndex = -2
    for (const c of cleanRr(seg.map((b) => b.rrMs)).beats) {
      const tMs = seg[c.index]!.tMs
      if (tMs < settleUntilMs) continue
      judged++
      if (c.artifact !== null) flagged++
      if (c.artifact === 'ectopic') ectopic++
      if (c.artifact === null) {
        cleanMs += c.rrMs
        const h = hrBpmFromRrMs(c.rrMs)
        hr.push(h)
        if (prevClean !== null && prevClean.index === c.index - 1) {
          const d = c.rrMs - prevClean.rrMs
          d2Follows.push(lastDiffIndex === c.index - 1)
          d2.push(d * d)
          lastDiffIndex = c.index
          lagPairs.push([prevClean.hr, h])
        }
        prevClean = { index: c.index, rrMs: c.rrMs, hr: h }
      }
      if (c.cleanRrMs === null) continue
      if (c.cleanParts === 2) add(tMs - c.cleanRrMs, c.cleanRrMs)
      add(tMs, c.cleanRrMs)
    }
    hrv.gap()
    const segSpan = segT.length > 1 ? segT[segT.length - 1]! - segT[0]! : 0
    if (segSpan > respSpanMs) {
      const e = estimateRespiration(segT, segRr)
      if (e) {
        resp = e
        respSpanMs = segSpan
      }
    }
  }
  const metrics = hrv.metrics()
  const n = hr.length
  let hrBeatSdBpm: number | null = null
  let hrLag1: number | null = null
  let hrSeBpm: number | null = null
  if (n >= 3) {
    const mean = hr.reduce((a, b) => a + b, 0) / n
    let ss = 0
    for (const h of hr) ss += (h - mean) ** 2
    hrBeatSdBpm = Math.sqrt(ss / (n - 1))
    hrLag1 = lag1Pairs(lagPairs, mean, ss, n)
    const nEff = (n * (1 - hrLag1)) / (1 + hrLag1)
    hrSeBpm = hrBeatSdBpm / Math.sqrt(nEff)
  }
  const m = d2.length
  let lnRmssdSe: number | null = null
  if (m >= 3) {
    const meanD2 = d2.reduce((a, b) => a + b, 0) / m
    let ss = 0
    for (const x of d2) ss += (x - meanD2) ** 2
    const varD2 = ss / (m - 1)
    if (meanD2 > 0) {
      const r1 = lag1(d2, d2Follows, meanD2, ss)
      const mEff = (m * (1 - r1)) / (1 + r1)
      lnRmssdSe = 0.5 * Math.sqrt(varD2 / (meanD2 * meanD2) / mEff)
    }
  }
  const respOk = resp !== null && resp.confidence >= AROUSAL_CONSTANTS.RESP_MIN_CONFIDENCE
  const effectiveArtifactRate = judged === 0 ? 0 : (flagged - ectopic + Math.ceil(ectopic / 2)) / judged
  const residualJumpRate = diffs === 0 ? 0 : jumps / diffs
  return {
    beats,
    judged,
    flagged,
    ectopic,
    artifactRate: judged === 0 ? 0 : flagged / judged,
    effectiveArtifactRate,
    residualJumpRate,
    judgedArtifactRate: Math.max(
      effectiveArtifactRate,
      residualJumpRate > MAX_RESIDUAL_JUMP_RATE ? residualJumpRate : 0
    ),
    cleanS: cleanMs / 1000,
    gaps: Math.max(0, nonEmpty.length - 1),
    hrBpm: metrics ? metrics.meanHrBpm : null,
    rmssdMs: metrics ? metrics.rmssdMs : null,
    lnRmssd: metrics && metrics.rmssdMs > 0 ? metrics.lnRmssd : null,
    cleanBeats: n,
    cleanDiffs: m,
    hrBeatSdBpm,
    hrLag1,
    hrSeBpm,
    lnRmssdSe,
    resp,
    respRateBpm: respOk ? resp!.breathsPerMin : null,
    respSeBpm: respOk ? RESP_SE_BPM : null
  }
}

/**
 * The arousal input for a finished window, as the check-in builds it today: the rate judged on
 * counts ectopic pairs once, and a window with less than MIN_USABLE_CLEAN_S of clean data (or no
 * HRV) is still "settling" (not judged). `noContact` is the caller's (the strap's contact report),
 * or no beat judged at all.
 */
export function arousalInputFromWindow(m: WindowMeasure, noContact = false): ArousalInput {
  const contactLost = noContact || m.judged === 0
  const tooShort = m.cleanS < CHECKIN_LENGTH.MIN_USABLE_CLEAN_S || m.hrBpm === null
  return {
    hrBpm: m.hrBpm,
    lnRmssd: m.lnRmssd,
    respRateBpm: m.respRateBpm,
    respConfidence: m.resp?.confidence ?? null,
    cleanS: m.cleanS,
    settling: !contactLost && tooShort,
    artifactRate: m.judgedArtifactRate,
    noContact: contactLost,
    selfReport: null
  }
}

/**
 * Lag-1 autocorrelation from the pairs of neighbours available (artefacts break some pairs; the
 * lag sum is scaled to n terms so missing pairs do not bias it toward 0), clamped to [0, MAX_LAG1].
 */
function lag1Pairs(
  pairs: readonly (readonly [number, number])[],
  mean: number,
  ss: number,
  n: number
): number {
  if (!(ss > 0) || pairs.length === 0) return 0
  let num = 0
  for (const [a, b] of pairs) num += (a - mean) * (b - mean)
  return Math.max(0, Math.min(MAX_LAG1, ((num / pairs.length) * n) / ss))
}

function lag1(xs: readonly number[], follows: readonly boolean[], mean: number, ss: number): number {
  const pairs: [number, number][] = []
  for (let i = 1; i < xs.length; i++) if (follows[i]) pairs.push([xs[i - 1]!, xs[i]!])
  return lag1Pairs(pairs, mean, ss, xs.length)
}
