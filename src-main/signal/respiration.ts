/**
 * Breathing rate from the RR series (respiratory sinus arrhythmia: the heart speeds up on the
 * in-breath and slows on the out-breath, so the tachogram oscillates at the breathing rate).
 *
 * Method (as Kubios and most tools do it): the RR values, placed at their beat times, are resampled
 * evenly at 2 Hz by linear interpolation (HeartMath uses 2 Hz too; Nyquist 1 Hz is twice the top
 * of the band), the linear trend is removed, a Hann window applied and the periodogram evaluated
 * with the Goertzel recurrence on a grid over 0.05-0.5 Hz (3-30 breaths/min: slow paced breathing
 * at ~6/min lies in the LF band, so searching the HF band only would miss it). The grid step is
 * half the spectral resolution 1/T (at most 0.01 Hz), so the Hann main lobe (±2/T) is sampled
 * at ≥ 8 points and parabolic interpolation of the peak is accurate to a few 0.001 Hz.
 * Of the highest interior peak below 9/min (LF) and the highest above (HF), the HF one is the
 * breathing rate unless the LF one carries {@link RESP_LF_DOMINANCE} times its power: Mayer
 * (baroreflex) waves near 0.1 Hz are in every resting tachogram, often as tall as the breathing
 * peak, whereas slow (paced) breathing makes the LF peak dominate. The two candidates are the
 * tallest peak and the tallest one in the other band *outside its main lobe*, and each is weighed
 * by the lobe bins on its own side: otherwise breathing at 7-9/min loses to a ripple on its own
 * lobe just past 0.15 Hz (seen as 6.5/min read as 9.1 in 60 s windows).
 *
 * Slow rates (issue 17). A 60 s window holds only 3.5-6.5 breaths at 3.5-6.5/min; the Hann peak is
 * then pulled by the window, by the trend removal and by the spectrum's negative-frequency half,
 * and real paced recordings read up to 0.43/min low. Two changes fix that:
 *  - the peak is refined by a least-squares sinusoid fit on the un-windowed, detrended series:
 *    the frequency within ±0.5/T of the periodogram's peak that maximises the variance explained
 *    by a sinusoid fitted beside a quadratic trend (golden-section search; for one sinusoid in
 *    white noise this is the maximum-likelihood estimate, unbiased however few cycles T holds);
 *  - the window adapts to the rate ({@link estimateRespirationAdaptive}, {@link RollingRespiration}):
 *    the estimate over the base window (60 s) gives the rate; when that window holds fewer than
 *    {@link RESP_TARGET_CYCLES} breaths, the estimate is made again over 8 breaths (80 s at 6/min,
 *    107 s at 4.5/min), at most {@link RESP_MAX_WINDOW_MS} (120 s: 7 breaths at 3.5/min).
 * On simulated paced breathing (3.5-10/min, inhale 40 % / exhale 60 %, each breath a few % off
 * the pacer, Mayer wave, drift, noise) the rolling estimate over 2-minute recordings, every 5 s
 * once 60 s are in, has a mean error of 0.03/min, worst 0.17 (before: 0.12, worst 2.8 from the
 * LF-shoulder mistake); on the simulated heart 0.02, worst 0.15 (respiration.test.ts).
 * Limits: the rate is the *mean* over the window, so after a change of pace it takes up to the
 * adaptive window (≤ 120 s) to settle; irregular breathing (no one rate) gives a low confidence,
 * not a meaningful rate; below 3/min or without a peak inside 0.05-0.5 Hz there is no estimate;
 * at rest the HF/LF choice can still pick a Mayer wave that is 4× the breathing peak. RSA-based
 * rates are rough in general (Charlton et al. 2016: best ECG-derived methods ±4.7 br/min LoA) and
 * need ≥ 1 min at rest (Schäfer & Kratky 2008); the accuracy above is for paced breathing.
 *
 * Confidence (0..1): the share of the band's power within the Hann main lobe (±2/T Hz, T the
 * span) around the peak, rescaled so a flat (white) spectrum gives 0 and a pure sinusoid gives 1:
 *   confidence = clamp((peakShare − flatShare) / (1 − flatShare), 0, 1)
 * where flatShare is the main-lobe width over the band width. When the HF peak was preferred to
 * an at least as tall LF (Mayer-wave) peak, that LF lobe is left out of both. Below ~0.3 the "peak" is no more
 * than noise would often produce; a person following a pacer typically gives > 0.6.
 */
import { RrDeque } from './rollingHrv'

