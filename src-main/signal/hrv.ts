/**
 * Time-domain and Poincaré HRV metrics over a series of RR (NN) intervals, in milliseconds.
 *
 * Conventions are those of the established packages (hrv-analysis, pyhrv, systole, Kubios), so the
 * numbers can be checked against them:
 *  - mean HR is the mean of the instantaneous rates 60000/RR, not 60000/mean(RR);
 *  - SDNN uses the sample standard deviation (n-1 denominator);
 *  - RMSSD is the root mean square of the n-1 successive differences;
 *  - pNN50 = 100 * count(|ΔRR| > 50 ms) / (n-1);
 *  - SD1 = sqrt(Var(ΔRR) / 2), SD2 = sqrt(2·SDNN² − Var(ΔRR) / 2), both variances with n-1
 *    (Brennan et al. 2001, IEEE TBME 48:1342; the form hrv-analysis and pyhrv use);
 *  - stress index: Baevsky's SI = AMo / (2 · Mo · MxDMn), see {@link baevskyStressIndex}.
 */
import { hrBpmFromRrMs } from '../shared/perMinute'

export interface HrvMetrics {
  beats: number
  meanRrMs: number
  meanHrBpm: number
  sdnnMs: number
  rmssdMs: number
  /** Natural log of RMSSD in ms (what HRV4Training / Elite HRV trend). */
  lnRmssd: number
  pnn50Pct: number
  sd1Ms: number
  sd2Ms: number
  /**
   * Baevsky's stress index itself (NOT its square root, which is what Kubios displays:
   * take `Math.sqrt(stressIndex)` to compare with Kubios). NaN when all intervals are equal.
   */
  stressIndex: number
}

/** Width of the RR histogram bins for the stress index, ms (the common choice; Kubios uses it too). */
export const STRESS_INDEX_BIN_MS = 50

/** Successive differences larger than this count towards pNN50, ms (Task Force 1996). */
export const PNN50_THRESHOLD_MS = 50

/** The 50 ms bin an interval falls in: bins are [k·50, (k+1)·50) ms. */
export function stressIndexBin(rrMs: number): number {
  return Math.floor(rrMs / STRESS_INDEX_BIN_MS)
}

/**
 * Baevsky's stress index from a histogram of the intervals in 50 ms bins:
 *   SI = AMo / (2 · Mo · MxDMn)
 * with AMo = share of intervals in the modal bin (%), Mo = the modal bin's centre (s) and
 * MxDMn = max RR − min RR (s). Ties between bins go to the shortest-RR bin (the more aroused
 * reading). SI is only comparable between tools at equal bin width.
 */
export function baevskyStressIndex(
  modalCount: number,
  modalBin: number,
  beats: number,
  minRrMs: number,
  maxRrMs: number
): number {
  const amoPct = (100 * modalCount) / beats
  const moS = ((modalBin + 0.5) * STRESS_INDEX_BIN_MS) / 1000
  const mxdmnS = (maxRrMs - minRrMs) / 1000
  if (mxdmnS <= 0) return NaN
  return amoPct / (2 * moS * mxdmnS)
}

/**
 * All metrics over the whole series. Throws when there are fewer than 3 intervals (or, with
 * breaks, fewer than 2 successive differences).
 *
 * `breaks` (optional) marks beats that follow a gap in the recording (breaks[i] = 1: beat i has
 * no successive difference to beat i − 1): RMSSD, pNN50, SD1 and SD2 then use only differences
 * within a segment, while mean, SDNN and the stress index use every interval. Without breaks the
 * series is one segment.
 */
export function hrvMetrics(rrMs: readonly number[], breaks?: Uint8Array): HrvMetrics {
  const n = rrMs.length
  if (n < 3) {
    throw new Error(`HRV needs at least 3 RR intervals (got ${n}): SD1/SD2 need two successive differences`)
  }
  let broken = 0
  if (breaks) for (let i = 1; i < n; i++) broken += breaks[i]!
  if (n - 1 - broken < 2) {
    throw new Error(
      `HRV needs at least 2 successive differences within a segment (got ${n - 1 - broken}): the gaps leave too few`
    )
  }
  let sum = 0
  let sumHr = 0
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < n; i++) {
    const rr = rrMs[i]!
    if (!(rr > 0) || !Number.isFinite(rr))
      throw new Error(`RR interval ${i} is ${rr} ms: must be a positive number`)
    sum += rr
    sumHr += hrBpmFromRrMs(rr)
    if (rr < min) min = rr
    if (rr > max) max = rr
  }
  // Histogram in 50 ms bins over [min, max]: an array indexed from the lowest bin.
  const firstBin = stressIndexBin(min)
  const hist = new Int32Array(stressIndexBin(max) - firstBin + 1)
  const mean = sum / n
  let ss = 0
  let sumD = 0
  let sumD2 = 0
  let nn50 = 0
  for (let i = 0; i < n; i++) {
    const dev = rrMs[i]! - mean
    ss += dev * dev
    hist[stressIndexBin(rrMs[i]!) - firstBin]!++
    if (i > 0 && (breaks === undefined || breaks[i] === 0)) {
      const d = rrMs[i]! - rrMs[i - 1]!
      sumD += d
      sumD2 += d * d
      if (Math.abs(d) > PNN50_THRESHOLD_MS) nn50++
    }
  }
  const m = n - 1 - broken
  const varRr = ss / (n - 1)
  const meanD = sumD / m
  const varD = Math.max(0, (sumD2 - m * meanD * meanD) / (m - 1))
  // Ties go to the shortest-RR bin: the first maximum scanning upwards.
  let modalBin = firstBin
  let modalCount = 0
  for (let b = 0; b < hist.length; b++) {
    if (hist[b]! > modalCount) {
      modalBin = firstBin + b
      modalCount = hist[b]!
    }
  }
  const rmssd = Math.sqrt(sumD2 / m)
  return {
    beats: n,
    meanRrMs: mean,
    meanHrBpm: sumHr / n,
    sdnnMs: Math.sqrt(varRr),
    rmssdMs: rmssd,
    lnRmssd: Math.log(rmssd),
    pnn50Pct: (100 * nn50) / m,
    sd1Ms: Math.sqrt(varD / 2),
    sd2Ms: Math.sqrt(Math.max(0, 2 * varRr - varD / 2)),
    stressIndex: baevskyStressIndex(modalCount, modalBin, n, min, max)
  }
}
