import { describe, expect, it } from 'vitest'
import {
  analyzeResonanceAssessment,
  analyzeResonanceStep,
  chooseResonanceRate,
  coherence,
  RESONANCE_RATES_BPM,
  RESONANCE_SETTLE_MS,
  resonanceStepTimings,
  type PacerStep,
  type StepAnalysis
} from './resonance'
import { SimulatedHeart } from '../devices/sim/simulatedHeart'
import { createRng } from '../devices/sim/random'
import { lungVolumeAt, pacedBreathPattern } from '../shared/breathing'

const STEP_MS = 120_000
const REST_MS = 30_000

/** A step at `rate` starting at `startMs`, inhale 40 % of the cycle. */
function stepAt(rate: number, startMs: number, lengthMs = STEP_MS): PacerStep {
  return { breathsPerMin: rate, startMs, endMs: startMs + lengthMs, ...resonanceStepTimings(rate) }
}

/**
 * Beats of a heart whose rate follows `hrAt(tMs)` (bpm), each interval set by the rate at its
 * middle, plus Gaussian jitter (ms).
 */
function beatsFromHr(hrAt: (tMs: number) => number, untilMs: number, jitterMs = 0, seed = 1) {
  const r = createRng(seed)
  const tMs: number[] = []
  const rrMs: number[] = []
  let t = 0
  while (t < untilMs) {
    const guess = 60000 / hrAt(t)
    const rr = 60000 / hrAt(t + guess / 2) + jitterMs * r.gauss()
    t += rr
    tMs.push(t)
    rrMs.push(rr)
  }
  return { tMs, rrMs }
}

/**
 * HR oscillating with the pacer's breath: 70 ± swing/2 bpm, shaped like the lung volume and
 * shifted `leadDeg` ahead of it.
 */
function pacedHr(step: PacerStep, swingBpm: number, leadDeg: number): (tMs: number) => number {
  const pattern = pacedBreathPattern(step.inhaleMs, step.exhaleMs)
  const cycleMs = step.inhaleMs + step.exhaleMs
  return (t) => 70 + swingBpm * (lungVolumeAt(pattern, t - step.startMs + (leadDeg / 360) * cycleMs) - 0.5)
}

/** A simulated person through the whole assessment: rest, step, rest, step, ... */
function simulatedAssessment(
  heart: SimulatedHeart,
  rates: readonly number[] = RESONANCE_RATES_BPM,
  stepMs = STEP_MS
): { tMs: number[]; rrMs: number[]; steps: PacerStep[] } {
  const tMs: number[] = []
  const rrMs: number[] = []
  const steps: PacerStep[] = []
  const run = (untilMs: number): void => {
    while (heart.elapsedMs < untilMs) {
      const b = heart.nextBeat()
      tMs.push(b.tMs)
      rrMs.push(b.rrMs)
    }
  }
  for (const rate of rates) {
    heart.followPattern(null)
    run(heart.elapsedMs + REST_MS)
    const step = stepAt(rate, heart.elapsedMs, stepMs)
    heart.followPattern(pacedBreathPattern(step.inhaleMs, step.exhaleMs))
    run(step.endMs)
    steps.push(step)
  }
  heart.followPattern(null)
  return { tMs, rrMs, steps }
}

