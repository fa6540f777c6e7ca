/**
 * RR artefact detection and correction after
 *
 *   Lipponen, J. A. & Tarvainen, M. P. (2019). A robust algorithm for heart rate variability time
 *   series artefact correction using novel beat classification. Journal of Medical Engineering &
 *   Technology 43(3):173-181. doi:10.1080/03091902.2019.1640306
 *
 * (the method Kubios automates). Outline, for interval RR[j] (ms):
 *  1. dRR[j] = RR[j] − RR[j−1] (dRR[0] = 0). Th1[j] = α · QD(|dRR|) over the 91 beats centred on j,
 *     QD being the quartile deviation (Q3 − Q1)/2; dRRs = dRR / Th1.
 *  2. medRR[j] = median of the 11 intervals centred on j; mRR = RR − medRR, negative values doubled
 *     (short beats are penalised more, as in the paper); Th2 = α · QD(|mRR|) over 91 beats;
 *     mRRs = mRR / Th2.
 *  3. Subspace 1 (ectopic): S11 = dRRs[j], S12 = max(dRRs[j−1], dRRs[j+1]) if dRRs[j] > 0 else
 *     min(...). Ectopic if (S11 > 1 and S12 < −c1·S11 − c2) or (S11 < −1 and S12 > −c1·S11 + c2).
 *  4. Subspace 2 (long/short): S21 = dRRs[j], S22 = min(dRRs[j+1], dRRs[j+2]) if dRRs[j] >= 0
 *     else max(...). When |dRRs| > 1 or |mRRs| > 3:
 *       long  if (S21 > 1 and S22 < −1) or (|mRRs| > 3 and RR > medRR);
 *             → missed if |RR/2 − medRR| < Th2 (two beats fit where one was recorded);
 *       short if (S21 < −1 and S22 > 1) or (|mRRs| > 3 and RR <= medRR);
 *             → extra if |RR[j] + RR[j+1] − medRR| < Th2 (two intervals make one normal one).
 *  Constants are the paper's, as also used by the open implementations (systole, hrvester):
 *  α = 5.2, c1 = 0.13, c2 = 0.17, 91-beat threshold window, 11-beat median, |mRRs| > 3.
 *
 * Limbic additions (not in the paper), each documented where it is applied:
 *  - The ectopic criterion also needs the interval itself to be out of line with its
 *    neighbourhood, |mRRs| > {@link ECTOPIC_MIN_MRRS}. Without it the normal beat that FOLLOWS an
 *    artefact often meets the criterion (its S12 contains the artefact's large dRR plus an RSA
 *    swing) and a clean beat is "corrected".
 *  - A premature beat makes a short interval followed by a compensatory long one. With the
 *    backward difference above only one of the pair meets the ectopic criterion; the other is
 *    then classed short/long. We label both "ectopic" when a short/long beat is next to a beat
 *    meeting the ectopic criterion, so one ectopic beat shows as one ectopic event pair.
 *  - Missed/extra are also accepted when the split (merged) interval is at least
 *    {@link BETTER_FIT_FACTOR} times closer to medRR than the recorded one(s), even if the
 *    difference exceeds Th2: near an RSA peak the 11-beat median sits tens of ms from the true
 *    interval and a real extra beat was otherwise classed "short, short".
 *  - The thresholds have a floor of {@link MIN_THRESHOLD_MS} so a perfectly regular (synthetic or
 *    paced) series does not divide by zero; for a file timed on a coarse clock (128 Hz) the caller
 *    raises the floor to 4 sampling steps (`thresholdFloorMs`, see signal/rrResolution.ts) so
 *    quantisation jitter is not flagged.
 *
 * Caveats. The full paper text was not at hand: the formulas above are our reading of its method
 * as summarised by its abstract and the open implementations' documentation, checked on the
 * shared recordings (noisy file: RMSSD 58.7 → 38.4 ms, the reference tools give 37-38 ms; its
 * four clear missed beats are found). Like systole, the method flags ~1 % of beats in clean
 * resting recordings with large RSA swings (the rest file: 8 of 910), and with a large RSA swing
 * a long beat right after a falling one sits on the ectopic side of the decision boundary.
 *
 * Correction (as the paper and Kubios describe): extra → removed and merged into the next interval;
 * missed → split into two equal halves; ectopic, long and short → interpolated. The batch
 * cleaner interpolates linearly (by beat index) between the nearest clean neighbours (Kubios uses
 * a cubic spline; for one or two beats the difference in RMSSD is negligible); the streaming
 * cleaner, which cannot wait for the next clean beat, uses the local 11-beat median.
 */
