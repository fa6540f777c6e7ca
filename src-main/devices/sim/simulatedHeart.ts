/**
 * A physiological heart for the simulator - not a sine toy. Each RR interval (ms) is
 *
 *   rr = 60000 / hrBase(a)                       resting rate set by arousal a (0 = flat, 1 = wired)
 *      - rsaMs(a, rate) * (2 * lung(t - lag) - 1) respiratory sinus arrhythmia: HR rises on inhale
 *      + lfMs(a) * sin(2pi * 0.1 Hz * t)          Mayer (baroreflex) waves, ~10 s period (fading
 *                                                  when slow breathing near the person's resonance
 *                                                  frequency entrains them)
 *      + driftMs * sin(2pi * 0.02 Hz * t)         slow very-low-frequency drift
 *      + noiseSd(a) * N(0, 1)                     beat-to-beat noise
 *
 * so higher arousal gives a higher HR and a lower RMSSD, slow breathing a larger RSA. Now and then
 * a premature (ectopic) beat with its compensatory pause appears, or the strap misses a beat (two
 * intervals reported as one) - exactly what the artefact correction must catch.
 *
 * Arousal moves towards a target with a time constant; following a calming pattern (long exhale)
 * pulls it down toward the optimal band, an energizing pattern pulls it up. Sitting quietly (a
 * 'neutral' pattern: the control of issue 16) paces nothing: the person breathes at their own
 * rate and the set point only drifts back toward the band's centre, four times slower than a
 * practice moves it ({@link NATURAL_DRIFT_FACTOR}) - the regression toward baseline that a
 * control exists to measure. With no pattern at all (check-ins) there is no drift: a test that
 * sets an arousal keeps it.
 *
 * Resonance (issue 17). Each simulated person has a resonance frequency f0 (`resonanceBpm`, by
 * default drawn from the seed within 4.5-6.5 breaths/min, where adults' lie: Lehrer & Vaschillo;
 * Shaffer & Meehan 2020). The breath drives the heart along two paths: a direct vagal one (gain 1,
 * in phase) and the baroreflex loop, whose delay makes it resonate at f0 (Vaschillo et al. 2002):
 * a band-pass of quality Q = {@link RESONANCE_Q} and gain B = {@link RESONANCE_BOOST},
 *   H(f) = 1 / (1 + jQ(f/f0 − f0/f)),     response R(f) = 1 + B·H(f).
 * |R| is largest at f0 exactly (1 + B = 3×; about 7 % less 0.5/min away, 30 % less 1.5/min away)
 * and arg R is 0° there, positive (HR leads the breath) below f0 and negative (lags) above, the
 * signature the assessment looks for. Below 9/min the RSA amplitude is the old vagal amplitude
 * times |R(f)| / |R(9/min)|; at 9/min and faster it is exactly the old one (spontaneous breathing
 * keeps its former size). The RSA is drawn against the lung volume shifted by the phase of R and
 * sampled at the interval's expected middle (this replaces the fixed 0.8 s vagal lag).
 * Between 3 and 7/min the old √(12/rate) growth is held at its 7/min value so the resonance alone
 * shapes the slow range and the largest RSA is at f0, not below it. Rhythms slower than 3/min are
 * not a breathing rate (a super-oxygenation round: 30 breaths and a hold) and keep the old factor
 * and the old fixed 0.8 s vagal lag.
 */
import { rrMsFromHrBpm } from '../../shared/perMinute'
import { createRng, type Rng } from './random'
import {
  breathsPerMinute,
  lungVolumeAt,
  spontaneousPattern,
  type BreathPattern
} from '../../shared/breathing'

export interface SimulatedHeartOptions {
  seed?: number
  /** 0 = flat/tired, 0.5 = calm and alert (optimal), 1 = anxious. */
  arousal?: number
  /** Probability per beat of a premature beat. */
  ectopicProbability?: number
  /** Probability per beat that the strap misses a beat. */
  missedProbability?: number
  /** How fast arousal follows its target (s). */
  arousalTauS?: number
  /** How fast a breathing practice moves arousal toward the optimal band (s). */
  practiceTauS?: number
  /**
   * Breathing rate at which the heart-rate oscillation is largest (breaths/min). Default: drawn
   * from the seed, uniform in {@link SIM_RESONANCE_MIN_BPM}..{@link SIM_RESONANCE_MAX_BPM}, from a
   * stream of its own (the beats of a seed are the same whether it is given or not).
   */
  resonanceBpm?: number
}

export const SIM_RESONANCE_MIN_BPM = 4.5
export const SIM_RESONANCE_MAX_BPM = 6.5
/** Quality factor of the simulated baroreflex resonance (width of the curve; see the header). */
export const RESONANCE_Q = 2.5
/** Gain of the baroreflex path at resonance, relative to the direct vagal path. */
export const RESONANCE_BOOST = 2