export interface RespirationEstimate {
  breathsPerMin: number
  /** 0..1, see the module comment. */
  confidence: number
  /** Span of the beats the estimate was made over, s. */
  spanS: number
}

/** What the estimate is, for reports (`analyze` prints it). */
export const RESP_METHOD = 'Hann periodogram peak refined by a least-squares sinusoid fit'
export const RESP_RESAMPLE_HZ = 2
export const RESP_BAND_LOW_HZ = 0.05
export const RESP_BAND_HIGH_HZ = 0.5
/** Coarsest frequency grid step, Hz (for spans up to 50 s; longer ones get 1/(2T)). */
export const RESP_MAX_GRID_STEP_HZ = 0.01
/** Shortest span estimated over, ms: 1.5 cycles of the slowest rate searched (0.05 Hz). */
export const RESP_MIN_SPAN_MS = 30_000
/** Fewest beats estimated over. */
export const RESP_MIN_BEATS = 16
export const DEFAULT_RESP_WINDOW_MS = 60_000
/** LF/HF boundary, Hz (Task Force 1996): 9 breaths/min. */
export const RESP_LF_HF_SPLIT_HZ = 0.15
/**
 * An LF peak (< 9/min) is the breathing rate only when its main-lobe power is at least this many
 * times the HF peak's (Limbic choice; Mayer waves near 0.1 Hz rival resting RSA, while slow
 * breathing makes the LF peak several times larger than anything in HF).
 */
export const RESP_LF_DOMINANCE = 4

/**
 * Work arrays of estimateRespiration (resampled series, periodogram), reused between calls up to
 * {@link POOLED_MAX_LENGTH} values: it is synchronous and neither array leaves it. Windows of up to
 * ~2 h at 2 Hz fit.
 */
const POOLED_MAX_LENGTH = 1 << 14
const pool: Float64Array[] = Array.from({ length: 5 }, () => new Float64Array(0))

/** Pooled array `slot` with room for n values (contents left from its last use). */
function work(slot: number, n: number): Float64Array {
  if (n > POOLED_MAX_LENGTH) return new Float64Array(n)
  if (pool[slot]!.length < n) pool[slot] = new Float64Array(Math.max(n, 256))
  return pool[slot]!
}

/**
 * Estimates the breathing rate from beats at `beatTimesMs` ending intervals `rrMs` (same length,
 * times increasing). Null when the span is shorter than 30 s, there are fewer than 16 beats, or
 * the spectrum has no peak inside the band (power only rising towards an edge).
 */
export function estimateRespiration(
  beatTimesMs: readonly number[],
  rrMs: readonly number[]
): RespirationEstimate | null {
  if (rrMs.length !== beatTimesMs.length)
    throw new Error(`beat times (${beatTimesMs.length}) and RR intervals (${rrMs.length}) differ in length`)
  checkBeats(beatTimesMs, rrMs, 0, rrMs.length, 0)
  return estimateOver(beatTimesMs, rrMs, 0, rrMs.length)
}

/**
 * Throws on the first beat of from..end − 1 (in order) whose interval is not positive or whose
 * time does not increase; beat numbers count from `countFrom`, as in a copy starting there.
 */
function checkBeats(
  beatTimesMs: readonly number[],
  rrMs: readonly number[],
  from: number,
  end: number,
  countFrom: number
): void {
  for (let i = from; i < end; i++) {
    if (!(rrMs[i]! > 0))
      throw new Error(`RR interval ${i - countFrom} is ${rrMs[i]} ms: must be a positive number`)
    if (i > countFrom && !(beatTimesMs[i]! > beatTimesMs[i - 1]!)) {
      throw new Error(
        `beat times must increase (beat ${i - countFrom}: ${beatTimesMs[i]} after ${beatTimesMs[i - 1]})`
      )
    }
  }
}

/**
 * estimateRespiration over the beats from index `from` to `end` − 1 (the adaptive estimate's
 * tails, without copying them), whose intervals and times the caller has checked (checkBeats).
 */