import { SortedWindow } from './rrSortedWindow'
import { pooledFloat64, slidingStat } from './windowStats'

export { slidingStat }

export type ArtifactType = 'ectopic' | 'missed' | 'extra' | 'long' | 'short'

export const ARTIFACT_TYPES: readonly ArtifactType[] = ['ectopic', 'missed', 'extra', 'long', 'short']

export interface CleanedBeat {
  /** 0-based index of the interval in the input. */
  index: number
  rrMs: number
  /**
   * The corrected interval; null when the beat is removed (extra: its interval is merged into the
   * next beat's, which then carries the sum). For a missed beat this is HALF the recorded interval
   * and the clean series holds it twice (`cleanParts` = 2).
   */
  cleanRrMs: number | null
  artifact: ArtifactType | null
  /** How many intervals this beat contributes to the clean series: 0 (extra), 2 (missed), else 1. */
  cleanParts: 0 | 1 | 2
}

export interface CleaningResult {
  beats: CleanedBeat[]
  cleanRrMs: number[]
  counts: Record<ArtifactType, number>
  /** Flagged beats / all beats, 0..1. */
  artifactRate: number
}

/** Lipponen & Tarvainen 2019: threshold multiplier α. */
export const LT_ALPHA = 5.2
/** Lipponen & Tarvainen 2019: slope of the ectopic decision boundary. */
export const LT_C1 = 0.13
/** Lipponen & Tarvainen 2019: offset of the ectopic decision boundary. */
export const LT_C2 = 0.17
/** Lipponen & Tarvainen 2019: beats in the window the time-varying thresholds are estimated over. */
export const LT_THRESHOLD_WINDOW = 91
/** Lipponen & Tarvainen 2019: beats in the median filter that gives medRR. */
export const LT_MEDIAN_WINDOW = 11
/** Lipponen & Tarvainen 2019: |mRRs| above this marks a long/short beat even with small dRR. */
export const LT_MRR_LIMIT = 3
/** Limbic: an ectopic interval must itself deviate from medRR by more than Th2 (|mRRs| > 1). */
export const ECTOPIC_MIN_MRRS = 1
/** Limbic: a split/merge that fits medRR this many times better than the raw interval is accepted. */
export const BETTER_FIT_FACTOR = 3
/** Limbic: floor on Th1/Th2 (ms) so a constant series cannot divide by zero. */
export const MIN_THRESHOLD_MS = 1

const HALF_T = (LT_THRESHOLD_WINDOW - 1) / 2 // 45
const HALF_M = (LT_MEDIAN_WINDOW - 1) / 2 // 5

/**
 * Signal-quality thresholds on the artefact rate. Kubios and most HRV apps treat a recording with
 * more than ~5 % corrected beats as unreliable for HRV; below 2 % corrections change RMSSD by well
 * under the day-to-day variation (Lipponen & Tarvainen 2019 report < 2 % parameter error after
 * correcting isolated missed/extra beats).
 */
export const QUALITY_GOOD_MAX_RATE = 0.02
export const QUALITY_FAIR_MAX_RATE = 0.05

export type SignalQualityLevel = 'good' | 'fair' | 'poor'

/** good: ≤ 2 % of beats corrected; fair: ≤ 5 %; poor: more (or not a number). */
export function qualityFromArtifactRate(rate: number): SignalQualityLevel {
  if (rate <= QUALITY_GOOD_MAX_RATE) return 'good'
  if (rate <= QUALITY_FAIR_MAX_RATE) return 'fair'
  return 'poor'
}

function s12Of(dPrev: number, d: number, dNext: number): number {
  return d > 0 ? Math.max(dPrev, dNext) : Math.min(dPrev, dNext)
}

function s22Of(d: number, dNext: number, dNext2: number): number {
  return d >= 0 ? Math.min(dNext, dNext2) : Math.max(dNext, dNext2)
}

/** Subspace-1 ectopic criterion (Lipponen & Tarvainen 2019, decision boundary with c1, c2). */
function ectopicCriterion(s11: number, s12: number): boolean {
  return (s11 > 1 && s12 < -LT_C1 * s11 - LT_C2) || (s11 < -1 && s12 > -LT_C1 * s11 + LT_C2)
}

