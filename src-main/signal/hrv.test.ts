import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { hrvMetrics } from './hrv'
import { parseRrText } from './rrFile'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const sharedDir = join(root, '../shared/data/rr')
const fixturesDir = join(root, 'resources/fixtures/rr')

/** Reference values from ../shared/data/README.md (hrv-analysis / pyhrv / systole, raw data). */
const REFERENCE = {
  'pyhrv_SampleNNISeriesShort.txt': {
    meanRrMs: 888.9555,
    meanHrBpm: 68.2153,
    sdnnMs: 95.6904,
    rmssdMs: 101.3006,
    pnn50Pct: 48.5119
  },
  'rhenanbartels-hrv_rest_rri.txt': {
    meanRrMs: 1058.7187,
    meanHrBpm: 56.8528,
    sdnnMs: 57.8182,
    rmssdMs: 55.1374,
    pnn50Pct: 35.3135
  },
  'rhenanbartels-hrv_noisy_rri.txt': {
    meanRrMs: 671.0458,
    meanHrBpm: 90.9081,
    sdnnMs: 95.0306,
    rmssdMs: 58.6604,
    pnn50Pct: 14.4413
  }
} as const

function expectWithin(actual: number, expected: number, relative: number): void {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(relative)
}

describe.each([
  { source: '../shared/data/rr', dir: sharedDir },
  { source: 'resources/fixtures/rr (BSD-3 copies)', dir: fixturesDir }
])('hrvMetrics on the reference recordings in $source', ({ dir }) => {
  describe.skipIf(!existsSync(dir))('raw values equal the established packages to 0.1 %', () => {
    for (const [file, ref] of Object.entries(REFERENCE)) {
      it(file, () => {
        const { rrMs } = parseRrText(readFileSync(join(dir, file), 'utf8'), file)
        const m = hrvMetrics(rrMs)
        for (const key of Object.keys(ref) as (keyof typeof ref)[]) expectWithin(m[key], ref[key], 0.001)
        expect(m.lnRmssd).toBeCloseTo(Math.log(ref.rmssdMs), 3)
        // Poincaré identities: SD1² = RMSSD²/2 up to the mean-difference term; SD1² + SD2² = 2·SDNN².
        expect(m.sd1Ms ** 2 + m.sd2Ms ** 2).toBeCloseTo(2 * m.sdnnMs ** 2, 6)
        expectWithin(m.sd1Ms, m.rmssdMs / Math.SQRT2, 0.01)
        expect(m.stressIndex).toBeGreaterThan(0)
      })
    }
  })
})

describe('hrvMetrics by hand', () => {
  it('computes every metric on a five-beat series worked out on paper', () => {
    // RR 800 900 850 950 1000: mean 900, deviations² sum 25000 -> SDNN = sqrt(6250);
    // diffs 100 -50 100 50 -> RMSSD = sqrt(25000/4); two of four > 50 ms -> pNN50 50 %;
    // Var(diff) = (25000 - 4·50²)/3 = 5000 -> SD1 = 50, SD2 = sqrt(2·6250 - 2500) = 100;
    // 50 ms bins 16,18,17,19,20 all hold one beat -> modal bin 16 (tie -> shortest), Mo 0.825 s,
    // AMo 20 %, MxDMn 0.2 s -> SI = 20 / (2·0.825·0.2).
    const m = hrvMetrics([800, 900, 850, 950, 1000])
    expect(m.beats).toBe(5)
    expect(m.meanRrMs).toBe(900)
    expect(m.meanHrBpm).toBeCloseTo((75 + 60000 / 900 + 60000 / 850 + 60000 / 950 + 60) / 5, 10)
    expect(m.sdnnMs).toBeCloseTo(Math.sqrt(6250), 10)
    expect(m.rmssdMs).toBeCloseTo(Math.sqrt(6250), 10)
    expect(m.lnRmssd).toBeCloseTo(Math.log(Math.sqrt(6250)), 10)
    expect(m.pnn50Pct).toBe(50)
    expect(m.sd1Ms).toBeCloseTo(50, 10)
    expect(m.sd2Ms).toBeCloseTo(100, 10)
    expect(m.stressIndex).toBeCloseTo(20 / (2 * 0.825 * 0.2), 10)
  })

  it('stress index follows the modal bin: AMo 60 %, Mo 1.025 s, MxDMn 0.21 s', () => {
    const m = hrvMetrics([1000, 1010, 1020, 990, 1200])
    expect(m.stressIndex).toBeCloseTo(60 / (2 * 1.025 * 0.21), 10)
  })

  it('mean HR is the mean of 60000/RR, not 60000/mean RR', () => {
    const m = hrvMetrics([500, 1000, 1500])
    expect(m.meanHrBpm).toBeCloseTo((120 + 60 + 40) / 3, 10)
    expect(60000 / m.meanRrMs).toBe(60)
  })

  it('pNN50 counts only differences strictly above 50 ms', () => {
    expect(hrvMetrics([800, 850, 900, 951]).pnn50Pct).toBeCloseTo(100 / 3, 10)
  })

  it('refuses fewer than 3 intervals and non-positive intervals with a clear message', () => {
    expect(() => hrvMetrics([800, 810])).toThrow(/at least 3 RR intervals \(got 2\)/)
    expect(() => hrvMetrics([])).toThrow(/got 0/)
    expect(() => hrvMetrics([800, 0, 810])).toThrow(/RR interval 1 is 0 ms/)
    expect(() => hrvMetrics([800, NaN, 810])).toThrow(/RR interval 1 is NaN/)
  })

  it('reports NaN stress index when all intervals are equal (MxDMn = 0)', () => {
    const m = hrvMetrics([900, 900, 900, 900])
    expect(m.stressIndex).toBeNaN()
    expect(m.rmssdMs).toBe(0)
    expect(m.sdnnMs).toBe(0)
  })
})
