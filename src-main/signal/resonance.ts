/**
 * Resonance-frequency assessment: what each paced-breathing step did to the heart, and which rate
 * is the person's resonance frequency (issue 17). Pure functions; the protocol runs the pacer and
 * hands over the beats and the pacer's schedule.
 *
 * Protocol (Lehrer & Vaschillo, as written up by Shaffer & Meehan 2020, "A Practical Guide to
 * Resonance Frequency Assessment for Heart Rate Variability Biofeedback", Front. Neurosci.
 * 14:570400): paced breathing at 6.5, 6.0, 5.5, 5.0 and 4.5 breaths/min, about 2 min each, inhale
 * shorter than exhale. Criteria they compare across rates, and how each is computed here over the
 * step after its first {@link RESONANCE_SETTLE_MS} (the heart and the person settle into the pace):
 *  - peak-to-trough heart-rate swing per breath: instantaneous HR (60000/RR at each beat, on the
 *    artefact-corrected series) resampled at 4 Hz, minus its moving average over one pacer cycle
 *    (removes drift but not the breathing oscillation, whose mean over a cycle is constant), then
 *    max − min within each complete pacer cycle; the mean over cycles, bpm;
 *  - low-frequency (0.04-0.15 Hz) power: Hann-windowed periodogram of the RR series (4 Hz,
 *    linear trend removed), one-sided density in ms²/Hz integrated over the band, ms²; and the LF
 *    peak (the frequency and density of its highest bin);
 *  - phase between heart rate and the pacer at the pacer's frequency: both are fitted with a
 *    sinusoid of that frequency (least squares); phase = arg(HR) − arg(lung volume), in degrees,
 *    > 0 when HR leads the breath. At resonance HR and breathing are in phase (0°; Vaschillo et al.
 *    2002); below it HR leads, above it lags.
 * Validity per step (a step that fails is flagged `repeat`):
 *  - artefacts: share of beats the Lipponen-Tarvainen cleaner flags, at most
 *    {@link RESONANCE_MAX_ARTEFACT_SHARE};
 *  - contact: time without beats (reported lost contact, or a hole in the beat times longer than
 *    the intervals explain), at most {@link RESONANCE_MAX_CONTACT_LOST_S} s;
 *  - following the pacer: the breathing rate measured from the RR series (signal/respiration.ts)
 *    within {@link RESONANCE_FOLLOW_TOLERANCE_BPM} of the pacer's, and not a low-confidence guess;
 *  - enough data: at least {@link RESONANCE_MIN_BREATHS} complete breaths analysed.
 *
 * Rule (Limbic's reading of the criteria above; Shaffer & Meehan weigh the largest peak-to-trough
 * swing and LF peak most, and use phase and the other criteria to decide close calls):
 *  1. Among valid steps, the rate with the largest mean peak-to-trough swing is chosen; when the
 *     runner-up is a neighbouring step (±0.5/min) whose swing is within
 *     {@link RESONANCE_CLOSE_MARGIN} of it, the one whose phase is nearer 0° wins (the in-phase
 *     criterion decides close calls).
 *  2. Confidence (0..1) = 0.5 · min(1, margin / {@link RESONANCE_CLEAR_MARGIN}) + 0.5 · agreement,
 *     where margin = (best − runner-up swing) / best swing, and agreement is the share of the three
 *     other criteria (LF power, LF peak density, phase nearest 0°) whose best rate is the chosen one
 *     or a neighbouring step (±0.5/min).
 *  3. The result is `found` when at least {@link RESONANCE_MIN_VALID_STEPS} steps are valid, none
 *     needs repeating and the confidence reaches {@link RESONANCE_SURE_CONFIDENCE}; `unsure` when a
 *     rate was chosen but one of those fails; `none` without a valid step.
 * The reason is a message key with values for the renderer to phrase (English and 简体中文), e.g.
 * `resonance.reason.largestSwing` {rateBpm: 5.5, swingBpm: 14}: "5.5/min gave your largest
 * heart-rate swings, 14 bpm".
 *
 * Limits: a person whose arousal drifts during the test (relaxing as it goes on) has growing
 * swings at the later, slower rates, which the rule cannot tell from resonance; the descending
 * order of the literature keeps that bias towards slower rates, and a re-test shows it.
 * Resonance frequency is not always stable over weeks (van Diest et al. 2021): keep re-testing.
 *
 * Coherence (live view): see {@link coherence}.
 */
