import { describe, expect, it } from 'vitest'
import {
  AROUSAL_CONSTANTS as C,
  ArousalTracker,
  estimateArousal,
  stateForScore,
  type ArousalInput
} from './arousal'
import { baselineStats, POPULATION_BASELINE, type BaselineStats } from './baseline'

/** A personal baseline: HR 70 +/- 4 bpm, RMSSD 40 ms (lnRMSSD 3.689 +/- 0.25), breathing 14 +/- 2.5. */
const personal: BaselineStats = {
  source: 'personal',
  measurements: 5,
  hrBpm: 70,
  hrSdBpm: 4,
  lnRmssd: Math.log(40),
  lnRmssdSd: 0.25,
  respRateBpm: 14,
  respSdBpm: 2.5,
  updatedUtc: '2026-01-01T08:00:00.000Z'
}

const input = (hrBpm: number, rmssdMs: number, extra: Partial<ArousalInput> = {}): ArousalInput => ({
  hrBpm,
  lnRmssd: Math.log(rmssdMs),
  cleanS: 90,
  artifactRate: 0.005,
  ...extra
})

describe('estimateArousal', () => {
  it('at baseline: optimal, score ~0, reason within-baseline', () => {
    const e = estimateArousal(input(70, 40), personal)
    expect(e.state).toBe('optimal')
    expect(Math.abs(e.score)).toBeLessThan(0.01)
    expect(e.reasons).toEqual([{ kind: 'within-baseline' }])
  })

  it('HR 12 bpm up and RMSSD 40 % down: high, with both reasons as numbers', () => {
    const e = estimateArousal(input(82, 24), personal)
    // zHr = 3, zLn = ln(0.6)/0.25 = -2.04 -> score = (0.45*3 + 0.4*2.04)/0.85 = 2.55
    expect(e.score).toBeCloseTo((0.45 * 3 - 0.4 * (Math.log(0.6) / 0.25)) / 0.85, 2)
    expect(e.state).toBe('high')
    expect(e.reasons).toEqual([
      { kind: 'hr-vs-baseline', deltaBpm: 12 },
      { kind: 'rmssd-vs-baseline', deltaPct: -40 }
    ])
  })

  it('HR down with HRV normal: low, not ambiguous', () => {
    const e = estimateArousal(input(58, 40), personal)
    expect(e.state).toBe('low')
    expect(e.score).toBeLessThan(-1)
    expect(e.reasons.map((r) => r.kind)).not.toContain('tired-vs-calm-ambiguous')
  })

  it('low HR + high HRV: says tired and calm cannot be told apart, lowers confidence', () => {
    const clear = estimateArousal(input(82, 24), personal)
    const e = estimateArousal(input(60, 65), personal)
    expect(e.state).toBe('low')
    expect(e.reasons.map((r) => r.kind)).toContain('tired-vs-calm-ambiguous')
    expect(e.confidence).toBeCloseTo(clear.confidence * C.AMBIGUOUS_FACTOR, 3)
  })

  it('a self-report resolves the ambiguity: fine -> optimal (calm), flat -> low (tired)', () => {
    const fine = estimateArousal(input(60, 65, { selfReport: 'fine' }), personal)
    expect(fine.state).toBe('optimal')
    expect(Math.abs(fine.score)).toBeLessThan(1)
    expect(fine.reasons).toContainEqual({ kind: 'self-report', report: 'fine' })
    const flat = estimateArousal(input(60, 65, { selfReport: 'flat' }), personal)
    expect(flat.state).toBe('low')
    expect(flat.reasons).toContainEqual({ kind: 'self-report', report: 'flat' })
    expect(flat.confidence).toBeGreaterThan(estimateArousal(input(60, 65), personal).confidence)
  })

  it("'tired' (issue 16) weighs in the estimate exactly like 'flat'", () => {
    for (const [hr, rmssd] of [
      [60, 65],
      [70, 40],
      [82, 24]
    ] as const) {
      const flat = estimateArousal(input(hr, rmssd, { selfReport: 'flat' }), personal)
      const tired = estimateArousal(input(hr, rmssd, { selfReport: 'tired' }), personal)
      expect(tired).toEqual(flat)
    }
  })

  it('wired / flat decide when the physiology is neutral or agrees; only nudge when it disagrees', () => {
    // Neutral physiology (score ~0): the report decides, and the score moves to its side of the band.
    const wired = estimateArousal(input(70, 40, { selfReport: 'wired' }), personal)
    expect(wired.state).toBe('high')
    expect(wired.score).toBeGreaterThanOrEqual(1)
    const flat = estimateArousal(input(70, 40, { selfReport: 'flat' }), personal)
    expect(flat.state).toBe('low')
    expect(flat.score).toBeLessThanOrEqual(-1)
    // Clearly aroused physiology (score 2.55) and "I feel flat": only nudged, still high.
    const contradicted = estimateArousal(input(82, 24, { selfReport: 'flat' }), personal)
    expect(contradicted.state).toBe('high')
    expect(contradicted.score).toBeCloseTo(
      estimateArousal(input(82, 24), personal).score - C.SELF_REPORT_SHIFT,
      2
    )
    // Clearly flat physiology (HR 10 bpm down, score -1.3) and "I feel wired": nudged to -0.8, optimal.
    const lowWired = estimateArousal(input(60, 40, { selfReport: 'wired' }), personal)
    expect(lowWired.state).toBe('optimal')
  })

  it('a self-report tips a borderline physiology: wired tips 0.8 into high, flat tips -0.8 into low', () => {
    // zHr = +1.556 alone -> score 0.45*1.556/0.85 = 0.82 (optimal)
    const border = input(70 + 4 * 1.556, 40)
    expect(estimateArousal(border, personal).state).toBe('optimal')
    expect(estimateArousal({ ...border, selfReport: 'wired' }, personal).state).toBe('high')
    const borderLow = input(70 - 4 * 1.556, 40)
    expect(estimateArousal(borderLow, personal).state).toBe('optimal')
    expect(estimateArousal({ ...borderLow, selfReport: 'flat' }, personal).state).toBe('low')
    // 'fine' pulls toward 0 by at most SELF_REPORT_SHIFT.
    const high = estimateArousal(input(82, 24), personal)
    expect(estimateArousal(input(82, 24, { selfReport: 'fine' }), personal).score).toBeCloseTo(
      high.score - C.SELF_REPORT_SHIFT,
      2
    )
  })

  it('fast breathing adds arousal; slow breathing does not subtract', () => {
    const calmHr = input(74, 36)
    const plain = estimateArousal(calmHr, personal)
    const fast = estimateArousal({ ...calmHr, respRateBpm: 22, respConfidence: 0.8 }, personal)
    const slow = estimateArousal({ ...calmHr, respRateBpm: 6, respConfidence: 0.8 }, personal)
    expect(fast.score).toBeGreaterThan(plain.score)
    expect(fast.reasons).toContainEqual({ kind: 'resp-rate', breathsPerMin: 22 })
    expect(slow.score).toBe(plain.score)
    // An unsure respiration estimate is ignored.
    expect(estimateArousal({ ...calmHr, respRateBpm: 22, respConfidence: 0.1 }, personal).score).toBe(
      plain.score
    )
  })

  it('confidence: 0 while settling, low (< 0.5) before 60 s of clean data, full at 120 s', () => {
    expect(estimateArousal(input(70, 40, { settling: true, cleanS: 0 }), personal)).toMatchObject({
      confidence: 0,
      reasons: expect.arrayContaining([{ kind: 'settling' }])
    })
    const at30 = estimateArousal(input(70, 40, { cleanS: 30 }), personal).confidence
    const at59 = estimateArousal(input(70, 40, { cleanS: 59 }), personal).confidence
    const at60 = estimateArousal(input(70, 40, { cleanS: 60 }), personal).confidence
    const at120 = estimateArousal(input(70, 40, { cleanS: 120 }), personal).confidence
    expect(at30).toBeLessThan(C.LOW_CONFIDENCE)
    expect(at59).toBeLessThan(C.LOW_CONFIDENCE)
    expect(at30).toBeLessThan(at59)
    expect(at60).toBeGreaterThanOrEqual(C.LOW_CONFIDENCE)
    expect(at120).toBe(1)
  })

  it('noise and a population baseline lower confidence and are named', () => {
    const noisy = estimateArousal(input(70, 40, { cleanS: 120, artifactRate: 0.08 }), personal)
    expect(noisy.confidence).toBeLessThan(C.LOW_CONFIDENCE)
    expect(noisy.reasons[0]).toEqual({ kind: 'too-noisy', artifactPct: 8 })
    const worse = estimateArousal(input(70, 40, { cleanS: 120, artifactRate: 0.12 }), personal)
    expect(worse.confidence).toBeLessThan(0.2)
    // Up to 3 % (a couple of corrected ectopic beats) costs nothing.
    expect(estimateArousal(input(70, 40, { cleanS: 120, artifactRate: 0.03 }), personal).confidence).toBe(1)
    const pop = estimateArousal(input(65, 42, { cleanS: 120 }), baselineStats([]))
    expect(pop.confidence).toBeCloseTo(C.POPULATION_FACTOR, 3)
    expect(pop.reasons).toContainEqual({ kind: 'population-baseline' })
    expect(pop.state).toBe('optimal')
    // Population bands are wide: 12 bpm above 65 alone is not yet "high".
    expect(estimateArousal(input(77, 42), POPULATION_BASELINE).state).toBe('optimal')
  })

  it('without HR or RMSSD there is no judgement (confidence 0, no-contact/settling)', () => {
    const e = estimateArousal(
      { hrBpm: null, lnRmssd: null, cleanS: 0, artifactRate: 0, noContact: true },
      personal
    )
    expect(e.confidence).toBe(0)
    expect(e.reasons).toEqual([{ kind: 'no-contact' }])
  })
})