function estimateOver(
  beatTimesMs: readonly number[],
  rrMs: readonly number[],
  from: number,
  end: number
): RespirationEstimate | null {
  const n = end - from
  if (n < RESP_MIN_BEATS) return null
  const t0 = beatTimesMs[from]!
  const spanMs = beatTimesMs[end - 1]! - t0
  if (!(spanMs >= RESP_MIN_SPAN_MS)) return null

  // 1. Even resampling by linear interpolation.
  const dtMs = 1000 / RESP_RESAMPLE_HZ
  const m = Math.floor(spanMs / dtMs) + 1
  const x = work(0, m)
  let k = from
  for (let i = 0; i < m; i++) {
    const t = t0 + i * dtMs
    while (k < end - 2 && beatTimesMs[k + 1]! < t) k++
    const ta = beatTimesMs[k]!
    const tb = beatTimesMs[k + 1]!
    const a = (t - ta) / (tb - ta)
    x[i] = rrMs[k]! + a * (rrMs[k + 1]! - rrMs[k]!)
  }
  // 2. Remove the least-squares line, 3. Hann window.
  const { slope, icpt } = leastSquaresLine(x, m)
  // The un-windowed detrended series, for the sinusoid fit that refines the peak (step 5).
  const detrended = work(2, m)
  // Hann weights by a rotation recurrence (cos of 2πi/(m−1)) instead of one Math.cos per sample.
  const cw = Math.cos((2 * Math.PI) / (m - 1))
  const sw = Math.sin((2 * Math.PI) / (m - 1))
  let c = 1
  let sn = 0
  for (let i = 0; i < m; i++) {
    const v = x[i]! - (icpt + slope * i)
    detrended[i] = v
    x[i] = v * (0.5 - 0.5 * c)
    const c2 = c * cw - sn * sw
    sn = sn * cw + c * sw
    c = c2
  }
  // 4. Periodogram on the grid (Goertzel: one multiply-add per sample and frequency).
  const step = Math.min(RESP_MAX_GRID_STEP_HZ, 1 / (2 * (spanMs / 1000)))
  const nf = Math.floor((RESP_BAND_HIGH_HZ - RESP_BAND_LOW_HZ) / step + 1e-9) + 1
  const power = work(1, nf)
  goertzelPower(x, m, nf, step, power)
  let total = 0
  for (let f = 0; f < nf; f++) total += power[f]!
  if (!(total > 0)) return null
  // Candidate peaks: the highest interior local maximum below and above 0.15 Hz (a band edge
  // holding the most power is leakage from a slower trend or faster component, not a peak).
  const lobeHz = 2 / (spanMs / 1000)
  const lobeBins = Math.round(lobeHz / step)
  // The tallest peak is one candidate; the other is the tallest in the other band that lies
  // outside its main lobe (a ripple on the lobe's far side of 0.15 Hz is the same peak: breathing
  // at 8/min would otherwise lose to its own shoulder at 10/min).
  let tallest = -1
  for (let f = 1; f < nf - 1; f++) {
    if (isPeak(power, f) && (tallest < 0 || power[f]! > power[tallest]!)) tallest = f
  }
  let other = -1
  const tallestIsLf = tallest >= 0 && isLf(tallest, step)
  for (let f = 1; f < nf - 1 && tallest >= 0; f++) {
    if (!isPeak(power, f) || isLf(f, step) === tallestIsLf || Math.abs(f - tallest) <= lobeBins) continue
    if (other < 0 || power[f]! > power[other]!) other = f
  }
  const bestLf = tallestIsLf ? tallest : other
  const bestHf = tallest >= 0 && !tallestIsLf ? tallest : other
  // Mayer (baroreflex) waves put a peak near 0.1 Hz into every resting tachogram, often as tall
  // as the breathing one; breathing slower than 9/min instead makes the LF peak dominate. So the
  // LF peak is taken only when it carries LF_DOMINANCE times the HF peak's power.
  let best: number
  if (bestHf < 0) best = bestLf
  else if (bestLf < 0) best = bestHf
  else
    best =
      lobePower(power, nf, lobeBins, bestLf, bestHf) >
      RESP_LF_DOMINANCE * lobePower(power, nf, lobeBins, bestHf, bestLf)
        ? bestLf
        : bestHf
  if (best < 0) return null
  // 5. Parabolic refinement of the peak, then the least-squares sinusoid fit around it.
  let peakHz = RESP_BAND_LOW_HZ + best * step
  {
    const a = power[best - 1]!
    const b = power[best]!
    const c = power[best + 1]!
    const denom = a - 2 * b + c
    if (denom < 0) peakHz += (0.5 * (a - c) * step) / denom
  }
  const fitHz = refineBySinusoidFit(detrended, m, peakHz, spanMs / 1000)
  // 6. Confidence from the power share in the main lobe around the peak. When the HF peak was
  // chosen over an at least as tall LF (Mayer-wave) peak, that peak's lobe is known not to be
  // breathing and is left out of the total, as is its width from the flat-spectrum share.
  let lobe = 0
  for (let f = 0; f < nf; f++) {
    if (Math.abs(RESP_BAND_LOW_HZ + f * step - peakHz) <= lobeHz) lobe += power[f]!
  }
  let bandHz = RESP_BAND_HIGH_HZ - RESP_BAND_LOW_HZ
  let rest = total
  if (
    best === bestHf &&
    bestLf >= 0 &&
    lobePower(power, nf, lobeBins, bestLf, bestHf) >= lobePower(power, nf, lobeBins, bestHf, bestLf)
  ) {
    const w = lobeBins
    for (let j = Math.max(0, bestLf - w); j <= Math.min(nf - 1, bestLf + w); j++) {
      if (Math.abs(RESP_BAND_LOW_HZ + j * step - peakHz) > lobeHz) rest -= power[j]!
    }
    bandHz -= 2 * lobeHz
  }
  const share = lobe / rest
  const flatShare = Math.min(0.99, (2 * lobeHz) / bandHz)
  const confidence = Math.min(1, Math.max(0, (share - flatShare) / (1 - flatShare)))
  return { breathsPerMin: fitHz * 60, confidence, spanS: spanMs / 1000 }
}