import { hrBpmFromRrMs } from '../shared/perMinute'
import { lungVolumeAt, pacedBreathPattern } from '../shared/breathing'
import { estimateRespiration, leastSquaresLine } from './respiration'
import { cleanRr } from './rrCleaning'
import type { ResonanceReason, ResonanceResult, StepAnalysis, StepProblem } from '../shared/resonance'

export type { ResonanceReason, ResonanceResult, StepAnalysis, StepProblem }

/** One step of the assessment as the pacer ran it (times on the beats' clock, ms). */
export interface PacerStep {
  breathsPerMin: number
  /** When the pacer's first inhale of the step began. */
  startMs: number
  /** When the step ended (the pacer stopped or the rest began). */
  endMs: number
  inhaleMs: number
  exhaleMs: number
}

/** Beats: `tMs[i]` is the time of the beat that ends interval `rrMs[i]` (same clock as the steps). */
export interface BeatSeries {
  tMs: readonly number[]
  rrMs: readonly number[]
}

/** A time span without usable beats (lost skin contact, device gap), ms. */
export interface ContactGap {
  startMs: number
  endMs: number
}

/** The assessment's rates, breaths/min (Shaffer & Meehan 2020). */
export const RESONANCE_RATES_BPM: readonly number[] = [6.5, 6.0, 5.5, 5.0, 4.5]
/** The part of each step left out while the person and the heart settle into the pace, ms. */
export const RESONANCE_SETTLE_MS = 15_000
export const RESONANCE_MAX_ARTEFACT_SHARE = 0.05
export const RESONANCE_MAX_CONTACT_LOST_S = 5
/** Measured vs pacer rate, breaths/min: below the 0.5 step, above the estimator's 0.3 worst case. */
export const RESONANCE_FOLLOW_TOLERANCE_BPM = 0.35
/** Breathing-rate estimates below this confidence count as "not following" (respiration.ts). */
export const RESONANCE_MIN_RATE_CONFIDENCE = 0.3
export const RESONANCE_MIN_BREATHS = 4
export const RESONANCE_MIN_VALID_STEPS = 3
/** Swings of neighbouring steps closer than this (5 %) are a close call, decided by phase. */
export const RESONANCE_CLOSE_MARGIN = 0.05
/** A swing margin this large (10 %) counts as a clear win in the confidence. */
export const RESONANCE_CLEAR_MARGIN = 0.1
export const RESONANCE_SURE_CONFIDENCE = 0.5
/** Resampling rate of the HR and RR series, Hz. */
const FS_HZ = 4
const LF_LOW_HZ = 0.04
const LF_HIGH_HZ = 0.15
/** Grid step of the LF spectrum, Hz. */
const LF_STEP_HZ = 0.001

/** Even samples (FS_HZ) of a series given at beat times, linear between beats, over [fromMs, toMs]. */
function resample(tMs: readonly number[], v: readonly number[], fromMs: number, toMs: number): Float64Array {
  const dt = 1000 / FS_HZ
  const m = Math.max(0, Math.floor((toMs - fromMs) / dt) + 1)
  const out = new Float64Array(m)
  let k = 0
  const n = tMs.length
  for (let i = 0; i < m; i++) {
    const t = fromMs + i * dt
    while (k < n - 2 && tMs[k + 1]! < t) k++
    if (n === 1) out[i] = v[0]!
    else {
      const a = Math.max(0, Math.min(1, (t - tMs[k]!) / (tMs[k + 1]! - tMs[k]!)))
      out[i] = v[k]! + a * (v[k + 1]! - v[k]!)
    }
  }
  return out
}

