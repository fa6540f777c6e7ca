import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { POPULATION_BASELINE, PRIOR_SD, PRIOR_WEIGHT, SD_FLOOR, type RestingMeasurement } from './baseline'
import {
  CALIBRATION_RULE,
  calibratedBaseline,
  calibrationStatus,
  HALF_LIFE_DAYS,
  localDay,
  MAD_TO_SD,
  recencyWeight,
  robustStat,
  weightedMedian
} from './calibration'
import { estimateArousal } from './arousal'

const DAY = 86_400_000
const NOW = Date.parse('2026-03-20T12:00:00.000Z')

/** A resting reading `daysAgo` days (and `hoursAgo` hours) before NOW. */
const reading = (daysAgo: number, hrBpm = 70, rmssdMs = 45, hoursAgo = 0): RestingMeasurement => ({
  endedUtc: new Date(NOW - daysAgo * DAY - hoursAgo * 3_600_000).toISOString(),
  kind: 'baseline',
  hrBpm,
  lnRmssd: Math.log(rmssdMs),
  respRateBpm: 14
})

describe('calibrationStatus', () => {
  it('counts readings and local days toward 5 readings on 3 days', () => {
    const two = [reading(1), reading(0)]
    expect(calibrationStatus(two, { nowMs: NOW })).toEqual({
      ready: false,
      readings: 2,
      readingsNeeded: 5,
      days: 2,
      daysNeeded: 3
    })
    // Five readings on two days: not ready (the spread needs day-to-day variation).
    const fiveOnTwoDays = [
      reading(1, 70, 45, 1),
      reading(1, 70, 45, 2),
      reading(1),
      reading(0),
      reading(0, 70, 45, 1)
    ]
    expect(calibrationStatus(fiveOnTwoDays, { nowMs: NOW })).toMatchObject({
      ready: false,
      readings: 5,
      days: 2
    })
    // A third day makes it ready.
    expect(calibrationStatus([...fiveOnTwoDays, reading(2)], { nowMs: NOW })).toMatchObject({
      ready: true,
      readings: 6,
      days: 3
    })
  })

  it('uses local calendar days: two Beijing mornings/evenings on one local day count once', () => {
    // 2026-03-18 07:00 and 20:00 in UTC+8 are 2026-03-17T23:00Z and 2026-03-18T12:00Z.
    const a: RestingMeasurement = { ...reading(0), endedUtc: '2026-03-17T23:00:00.000Z' }
    const b: RestingMeasurement = { ...reading(0), endedUtc: '2026-03-18T12:00:00.000Z' }
    expect(calibrationStatus([a, b], { nowMs: NOW }).days).toBe(2)
    expect(calibrationStatus([a, b], { nowMs: NOW, utcOffsetMin: 480 }).days).toBe(1)
    expect(localDay(a.endedUtc, 480)).toBe('2026-03-18')
  })

  it('ignores re-checks, readings older than 60 days and readings from the future', () => {
    const ms = [
      reading(CALIBRATION_RULE.maxAgeDays + 1),
      { ...reading(3), kind: 're-check' as const },
      reading(-2),
      reading(1)
    ]
    expect(calibrationStatus(ms, { nowMs: NOW })).toMatchObject({ readings: 1, days: 1 })
  })
})