describe('analyzeResonanceStep: the criteria of one step', () => {
  it('reads the swing, the phase, the LF peak and the breathing rate of a known heart', () => {
    for (const [rate, swing, lead] of [
      [6, 12, 0],
      [5, 16, 30],
      [4.5, 8, -40]
    ] as const) {
      const step = stepAt(rate, 20_000)
      // A little beat-to-beat jitter, as in any real heart (the artefact detector's thresholds
      // come from the spread of the differences; a noiseless series has none).
      const beats = beatsFromHr(pacedHr(step, swing, lead), step.endMs + 5000, 4, rate * 10)
      const a = analyzeResonanceStep(beats, step)
      expect(a.status, `${rate}/min: ${a.problems.join()}`).toBe('ok')
      expect(a.swingBpm! / swing, `${rate}/min swing`).toBeGreaterThan(0.95)
      expect(a.swingBpm! / swing, `${rate}/min swing`).toBeLessThan(1.05)
      expect(Math.abs(a.phaseDeg! - lead), `${rate}/min phase ${a.phaseDeg}`).toBeLessThan(5)
      expect(Math.abs(a.lfPeakHz! - rate / 60)).toBeLessThan(0.004)
      expect(Math.abs(a.measuredBpm! - rate)).toBeLessThan(0.1)
      expect(a.followedPacer).toBe(true)
      expect(a.artefactShare).toBe(0)
      expect(a.contactLostS).toBe(0)
      expect(a.analysedS).toBe((STEP_MS - RESONANCE_SETTLE_MS) / 1000)
      // Whole pacer cycles after the settling time.
      expect(a.breaths).toBeGreaterThanOrEqual(
        Math.floor(((STEP_MS - RESONANCE_SETTLE_MS) * rate) / 60000) - 2
      )
      // LF power: the RR oscillation's variance (most of it at the pacer frequency).
      expect(a.lfPowerMs2!).toBeGreaterThan(0)
    }
  })

  it('a larger swing gives more LF power; beat-to-beat noise does not inflate the swing', () => {
    const step = stepAt(5, 0)
    const small = analyzeResonanceStep(beatsFromHr(pacedHr(step, 8, 0), STEP_MS + 2000), step)
    const large = analyzeResonanceStep(beatsFromHr(pacedHr(step, 16, 0), STEP_MS + 2000), step)
    expect(large.lfPowerMs2! / small.lfPowerMs2!).toBeGreaterThan(3)
    const noisy = analyzeResonanceStep(beatsFromHr(pacedHr(step, 16, 0), STEP_MS + 2000, 15, 4), step)
    expect(Math.abs(noisy.swingBpm! - 16)).toBeLessThan(1.2)
  })

  it('flags artefacts, lost contact, not following the pacer and too little data (repeat)', () => {
    const step = stepAt(5.5, 10_000)
    const clean = beatsFromHr(pacedHr(step, 12, 0), step.endMs + 2000, 5)
    expect(analyzeResonanceStep(clean, step).status).toBe('ok')
    // Every 12th beat missed (two intervals reported as one): ~8 % artefacts.
    const missed = { tMs: [] as number[], rrMs: [] as number[] }
    for (let i = 0; i < clean.tMs.length; i++) {
      if (i % 12 === 5 && i + 1 < clean.tMs.length) {
        missed.tMs.push(clean.tMs[i + 1]!)
        missed.rrMs.push(clean.rrMs[i]! + clean.rrMs[i + 1]!)
        i++
      } else {
        missed.tMs.push(clean.tMs[i]!)
        missed.rrMs.push(clean.rrMs[i]!)
      }
    }
    const withArtefacts = analyzeResonanceStep(missed, step)
    expect(withArtefacts.artefactShare).toBeGreaterThan(0.05)
    expect(withArtefacts.problems).toContain('artefacts')
    expect(withArtefacts.status).toBe('repeat')
    // 8 s of lost contact reported by the device, and a 7 s hole in the beats.
    const gap = analyzeResonanceStep(clean, step, [{ startMs: 60_000, endMs: 68_000 }])
    expect(gap.contactLostS).toBeCloseTo(8, 5)
    expect(gap.problems).toEqual(['contact'])
    const holed = { tMs: [...clean.tMs], rrMs: [...clean.rrMs] }
    const at = holed.tMs.findIndex((t) => t > 70_000)
    holed.tMs.splice(at, 8)
    holed.rrMs.splice(at, 8)
    const hole = analyzeResonanceStep(holed, step)
    expect(hole.contactLostS).toBeGreaterThan(5)
    expect(hole.problems).toContain('contact')
    // The beats after the hole keep their times: the phase to the pacer is unchanged.
    expect(Math.abs(hole.phaseDeg! - analyzeResonanceStep(clean, step).phaseDeg!)).toBeLessThan(5)
    // The person breathes at 6.5/min while the pacer asks for 5.5.
    const elsewhere = beatsFromHr(pacedHr(stepAt(6.5, 10_000), 12, 0), step.endMs + 2000)
    const wrong = analyzeResonanceStep(elsewhere, step)
    expect(wrong.measuredBpm!).toBeCloseTo(6.5, 1)
    expect(wrong.followedPacer).toBe(false)
    expect(wrong.problems).toEqual(['not-following'])
    // A step cut short after 40 s.
    const short = analyzeResonanceStep(clean, { ...step, endMs: step.startMs + 40_000 })
    expect(short.problems).toContain('too-short')
    expect(short.status).toBe('repeat')
    // No beats at all.
    const none = analyzeResonanceStep({ tMs: [], rrMs: [] }, step)
    expect(none.problems).toEqual(expect.arrayContaining(['contact', 'too-short']))
  })

  it('refuses mismatched beats or an impossible step', () => {
    expect(() => analyzeResonanceStep({ tMs: [1, 2], rrMs: [1] }, stepAt(6, 0))).toThrow(/differ in length/)
    expect(() => analyzeResonanceStep({ tMs: [], rrMs: [] }, { ...stepAt(6, 0), endMs: -1 })).toThrow(
      /invalid pacer step/
    )
    expect(() => resonanceStepTimings(0)).toThrow(/invalid pace/)
  })
})

