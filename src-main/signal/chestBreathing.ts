/**
 * Breathing measured at the chest: from a strap's 3-axis accelerometer (Polar H10, PMD ACC at
 * 25-200 Hz) a breathing waveform, breath onsets, rate and inhale/exhale timing. Pure and
 * incremental: push samples as they arrive, read the state; nothing depends on wall time.
 *
 * Why it works: the strap sits on the lower chest; breathing tilts and lifts it a little, so the
 * direction of gravity in the sensor frame swings by a few tens of mG with each breath, far below
 * the static 1 G but far slower than the heartbeat (~1 Hz+) and steps.
 *
 * Pipeline, per sample:
 * 1. Block-average to ~10 Hz (`DECIMATED_HZ`): averaging is a cheap anti-alias filter, and all
 *    later work runs on 1/5 of the samples at 50 Hz.
 * 2. Band-pass each axis 0.03-0.7 Hz: a first-order high-pass removes gravity and posture, a
 *    fourth-order Butterworth low-pass at 0.7 Hz (42/min) the heartbeat's ripple (~1 Hz, so a
 *    steep edge) and movement jitter. The high-pass edge sits at 0.03 rather than 0.05 Hz: its
 *    phase lead is larger for a breath's fundamental than for its harmonics, which bends an
 *    asymmetric breath (4 s in, 6 s out) towards a symmetric one - at 0.05 Hz a 4/6 s breath
 *    read as ~4.5/5.5 s in our tests, at 0.03 Hz ~4.1/5.9 s. Breaths slower than 3/min are still
 *    refused by the duration gate. Net timing: the high-pass leads by atan(0.3) ~ 0.45 s and the
 *    low-pass lags by ~0.6 s at 6/min, so onsets read about right; `ONSET_TOLERANCE_MS` is what
 *    the tests hold them to.
 * 3. Dominant axis chosen automatically: the breathing direction is the first principal
 *    component of the band-passed 3-D signal. The 3x3 covariance is tracked with an exponential
 *    window (`AXIS_TAU_S`), its top eigenvector found by a few power iterations warm-started from
 *    the last one (so it follows slow posture changes without jumping), and its sign kept
 *    continuous (flipped back when it turns by more than 90 deg).
 * 4. Breaths: extrema of the projected waveform with hysteresis (half the running RMS): a trough
 *    confirmed = an inhale began there, a peak confirmed = an exhale began there. Polarity (which
 *    way is "in"): the accelerometer alone cannot tell, so the waveform is oriented so that the
 *    rising part (inhale) is the shorter one over the recent breaths - at rest and with every
 *    common pacer the inhale is no longer than the exhale - unless the caller fixes it.
 * 5. Rate: 60000 / mean of the last breaths' durations (trough to trough).
 *
 * Gaps (link lost, frames dropped, timestamp jumps): `markGap()` restarts the filters and the
 * breath detector, so no breath spans a gap.
 */

export const DECIMATED_HZ = 10
export const BAND_LOW_HZ = 0.03
export const BAND_HIGH_HZ = 0.7
/** Time constant of the covariance window that picks the breathing axis. */
export const AXIS_TAU_S = 30
/** How far detected onsets may sit from the true ones (filter phase plus jitter at flat turns). */
export const ONSET_TOLERANCE_MS = 1000
/** Breaths used for the rate (mean of their durations). */
export const RATE_BREATHS = 5
/** Shortest/longest breath accepted, ms (42 and 3 per minute). */
const MIN_BREATH_MS = 60_000 / 42
const MAX_BREATH_MS = 60_000 / 3
/** How long after a start or gap the filters are settling and no breath is reported. */
export const SETTLE_MS = 8000
/** A hole in the samples longer than this restarts the estimator (a gap nobody marked). */
export const MAX_HOLE_MS = 1000

export interface BreathMark {
  /** 'inhale' = a breath began (waveform trough); 'exhale' = the exhale began (peak). */
  kind: 'inhale' | 'exhale'
  tMs: number
}

export interface Breath {
  /** Start of the inhale (trough). */
  startMs: number
  inhaleMs: number
  exhaleMs: number
  durationMs: number
}

export interface ChestPoint {
  tMs: number
  /** Breathing waveform, same unit as the input (mG), positive = towards full lungs. */
  value: number
}

export interface ChestBreathingOptions {
  /** Fix the orientation: +1 / -1 = rising principal component means inhale; omit = automatic. */
  polarity?: 1 | -1
}

