import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRng } from '../devices/sim/random'
import {
  MAX_RANKED_VALUE,
  slidingStat,
  slidingStatByRank,
  slidingStatSorted,
  type WindowStat
} from './windowStats'

/**
 * The obviously-correct reference: sort each clipped window and interpolate numpy-style (type 7)
 * with the same arithmetic as the implementations, so results must agree to the last bit.
 */
function naive(v: ArrayLike<number>, half: number, stat: WindowStat): number[] {
  const all = Array.from(v)
  return all.map((_, i) => {
    const w = all.slice(Math.max(0, i - half), Math.min(all.length, i + half + 1)).sort((a, b) => a - b)
    const q = (p: number): number => {
      const h = (w.length - 1) * p
      const lo = Math.floor(h)
      return w[lo]! + (h - lo) * (w[Math.min(w.length - 1, lo + 1)]! - w[lo]!)
    }
    return stat === 'qd' ? (q(0.75) - q(0.25)) / 2 : q(0.5)
  })
}

/** The simulator's seeded PRNG (mulberry32), so a failing seed can be replayed. */
const rng = (seed: number): (() => number) => createRng(seed).next

const stats = fc.constantFrom<WindowStat>('qd', 'median')

describe('slidingStat (centred windows, numpy-style quantiles)', () => {
  it('both paths equal sorting each window exactly: whole, half and arbitrary values, ties', () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 8 }),
      fc.integer({ min: 0, max: 3000 }).map((k) => k / 2),
      fc.double({ min: 0, max: 500, noNaN: true })
    )
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 300 }),
        fc.integer({ min: 0, max: 50 }),
        stats,
        (v, half, stat) => {
          const values = Float64Array.from(v)
          const want = naive(values, half, stat)
          expect(Array.from(slidingStat(values, half, stat))).toEqual(want)
          expect(Array.from(slidingStatSorted(values, half, stat))).toEqual(want)
          const byRank = slidingStatByRank(values, half, stat)
          if (byRank) expect(Array.from(byRank)).toEqual(want)
        }
      ),
      { numRuns: 400 }
    )
  })

  it('takes the by-rank path for whole and half values (RR in ms, its differences and medians)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 * MAX_RANKED_VALUE }), { maxLength: 400 }),
        fc.constantFrom(5, 45),
        stats,
        (keys, half, stat) => {
          const values = Float64Array.from(keys, (k) => k / 2)
          const got = slidingStatByRank(values, half, stat)
          expect(got).not.toBeNull()
          expect(Array.from(got!)).toEqual(naive(values, half, stat))
        }
      ),
      { numRuns: 200 }
    )
  })

  it('leaves other values to the sorted window', () => {
    expect(slidingStatByRank(Float64Array.of(800, 812.25, 790), 1, 'median')).toBeNull()
    expect(slidingStatByRank(Float64Array.of(800, MAX_RANKED_VALUE + 0.5), 1, 'median')).toBeNull()
    expect(slidingStatByRank(Float64Array.of(800, -1), 1, 'median')).toBeNull()
    expect(slidingStatByRank(Float64Array.of(800, NaN), 1, 'median')).toBeNull()
    const fractional = Float64Array.of(985.3333333333333, 1001.3333333333334, 992, 1016, 990.6666666666666)
    expect(Array.from(slidingStat(fractional, 1, 'median'))).toEqual(naive(fractional, 1, 'median'))
  })

  it('gives way to the sorted window when the values spread thinly over many ranks', () => {
    // A shuffled 0..19999: every window value a rank of its own, ~220 ranks apart.
    const r = rng(7)
    const keys = Array.from({ length: 20_000 }, (_, i) => i)
    for (let i = keys.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1))
      ;[keys[i], keys[j]] = [keys[j]!, keys[i]!]
    }
    const values = Float64Array.from(keys)
    expect(slidingStatByRank(values, 45, 'qd')).toBeNull()
    expect(Array.from(slidingStat(values, 45, 'qd'))).toEqual(naive(values, 45, 'qd'))
  })

  it('returns a fresh array unless given one (work arrays are reused, results are not)', () => {
    const a = Float64Array.of(800, 810, 790, 805, 820, 800)
    const b = Float64Array.of(600, 900, 700, 650, 640, 610, 620)
    const first = slidingStat(a, 2, 'median')
    const copy = Array.from(first)
    slidingStat(b, 2, 'median')
    slidingStat(Float64Array.of(0.3, 0.7), 2, 'median')
    expect(Array.from(first)).toEqual(copy)
    const out = new Float64Array(a.length)
    expect(slidingStat(a, 2, 'median', out)).toBe(out)
    expect(Array.from(out)).toEqual(copy)
  })

  it('handles empty input', () => {
    expect(slidingStat(new Float64Array(0), 45, 'qd').length).toBe(0)
  })
})