/** Everything the classifier needs about beat j; dRRs of absent neighbours are 0. */
interface BeatView {
  rr: number
  rrNext: number | undefined
  medRr: number
  th2: number
  mrrsPrev: number
  mrrs: number
  mrrsNext: number
  dPrev2: number
  dPrev: number
  d: number
  dNext: number
  dNext2: number
}

/** The ectopic criterion with the Limbic |mRRs| gate (see the header). */
function isEctopic(mrrs: number, s11: number, s12: number): boolean {
  return Math.abs(mrrs) > ECTOPIC_MIN_MRRS && ectopicCriterion(s11, s12)
}

function classify(v: BeatView): ArtifactType | null {
  if (isEctopic(v.mrrs, v.d, s12Of(v.dPrev, v.d, v.dNext))) return 'ectopic'
  if (!(Math.abs(v.d) > 1 || Math.abs(v.mrrs) > LT_MRR_LIMIT)) return null
  const s22 = s22Of(v.d, v.dNext, v.dNext2)
  const bigM = Math.abs(v.mrrs) > LT_MRR_LIMIT
  let kind: 'long' | 'short' | null = null
  if ((v.d > 1 && s22 < -1) || (bigM && v.rr > v.medRr)) {
    const split = Math.abs(v.rr / 2 - v.medRr)
    if (split < v.th2 || split * BETTER_FIT_FACTOR < Math.abs(v.rr - v.medRr)) return 'missed'
    kind = 'long'
  } else if ((v.d < -1 && s22 > 1) || (bigM && v.rr <= v.medRr)) {
    if (v.rrNext !== undefined) {
      const merged = Math.abs(v.rr + v.rrNext - v.medRr)
      const betterFit =
        merged * BETTER_FIT_FACTOR < Math.abs(v.rr - v.medRr) && merged < Math.abs(v.rrNext - v.medRr)
      if (merged < v.th2 || betterFit) return 'extra'
    }
    kind = 'short'
  }
  if (kind === null) return null
  // Limbic: the other half of a premature-beat pair (see the header) is ectopic too.
  const prevEctopic = isEctopic(v.mrrsPrev, v.dPrev, s12Of(v.dPrev2, v.dPrev, v.d))
  const nextEctopic = isEctopic(v.mrrsNext, v.dNext, s12Of(v.d, v.dNext, v.dNext2))
  return prevEctopic || nextEctopic ? 'ectopic' : kind
}

function emptyCounts(): Record<ArtifactType, number> {
  return { ectopic: 0, missed: 0, extra: 0, long: 0, short: 0 }
}

function validate(rr: number, i: number): void {
  if (!(rr > 0) || !Number.isFinite(rr))
    throw new Error(`RR interval ${i} is ${rr} ms: must be a positive number`)
}

export interface CleanRrOptions {
  /**
   * A floor on Th1 and Th2, ms (default {@link MIN_THRESHOLD_MS}). For coarse timing use
   * `resolutionThresholdFloorMs` (signal/rrResolution.ts): quantisation jitter then stays below
   * the thresholds instead of being flagged.
   */
  thresholdFloorMs?: number
}

