/**
 * A physiological heart for the simulator - not a sine toy. Each RR interval (ms) is
 *
 *   rr = 60000 / hrBase(a)                       resting rate set by arousal a (0 = flat, 1 = wired)
 *      - rsaMs(a, rate) * (2 * lung(t - lag) - 1) respiratory sinus arrhythmia: HR rises on inhale
 *      + lfMs(a) * sin(2pi * 0.1 Hz * t)          Mayer (baroreflex) waves, ~10 s period (fading
 *                                                  when breathing near 6/min entrains them)
 *      + driftMs * sin(2pi * 0.02 Hz * t)         slow very-low-frequency drift
 *      + noiseSd(a) * N(0, 1)                     beat-to-beat noise
 *
 * so higher arousal gives a higher HR and a lower RMSSD, slow breathing a larger RSA. Now and then
 * a premature (ectopic) beat with its compensatory pause appears, or the strap misses a beat (two
 * intervals reported as one) - exactly what the artefact correction must catch.
 *
 * Arousal moves towards a target with a time constant; following a calming pattern (long exhale)
 * pulls it down toward the optimal band, an energizing pattern pulls it up.
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

  constructor(options: SimulatedHeartOptions = {}) {
    this.opts = {
      seed: 1,
      arousal: 0.5,
      ectopicProbability: 0.004,
      missedProbability: 0.002,
      arousalTauS: 20,
      practiceTauS: 90,
      ...options
    }
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
    return this.pattern ?? spontaneousPattern(10 + 10 * this.arousal)
  }

  private normalInterval(): number {
    const a = this.arousal
    const t = this.tMs
    const pattern = this.currentPattern()
    const rate = breathsPerMinute(pattern)
    // RSA grows when breathing is slow and the person is calm (vagal tone); shrinks with arousal.
    const rsaMs = (6 + 48 * Math.pow(1 - a, 1.5)) * Math.min(2.2, Math.sqrt(12 / Math.max(rate, 2)))
    const lagMs = 800 // the vagal response lags the breath by about a second
    const lung = lungVolumeAt(pattern, t - this.patternStartMs - lagMs)
    // Breathing near 6/min entrains the baroreflex (resonance breathing): the ~0.1 Hz wave then
    // follows the breath instead of running on its own phase, so its free-running part fades.
    const entrained = Math.exp(-(((rate - 6) / 1.5) ** 2))
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
    if (pattern && pattern.effect !== 'neutral') {
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