/**
 * The periodogram of x[0..m) at grid bins 0..nf − 1 (frequency RESP_BAND_LOW_HZ + f·step) into
 * power[], by the Goertzel recurrence s[i] = x[i] + coeff·s[i−1] − s[i−2]. Eight frequencies per
 * pass: eight independent recurrences keep the CPU's pipelines busy (one alone is bound by the
 * latency of its multiply-add chain), and two samples per iteration let s[i−1] and s[i−2] swap
 * roles instead of being copied. Each bin sees exactly the operations of a pass of its own.
 */
function goertzelPower(x: Float64Array, m: number, nf: number, step: number, power: Float64Array): void {
  const last = nf - 1
  for (let f = 0; f < nf; f += 8) {
    const k0 = goertzelCoeff(f, step)
    const k1 = goertzelCoeff(Math.min(f + 1, last), step)
    const k2 = goertzelCoeff(Math.min(f + 2, last), step)
    const k3 = goertzelCoeff(Math.min(f + 3, last), step)
    const k4 = goertzelCoeff(Math.min(f + 4, last), step)
    const k5 = goertzelCoeff(Math.min(f + 5, last), step)
    const k6 = goertzelCoeff(Math.min(f + 6, last), step)
    const k7 = goertzelCoeff(Math.min(f + 7, last), step)
    // s[i−1] and s[i−2] of each recurrence: after an even number of samples p* holds s[i−1].
    let p0 = 0, q0 = 0, p1 = 0, q1 = 0, p2 = 0, q2 = 0, p3 = 0, q3 = 0 // prettier-ignore
    let p4 = 0, q4 = 0, p5 = 0, q5 = 0, p6 = 0, q6 = 0, p7 = 0, q7 = 0 // prettier-ignore
    let i = 0
    for (; i + 1 < m; i += 2) {
      const xa = x[i]!
      q0 = xa + k0 * p0 - q0
      q1 = xa + k1 * p1 - q1
      q2 = xa + k2 * p2 - q2
      q3 = xa + k3 * p3 - q3
      q4 = xa + k4 * p4 - q4
      q5 = xa + k5 * p5 - q5
      q6 = xa + k6 * p6 - q6
      q7 = xa + k7 * p7 - q7
      const xb = x[i + 1]!
      p0 = xb + k0 * q0 - p0
      p1 = xb + k1 * q1 - p1
      p2 = xb + k2 * q2 - p2
      p3 = xb + k3 * q3 - p3
      p4 = xb + k4 * q4 - p4
      p5 = xb + k5 * q5 - p5
      p6 = xb + k6 * q6 - p6
      p7 = xb + k7 * q7 - p7
    }
    // m odd: one more sample; s[m−1] is then in q*, s[m−2] in p*.
    const odd = i < m
    if (odd) {
      const xa = x[i]!
      q0 = xa + k0 * p0 - q0
      q1 = xa + k1 * p1 - q1
      q2 = xa + k2 * p2 - q2
      q3 = xa + k3 * p3 - q3
      q4 = xa + k4 * p4 - q4
      q5 = xa + k5 * p5 - q5
      q6 = xa + k6 * p6 - q6
      q7 = xa + k7 * p7 - q7
    }
    power[f] = odd ? goertzelEnd(q0, p0, k0) : goertzelEnd(p0, q0, k0)
    if (f + 1 < nf) power[f + 1] = odd ? goertzelEnd(q1, p1, k1) : goertzelEnd(p1, q1, k1)
    if (f + 2 < nf) power[f + 2] = odd ? goertzelEnd(q2, p2, k2) : goertzelEnd(p2, q2, k2)
    if (f + 3 < nf) power[f + 3] = odd ? goertzelEnd(q3, p3, k3) : goertzelEnd(p3, q3, k3)
    if (f + 4 < nf) power[f + 4] = odd ? goertzelEnd(q4, p4, k4) : goertzelEnd(p4, q4, k4)
    if (f + 5 < nf) power[f + 5] = odd ? goertzelEnd(q5, p5, k5) : goertzelEnd(p5, q5, k5)
    if (f + 6 < nf) power[f + 6] = odd ? goertzelEnd(q6, p6, k6) : goertzelEnd(p6, q6, k6)
    if (f + 7 < nf) power[f + 7] = odd ? goertzelEnd(q7, p7, k7) : goertzelEnd(p7, q7, k7)
  }
}

