import { describe, expect, it } from 'vitest'
import {
  addMeasurement,
  baselineStats,
  baselineSummary,
  BASELINE_WINDOW,
  emptyBaselineFile,
  isRestingMeasurement,
  MAX_STORED_MEASUREMENTS,
  parseBaselineFile,
  POPULATION_BASELINE,
  PRIOR_SD,
  PRIOR_WEIGHT,
  SD_FLOOR,
  type RestingMeasurement
} from './baseline'

const m = (
  hrBpm: number,
  rmssdMs: number,
  respRateBpm: number | null = null,
  day = 1
): RestingMeasurement => ({
  endedUtc: `2026-01-${String(day).padStart(2, '0')}T08:00:00.000Z`,
  kind: 'baseline',
  hrBpm,
  lnRmssd: Math.log(rmssdMs),
  respRateBpm
})

describe('baselineStats', () => {
  it('falls back to the documented population values without measurements', () => {
    const s = baselineStats([])
    expect(s).toEqual(POPULATION_BASELINE)
    expect(s.source).toBe('population')
    expect(s.hrBpm).toBe(65)
    expect(Math.exp(s.lnRmssd)).toBeCloseTo(42, 6)
    expect(baselineSummary(s)).toMatchObject({ source: 'population', measurements: 0, updatedUtc: null })
  })

  it('one measurement gives a personal mean with the prior spread', () => {
    const s = baselineStats([m(72, 35, 14)])
    expect(s.source).toBe('personal')
    expect(s.hrBpm).toBe(72)
    expect(s.lnRmssd).toBeCloseTo(Math.log(35), 9)
    expect(s.hrSdBpm).toBe(PRIOR_SD.hrBpm)
    expect(s.lnRmssdSd).toBe(PRIOR_SD.lnRmssd)
    // Breathing: the population band (PERSONAL_RESP_BASELINE is off, see baseline.ts).
    expect(s.respRateBpm).toBe(POPULATION_BASELINE.respRateBpm)
    expect(baselineSummary(s).rmssdMs).toBeCloseTo(35, 6)
  })

  it('pools the observed spread with the prior, as documented', () => {
    const hrs = [60, 64, 68, 72]
    const s = baselineStats(hrs.map((hr, i) => m(hr, 40, null, i + 1)))
    const mean = 66
    const s2 = hrs.reduce((a, x) => a + (x - mean) ** 2, 0) / 3
    const expected = Math.sqrt((PRIOR_WEIGHT * PRIOR_SD.hrBpm ** 2 + 3 * s2) / (PRIOR_WEIGHT + 3))
    expect(s.hrBpm).toBe(mean)
    expect(s.hrSdBpm).toBeCloseTo(expected, 9)
    // Identical RMSSDs: the pooled spread shrinks toward the floor but never below it.
    expect(s.lnRmssdSd).toBeGreaterThanOrEqual(SD_FLOOR.lnRmssd)
    expect(s.respRateBpm).toBe(POPULATION_BASELINE.respRateBpm)
  })

  it('averages only the last BASELINE_WINDOW measurements but counts all', () => {
    const list: RestingMeasurement[] = []
    for (let i = 0; i < 5; i++) list.push(m(90, 20, null, i + 1))
    for (let i = 0; i < BASELINE_WINDOW; i++) list.push(m(60, 60, null, i + 6))
    const s = baselineStats(list)
    expect(s.hrBpm).toBe(60)
    expect(s.measurements).toBe(15)
    expect(s.updatedUtc).toBe(list[list.length - 1]!.endedUtc)
  })
})

describe('baseline file', () => {
  it('keeps at most MAX_STORED_MEASUREMENTS, oldest dropped', () => {
    let f = emptyBaselineFile()
    for (let i = 0; i < MAX_STORED_MEASUREMENTS + 5; i++)
      f = addMeasurement(f, m(60 + (i % 10), 40, null, (i % 28) + 1))
    expect(f.measurements).toHaveLength(MAX_STORED_MEASUREMENTS)
    expect(f.measurements[0]!.hrBpm).toBe(65)
  })

  it('round-trips through JSON and rejects damaged content with a reason', () => {
    const f = addMeasurement(emptyBaselineFile(), m(70, 40, 15))
    expect(parseBaselineFile(JSON.parse(JSON.stringify(f)))).toEqual(f)
    expect(() => parseBaselineFile([])).toThrow(/object/)
    expect(() => parseBaselineFile({ version: 2, measurements: [] })).toThrow(/version/)
    expect(() => parseBaselineFile({ version: 1, measurements: {} })).toThrow(/list/)
    expect(() =>
      parseBaselineFile({ version: 1, measurements: [{ ...f.measurements[0], hrBpm: 'fast' }] })
    ).toThrow(/measurement 1: bad hrBpm/)
    expect(() =>
      parseBaselineFile({ version: 1, measurements: [{ ...f.measurements[0], endedUtc: 'yesterday' }] })
    ).toThrow(/endedUtc/)
  })
})

describe('isRestingMeasurement', () => {
  const base = { hrBpm: 70, lnRmssd: 3.6, usable: true }
  it('takes usable baselines, calm confident check-ins, never re-checks or unusable ones', () => {
    expect(isRestingMeasurement({ ...base, kind: 'baseline', arousal: null })).toBe(true)
    expect(isRestingMeasurement({ ...base, kind: 'baseline', usable: false, arousal: null })).toBe(false)
    expect(
      isRestingMeasurement({ ...base, kind: 'check-in', arousal: { state: 'optimal', confidence: 0.8 } })
    ).toBe(true)
    expect(
      isRestingMeasurement({ ...base, kind: 'check-in', arousal: { state: 'high', confidence: 0.8 } })
    ).toBe(false)
    expect(
      isRestingMeasurement({ ...base, kind: 'check-in', arousal: { state: 'optimal', confidence: 0.3 } })
    ).toBe(false)
    expect(
      isRestingMeasurement({ ...base, kind: 're-check', arousal: { state: 'optimal', confidence: 1 } })
    ).toBe(false)
  })
})
