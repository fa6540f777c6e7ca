import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  hrBpmFromRrMs,
  hrBpmOrNull,
  periodMsFromPerMinute,
  perMinuteFromPeriodMs,
  rrMsFromHrBpm
} from './perMinute'

describe('perMinute', () => {
  it('converts known RR intervals to heart rates', () => {
    expect(hrBpmFromRrMs(1000)).toBe(60)
    expect(hrBpmFromRrMs(800)).toBe(75)
    expect(hrBpmFromRrMs(500)).toBe(120)
    expect(rrMsFromHrBpm(60)).toBe(1000)
    expect(rrMsFromHrBpm(75)).toBe(800)
  })

  it('gives a breathing rate from its cycle: a 10 s cycle is 6 breaths a minute', () => {
    expect(perMinuteFromPeriodMs(10_000)).toBe(6)
    expect(periodMsFromPerMinute(6)).toBe(10_000)
  })

  it('is bit-identical to the inline 60000 / x it replaces', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 5000, noNaN: true }), (x) => {
        expect(Object.is(hrBpmFromRrMs(x), 60000 / x)).toBe(true)
        expect(Object.is(rrMsFromHrBpm(x), 60000 / x)).toBe(true)
      })
    )
  })

  it('round-trips within one rounding step', () => {
    fc.assert(
      fc.property(fc.double({ min: 200, max: 3000, noNaN: true }), (rrMs) => {
        expect(Math.abs(rrMsFromHrBpm(hrBpmFromRrMs(rrMs)) - rrMs)).toBeLessThanOrEqual(
          rrMs * 4 * Number.EPSILON
        )
      })
    )
  })

  it('hrBpmOrNull skips intervals that are not positive and converts the rest', () => {
    expect(hrBpmOrNull(0)).toBeNull()
    expect(hrBpmOrNull(-5)).toBeNull()
    expect(hrBpmOrNull(NaN)).toBeNull()
    expect(hrBpmOrNull(1200)).toBe(50)
  })

  it('plain conversion leaves zero and NaN to the caller', () => {
    expect(hrBpmFromRrMs(0)).toBe(Infinity)
    expect(hrBpmFromRrMs(NaN)).toBeNaN()
  })
})