/** Detects and corrects artefacts over a whole recording (centred windows: the paper's method). */
export function cleanRr(rrMs: readonly number[], opts: CleanRrOptions = {}): CleaningResult {
  const floorMs = Math.max(MIN_THRESHOLD_MS, opts.thresholdFloorMs ?? 0)
  const n = rrMs.length
  // One typed copy, checked in order (the first impossible interval is the one reported). The
  // work arrays are pooled (see pooledFloat64): none of them leaves this function.
  const rr = pooledFloat64(2, n)
  for (let i = 0; i < n; i++) {
    const v = rrMs[i]!
    validate(v, i)
    rr[i] = v
  }
  const dRRs = pooledFloat64(3, n) // dRR, divided by Th1 below
  const abs = pooledFloat64(4, n) // |dRR| for Th1, then |mRR| for Th2
  if (n > 0) dRRs[0] = abs[0] = 0
  for (let i = 1; i < n; i++) {
    const d = rr[i]! - rr[i - 1]!
    dRRs[i] = d
    abs[i] = Math.abs(d)
  }
  const th1 = slidingStat(abs, HALF_T, 'qd', pooledFloat64(5, n))
  const medRr = slidingStat(rr, HALF_M, 'median', pooledFloat64(6, n))
  const mRR = pooledFloat64(7, n)
  for (let i = 0; i < n; i++) {
    let m = rr[i]! - medRr[i]!
    if (m < 0) m *= 2
    mRR[i] = m
    abs[i] = Math.abs(m)
  }
  const th2 = slidingStat(abs, HALF_T, 'qd', pooledFloat64(8, n))
  for (let i = 0; i < n; i++) {
    th1[i] = Math.max(floorMs, LT_ALPHA * th1[i]!)
    th2[i] = Math.max(floorMs, LT_ALPHA * th2[i]!)
    dRRs[i] = dRRs[i]! / th1[i]!
  }
  const at = (j: number): number => (j >= 0 && j < n ? dRRs[j]! : 0)

  const labels = new Uint8Array(n) // LABEL codes
  for (let i = 0; i < n; i++) {
    if (i > 0 && labels[i - 1] === LABEL.extra) continue // merged into the previous beat's correction
    // Every class needs |dRRs| > 1 or |mRRs| > 3: most beats stop here.
    if (!(Math.abs(dRRs[i]!) > 1 || Math.abs(mRR[i]! / th2[i]!) > LT_MRR_LIMIT)) continue
    const label = classify({
      rr: rrMs[i]!,
      rrNext: i + 1 < n ? rrMs[i + 1] : undefined,
      medRr: medRr[i]!,
      th2: th2[i]!,
      mrrsPrev: i > 0 ? mRR[i - 1]! / th2[i - 1]! : 0,
      mrrs: mRR[i]! / th2[i]!,
      mrrsNext: i + 1 < n ? mRR[i + 1]! / th2[i + 1]! : 0,
      dPrev2: at(i - 2),
      dPrev: at(i - 1),
      d: at(i),
      dNext: at(i + 1),
      dNext2: at(i + 2)
    })
    if (label) labels[i] = LABEL[label]
  }
  return correct(rrMs, labels)
}

/** Batch label codes: 0 for a clean beat, else 1 + the type's index in ARTIFACT_TYPES. */
const LABEL: Record<ArtifactType, number> = { ectopic: 1, missed: 2, extra: 3, long: 4, short: 5 }
const LABEL_TYPE: readonly (ArtifactType | null)[] = [null, ...ARTIFACT_TYPES]

/**
 * Applies the corrections for given label codes (batch: linear interpolation across flagged
 * runs). The work is on typed arrays; the per-beat objects of `beats` are only built if someone
 * reads them (the app's check-in does, on a minute of beats; a 24-hour analysis does not), so a
 * long recording costs no object per beat.
 */
function correct(rrMs: readonly number[], labels: Uint8Array): CleaningResult {
  const n = rrMs.length
  const counts = emptyCounts()
  const clean = new Float64Array(n) // the corrected interval; unused for extra beats
  let flagged = 0
  let interpolate = false
  for (let i = 0; i < n; i++) {
    const code = labels[i]!
    const rr = rrMs[i]!
    if (code === LABEL.missed) clean[i] = rr / 2
    else if (code !== LABEL.extra && i > 0 && labels[i - 1] === LABEL.extra) clean[i] = rrMs[i - 1]! + rr
    else clean[i] = rr
    if (code !== 0) {
      flagged++
      counts[LABEL_TYPE[code]!]++
      if (code !== LABEL.extra && code !== LABEL.missed) interpolate = true
    }
  }
  // Interpolate runs of ectopic/long/short beats between the nearest clean anchors.
  const needsInterp = (code: number): boolean =>
    code === LABEL.ectopic || code === LABEL.long || code === LABEL.short
  let i = interpolate ? 0 : n
  while (i < n) {
    if (!needsInterp(labels[i]!)) {
      i++
      continue
    }
    let end = i
    while (end + 1 < n && needsInterp(labels[end + 1]!)) end++
    let left = i - 1
    while (left >= 0 && labels[left] !== 0) left--
    let right = end + 1
    while (right < n && labels[right] !== 0) right++
    const lv = left >= 0 ? clean[left]! : null
    const rv = right < n ? clean[right]! : null
    for (let k = i; k <= end; k++) {
      let v: number
      if (lv !== null && rv !== null) v = lv + ((rv - lv) * (k - left)) / (right - left)
      else v = lv ?? rv ?? rrMs[k]!
      clean[k] = v
    }
    i = end + 1
  }
  const cleanRrMs = new Array<number>(n - counts.extra + counts.missed)
  for (let k = 0, at = 0; k < n; k++) {
    const code = labels[k]!
    if (code === LABEL.extra) continue
    cleanRrMs[at++] = clean[k]!
    if (code === LABEL.missed) cleanRrMs[at++] = clean[k]!
  }
  let beats: CleanedBeat[] | null = null
  const result = { cleanRrMs, counts, artifactRate: n === 0 ? 0 : flagged / n } as CleaningResult
  Object.defineProperty(result, 'beats', {
    enumerable: true,
    get(): CleanedBeat[] {
      if (beats === null) {
        beats = new Array<CleanedBeat>(n)
        for (let k = 0; k < n; k++) {
          const code = labels[k]!
          beats[k] = {
            index: k,
            rrMs: rrMs[k]!,
            cleanRrMs: code === LABEL.extra ? null : clean[k]!,
            artifact: LABEL_TYPE[code]!,
            cleanParts: code === LABEL.extra ? 0 : code === LABEL.missed ? 2 : 1
          }
        }
      }
      return beats
    }
  })
  return result
}