function detrendLinear(x: Float64Array): void {
  const m = x.length
  // A single sample has no slope (the fit would divide by zero): it detrends to 0.
  if (m < 2) {
    x.fill(0)
    return
  }
  const { slope, icpt } = leastSquaresLine(x, m)
  for (let i = 0; i < m; i++) x[i] = x[i]! - (icpt + slope * i)
}

/** Least-squares sinusoid of frequency hz (with a mean beside it): phase of A·cos(ωt + φ), rad. */
function phaseAt(x: Float64Array, hz: number): { phaseRad: number; amplitude: number } {
  const w = (2 * Math.PI * hz) / FS_HZ
  const m = x.length
  // Normal equations for [1, cos, sin].
  let n0 = 0
  let sc = 0
  let ss = 0
  let scc = 0
  let sss = 0
  let scs = 0
  let y0 = 0
  let yc = 0
  let ys = 0
  for (let i = 0; i < m; i++) {
    const c = Math.cos(w * i)
    const s = Math.sin(w * i)
    n0 += 1
    sc += c
    ss += s
    scc += c * c
    sss += s * s
    scs += c * s
    y0 += x[i]!
    yc += x[i]! * c
    ys += x[i]! * s
  }
  const [, a, b] = solveLinear(
    [
      [n0, sc, ss],
      [sc, scc, scs],
      [ss, scs, sss]
    ],
    [y0, yc, ys]
  )
  // a·cos + b·sin = A·cos(ωt + φ) with A cos φ = a, −A sin φ = b.
  return { phaseRad: Math.atan2(-b, a), amplitude: Math.hypot(a, b) }
}

/**
 * Peak-to-trough swing of one breath: the drift-free HR samples s0..s1 (HR minus its one-cycle
 * moving average) fitted by least squares with a mean and the breath's first two harmonics, then
 * max − min of the fitted curve. The harmonics keep the breath's uneven shape (inhale shorter than
 * exhale); the fit keeps beat-to-beat noise out, which a raw max − min would add more of at slow
 * rates (a longer breath holds more beats, so its noisiest beats stick out further).
 */
function breathSwing(
  hr: Float64Array,
  prefix: Float64Array,
  half: number,
  s0: number,
  s1: number,
  pacerHz: number
): number {
  const w = (2 * Math.PI * pacerHz) / FS_HZ
  const k = 5
  const ata = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  const aty = new Array<number>(k).fill(0)
  const row = new Array<number>(k)
  for (let i = s0; i < s1; i++) {
    const y = hr[i]! - (prefix[i + half + 1]! - prefix[i - half]!) / (2 * half + 1)
    const ph = w * (i - s0)
    row[0] = 1
    row[1] = Math.cos(ph)
    row[2] = Math.sin(ph)
    row[3] = Math.cos(2 * ph)
    row[4] = Math.sin(2 * ph)
    for (let r = 0; r < k; r++) {
      aty[r] = aty[r]! + row[r]! * y
      for (let c = 0; c < k; c++) ata[r]![c] = ata[r]![c]! + row[r]! * row[c]!
    }
  }
  const coef = solveLinear(ata, aty)
  let lo = Infinity
  let hi = -Infinity
  for (let i = s0; i < s1; i++) {
    const ph = w * (i - s0)
    const v =
      coef[1]! * Math.cos(ph) +
      coef[2]! * Math.sin(ph) +
      coef[3]! * Math.cos(2 * ph) +
      coef[4]! * Math.sin(2 * ph)
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  return hi - lo
}

/** Solves a small dense system by Gaussian elimination with partial pivoting (zeros if singular). */
function solveLinear(a: number[][], y: number[]): number[] {
  const n = y.length
  const m = a.map((r, i) => [...r, y[i]!])
  for (let c = 0; c < n; c++) {
    let p = c
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r
    ;[m[c], m[p]] = [m[p]!, m[c]!]
    const d = m[c]![c]!
    if (d === 0) return new Array<number>(n).fill(0)
    for (let r = 0; r < n; r++) {
      if (r === c) continue
      const f = m[r]![c]! / d
      for (let j = c; j <= n; j++) m[r]![j] = m[r]![j]! - f * m[c]![j]!
    }
  }
  return m.map((r, i) => r[n]! / r[i]!)
}

/** The series times a Hann window, and the window's sum of squares (for density scaling). */
function hannWindowed(x: Float64Array): { xw: Float64Array; wSq: number } {
  const m = x.length
  const xw = new Float64Array(m)
  let wSq = 0
  for (let i = 0; i < m; i++) {
    const h = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (m - 1))
    xw[i] = x[i]! * h
    wSq += h * h
  }
  return { xw, wSq }
}