/** Below this breathing rate (the LF/HF boundary, 0.15 Hz) the resonance scales the RSA. */
const SLOW_BREATHING_BPM = 9

/** The seed's own resonance frequency (a separate random stream, so beats are unaffected). */
export function seededResonanceBpm(seed: number): number {
  const u = createRng((seed ^ 0x5bd1e995) >>> 0).next()
  return SIM_RESONANCE_MIN_BPM + (SIM_RESONANCE_MAX_BPM - SIM_RESONANCE_MIN_BPM) * u
}

/**
 * Response of the simulated heart to breathing at `breathsPerMin` for resonance `resonanceBpm`:
 * R = 1 + B·H(f) (header). `gain` is |R| (1 at very slow or fast rates, 1 + B at resonance),
 * `phaseRad` is arg R (> 0: heart rate leads the breath).
 */
export function resonanceResponse(
  breathsPerMin: number,
  resonanceBpm: number
): { gain: number; phaseRad: number } {
  const x = breathsPerMin / resonanceBpm
  const y = RESONANCE_Q * (x - 1 / x)
  // H = 1 / (1 + jy) = (1 − jy) / (1 + y²)
  const re = 1 + RESONANCE_BOOST / (1 + y * y)
  const im = (-RESONANCE_BOOST * y) / (1 + y * y)
  return { gain: Math.hypot(re, im), phaseRad: Math.atan2(im, re) }
}

export interface SimBeat {
  /** Time of the beat that ends this interval, ms since simulation start. */
  tMs: number
  rrMs: number
  /** The artefact deliberately put in, for tests of the correction. */
  artifact: 'ectopic' | 'compensatory' | 'missed' | null
}

/** Arousal level the calming / energizing practices pull toward (the optimal band's centre). */
export const PRACTICE_TARGET_AROUSAL = 0.5
/** Sitting quietly drifts toward the centre this many times slower than a practice pulls (header). */
export const NATURAL_DRIFT_FACTOR = 4

export class SimulatedHeart {
  private readonly rng: Rng
  private arousal: number
  private arousalTarget: number
  private tMs = 0
  private pending: number[] = []
  private pattern: BreathPattern | null = null
  private patternStartMs = 0
  private readonly opts: Required<SimulatedHeartOptions>
  private readonly lfPhase: number
  /** |R| at 9/min, the reference the RSA amplitude of slower breathing is scaled against. */
  private readonly gainAt9: number

  constructor(options: SimulatedHeartOptions = {}) {
    this.opts = {
      seed: 1,
      arousal: 0.5,
      ectopicProbability: 0.004,
      missedProbability: 0.002,
      arousalTauS: 20,
      practiceTauS: 90,
      resonanceBpm: seededResonanceBpm(options.seed ?? 1),
      ...options
    }
    if (!(this.opts.resonanceBpm >= 2 && this.opts.resonanceBpm <= 15))
      throw new Error(`resonanceBpm must be 2-15 breaths/min (got ${this.opts.resonanceBpm})`)
    this.gainAt9 = resonanceResponse(SLOW_BREATHING_BPM, this.opts.resonanceBpm).gain
    this.rng = createRng(this.opts.seed)
    this.arousal = clamp01(this.opts.arousal)
    this.arousalTarget = this.arousal
    this.lfPhase = this.rng.next() * 2 * Math.PI
  }

  /** Set where the person's arousal is heading (0..1); it gets there with `arousalTauS`. */
  setArousal(level: number, immediately = false): void {
    this.arousalTarget = clamp01(level)
    if (immediately) this.arousal = this.arousalTarget
  }

  get currentArousal(): number {
    return this.arousal
  }

  /** Breathe with a pacer (null = back to spontaneous breathing). */
  followPattern(pattern: BreathPattern | null): void {
    this.pattern = pattern
    this.patternStartMs = this.tMs
  }

  /** The breathing rate at which this person's heart-rate oscillation is largest (breaths/min). */
  get resonanceBpm(): number {
    return this.opts.resonanceBpm
  }

  get elapsedMs(): number {
    return this.tMs
  }

  /**
   * Lung volume (0..1) at simulation time `simMs`, in the breath pattern the heart follows now:
   * what a simulated chest accelerometer measures (SimulatedChest), so both agree on the breath.
   */
  lungAt(simMs: number): number {
    return lungVolumeAt(this.currentPattern(), simMs - this.patternStartMs)
  }

  /** Produce the next beat. */
  nextBeat(): SimBeat {
    const queued = this.pending.shift()
    if (queued !== undefined) {
      this.tMs += queued
      return { tMs: this.tMs, rrMs: queued, artifact: 'compensatory' }
    }
    const rr = this.normalInterval()
    this.advanceArousal(rr)
    const u = this.rng.next()
    if (u < this.opts.ectopicProbability) {
      const premature = rr * 0.62
      this.pending.push(rr * 2 - premature) // full compensatory pause keeps the rhythm
      this.tMs += premature
      return { tMs: this.tMs, rrMs: premature, artifact: 'ectopic' }
    }
    if (u < this.opts.ectopicProbability + this.opts.missedProbability) {
      const second = this.normalInterval()
      this.tMs += rr + second
      return { tMs: this.tMs, rrMs: rr + second, artifact: 'missed' }
    }
    this.tMs += rr
    return { tMs: this.tMs, rrMs: rr, artifact: null }
  }