/** Limbic: beats the streaming cleaner collects before judging the first one (see the class). */
export const DEFAULT_WARMUP_BEATS = 30

export interface IncrementalRrCleanerOptions {
  /**
   * Beats collected before the first judgement, so the quartile thresholds rest on enough
   * differences (Limbic choice; the paper's thresholds use 91 beats). Default 30 (about 30 s).
   */
  warmupBeats?: number
}

/**
 * Streaming Lipponen-Tarvainen cleaner. Beat j is judged when beat j+6 has arrived (the 11-beat
 * median is centred on j, and the ectopic-pair rule needs mRR of j+1), i.e. a lag of 6 beats,
 * plus an initial warm-up. Unlike
 * the batch version the thresholds come from the most recent 91 differences (trailing, not
 * centred) and flagged ectopic/long/short beats are replaced by the local 11-beat median, so the
 * two can differ on borderline beats; clear artefacts are classified the same way.
 *
 * At a drop-out (a GapSample), call flush() to judge the beats still held back, then reset():
 * the differences across a gap mean nothing, and a new warm-up follows.
 */
export class IncrementalRrCleaner {
  private readonly warmup: number
  private rr: number[] = []
  private dRR: number[] = []
  private medRr: number[] = []
  private mRR: number[] = []
  private base = 0 // absolute index of rr[0]
  private total = 0 // beats pushed
  private judged = 0 // beats judged (absolute index of the next one to judge)
  private readonly absDWin = new SortedWindow(LT_THRESHOLD_WINDOW + 2)
  private readonly absMWin = new SortedWindow(LT_THRESHOLD_WINDOW + 2)
  private readonly rrWin = new SortedWindow(LT_MEDIAN_WINDOW + 2)
  private prevLabel: ArtifactType | null = null
  private counts = emptyCounts()

  constructor(opts: IncrementalRrCleanerOptions = {}) {
    this.warmup = Math.max(LT_MEDIAN_WINDOW, opts.warmupBeats ?? DEFAULT_WARMUP_BEATS)
  }

  /** Beats seen and flagged so far (for a running artefact rate). */
  stats(): { beats: number; judged: number; counts: Record<ArtifactType, number>; artifactRate: number } {
    const flagged = Object.values(this.counts).reduce((a, b) => a + b, 0)
    return {
      beats: this.total,
      judged: this.judged,
      counts: { ...this.counts },
      artifactRate: this.judged === 0 ? 0 : flagged / this.judged
    }
  }

  reset(): void {
    this.rr = []
    this.dRR = []
    this.medRr = []
    this.mRR = []
    this.base = 0
    this.total = 0
    this.judged = 0
    this.absDWin.clear()
    this.absMWin.clear()
    this.rrWin.clear()
    this.prevLabel = null
    this.counts = emptyCounts()
  }

  /** Adds one interval; returns the beats judged as a result (oldest first, possibly none). */
  push(rrMs: number): CleanedBeat[] {
    validate(rrMs, this.total)
    const k = this.total++
    const d = k === 0 ? 0 : rrMs - this.rr[k - 1 - this.base]!
    this.rr.push(rrMs)
    this.dRR.push(d)
    this.absDWin.insert(Math.abs(d))
    if (this.absDWin.size > LT_THRESHOLD_WINDOW)
      this.absDWin.remove(Math.abs(this.dRR[k - LT_THRESHOLD_WINDOW - this.base]!))
    this.rrWin.insert(rrMs)
    if (this.rrWin.size > LT_MEDIAN_WINDOW) this.rrWin.remove(this.rr[k - LT_MEDIAN_WINDOW - this.base]!)
    // The median centred on j = k − 5 is complete now.
    const j = k - HALF_M
    if (j >= 0) this.addMedian(j, this.rrWin.median())
    const out: CleanedBeat[] = []
    if (this.total >= this.warmup) {
      while (this.judged < j) out.push(this.judge(this.judged, false))
    }
    this.compact()
    return out
  }