/** One-sided periodogram density (units²/Hz) of a Hann-windowed series at `hz` (rotation recurrence). */
function density(xw: Float64Array, hz: number, wSq: number): number {
  const w = (2 * Math.PI * hz) / FS_HZ
  const cw = Math.cos(w)
  const sw = Math.sin(w)
  let c = 1
  let s = 0
  let re = 0
  let im = 0
  for (let i = 0; i < xw.length; i++) {
    re += xw[i]! * c
    im -= xw[i]! * s
    const cn = c * cw - s * sw
    s = s * cw + c * sw
    c = cn
  }
  return (2 * (re * re + im * im)) / (FS_HZ * wSq)
}

function wrapDeg(d: number): number {
  let x = ((((d + 180) % 360) + 360) % 360) - 180
  if (x === -180) x = 180
  return x
}

/**
 * The criteria of one assessment step (see the module comment) from all recorded beats (only
 * those inside the step are used) and the pacer's schedule for the step.
 */
export function analyzeResonanceStep(
  beats: BeatSeries,
  step: PacerStep,
  gaps: readonly ContactGap[] = []
): StepAnalysis {
  const { tMs, rrMs } = beats
  if (tMs.length !== rrMs.length)
    throw new Error(`beat times (${tMs.length}) and RR intervals (${rrMs.length}) differ in length`)
  if (
    !(step.breathsPerMin > 0) ||
    !(step.inhaleMs > 0) ||
    !(step.exhaleMs > 0) ||
    !(step.endMs > step.startMs)
  )
    throw new Error(`invalid pacer step ${JSON.stringify(step)}`)
  const cycleMs = step.inhaleMs + step.exhaleMs
  const fromMs = step.startMs + RESONANCE_SETTLE_MS
  const toMs = step.endMs
  const result: StepAnalysis = {
    breathsPerMin: step.breathsPerMin,
    beats: 0,
    analysedS: Math.max(0, (toMs - fromMs) / 1000),
    breaths: 0,
    artefactShare: 0,
    contactLostS: 0,
    measuredBpm: null,
    measuredConfidence: 0,
    followedPacer: false,
    swingBpm: null,
    lfPowerMs2: null,
    lfPeakHz: null,
    lfPeakDensityMs2PerHz: null,
    phaseDeg: null,
    status: 'repeat',
    problems: []
  }
  // The step's beats (artefacts are judged over the whole step, settling included).
  let first = 0
  while (first < tMs.length && tMs[first]! <= step.startMs) first++
  let last = first
  while (last < tMs.length && tMs[last]! <= step.endMs) last++
  const stepRr = rrMs.slice(first, last)
  result.beats = stepRr.length
  // Lost contact: reported gaps, and holes between beats the intervals do not explain.
  let lostMs = 0
  for (const g of gaps) lostMs += Math.max(0, Math.min(g.endMs, toMs) - Math.max(g.startMs, fromMs))
  for (let i = Math.max(first, 1); i < last; i++) {
    const hole = tMs[i]! - tMs[i - 1]! - rrMs[i]!
    if (hole > 1000 && tMs[i]! > fromMs) lostMs += hole
  }
  if (last > first) {
    lostMs += Math.max(0, tMs[first]! - rrMs[first]! - fromMs) // nothing at the start
    // Nothing at the end: the interval running at toMs is the next beat's; without a next beat,
    // allow one interval of silence.
    if (last < tMs.length) {
      const nextStart = tMs[last]! - rrMs[last]!
      lostMs += Math.max(0, Math.min(toMs, nextStart) - tMs[last - 1]! - 1000)
    } else lostMs += Math.max(0, toMs - tMs[last - 1]! - rrMs[last - 1]!)
  } else lostMs = toMs - fromMs
  result.contactLostS = lostMs / 1000
  const problems = new Set<StepProblem>()
  if (result.contactLostS > RESONANCE_MAX_CONTACT_LOST_S) problems.add('contact')
  if (stepRr.length < 16) {
    problems.add('too-short')
    result.problems = [...problems]
    return result
  }
  const cleaning = cleanRr(stepRr)
  result.artefactShare = cleaning.artifactRate
  if (result.artefactShare > RESONANCE_MAX_ARTEFACT_SHARE) problems.add('artefacts')
  // Corrected intervals at the recorded beat times (so a hole in the data stays a hole in time).
  // Each value is placed at its interval's middle (t − rr/2): it measures the heart over the whole
  // interval, and placing it at the closing beat would delay HR by half a beat (~15° at 6/min).
  // A missed beat's two halves end at t − rr/2 and t; an extra beat's interval is carried by the
  // next one (cleanRr merges it there).
  const clean: number[] = []
  const cleanT: number[] = []
  const add = (endMs: number, rr: number): void => {
    const mid = endMs - rr / 2
    if (cleanT.length > 0 && !(mid > cleanT[cleanT.length - 1]!)) return // keep times increasing
    clean.push(rr)
    cleanT.push(mid)
  }
  for (const b of cleaning.beats) {
    if (b.cleanRrMs === null || b.cleanParts === 0) continue
    const endMs = tMs[first + b.index]!
    if (b.cleanParts === 2) add(endMs - b.rrMs / 2, b.cleanRrMs)
    add(endMs, b.cleanRrMs)
  }
  if (clean.length < 16) {
    problems.add('too-short')
    result.problems = [...problems]
    return result
  }
  // Analysed part: from the settling time to the end, within the beats.
  const a0 = Math.max(fromMs, cleanT[0]!)
  const a1 = Math.min(toMs, cleanT[cleanT.length - 1]!)
  let i0 = 0
  while (i0 < cleanT.length && cleanT[i0]! < a0) i0++
  let i1 = cleanT.length
  while (i1 > 0 && cleanT[i1 - 1]! > a1) i1--
  const cycleCount = Math.floor((a1 - a0) / cycleMs)
  if (!(a1 - a0 >= 30_000) || i1 - i0 < 16) {
    problems.add('too-short')
    result.problems = [...problems]
    return result
  }
  // Breathing rate measured from the RR series.
  const resp = estimateRespiration(cleanT.slice(i0, i1), clean.slice(i0, i1))
  result.measuredBpm = resp ? resp.breathsPerMin : null
  result.measuredConfidence = resp ? resp.confidence : 0
  result.followedPacer =
    resp !== null &&
    resp.confidence >= RESONANCE_MIN_RATE_CONFIDENCE &&
    Math.abs(resp.breathsPerMin - step.breathsPerMin) <= RESONANCE_FOLLOW_TOLERANCE_BPM
  if (!result.followedPacer) problems.add('not-following')
  // Heart rate at 4 Hz over the analysed part, drift removed by a one-cycle moving average.
  const hr = resample(cleanT, clean.map(hrBpmFromRrMs), a0, a1)
  const win = Math.round((cycleMs / 1000) * FS_HZ)
  const half = Math.floor(win / 2)
  const prefix = new Float64Array(hr.length + 1)
  for (let i = 0; i < hr.length; i++) prefix[i + 1] = prefix[i]! + hr[i]!
  const swing: number[] = []
  const pacerHz = 1000 / cycleMs
  // Pacer cycles begin at startMs + k·cycleMs; take those whose moving average is defined.
  const kFirst = Math.ceil((a0 - step.startMs) / cycleMs)
  for (let k = kFirst; ; k++) {
    const c0 = step.startMs + k * cycleMs
    const c1 = c0 + cycleMs
    const s0 = Math.round(((c0 - a0) / 1000) * FS_HZ)
    const s1 = Math.round(((c1 - a0) / 1000) * FS_HZ)
    if (s0 - half < 0) continue
    if (s1 + half + 1 > hr.length) break
    swing.push(breathSwing(hr, prefix, half, s0, s1, pacerHz))
  }
  result.breaths = swing.length
  if (swing.length < RESONANCE_MIN_BREATHS || cycleCount < RESONANCE_MIN_BREATHS) problems.add('too-short')
  if (swing.length > 0) result.swingBpm = swing.reduce((s, v) => s + v, 0) / swing.length
  // LF power and peak of the RR series.
  const rrEven = resample(cleanT, clean, a0, a1)
  detrendLinear(rrEven)
  const { xw, wSq } = hannWindowed(rrEven)
  let lf = 0
  let peakHz = LF_LOW_HZ
  let peakDensity = -1
  for (let f = LF_LOW_HZ; f <= LF_HIGH_HZ + 1e-9; f += LF_STEP_HZ) {
    const d = density(xw, f, wSq)
    lf += d * LF_STEP_HZ
    if (d > peakDensity) {
      peakDensity = d
      peakHz = f
    }
  }
  result.lfPowerMs2 = lf
  result.lfPeakHz = peakHz
  result.lfPeakDensityMs2PerHz = peakDensity
  // Phase of HR vs the pacer's lung volume at the pacer frequency.
  const pattern = pacedBreathPattern(step.inhaleMs, step.exhaleMs)
  const lung = new Float64Array(hr.length)
  for (let i = 0; i < lung.length; i++)
    lung[i] = lungVolumeAt(pattern, a0 + (i * 1000) / FS_HZ - step.startMs)
  const hrFit = phaseAt(hr, pacerHz)
  const lungFit = phaseAt(lung, pacerHz)
  result.phaseDeg = wrapDeg(((hrFit.phaseRad - lungFit.phaseRad) * 180) / Math.PI)
  result.problems = [...problems]
  result.status = problems.size === 0 ? 'ok' : 'repeat'
  return result
}