/** The power from the Goertzel recurrence's last two values s[m−1] (`s1`) and s[m−2] (`s2`). */
function goertzelEnd(s1: number, s2: number, coeff: number): number {
  return s1 * s1 + s2 * s2 - coeff * s1 * s2
}

/** Goertzel coefficient 2·cos(ω) of grid bin f (frequency RESP_BAND_LOW_HZ + f·step). */
function goertzelCoeff(f: number, stepHz: number): number {
  return 2 * Math.cos((2 * Math.PI * (RESP_BAND_LOW_HZ + f * stepHz)) / RESP_RESAMPLE_HZ)
}

/** Whether grid bin f lies below the LF/HF split. */
function isLf(f: number, stepHz: number): boolean {
  return RESP_BAND_LOW_HZ + f * stepHz < RESP_LF_HF_SPLIT_HZ
}

/** Whether interior bin f is a local maximum of the periodogram. */
function isPeak(power: Float64Array, f: number): boolean {
  return power[f]! >= power[f - 1]! && power[f]! >= power[f + 1]!
}

/**
 * Power in the main lobe (±lobeBins) around bin f, leaving out bins nearer to the competing peak
 * `rival` (two peaks closer than two lobe widths share bins; each counts only its own side).
 */
function lobePower(power: Float64Array, nf: number, lobeBins: number, f: number, rival: number): number {
  let sum = 0
  for (let j = Math.max(0, f - lobeBins); j <= Math.min(nf - 1, f + lobeBins); j++) {
    if (Math.abs(j - f) <= Math.abs(j - rival)) sum += power[j]!
  }
  return sum
}

/**
 * The frequency near `startHz` (within ±0.5/T) whose sinusoid, fitted beside a quadratic trend,
 * explains most of the variance of the detrended, un-windowed series `x` (m samples at
 * RESP_RESAMPLE_HZ). This is the least-squares (for one sinusoid in white noise, maximum-
 * likelihood) frequency: unlike the Hann periodogram's peak it is not pulled by the window, the
 * trend removal or the negative-frequency half when the span holds only a few cycles. Found by
 * two rounds of parabolic interpolation (steps 0.15/T, then 0.03/T: six evaluations, each one
 * pass over the samples), which the smooth, single-humped objective near its top allows.
 * Returns `startHz` when the fit has no maximum there (keep the periodogram's answer).
 */
function refineBySinusoidFit(x: Float64Array, m: number, startHz: number, spanS: number): number {
  // Orthonormal polynomial basis over the samples: p0 = 1/√m, p1 ∝ (i − mid), p2 ∝ (i − mid)² −
  // mean (orthogonal to p1 by symmetry). The fitted sinusoid is made orthogonal to them, so a
  // slow drift cannot pose as part of it. x is already free of p0 and p1 (line removed).
  const mid = (m - 1) / 2
  let s1 = 0
  let s2 = 0
  let s4 = 0
  for (let i = 0; i < m; i++) {
    const d = i - mid
    s2 += d * d
    s4 += d * d * d * d
  }
  s1 = Math.sqrt(s2)
  const meanSq = s2 / m
  const n2 = Math.sqrt(s4 - m * meanSq * meanSq)
  if (!(n2 > 0) || !(s1 > 0)) return startHz
  let xq = 0
  for (let i = 0; i < m; i++) xq += x[i]! * ((i - mid) * (i - mid) - meanSq)
  const xp2 = xq / n2
  const limitHz = 0.5 / spanS
  const fit = { m, mid, meanSq, s1, n2, xp2 }
  let hz = startHz
  for (const h of [0.15 / spanS, 0.03 / spanS]) {
    explainedAt3(x, fit, hz - h, hz, hz + h, explainedOut)
    const a = explainedOut[0]!
    const b = explainedOut[1]!
    const c = explainedOut[2]!
    const denom = a - 2 * b + c
    if (!(denom < 0)) return startHz // not a maximum here
    hz += Math.max(-h, Math.min(h, (0.5 * (a - c) * h) / denom))
  }
  return Math.abs(hz - startHz) <= limitHz ? hz : startHz
}

