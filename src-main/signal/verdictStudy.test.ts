/**
 * Issue 15, item 6: the verdicts measured on simulated people (fixed seeds; the bench runs more:
 * `npm run bench -- verdict`). The RR series come from the seeded SimulatedHeart and go through
 * the real cleaning, HRV, calibration and verdict code - see bench/verdictStudy.ts.
 */
import { describe, expect, it } from 'vitest'
import {
  restingArousalOnDay,
  simulateBeats,
  simulatedPerson,
  STATE_OFFSET
} from '../devices/sim/simulatedPeople'
import { runRecheckStudy, runStateStudy } from '../../bench/verdictStudy'
import { measureWindow } from './windowMeasure'

describe('simulated people', () => {
  it('are repeatable by seed and order wired > calm > flat in HR', () => {
    const p = simulatedPerson(5)
    expect(simulatedPerson(5)).toEqual(p)
    expect(restingArousalOnDay(p, 3)).toBe(restingArousalOnDay(p, 3))
    expect(simulateBeats(9, 0.5, 30)).toEqual(simulateBeats(9, 0.5, 30))
    const hr = (offset: number): number =>
      measureWindow([simulateBeats(9, p.restingArousal + offset, 90)], 15_000).hrBpm!
    expect(hr(STATE_OFFSET.wired)).toBeGreaterThan(hr(STATE_OFFSET.calm) + 5)
    expect(hr(STATE_OFFSET.calm)).toBeGreaterThan(hr(STATE_OFFSET.flat) + 5)
  })
})

describe('verdicts on simulated people after a calibration week', () => {
  it('the state verdict is right in >= 95 % and never firmly wrong; against population norms never firm', () => {
    const s = runStateStudy(15)
    expect(s.runs).toBe(45)
    expect(s.right / s.runs).toBeGreaterThanOrEqual(0.95)
    expect(s.firmlyWrong).toBe(0)
    expect(s.firm).toBeGreaterThan(0) // firm verdicts do happen once calibrated
    expect(s.populationFirm).toBe(0)
    // The stopping rule ended every check-in with enough data, none longer than its limit.
    expect(s.stopReasons).toEqual({ enough: 45 })
    expect(Math.max(...s.lengthsS)).toBeLessThanOrEqual(180)
  })

  it('the re-check detects a real change in >= 90 % and calls no-change "toward" in <= 5 %', () => {
    const r = runRecheckStudy(30)
    const n = (t: Partial<Record<string, number>>): number =>
      Object.values(t).reduce((a, b) => a! + (b ?? 0), 0)!
    // The simulated change is the one asked for: HR about -6 bpm, RMSSD up by a quarter or more.
    expect(r.meanDHrBpm).toBeGreaterThan(-7.5)
    expect(r.meanDHrBpm).toBeLessThan(-4.5)
    expect(r.meanDRmssdPct).toBeGreaterThan(20)
    expect((r.change.toward ?? 0) / n(r.change)).toBeGreaterThanOrEqual(0.9)
    expect((r.noChange.toward ?? 0) / n(r.noChange)).toBeLessThanOrEqual(0.05)
    // After super-oxygenation from a flat start, the rise is the expected direction.
    expect((r.energized.toward ?? 0) / n(r.energized)).toBeGreaterThanOrEqual(0.9)
    expect(r.energized.away ?? 0).toBe(0)
  })
})