/** A valid step's analysis with the given swing and phase (the other criteria follow the swing). */
function fakeStep(
  rate: number,
  swingBpm: number,
  phaseDeg: number,
  status: 'ok' | 'repeat' = 'ok'
): StepAnalysis {
  return {
    breathsPerMin: rate,
    beats: 150,
    analysedS: 105,
    breaths: 9,
    artefactShare: status === 'ok' ? 0 : 0.08,
    contactLostS: 0,
    measuredBpm: rate,
    measuredConfidence: 0.8,
    followedPacer: true,
    swingBpm,
    lfPowerMs2: swingBpm * 300,
    lfPeakHz: rate / 60,
    lfPeakDensityMs2PerHz: swingBpm * 30000,
    phaseDeg,
    status,
    problems: status === 'ok' ? [] : ['artefacts']
  }
}

describe('chooseResonanceRate: the documented rule', () => {
  it('the largest swing wins, with a reason the renderer can phrase', () => {
    const r = chooseResonanceRate([
      fakeStep(6.5, 9, -40),
      fakeStep(6, 11, -20),
      fakeStep(5.5, 14.04, 2),
      fakeStep(5, 11.5, 20),
      fakeStep(4.5, 9, 35)
    ])
    expect(r.status).toBe('found')
    expect(r.rateBpm).toBe(5.5)
    expect(r.reason).toEqual({ key: 'resonance.reason.largestSwing', values: { rateBpm: 5.5, swingBpm: 14 } })
    expect(r.confidence).toBeGreaterThan(0.9)
    expect(r.repeatRatesBpm).toEqual([])
  })

  it('a close call between neighbours goes to the step nearer in phase; confidence drops', () => {
    const r = chooseResonanceRate([
      fakeStep(6.5, 12, -5),
      fakeStep(6, 12.3, 12),
      fakeStep(5.5, 10, 25),
      fakeStep(5, 8, 30)
    ])
    expect(r.rateBpm).toBe(6.5)
    expect(r.reason.key).toBe('resonance.reason.closeCall')
    expect(r.reason.values).toMatchObject({ rateBpm: 6.5, otherRateBpm: 6 })
    expect(r.confidence).toBeLessThan(0.9)
  })

  it('a step to repeat makes the result unsure; no valid step gives none; two steps are too few', () => {
    const repeat = chooseResonanceRate([
      fakeStep(6, 10, -10),
      fakeStep(5.5, 13, 0),
      fakeStep(5, 15, 5, 'repeat'),
      fakeStep(4.5, 9, 20)
    ])
    expect(repeat.status).toBe('unsure')
    expect(repeat.rateBpm).toBe(5.5)
    expect(repeat.repeatRatesBpm).toEqual([5])
    expect(repeat.reason).toMatchObject({ key: 'resonance.reason.repeatSteps', values: { repeatRates: '5' } })
    const none = chooseResonanceRate([fakeStep(6, 10, 0, 'repeat')])
    expect(none).toMatchObject({ status: 'none', rateBpm: null, confidence: 0 })
    expect(none.reason.key).toBe('resonance.reason.noValidStep')
    const two = chooseResonanceRate([fakeStep(6, 10, 0), fakeStep(5.5, 14, 0)])
    expect(two.status).toBe('unsure')
    expect(two.reason.key).toBe('resonance.reason.tooFewSteps')
  })
})