/** Picks the resonance rate from analysed steps by the rule in the module comment. */
export function chooseResonanceRate(steps: readonly StepAnalysis[]): ResonanceResult {
  const valid = steps.filter((s) => s.status === 'ok' && s.swingBpm !== null)
  const repeatRatesBpm = steps.filter((s) => s.status === 'repeat').map((s) => s.breathsPerMin)
  const base = { repeatRatesBpm, steps: [...steps] }
  if (valid.length === 0) {
    return {
      ...base,
      status: 'none',
      rateBpm: null,
      confidence: 0,
      reason: { key: 'resonance.reason.noValidStep', values: { steps: steps.length } }
    }
  }
  const bySwing = [...valid].sort((a, b) => b.swingBpm! - a.swingBpm!)
  let best = bySwing[0]!
  let runnerUp = bySwing[1]
  // A close call between neighbouring steps goes to the one nearer in phase (0°).
  if (
    runnerUp &&
    Math.abs(runnerUp.breathsPerMin - best.breathsPerMin) <= 0.5 + 1e-9 &&
    (best.swingBpm! - runnerUp.swingBpm!) / best.swingBpm! < RESONANCE_CLOSE_MARGIN &&
    runnerUp.phaseDeg !== null &&
    best.phaseDeg !== null &&
    Math.abs(runnerUp.phaseDeg) < Math.abs(best.phaseDeg)
  ) {
    ;[best, runnerUp] = [runnerUp, best]
  }
  const margin = runnerUp ? Math.abs(best.swingBpm! - runnerUp.swingBpm!) / bySwing[0]!.swingBpm! : 0
  const near = (s: StepAnalysis | undefined): boolean =>
    s !== undefined && Math.abs(s.breathsPerMin - best.breathsPerMin) <= 0.5 + 1e-9
  const argmax = (key: (s: StepAnalysis) => number): StepAnalysis | undefined =>
    valid.reduce<StepAnalysis | undefined>((m, s) => (m === undefined || key(s) > key(m) ? s : m), undefined)
  const agreeing = [
    argmax((s) => s.lfPowerMs2 ?? -Infinity),
    argmax((s) => s.lfPeakDensityMs2PerHz ?? -Infinity),
    argmax((s) => (s.phaseDeg === null ? -Infinity : -Math.abs(s.phaseDeg)))
  ].filter(near).length
  const confidence =
    valid.length < 2 ? 0 : 0.5 * Math.min(1, margin / RESONANCE_CLEAR_MARGIN) + 0.5 * (agreeing / 3)
  const swingBpm = Math.round(best.swingBpm! * 10) / 10
  let reason: ResonanceReason = {
    key: 'resonance.reason.largestSwing',
    values: { rateBpm: best.breathsPerMin, swingBpm }
  }
  if (runnerUp && margin < RESONANCE_CLOSE_MARGIN) {
    reason = {
      key: 'resonance.reason.closeCall',
      values: {
        rateBpm: best.breathsPerMin,
        swingBpm,
        otherRateBpm: runnerUp.breathsPerMin,
        otherSwingBpm: Math.round(runnerUp.swingBpm! * 10) / 10
      }
    }
  }
  let status: ResonanceResult['status'] = 'found'
  if (repeatRatesBpm.length > 0) {
    status = 'unsure'
    reason = {
      key: 'resonance.reason.repeatSteps',
      values: { rateBpm: best.breathsPerMin, swingBpm, repeatRates: repeatRatesBpm.join(', ') }
    }
  } else if (valid.length < RESONANCE_MIN_VALID_STEPS) {
    status = 'unsure'
    reason = {
      key: 'resonance.reason.tooFewSteps',
      values: { rateBpm: best.breathsPerMin, swingBpm, validSteps: valid.length }
    }
  } else if (confidence < RESONANCE_SURE_CONFIDENCE) status = 'unsure'
  return { ...base, status, rateBpm: best.breathsPerMin, confidence, reason }
}

