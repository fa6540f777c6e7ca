/**
 * The simulated person's response to the issue-16 protocols (the breathing each protocol makes
 * them do: shared/protocols.ts simulatedBreathing): panoramic vision calms an anxious person,
 * energising breathing lifts a flat one, NSDR's slow breathing calms the anxious and leaves a
 * tired person's set point alone, and sitting quietly is only the natural drift - slower than
 * any practice, from either side, at the person's own breathing rate.
 */
import { describe, expect, it } from 'vitest'
import { simulatedBreathing } from '../../shared/protocols'
import { NATURAL_DRIFT_FACTOR, PRACTICE_TARGET_AROUSAL, SimulatedHeart } from './simulatedHeart'

function run(heart: SimulatedHeart, seconds: number): number[] {
  const rr: number[] = []
  const until = heart.elapsedMs + seconds * 1000
  while (heart.elapsedMs < until) {
    const b = heart.nextBeat()
    if (!b.artifact) rr.push(b.rrMs)
  }
  return rr
}

const person = (arousal: number, seed = 3) =>
  new SimulatedHeart({ seed, arousal, practiceTauS: 60, ectopicProbability: 0, missedProbability: 0 })

describe('the simulated person and the new protocols', () => {
  it('panoramic vision brings an anxious person toward the band; it does not flatten a calm one', () => {
    const anxious = person(0.9)
    anxious.followPattern(simulatedBreathing('panoramic-vision'))
    run(anxious, 120)
    expect(anxious.currentArousal).toBeLessThan(0.75)
    expect(anxious.currentArousal).toBeGreaterThan(PRACTICE_TARGET_AROUSAL)
    const calm = person(0.3)
    calm.followPattern(simulatedBreathing('panoramic-vision'))
    run(calm, 120)
    expect(calm.currentArousal).toBeCloseTo(0.3, 5)
  })

  it('energising breathing lifts a flat person and leaves an anxious one where they are', () => {
    const flat = person(0.15)
    flat.followPattern(simulatedBreathing('energising-inhale'))
    run(flat, 150)
    expect(flat.currentArousal).toBeGreaterThan(0.3)
    const anxious = person(0.85)
    anxious.followPattern(simulatedBreathing('energising-inhale'))
    run(anxious, 150)
    expect(anxious.currentArousal).toBeCloseTo(0.85, 5)
  })

  it("NSDR calms an anxious person and leaves a tired person's set point alone", () => {
    const anxious = person(0.9)
    anxious.followPattern(simulatedBreathing('nsdr'))
    run(anxious, 300)
    expect(anxious.currentArousal).toBeLessThan(0.6)
    const tired = person(0.2)
    tired.followPattern(simulatedBreathing('nsdr'))
    run(tired, 300)
    expect(tired.currentArousal).toBeCloseTo(0.2, 5)
  })

  it('sitting quietly drifts toward the centre from either side, slower than a practice', () => {
    const sitting = person(0.9)
    sitting.followPattern(simulatedBreathing('sit-quietly'))
    const panoramic = person(0.9)
    panoramic.followPattern(simulatedBreathing('panoramic-vision'))
    run(sitting, 120)
    run(panoramic, 120)
    const drift = 0.9 - sitting.currentArousal
    const practice = 0.9 - panoramic.currentArousal
    expect(drift).toBeGreaterThan(0.01)
    // A time constant NATURAL_DRIFT_FACTOR times the practice's: at two minutes a practice has
    // moved the person more than twice as far (1 - e^-2 against 1 - e^-0.5, before the lag).
    expect(drift).toBeLessThan(0.2)
    expect(practice).toBeGreaterThan((NATURAL_DRIFT_FACTOR / 2) * drift)
    const tired = person(0.1)
    tired.followPattern(simulatedBreathing('sit-quietly'))
    run(tired, 120)
    // Up by about as much as the anxious person came down: the same drift from the other side.
    expect(tired.currentArousal - 0.1).toBeGreaterThan(0.7 * drift)
    expect(tired.currentArousal - 0.1).toBeLessThan(1.3 * drift)
  })

  it('sitting quietly is not paced: the person breathes at their own rate, not a slow one', () => {
    const sitting = person(0.8)
    sitting.followPattern(simulatedBreathing('sit-quietly'))
    run(sitting, 30)
    // Breaths in the next minute of the lung volume a chest sensor would measure.
    const from = sitting.elapsedMs
    let breaths = 0
    let below = sitting.lungAt(from) < 0.35
    for (let t = from; t < from + 60_000; t += 50) {
      const v = sitting.lungAt(t)
      if (below && v >= 0.35) breaths++
      below = v < 0.35
    }
    // Their own rate at arousal ~0.8 is ~18/min; the chart pattern's 12/min would be a slowing practice.
    expect(breaths).toBeGreaterThanOrEqual(16)
    const paced = person(0.8)
    paced.followPattern(simulatedBreathing('nsdr'))
    expect(paced.lungAt(paced.elapsedMs + 4000)).toBeCloseTo(1, 6) // NSDR is paced: full at 4 s
  })

  it('without any pattern (a check-in) there is no drift', () => {
    const still = person(0.9)
    run(still, 300)
    expect(still.currentArousal).toBeCloseTo(0.9, 9)
  })
})