class Biquad {
  private x1 = 0
  private x2 = 0
  private y1 = 0
  private y2 = 0
  constructor(
    private readonly b0: number,
    private readonly b1: number,
    private readonly b2: number,
    private readonly a1: number,
    private readonly a2: number
  ) {}
  step(x: number): number {
    const y = this.b0 * x + this.b1 * this.x1 + this.b2 * this.x2 - this.a1 * this.y1 - this.a2 * this.y2
    this.x2 = this.x1
    this.x1 = x
    this.y2 = this.y1
    this.y1 = y
    return y
  }
  /** Start at a steady state for a constant input (no start-up ringing). */
  prime(x: number): void {
    const gain = (this.b0 + this.b1 + this.b2) / (1 + this.a1 + this.a2)
    this.x1 = this.x2 = x
    this.y1 = this.y2 = x * gain
  }
}

/** Second-order low-pass section with quality factor q (bilinear transform, pre-warped). */
function lowPass(fc: number, fs: number, q: number): Biquad {
  const k = Math.tan((Math.PI * fc) / fs)
  const norm = 1 / (1 + k / q + k * k)
  const b0 = k * k * norm
  return new Biquad(b0, 2 * b0, b0, 2 * (k * k - 1) * norm, (1 - k / q + k * k) * norm)
}

/** First-order high-pass (bilinear transform). */
function highPass(fc: number, fs: number): Biquad {
  const k = Math.tan((Math.PI * fc) / fs)
  const norm = 1 / (1 + k)
  return new Biquad(norm, -norm, 0, (k - 1) * norm, 0)
}

export class ChestBreathing {
  private readonly fixedPolarity: 1 | -1 | null
  // decimation
  private blockN = 0
  private blockSum = [0, 0, 0]
  /** End of the current 10 Hz block. */
  private gridMs: number | null = null
  /** The last block's mean, repeated for a block without samples (jitter). */
  private held: number[] | null = null
  // filters (per axis)
  private hp: Biquad[] = []
  private lp: Biquad[] = []
  private lp2: Biquad[] = []
  private primed = false
  private startedMs: number | null = null
  // principal axis
  private cov = [0, 0, 0, 0, 0, 0] // xx, xy, xz, yy, yz, zz
  private axis = [0, 0, 1]
  // detector
  private rmsSq = 0
  private trend: 'up' | 'down' | null = null
  private extremeValue = 0
  private extremeT = 0
  private lastTroughMs: number | null = null
  private lastPeakMs: number | null = null
  private rawMarks: BreathMark[] = []
  /** Marks not yet taken by drainMarks(). */
  private undrained: BreathMark[] = []
  /** Times of gaps (restarts): no breath is assembled across one. */
  private gapsMs: number[] = []
  private rawBreaths: Breath[] = []
  private autoPolarity: 1 | -1 = 1
  private last: ChestPoint | null = null

  constructor(options: ChestBreathingOptions = {}) {
    this.fixedPolarity = options.polarity ?? null
    this.reset()
  }

  /**
   * One accelerometer sample (any rate >= 10 Hz, need not divide evenly), time in ms, axes in any
   * common unit. Samples are averaged onto a fixed 10 Hz grid; a hole of more than
   * `MAX_HOLE_MS` without `markGap()` is treated as a gap all the same.
   */
  push(tMs: number, x: number, y: number, z: number): void {
    const span = 1000 / DECIMATED_HZ
    if (this.gridMs !== null && tMs - this.gridMs > MAX_HOLE_MS) this.reset()
    if (this.gridMs === null) this.gridMs = tMs + span
    while (tMs >= this.gridMs) {
      if (this.blockN > 0) {
        const n = this.blockN
        this.held = [this.blockSum[0]! / n, this.blockSum[1]! / n, this.blockSum[2]! / n]
      }
      if (this.held) this.decimated(this.gridMs - span / 2, this.held)
      this.blockN = 0
      this.blockSum = [0, 0, 0]
      this.gridMs += span
    }
    this.blockSum[0] = this.blockSum[0]! + x
    this.blockSum[1] = this.blockSum[1]! + y
    this.blockSum[2] = this.blockSum[2]! + z
    this.blockN++
  }

  /** Samples are missing before the next push: restart filters and breath detection. */
  markGap(): void {
    this.reset()
  }

  /** The latest waveform point (10 Hz), or null before the first. */
  get latest(): ChestPoint | null {
    return this.last
  }