/** The whole assessment: every step analysed, then the rate chosen. */
export function analyzeResonanceAssessment(
  beats: BeatSeries,
  steps: readonly PacerStep[],
  gaps: readonly ContactGap[] = []
): ResonanceResult {
  return chooseResonanceRate(steps.map((s) => analyzeResonanceStep(beats, s, gaps)))
}

/** Inhale and exhale of an assessment step at `breathsPerMin`, inhale `inhaleShare` of the cycle. */
export function resonanceStepTimings(
  breathsPerMin: number,
  inhaleShare = 0.4
): { inhaleMs: number; exhaleMs: number } {
  if (!(breathsPerMin > 0) || !(inhaleShare > 0 && inhaleShare < 1))
    throw new Error(`invalid pace ${breathsPerMin}/min, inhale share ${inhaleShare}`)
  const cycleMs = 60_000 / breathsPerMin
  return { inhaleMs: cycleMs * inhaleShare, exhaleMs: cycleMs * (1 - inhaleShare) }
}

/** Window the coherence is computed over, ms (HeartMath uses 64 s). */
export const COHERENCE_WINDOW_MS = 64_000
/** Half-width of the band around the breathing peak, Hz (covers the Hann main lobe, ±2/T, at 64 s). */
export const COHERENCE_HALF_BAND_HZ = 0.03
/** Band the coherence's total power is taken over, Hz. */
export const COHERENCE_TOTAL_LOW_HZ = 0.04
export const COHERENCE_TOTAL_HIGH_HZ = 0.4
/** Where the peak is searched when no breathing rate is given, Hz (HeartMath: 0.04-0.26). */
const COHERENCE_PEAK_HIGH_HZ = 0.26