/** Breathing cycles the adaptive window aims to hold (Limbic choice: 8 cycles put the fit's error at slow rates well under 0.1/min). */
export const RESP_TARGET_CYCLES = 8
/** Longest window the adaptive estimate grows to, ms (8 cycles of 4/min; 3.5/min gets 7). */
export const RESP_MAX_WINDOW_MS = 120_000

/**
 * How long a window the adaptive estimate uses once the rate is known: enough for
 * {@link RESP_TARGET_CYCLES} cycles, never shorter than `baseMs`, never longer than `maxMs`.
 */
export function adaptiveRespirationSpanMs(breathsPerMin: number, baseMs: number, maxMs: number): number {
  const needMs = (RESP_TARGET_CYCLES * 60_000) / breathsPerMin
  return Math.max(baseMs, Math.min(maxMs, needMs))
}

/**
 * The adaptive estimate over the tail of a beat series: first over the last `windowMs`; when that
 * finds a rate slow enough that the window holds fewer than {@link RESP_TARGET_CYCLES} cycles,
 * again over the last {@link adaptiveRespirationSpanMs} (at most `maxWindowMs`, as far back as the
 * beats go). The longer estimate is kept when it exists; `spanS` says which window was used.
 */
export function estimateRespirationAdaptive(
  beatTimesMs: readonly number[],
  rrMs: readonly number[],
  opts: { windowMs?: number; maxWindowMs?: number } = {}
): RespirationEstimate | null {
  const n = beatTimesMs.length
  if (n === 0) return null
  if (rrMs.length !== n)
    throw new Error(`beat times (${n}) and RR intervals (${rrMs.length}) differ in length`)
  return estimateRespirationAdaptiveIn(beatTimesMs, rrMs, 0, n, opts)
}

/**
 * estimateRespirationAdaptive over the beats `from` to `end` − 1 of longer series, with the
 * result (and any error) it gives on copies of that range, without copying them (`analyze` makes
 * one estimate per window of a whole recording). The beats are checked as the estimates reach
 * them: the base window's, then only those the longer window adds.
 */
export function estimateRespirationAdaptiveIn(
  beatTimesMs: readonly number[],
  rrMs: readonly number[],
  from: number,
  end: number,
  opts: { windowMs?: number; maxWindowMs?: number } = {}
): RespirationEstimate | null {
  const windowMs = opts.windowMs ?? DEFAULT_RESP_WINDOW_MS
  const maxWindowMs = Math.max(windowMs, opts.maxWindowMs ?? RESP_MAX_WINDOW_MS)
  if (end <= from) return null
  const lastMs = beatTimesMs[end - 1]!
  const baseFrom = tailStart(beatTimesMs, from, end, windowMs)
  checkBeats(beatTimesMs, rrMs, baseFrom, end, baseFrom)
  const base = estimateOver(beatTimesMs, rrMs, baseFrom, end)
  if (!base) return null
  const spanMs = adaptiveRespirationSpanMs(base.breathsPerMin, windowMs, maxWindowMs)
  if (spanMs <= windowMs || beatTimesMs[from]! > lastMs - windowMs) return base
  const longFrom = tailStart(beatTimesMs, from, end, spanMs)
  // The same beats as the base window: the same estimate.
  if (longFrom === baseFrom) return base
  checkBeats(beatTimesMs, rrMs, longFrom, baseFrom + 1, longFrom)
  return estimateOver(beatTimesMs, rrMs, longFrom, end) ?? base
}

/**
 * Index of the first beat of from..end − 1 later than `spanMs` before the last one (`from` when
 * the range is shorter).
 */