  /** Resting HR for an arousal level: 56 bpm when flat, 78 at optimal, 100 when wired. */
  static baseHrBpm(arousal: number): number {
    return 56 + 44 * arousal
  }

  private currentPattern(): BreathPattern {
    // A neutral pattern paces nothing: the person's own breathing (header).
    if (this.pattern && this.pattern.effect !== 'neutral') return this.pattern
    return spontaneousPattern(10 + 10 * this.arousal)
  }

  private normalInterval(): number {
    const a = this.arousal
    const t = this.tMs
    const pattern = this.currentPattern()
    const rate = breathsPerMinute(pattern)
    // RSA grows when breathing is slow and the person is calm (vagal tone); shrinks with arousal.
    // Between 3 and 7/min the growth is the baroreflex resonance's alone (header).
    // A cycle slower than 3/min is a round of many breaths, not a breathing rate: no resonance,
    // and the vagal response lags the breath by about a second, as before.
    const breathing = rate >= 3
    const slowGrowth =
      breathing && rate < 7 ? Math.sqrt(12 / 7) : Math.min(2.2, Math.sqrt(12 / Math.max(rate, 2)))
    const resonance = breathing ? resonanceResponse(rate, this.opts.resonanceBpm) : { gain: 1, phaseRad: 0 }
    // The RSA amplitude of breathing at 9/min and faster is what it always was; slower breathing
    // gains what the resonance adds relative to 9/min.
    const boost = breathing && rate < SLOW_BREATHING_BPM ? resonance.gain / this.gainAt9 : 1
    const rsaMs = (6 + 48 * Math.pow(1 - a, 1.5)) * slowGrowth * boost
    // The heart follows the breath with the phase of the resonant response: in phase at f0,
    // ahead below it, behind above it (a lead is a negative lag: the lung volume a little later).
    const lagMs = breathing ? (-resonance.phaseRad / (2 * Math.PI)) * (60000 / rate) : 800
    // An interval's length reflects the vagal state during it: sample the breath at the interval's
    // expected middle (half a resting interval after the beat that starts it).
    const midMs = breathing ? 30000 / SimulatedHeart.baseHrBpm(a) : 0
    const lung = lungVolumeAt(pattern, t + midMs - this.patternStartMs - lagMs)
    // Slow breathing near the resonance frequency entrains the baroreflex: the ~0.1 Hz wave then
    // follows the breath instead of running on its own phase, so its free-running part fades.
    const entrained = Math.exp(-(((rate - this.opts.resonanceBpm) / 2.5) ** 2))
    const lfMs = (8 + 18 * (1 - a)) * (1 - entrained)
    const driftMs = 12
    const noiseSd = 4 + 9 * (1 - a)
    const rr =
      rrMsFromHrBpm(SimulatedHeart.baseHrBpm(a)) -
      rsaMs * (2 * lung - 1) +
      lfMs * Math.sin((2 * Math.PI * 0.1 * t) / 1000 + this.lfPhase) +
      driftMs * Math.sin((2 * Math.PI * 0.02 * t) / 1000) +
      noiseSd * this.rng.gauss()
    return Math.max(300, Math.min(2000, rr))
  }

  private advanceArousal(dtMs: number): void {
    const pattern = this.pattern
    if (pattern?.effect === 'neutral') {
      // Sitting quietly: only the natural drift back toward the centre, from either side.
      const k = 1 - Math.exp(-dtMs / 1000 / (this.opts.practiceTauS * NATURAL_DRIFT_FACTOR))
      this.arousalTarget += (PRACTICE_TARGET_AROUSAL - this.arousalTarget) * k
    } else if (pattern) {
      // A practice moves the person's own set point toward the optimal band, and only from the
      // side it is meant for: a sigh calms an anxious person, it does not make a flat one flatter.
      const towards = PRACTICE_TARGET_AROUSAL
      const applies =
        (pattern.effect === 'calming' && this.arousalTarget > towards) ||
        (pattern.effect === 'energizing' && this.arousalTarget < towards)
      if (applies) {
        const k = 1 - Math.exp(-dtMs / 1000 / this.opts.practiceTauS)
        this.arousalTarget += (towards - this.arousalTarget) * k
      }
    }
    const k = 1 - Math.exp(-dtMs / 1000 / this.opts.arousalTauS)
    this.arousal += (this.arousalTarget - this.arousal) * k
  }
}

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x))
}