export interface CoherenceEstimate {
  /** Share of the 0.04-0.4 Hz RR power within ±0.03 Hz of the peak, 0..1. */
  coherence: number
  /** The same as HeartMath's ratio: peak power / power outside the peak band. */
  ratio: number
  /** Where the peak band was centred, Hz. */
  peakHz: number
}

/**
 * Coherence of the heart rhythm for the live resonance view: how much of the heart's variability
 * is one smooth oscillation at the breathing rate.
 *
 *   coherence = P(peak ± 0.03 Hz) / P(0.04-0.4 Hz)
 *
 * over the last {@link COHERENCE_WINDOW_MS} of beats: RR resampled at 4 Hz at the intervals'
 * middles, linear trend removed, Hann window, periodogram on a 0.002 Hz grid. The peak is the
 * pacer's rate when given (the person is meant to breathe at it: power elsewhere means the heart
 * is not following), else the highest bin in 0.04-0.26 Hz. 0 = no power near the peak, 1 = all
 * of it there; a person breathing with the pacer near resonance typically reads > 0.6, spontaneous
 * breathing at rest ~0.2-0.4. The band follows HeartMath's coherence ratio (peak ±0.015 Hz over a
 * 64 s window, ratio to the rest), widened to ±0.03 Hz so the whole Hann main lobe of a 64 s
 * window counts; `ratio` = coherence / (1 − coherence) is that ratio's form. Null with fewer than
 * 16 beats or less than 30 s. Give it artefact-corrected beats: one uncorrected ectopic beat
 * spreads its power over the whole band and halves the figure.
 */