function tailStart(beatTimesMs: readonly number[], from: number, end: number, spanMs: number): number {
  const lastMs = beatTimesMs[end - 1]!
  let at = end - 1
  while (at > from && beatTimesMs[at - 1]! > lastMs - spanMs) at--
  return at
}

/**
 * Breathing rate over a rolling window (default 60 s) that lengthens when the breathing is slow
 * (see {@link estimateRespirationAdaptive}; beats are kept for up to `maxWindowMs`, default 120 s).
 * push() is O(1) amortised; estimate() runs the spectrum over the window (≈ 120 samples × 55
 * frequencies for 60 s, and once more over the longer window at slow rates), so call it when a
 * value is needed (e.g. once a second), not per beat. gap() empties the window: the tachogram
 * cannot be interpolated across a drop-out.
 */
export class RollingRespiration {
  readonly windowMs: number
  readonly maxWindowMs: number
  private readonly beats = new RrDeque<{ tMs: number; rrMs: number }>()

  constructor(opts: { windowMs?: number; maxWindowMs?: number } = {}) {
    this.windowMs = opts.windowMs ?? DEFAULT_RESP_WINDOW_MS
    if (!(this.windowMs > 0)) throw new Error(`windowMs must be positive (got ${this.windowMs})`)
    this.maxWindowMs = Math.max(this.windowMs, opts.maxWindowMs ?? RESP_MAX_WINDOW_MS)
  }

  push(tMs: number, rrMs: number): void {
    if (!(rrMs > 0) || !Number.isFinite(rrMs))
      throw new Error(`RR interval ${rrMs} ms: must be a positive number`)
    if (this.beats.length > 0 && tMs <= this.beats.back().tMs) {
      throw new Error(`beat times must increase (${tMs} after ${this.beats.back().tMs})`)
    }
    this.beats.pushBack({ tMs, rrMs })
    const cutoff = tMs - this.maxWindowMs
    while (this.beats.front().tMs <= cutoff) this.beats.popFront()
  }

  gap(): void {
    this.beats.clear()
  }

  reset(): void {
    this.beats.clear()
  }

  estimate(): RespirationEstimate | null {
    const n = this.beats.length
    if (n === 0) return null
    const end = this.beats.back().tMs
    // The beats of the last spanMs as packed arrays, built by push like the batch callers'
    // slices: estimateRespiration then sees one kind of array (a holey one as well would make
    // its element loads polymorphic). Only the base window is copied unless the rate is slow.
    const tail = (spanMs: number): RespirationEstimate | null => {
      let from = n - 1
      while (from > 0 && this.beats.at(from - 1).tMs > end - spanMs) from--
      const t: number[] = []
      const rr: number[] = []
      for (let i = from; i < n; i++) {
        const b = this.beats.at(i)
        t.push(b.tMs)
        rr.push(b.rrMs)
      }
      return estimateRespiration(t, rr)
    }
    const base = tail(this.windowMs)
    if (!base) return null
    const spanMs = adaptiveRespirationSpanMs(base.breathsPerMin, this.windowMs, this.maxWindowMs)
    if (spanMs <= this.windowMs || this.beats.front().tMs > end - this.windowMs) return base
    return tail(spanMs) ?? base
  }
}

/** The polynomial basis of refineBySinusoidFit: its norms and x's coefficient on p2. */
interface FitBasis {
  m: number
  mid: number
  meanSq: number
  s1: number
  n2: number
  xp2: number
}

const explainedOut = new Float64Array(3)

/**
 * Variance of x explained by a sinusoid at each of three frequencies (fitted beside the quadratic
 * trend), into out[0..2]. The three share one pass over the samples (the sample, its offset and
 * the quadratic term are loaded once for all); each frequency's sums see exactly the operations,
 * in the same order, of a pass of its own, so the results are those of three separate passes.
 */