  /** Judges every remaining beat with the context available (call at the end of a recording). */
  flush(): CleanedBeat[] {
    const out: CleanedBeat[] = []
    const n = this.total
    // Medians for the last beats use a window clipped at the end, as the batch version does.
    for (let j = Math.max(0, n - HALF_M); j < n; j++) {
      if (j - this.base < this.medRr.length) continue
      const from = Math.max(0, j - HALF_M)
      const w = this.rr.slice(from - this.base, n - this.base).sort((a, b) => a - b)
      const h = (w.length - 1) / 2
      this.addMedian(j, (w[Math.floor(h)]! + w[Math.ceil(h)]!) / 2)
    }
    while (this.judged < n) out.push(this.judge(this.judged, true))
    return out
  }

  private addMedian(j: number, med: number): void {
    this.medRr.push(med)
    let m = this.rr[j - this.base]! - med
    if (m < 0) m *= 2
    this.mRR.push(m)
    this.absMWin.insert(Math.abs(m))
    if (this.absMWin.size > LT_THRESHOLD_WINDOW)
      this.absMWin.remove(Math.abs(this.mRR[j - LT_THRESHOLD_WINDOW - this.base]!))
  }

  private judge(j: number, atEnd: boolean): CleanedBeat {
    const th1 = Math.max(MIN_THRESHOLD_MS, LT_ALPHA * this.absDWin.quartileDeviation())
    const th2 = Math.max(MIN_THRESHOLD_MS, LT_ALPHA * this.absMWin.quartileDeviation())
    const b = this.base
    const n = this.total
    const at = (i: number): number => (i >= 0 && i < n && i >= b ? this.dRR[i - b]! / th1 : 0)
    const rr = this.rr[j - b]!
    const mergedFromPrev = this.prevLabel === 'extra'
    let label: ArtifactType | null = null
    const quiet = !(Math.abs(at(j)) > 1 || Math.abs(this.mRR[j - b]! / th2) > LT_MRR_LIMIT)
    if (!mergedFromPrev && !quiet) {
      label = classify({
        rr,
        rrNext: j + 1 < n ? this.rr[j + 1 - b] : undefined,
        medRr: this.medRr[j - b]!,
        th2,
        mrrsPrev: j - 1 >= b ? this.mRR[j - 1 - b]! / th2 : 0,
        mrrs: this.mRR[j - b]! / th2,
        mrrsNext: j + 1 - b < this.mRR.length ? this.mRR[j + 1 - b]! / th2 : 0,
        dPrev2: at(j - 2),
        dPrev: at(j - 1),
        d: at(j),
        dNext: at(j + 1),
        dNext2: at(j + 2)
      })
      // At the very end there is no next interval to merge an extra beat into.
      if (label === 'extra' && atEnd && j + 1 >= n) label = 'short'
    }
    this.prevLabel = label
    this.judged = j + 1
    if (label) this.counts[label]++
    if (label === 'extra') return { index: j, rrMs: rr, cleanRrMs: null, artifact: label, cleanParts: 0 }
    if (label === 'missed') return { index: j, rrMs: rr, cleanRrMs: rr / 2, artifact: label, cleanParts: 2 }
    if (label) return { index: j, rrMs: rr, cleanRrMs: this.medRr[j - b]!, artifact: label, cleanParts: 1 }
    const clean = mergedFromPrev ? this.rr[j - 1 - b]! + rr : rr
    return { index: j, rrMs: rr, cleanRrMs: clean, artifact: null, cleanParts: 1 }
  }

  /** Drops history no window can reach any more, so memory stays bounded in long sessions. */
  private compact(): void {
    const keepFrom = Math.min(this.judged, this.total) - LT_THRESHOLD_WINDOW - 8
    if (keepFrom - this.base < 1024) return
    const drop = keepFrom - this.base
    this.rr.splice(0, drop)
    this.dRR.splice(0, drop)
    this.medRr.splice(0, drop)
    this.mRR.splice(0, drop)
    this.base += drop
  }
}