describe('weightedMedian and robustStat', () => {
  it('equal weights give the ordinary median', () => {
    expect(weightedMedian([3, 1, 2], [1, 1, 1])).toBe(2)
    expect(weightedMedian([4, 1, 3, 2], [1, 1, 1, 1])).toBe(2.5)
  })

  it('a heavy weight pulls the median to its value', () => {
    expect(weightedMedian([1, 2, 3, 100], [1, 1, 1, 10])).toBe(100)
  })

  it('rejects empty, mismatched or non-positive weights', () => {
    expect(() => weightedMedian([], [])).toThrow(/non-empty/)
    expect(() => weightedMedian([1], [1, 2])).toThrow(/matching/)
    expect(() => weightedMedian([1, 2], [1, 0])).toThrow(/positive/)
  })

  it('median lies between min and max for any data (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -1e3, max: 1e3, noNaN: true }),
            fc.double({ min: 0.01, max: 10, noNaN: true })
          ),
          {
            minLength: 1,
            maxLength: 30
          }
        ),
        (pairs) => {
          const v = pairs.map((p) => p[0])
          const med = weightedMedian(
            v,
            pairs.map((p) => p[1])
          )
          return med >= Math.min(...v) && med <= Math.max(...v)
        }
      )
    )
  })

  it('one outlier moves neither the centre nor the spread much (unlike mean and SD)', () => {
    const calm = [62, 63, 64, 65, 66, 64, 63]
    const withIll = [...calm, 95]
    const w = withIll.map(() => 1)
    const s = robustStat(withIll, w, PRIOR_SD.hrBpm, SD_FLOOR.hrBpm)
    expect(s.centre).toBe(64)
    // MAD of the 8 values is 1 -> 1.48 bpm, pooled with the 4 bpm prior worth 3 readings over nEff - 1 = 7.
    const expected = Math.sqrt((PRIOR_WEIGHT * 16 + 7 * (MAD_TO_SD * 1) ** 2) / (PRIOR_WEIGHT + 7))
    expect(s.sd).toBeCloseTo(Math.max(expected, SD_FLOOR.hrBpm), 9)
    expect(s.nEff).toBe(8)
  })

  it('readings that agree perfectly still keep the floor spread', () => {
    const s = robustStat([3.8, 3.8, 3.8, 3.8, 3.8], [1, 1, 1, 1, 1], PRIOR_SD.lnRmssd, SD_FLOOR.lnRmssd)
    expect(s.sd).toBeGreaterThanOrEqual(SD_FLOOR.lnRmssd)
    expect(s.sd).toBeCloseTo(Math.sqrt((PRIOR_WEIGHT * PRIOR_SD.lnRmssd ** 2) / (PRIOR_WEIGHT + 4)), 9)
  })
})

describe('recencyWeight', () => {
  it('halves every HALF_LIFE_DAYS', () => {
    expect(recencyWeight(0)).toBe(1)
    expect(recencyWeight(HALF_LIFE_DAYS)).toBeCloseTo(0.5, 12)
    expect(recencyWeight(2 * HALF_LIFE_DAYS)).toBeCloseTo(0.25, 12)
  })
})

describe('calibratedBaseline', () => {
  it('is the population baseline, with the reading count, until ready', () => {
    const b = calibratedBaseline([reading(2, 50, 90), reading(1, 50, 90)], { nowMs: NOW })
    expect(b.status.ready).toBe(false)
    expect(b.stats).toEqual({ ...POPULATION_BASELINE, measurements: 2 })
    expect(b.resp).toBeNull()
  })

  it('once ready is personal, from the weighted median, and composes with estimateArousal', () => {
    const week = [0, 1, 2, 3, 4, 5, 6].map((d, i) => reading(d, 52 + (i % 3), 85 + i))
    const b = calibratedBaseline(week, { nowMs: NOW })
    expect(b.status).toMatchObject({ ready: true, readings: 7, days: 7 })
    expect(b.stats.source).toBe('personal')
    expect(b.stats.hrBpm).toBeGreaterThanOrEqual(52)
    expect(b.stats.hrBpm).toBeLessThanOrEqual(54)
    expect(Math.exp(b.stats.lnRmssd)).toBeGreaterThan(85)
    expect(Math.exp(b.stats.lnRmssd)).toBeLessThan(92)
    expect(b.resp?.centre).toBe(14)
    // An athlete with resting HR 53: a reading of HR 53 / RMSSD 88 is their normal, not "under-aroused"
    // as population norms (65 bpm, 42 ms) would call it.
    const input = { hrBpm: 53, lnRmssd: Math.log(88), cleanS: 90, artifactRate: 0 }
    expect(estimateArousal(input, b.stats).state).toBe('optimal')
    expect(estimateArousal(input, POPULATION_BASELINE).state).toBe('low')
  })

  it('weights recent readings more: a recent week outweighs readings six weeks old', () => {
    const old = [40, 41, 42, 43, 44, 45, 46].map((d) => reading(d, 75))
    const recent = [0, 1, 2, 3, 4].map((d) => reading(d, 60))
    const b = calibratedBaseline([...old, ...recent], { nowMs: NOW })
    // 7 old readings (weights ~0.1-0.14) against 5 recent ones (weights ~0.8-1): the recent normal wins.
    expect(b.stats.hrBpm).toBe(60)
    expect(b.stats.updatedUtc).toBe(reading(0).endedUtc)
  })
})