  get polarity(): 1 | -1 {
    return this.fixedPolarity ?? this.autoPolarity
  }

  /** Marks so far, oldest first, in the current orientation. */
  get marks(): BreathMark[] {
    return this.rawMarks.map((m) => this.oriented(m))
  }

  /** Complete breaths so far (inhale start to next inhale start), oldest first. */
  get breaths(): Breath[] {
    const marks = this.marks
    const out: Breath[] = []
    for (let i = 0; i + 2 < marks.length; i++) {
      const [a, b, c] = [marks[i]!, marks[i + 1]!, marks[i + 2]!]
      if (a.kind !== 'inhale' || b.kind !== 'exhale' || c.kind !== 'inhale') continue
      if (this.gapsMs.some((g) => g > a.tMs && g < c.tMs)) continue
      const durationMs = c.tMs - a.tMs
      if (durationMs < MIN_BREATH_MS || durationMs > MAX_BREATH_MS) continue
      out.push({ startMs: a.tMs, inhaleMs: b.tMs - a.tMs, exhaleMs: c.tMs - b.tMs, durationMs })
    }
    return out
  }

  /**
   * Breaths per minute from the mean duration of the last RATE_BREATHS breaths (a mean, not a
   * median: each onset jitters by a few hundred ms around the flat turn of the breath, and a
   * mean of consecutive breaths cancels that jitter); null until two breaths are complete.
   */
  get rateBpm(): number | null {
    const recent = this.rawBreaths.slice(-RATE_BREATHS)
    if (recent.length < 2) return null
    return (60_000 * recent.length) / recent.reduce((s, b) => s + b.durationMs, 0)
  }

  /**
   * Marks confirmed since the last call, in the orientation of now (live use: a mark is confirmed
   * after the turn, once the waveform has moved away by the hysteresis).
   */
  drainMarks(): BreathMark[] {
    const out = this.undrained.map((m) => this.oriented(m))
    this.undrained = []
    return out
  }

  private oriented(m: BreathMark): BreathMark {
    if (this.polarity === 1) return m
    return { kind: m.kind === 'inhale' ? 'exhale' : 'inhale', tMs: m.tMs }
  }

  /** Forget marks older than `tMs` (a long live session keeps memory bounded). */
  forgetBefore(tMs: number): void {
    const keep = this.rawMarks.findIndex((m) => m.tMs >= tMs)
    this.rawMarks = keep < 0 ? [] : this.rawMarks.slice(keep)
    this.rawBreaths = this.rawBreaths.filter((b) => b.startMs >= tMs).slice(-50)
    this.gapsMs = this.gapsMs.filter((g) => g >= tMs)
  }

  // ---- internals ----------------------------------------------------------------------------------

  private reset(): void {
    if (this.last !== null && this.gapsMs[this.gapsMs.length - 1] !== this.last.tMs) {
      this.gapsMs.push(this.last.tMs)
    }
    this.hp = [0, 1, 2].map(() => highPass(BAND_LOW_HZ, DECIMATED_HZ))
    // Fourth-order Butterworth = two sections with these Qs.
    this.lp = [0, 1, 2].map(() => lowPass(BAND_HIGH_HZ, DECIMATED_HZ, 0.5411961))
    this.lp2 = [0, 1, 2].map(() => lowPass(BAND_HIGH_HZ, DECIMATED_HZ, 1.306563))
    this.primed = false
    this.startedMs = null
    this.blockN = 0
    this.blockSum = [0, 0, 0]
    this.gridMs = null
    this.held = null
    this.trend = null
    this.lastTroughMs = null
    this.lastPeakMs = null
    this.rmsSq = 0
    // The covariance and axis survive a gap: posture rarely changes in a drop-out.
  }

  private decimated(tMs: number, v: number[]): void {
    if (!this.primed) {
      for (let c = 0; c < 3; c++) this.hp[c]!.prime(v[c]!)
      for (let c = 0; c < 3; c++) this.lp[c]!.prime(0)
      for (let c = 0; c < 3; c++) this.lp2[c]!.prime(0)
      this.primed = true
      this.startedMs = tMs
    }
    const f = [0, 1, 2].map((c) => this.lp2[c]!.step(this.lp[c]!.step(this.hp[c]!.step(v[c]!))))
    this.updateAxis(f)
    const a = this.axis
    const value = a[0]! * f[0]! + a[1]! * f[1]! + a[2]! * f[2]!
    this.last = { tMs, value: this.polarity * value }
    if (tMs - this.startedMs! < SETTLE_MS) {
      this.rmsSq += (value * value - this.rmsSq) * 0.05
      return
    }
    this.detect(tMs, value)
  }