function explainedAt3(
  x: Float64Array,
  basis: FitBasis,
  hzA: number,
  hzB: number,
  hzC: number,
  out: Float64Array
): void {
  const { m, mid, meanSq } = basis
  const wA = (2 * Math.PI * hzA) / RESP_RESAMPLE_HZ
  const wB = (2 * Math.PI * hzB) / RESP_RESAMPLE_HZ
  const wC = (2 * Math.PI * hzC) / RESP_RESAMPLE_HZ
  const cwA = Math.cos(wA)
  const swA = Math.sin(wA)
  const cwB = Math.cos(wB)
  const swB = Math.sin(wB)
  const cwC = Math.cos(wC)
  const swC = Math.sin(wC)
  let cA = 1
  let sA = 0
  let cB = 1
  let sB = 0
  let cC = 1
  let sC = 0
  // Sums per frequency: x·cos, x·sin, cos², cos·sin, then cos and sin against 1, d and q.
  let xcA = 0, xsA = 0, ccA = 0, csA = 0, c0A = 0, c1A = 0, c2A = 0, sn0A = 0, sn1A = 0, sn2A = 0 // prettier-ignore
  let xcB = 0, xsB = 0, ccB = 0, csB = 0, c0B = 0, c1B = 0, c2B = 0, sn0B = 0, sn1B = 0, sn2B = 0 // prettier-ignore
  let xcC = 0, xsC = 0, ccC = 0, csC = 0, c0C = 0, c1C = 0, c2C = 0, sn0C = 0, sn1C = 0, sn2C = 0 // prettier-ignore
  for (let i = 0; i < m; i++) {
    const xi = x[i]!
    const d = i - mid
    const q = d * d - meanSq
    xcA += xi * cA
    xsA += xi * sA
    ccA += cA * cA
    csA += cA * sA
    c0A += cA
    c1A += cA * d
    c2A += cA * q
    sn0A += sA
    sn1A += sA * d
    sn2A += sA * q
    const cnA = cA * cwA - sA * swA
    sA = sA * cwA + cA * swA
    cA = cnA
    xcB += xi * cB
    xsB += xi * sB
    ccB += cB * cB
    csB += cB * sB
    c0B += cB
    c1B += cB * d
    c2B += cB * q
    sn0B += sB
    sn1B += sB * d
    sn2B += sB * q
    const cnB = cB * cwB - sB * swB
    sB = sB * cwB + cB * swB
    cB = cnB
    xcC += xi * cC
    xsC += xi * sC
    ccC += cC * cC
    csC += cC * sC
    c0C += cC
    c1C += cC * d
    c2C += cC * q
    sn0C += sC
    sn1C += sC * d
    sn2C += sC * q
    const cnC = cC * cwC - sC * swC
    sC = sC * cwC + cC * swC
    cC = cnC
  }
  out[0] = explainedFromSums(basis, xcA, xsA, ccA, csA, c0A, c1A, c2A, sn0A, sn1A, sn2A)
  out[1] = explainedFromSums(basis, xcB, xsB, ccB, csB, c0B, c1B, c2B, sn0B, sn1B, sn2B)
  out[2] = explainedFromSums(basis, xcC, xsC, ccC, csC, c0C, c1C, c2C, sn0C, sn1C, sn2C)
}

/** The explained variance from one frequency's sums (see explainedAt3). */
function explainedFromSums(
  basis: FitBasis,
  xc: number,
  xs: number,
  cc: number,
  cs: number,
  c0: number,
  c1: number,
  c2: number,
  sn0: number,
  sn1: number,
  sn2: number
): number {
  const { m, s1, n2, xp2 } = basis
  const ss = m - cc // cos² + sin² = 1 (the rotation keeps its norm to rounding)
  const p0 = 1 / Math.sqrt(m)
  const a0 = c0 * p0
  const b0 = sn0 * p0
  const a1 = c1 / s1
  const b1 = sn1 / s1
  const a2 = c2 / n2
  const b2 = sn2 / n2
  // Gram matrix of cos and sin after removing the polynomial basis, and their products with x.
  const gcc = cc - a0 * a0 - a1 * a1 - a2 * a2
  const gss = ss - b0 * b0 - b1 * b1 - b2 * b2
  const gcs = cs - a0 * b0 - a1 * b1 - a2 * b2
  const u = xc - xp2 * a2
  const v = xs - xp2 * b2
  const det = gcc * gss - gcs * gcs
  if (!(det > 0)) return 0
  return (gss * u * u - 2 * gcs * u * v + gcc * v * v) / det
}

/**
 * The least-squares line through x[0..m) against the sample index (x[i] ≈ icpt + slope·i). One
 * pass of sums; the breathing estimate and the resonance analysis both detrend with it.
 */
export function leastSquaresLine(
  x: ArrayLike<number>,
  m: number = x.length
): { slope: number; icpt: number } {
  let sx = 0
  let sy = 0
  let sxx = 0
  let sxy = 0
  for (let i = 0; i < m; i++) {
    sx += i
    sy += x[i]!
    sxx += i * i
    sxy += i * x[i]!
  }
  const slope = (m * sxy - sx * sy) / (m * sxx - sx * sx)
  return { slope, icpt: (sy - slope * sx) / m }
}