describe('hysteresis', () => {
  it('stateForScore enters at 1.0 and leaves at 0.7', () => {
    expect(stateForScore(0.9)).toBe('optimal')
    expect(stateForScore(1.1)).toBe('high')
    expect(stateForScore(0.8, 'high')).toBe('high')
    expect(stateForScore(0.6, 'high')).toBe('optimal')
    expect(stateForScore(-0.8, 'low')).toBe('low')
    expect(stateForScore(-0.6, 'low')).toBe('optimal')
    expect(stateForScore(-1.2, 'high')).toBe('low')
  })

  it('a score wandering around the threshold does not make the live state flicker', () => {
    const tracker = new ArousalTracker()
    const states: string[] = []
    // HR oscillating so the score swings 0.8 .. 1.2 around the 1.0 threshold.
    for (let i = 0; i < 40; i++) {
      const score = 1 - 0.2 * Math.cos(i)
      const hr = 70 + (score * 0.85 * 4) / 0.45
      states.push(tracker.update(input(hr, 40), personal).state)
    }
    const changes = states.filter((s, i) => i > 0 && s !== states[i - 1]).length
    expect(states).toContain('high')
    expect(changes).toBe(1) // optimal -> high once, then held
    // Without hysteresis the same scores would have flipped many times.
    const naive = Array.from({ length: 40 }, (_, i) => stateForScore(1 - 0.2 * Math.cos(i)))
    expect(naive.filter((s, i) => i > 0 && s !== naive[i - 1]).length).toBeGreaterThan(5)
  })
})
