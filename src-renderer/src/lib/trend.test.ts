// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { trendOf, type Sample } from './trend'

/** One sample a second for `seconds`, value from f(second). */
const series = (seconds: number, f: (s: number) => number | null): Sample[] =>
  Array.from({ length: seconds }, (_, s) => ({ tMs: s * 1000, value: f(s) }))

describe('trendOf', () => {
  it('says up or down when the last 20 s moved past the threshold, steady when not', () => {
    const now = 39_000
    expect(
      trendOf(
        series(40, (s) => (s < 20 ? 30 : 40)),
        now,
        2
      )
    ).toBe('up')
    expect(
      trendOf(
        series(40, (s) => (s < 20 ? 40 : 30)),
        now,
        2
      )
    ).toBe('down')
    expect(
      trendOf(
        series(40, (s) => 35 + (s % 2)),
        now,
        2
      )
    ).toBe('steady')
  })

  it('says nothing without 40 s of history, and skips gaps', () => {
    expect(
      trendOf(
        series(15, () => 30),
        14_000,
        2
      )
    ).toBeNull()
    expect(
      trendOf(
        series(40, (s) => (s < 20 ? null : 30)),
        39_000,
        2
      )
    ).toBeNull()
  })
})