describe('the assessment finds a simulated person’s resonance frequency', () => {
  it('within ±0.25 breaths/min in ≥ 90 % of 40 seeded people (6.5 → 4.5/min, 2 min each)', () => {
    let hits = 0
    const misses: string[] = []
    for (let seed = 1; seed <= 40; seed++) {
      // Calm to optimal people (a calming pacer does not move their arousal during the test).
      const heart = new SimulatedHeart({ seed, arousal: 0.3 + 0.02 * (seed % 11) })
      const { tMs, rrMs, steps } = simulatedAssessment(heart)
      const result = analyzeResonanceAssessment({ tMs, rrMs }, steps)
      expect(result.status, `seed ${seed}`).not.toBe('none')
      if (result.rateBpm !== null && Math.abs(result.rateBpm - heart.resonanceBpm) <= 0.25 + 1e-9) hits++
      else misses.push(`seed ${seed}: resonance ${heart.resonanceBpm.toFixed(2)}, found ${result.rateBpm}`)
    }
    expect(hits, misses.join('; ')).toBeGreaterThanOrEqual(36)
  })

  it('people at the ends of the range: 4.5 and 6.5/min are found, phase ≈ 0° there', () => {
    for (const resonanceBpm of [4.5, 6.5]) {
      const heart = new SimulatedHeart({ seed: 3, arousal: 0.4, resonanceBpm })
      const { tMs, rrMs, steps } = simulatedAssessment(heart)
      const result = analyzeResonanceAssessment({ tMs, rrMs }, steps)
      expect(result.rateBpm).toBe(resonanceBpm)
      const at = result.steps.find((s) => s.breathsPerMin === resonanceBpm)!
      expect(Math.abs(at.phaseDeg!)).toBeLessThan(15)
      // Heart rate leads the breath below resonance and lags above it.
      for (const s of result.steps) {
        if (s.breathsPerMin < resonanceBpm - 0.75) expect(s.phaseDeg!).toBeGreaterThan(0)
        if (s.breathsPerMin > resonanceBpm + 0.75) expect(s.phaseDeg!).toBeLessThan(0)
      }
    }
  })

  it('a person who stops following the pacer in one step gets that step repeated', () => {
    const heart = new SimulatedHeart({ seed: 9, arousal: 0.4, resonanceBpm: 5.5 })
    const { tMs, rrMs, steps } = simulatedAssessment(heart)
    // Pretend the pacer ran at 4.0/min during the 5.0 step: the person kept breathing at 5.0.
    const lied = steps.map((s) =>
      s.breathsPerMin === 5 ? { ...s, breathsPerMin: 4, ...resonanceStepTimings(4) } : s
    )
    const result = analyzeResonanceAssessment({ tMs, rrMs }, lied)
    expect(result.steps.find((s) => s.breathsPerMin === 4)!.problems).toContain('not-following')
    expect(result.status).toBe('unsure')
    expect(result.repeatRatesBpm).toEqual([4])
    expect(result.rateBpm).toBe(5.5)
  })
})

describe('coherence', () => {
  it('is high when the heart follows a slow pacer, low at spontaneous breathing and for noise', () => {
    const step = stepAt(6, 0, 200_000)
    const paced = beatsFromHr(pacedHr(step, 14, 0), 130_000, 8)
    const c = coherence(paced, { breathsPerMin: 6 })!
    expect(c.coherence).toBeGreaterThan(0.8)
    expect(c.ratio).toBeCloseTo(c.coherence / (1 - c.coherence), 9)
    expect(c.peakHz).toBeCloseTo(0.1, 9)
    // Same beats, but the pacer is said to run at 9/min: the power is elsewhere.
    expect(coherence(paced, { breathsPerMin: 9 })!.coherence).toBeLessThan(0.2)
    // Without a pacer the peak is found (0.1 Hz).
    expect(Math.abs(coherence(paced)!.peakHz - 0.1)).toBeLessThan(0.005)
    // Beat-to-beat noise alone: about the band's share of the spectrum (0.06 of 0.36 Hz).
    let sum = 0
    for (let seed = 1; seed <= 10; seed++) {
      const r = createRng(seed)
      sum += coherence(
        beatsFromHr(() => 70 + 4 * r.gauss(), 130_000),
        { breathsPerMin: 6 }
      )!.coherence
    }
    expect(sum / 10).toBeLessThan(0.3)
  })

  it('the simulated heart is most coherent following a pacer at its resonance frequency', () => {
    // Clean beats, as the live view gets them after artefact correction (an uncorrected ectopic
    // beat spreads its power over the whole spectrum).
    const at = (rate: number): number => {
      const heart = new SimulatedHeart({
        seed: 12,
        arousal: 0.45,
        resonanceBpm: 5.5,
        ectopicProbability: 0,
        missedProbability: 0
      })
      const t = resonanceStepTimings(rate)
      heart.followPattern(pacedBreathPattern(t.inhaleMs, t.exhaleMs))
      const tMs: number[] = []
      const rrMs: number[] = []
      while (heart.elapsedMs < 120_000) {
        const b = heart.nextBeat()
        tMs.push(b.tMs)
        rrMs.push(b.rrMs)
      }
      return coherence({ tMs, rrMs }, { breathsPerMin: rate })!.coherence
    }
    const resonant = at(5.5)
    expect(resonant).toBeGreaterThan(0.9)
    // At 9/min the breath's swing is smaller and the free 0.1 Hz Mayer wave is back, off the band.
    expect(at(9)).toBeLessThan(resonant - 0.15)
  })

  it('needs 30 s and 16 beats; refuses bad input', () => {
    const short = beatsFromHr(() => 70, 20_000)
    expect(coherence(short)).toBeNull()
    expect(coherence({ tMs: [1000, 2000], rrMs: [1000, 1000] })).toBeNull()
    const long = beatsFromHr(() => 70, 60_000)
    expect(() => coherence({ tMs: long.tMs, rrMs: long.rrMs.slice(1) })).toThrow(/differ in length/)
    expect(() => coherence(long, { breathsPerMin: 0 })).toThrow(/positive/)
  })
})