export function coherence(
  beats: BeatSeries,
  opts: { breathsPerMin?: number; windowMs?: number } = {}
): CoherenceEstimate | null {
  const { tMs, rrMs } = beats
  const n = tMs.length
  if (rrMs.length !== n)
    throw new Error(`beat times (${n}) and RR intervals (${rrMs.length}) differ in length`)
  if (n < 16) return null
  const windowMs = opts.windowMs ?? COHERENCE_WINDOW_MS
  const end = tMs[n - 1]!
  let from = n - 1
  while (from > 0 && tMs[from - 1]! > end - windowMs) from--
  if (n - from < 16) return null
  const mid: number[] = []
  const rr: number[] = []
  for (let i = from; i < n; i++) {
    if (!(rrMs[i]! > 0)) throw new Error(`RR interval ${i} is ${rrMs[i]} ms: must be a positive number`)
    mid.push(tMs[i]! - rrMs[i]! / 2)
    rr.push(rrMs[i]!)
  }
  const spanMs = mid[mid.length - 1]! - mid[0]!
  if (spanMs < 30_000) return null
  const x = resample(mid, rr, mid[0]!, mid[mid.length - 1]!)
  detrendLinear(x)
  const { xw, wSq } = hannWindowed(x)
  const step = 0.002
  const freqs: number[] = []
  const dens: number[] = []
  for (let f = COHERENCE_TOTAL_LOW_HZ; f <= COHERENCE_TOTAL_HIGH_HZ + 1e-9; f += step) {
    freqs.push(f)
    dens.push(density(xw, f, wSq))
  }
  let peakHz: number
  if (opts.breathsPerMin !== undefined) {
    if (!(opts.breathsPerMin > 0))
      throw new Error(`breathsPerMin must be positive (got ${opts.breathsPerMin})`)
    peakHz = opts.breathsPerMin / 60
  } else {
    let best = 0
    for (let i = 0; i < freqs.length && freqs[i]! <= COHERENCE_PEAK_HIGH_HZ; i++)
      if (dens[i]! > dens[best]!) best = i
    peakHz = freqs[best]!
  }
  let total = 0
  let band = 0
  for (let i = 0; i < freqs.length; i++) {
    total += dens[i]!
    if (Math.abs(freqs[i]! - peakHz) <= COHERENCE_HALF_BAND_HZ) band += dens[i]!
  }
  if (!(total > 0)) return { coherence: 0, ratio: 0, peakHz }
  const share = band / total
  return { coherence: share, ratio: share < 1 ? share / (1 - share) : Infinity, peakHz }
}
