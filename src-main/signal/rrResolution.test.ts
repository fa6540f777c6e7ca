import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { analyzeRr } from '../cli/commands/analyze'
import { hrvMetrics } from './hrv'
import { cleanRr } from './rrCleaning'
import { detectResolution, resolutionThresholdFloorMs, resolutionWarning } from './rrResolution'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const SHARED = '/work/shared/data/rr'
const read = (path: string): number[] =>
  readFileSync(path, 'utf8')
    .trim()
    .split(/\s+/)
    .map(Number)
    .map((v) => (v < 10 ? v * 1000 : v))

/** What a recorder sampling at 1000/stepMs Hz writes: beat times rounded to the step, whole ms. */
function quantise(rrMs: number[], stepMs: number): number[] {
  let t = 0
  let prev = 0
  return rrMs.map((rr) => {
    t += rr
    const q = Math.round(t / stepMs) * stepMs
    const out = Math.round(q - prev)
    prev = q
    return out
  })
}

const flags = (c: ReturnType<typeof cleanRr>): number => Object.values(c.counts).reduce((a, b) => a + b, 0)
const rest = read(join(root, 'resources/fixtures/rr/rhenanbartels-hrv_rest_rri.txt'))

describe('timing resolution', () => {
  it('finds the sampling grid of quantised files, and 1 ms for the real fixtures', () => {
    expect(detectResolution(quantise(rest, 1000 / 128))).toMatchObject({ stepMs: 7.8125, samplingHz: 128 })
    expect(detectResolution(quantise(rest, 10))).toMatchObject({ stepMs: 10, samplingHz: 100 })
    expect(detectResolution(quantise(rest, 4))).toMatchObject({ stepMs: 4 })
    // exact (unrounded) values on the 128 Hz grid, as a file in seconds with 7 decimals has them
    const exact = rest.map((v) => Math.round(v / 7.8125) * 7.8125)
    expect(detectResolution(exact).stepMs).toBe(7.8125)
    expect(detectResolution(rest)).toMatchObject({ stepMs: 1, samplingHz: 1000 })
    // too few values or too few distinct ones fit any grid by chance: unknown
    expect(detectResolution(quantise(rest, 10).slice(0, 10)).stepMs).toBeNull()
    expect(detectResolution(new Array(100).fill(800)).stepMs).toBeNull()
    // values with fractions of a ms not on any candidate grid
    expect(detectResolution(rest.map((v, i) => v + ((i * 0.37) % 1))).stepMs).toBeNull()
  })

  it('floors the thresholds only above 1 ms, and warns only above 4 ms (250 Hz)', () => {
    expect(resolutionThresholdFloorMs(detectResolution(rest))).toBeUndefined()
    expect(resolutionThresholdFloorMs(detectResolution(quantise(rest, 7.8125)))).toBe(31.25)
    expect(resolutionWarning(detectResolution(quantise(rest, 4)), 50)).toBeNull()
    expect(resolutionWarning(detectResolution(quantise(rest, 7.8125)), 16)).toMatch(
      /7\.81 ms \(128 Hz\) is coarser than the 4 ms.*spans only 2\.0 steps/
    )
  })

  it('a clean real file quantised to 7.8125 ms: flags stay near the unquantised count, RMSSD is kept', () => {
    const files = [join(root, 'resources/fixtures/rr/rhenanbartels-hrv_rest_rri.txt')]
    // the recordings where jitter matters most (low variability) are in the shared data set
    for (const f of ['rhenanbartels-hrv_exercise_rri.txt', 'aura-hrvanalysis_test_nn_intervals.txt'])
      if (existsSync(join(SHARED, f))) files.push(join(SHARED, f))
    for (const f of files) {
      const rr = read(f)
      const before = cleanRr(rr)
      for (const step of [1000 / 128, 10]) {
        const q = quantise(rr, step)
        const a = analyzeRr(q.join('\n'), { raw: false, windowS: 0 })
        expect(a.resolution.stepMs, f).toBe(step)
        expect(flags(a.cleaning), f).toBeLessThanOrEqual(Math.max(flags(before) + 5, flags(before) * 1.25))
        expect(a.metrics.rmssdMs / hrvMetrics(before.cleanRrMs).rmssdMs, f).toBeGreaterThan(0.95)
        expect(a.metrics.rmssdMs / hrvMetrics(before.cleanRrMs).rmssdMs, f).toBeLessThan(1.1)
      }
    }
  })

  it.skipIf(!existsSync(join(SHARED, 'rhenanbartels-hrv_exercise_rri.txt')))(
    'without the floor the same quantised file is over-flagged (what the floor fixes)',
    () => {
      const rr = read(join(SHARED, 'rhenanbartels-hrv_exercise_rri.txt'))
      const q = quantise(rr, 10)
      expect(flags(cleanRr(q))).toBeGreaterThan(3 * flags(cleanRr(rr)))
      expect(flags(cleanRr(q, { thresholdFloorMs: 40 }))).toBeLessThanOrEqual(flags(cleanRr(rr)))
    }
  )

  it('analyze reports the resolution; a 1 ms file is cleaned exactly as before', () => {
    const a = analyzeRr(quantise(rest, 7.8125).join('\n'), { raw: false, windowS: 0 })
    expect(a.resolution.stepMs).toBe(7.8125)
    const b = analyzeRr(rest.join('\n'), { raw: false, windowS: 0 })
    expect(b.resolution.stepMs).toBe(1)
    expect(b.cleaning.counts).toEqual(cleanRr(rest).counts)
  })
})