  private updateAxis(f: number[]): void {
    const k = 1 / (AXIS_TAU_S * DECIMATED_HZ)
    const [x, y, z] = f as [number, number, number]
    const prods = [x * x, x * y, x * z, y * y, y * z, z * z]
    for (let i = 0; i < 6; i++) this.cov[i]! += (prods[i]! - this.cov[i]!) * k
    const [xx, xy, xz, yy, yz, zz] = this.cov as [number, number, number, number, number, number]
    let [ax, ay, az] = this.axis as [number, number, number]
    for (let it = 0; it < 3; it++) {
      const nx = xx * ax + xy * ay + xz * az
      const ny = xy * ax + yy * ay + yz * az
      const nz = xz * ax + yz * ay + zz * az
      const norm = Math.hypot(nx, ny, nz)
      if (!(norm > 0)) return
      ;[ax, ay, az] = [nx / norm, ny / norm, nz / norm]
    }
    // Keep the sign continuous with the previous axis.
    const dot = ax * this.axis[0]! + ay * this.axis[1]! + az * this.axis[2]!
    this.axis = dot < 0 ? [-ax, -ay, -az] : [ax, ay, az]
  }

  private detect(tMs: number, value: number): void {
    this.rmsSq += (value * value - this.rmsSq) * 0.01
    const hysteresis = 0.5 * Math.sqrt(this.rmsSq)
    if (this.trend === null) {
      this.trend = 'up'
      this.extremeValue = value
      this.extremeT = tMs
      return
    }
    if (this.trend === 'up') {
      if (value > this.extremeValue) {
        this.extremeValue = value
        this.extremeT = tMs
      } else if (value < this.extremeValue - hysteresis) {
        this.confirm('peak', this.extremeT)
        this.trend = 'down'
        this.extremeValue = value
        this.extremeT = tMs
      }
    } else if (value < this.extremeValue) {
      this.extremeValue = value
      this.extremeT = tMs
    } else if (value > this.extremeValue + hysteresis) {
      this.confirm('trough', this.extremeT)
      this.trend = 'up'
      this.extremeValue = value
      this.extremeT = tMs
    }
  }

  private confirm(kind: 'peak' | 'trough', tMs: number): void {
    const mark: BreathMark = { kind: kind === 'trough' ? 'inhale' : 'exhale', tMs }
    this.rawMarks.push(mark)
    this.undrained.push(mark)
    if (kind === 'trough') {
      if (this.lastTroughMs !== null && this.lastPeakMs !== null && this.lastPeakMs > this.lastTroughMs) {
        const durationMs = tMs - this.lastTroughMs
        if (durationMs >= MIN_BREATH_MS && durationMs <= MAX_BREATH_MS) {
          this.rawBreaths.push({
            startMs: this.lastTroughMs,
            inhaleMs: this.lastPeakMs - this.lastTroughMs,
            exhaleMs: tMs - this.lastPeakMs,
            durationMs
          })
          this.updatePolarity()
        }
      }
      this.lastTroughMs = tMs
    } else {
      this.lastPeakMs = tMs
    }
  }

  /** Orient so that the rise (inhale) is the shorter part of the recent breaths. */
  private updatePolarity(): void {
    const recent = this.rawBreaths.slice(-RATE_BREATHS)
    if (recent.length < 2) return
    const rise = recent.reduce((s, b) => s + b.inhaleMs, 0)
    const fall = recent.reduce((s, b) => s + b.exhaleMs, 0)
    // A clear majority only (10 %), so equal halves (box breathing) do not flip it back and forth.
    if (rise > fall * 1.1) this.autoPolarity = -1
    else if (fall > rise * 1.1) this.autoPolarity = 1
  }
}

/** Offline convenience: run a whole recording through the estimator. */
export function estimateChestBreathing(
  samples: readonly { tMs: number; x: number; y: number; z: number }[],
  options: ChestBreathingOptions = {}
): { rateBpm: number | null; breaths: Breath[]; marks: BreathMark[] } {
  const est = new ChestBreathing(options)
  for (const s of samples) est.push(s.tMs, s.x, s.y, s.z)
  return { rateBpm: est.rateBpm, breaths: est.breaths, marks: est.marks }
}
