import { describe, expect, it } from 'vitest'
import { phaseAt, phasePlan, phaseSpans } from './phases'

const MIN = 60_000

describe('phase plan', () => {
  it('90 min: 10 min warm-up, 60 min deep focus, last 20 min error-rich', () => {
    expect(phasePlan(90 * MIN)).toEqual({ blockMs: 90 * MIN, focusFromMs: 10 * MIN, errorsFromMs: 70 * MIN })
    expect(phaseAt(0, 90 * MIN)).toBe('warmup')
    expect(phaseAt(10 * MIN - 1, 90 * MIN)).toBe('warmup')
    expect(phaseAt(10 * MIN, 90 * MIN)).toBe('focus')
    expect(phaseAt(70 * MIN - 1, 90 * MIN)).toBe('focus')
    expect(phaseAt(70 * MIN, 90 * MIN)).toBe('errors')
    expect(phaseAt(90 * MIN - 1, 90 * MIN)).toBe('errors')
    expect(phaseAt(90 * MIN, 90 * MIN)).toBe('done')
  })

  it('120 min: warm-up stays at 10 min, error window grows but stays within 7-30 min', () => {
    const p = phasePlan(120 * MIN)
    expect(p.focusFromMs).toBe(10 * MIN)
    const errors = 120 * MIN - p.errorsFromMs
    expect(errors).toBeGreaterThan(20 * MIN)
    expect(errors).toBeLessThanOrEqual(30 * MIN)
  })

  it('30 min: the error window is at least 7 min, warm-up scales down', () => {
    const p = phasePlan(30 * MIN)
    expect(30 * MIN - p.errorsFromMs).toBe(7 * MIN)
    expect(p.focusFromMs).toBeCloseTo((30 * MIN) / 9)
  })

  it('every length from 1 to 120 min keeps three ordered, non-empty phases covering the block', () => {
    for (let m = 1; m <= 120; m++) {
      const spans = phaseSpans(m * MIN)
      expect(spans.map((s) => s.phase)).toEqual(['warmup', 'focus', 'errors'])
      expect(spans[0]!.fromMs).toBe(0)
      expect(spans[2]!.toMs).toBe(m * MIN)
      for (let i = 0; i < 3; i++)
        expect(spans[i]!.toMs, `${m} min, span ${i}`).toBeGreaterThan(spans[i]!.fromMs)
      expect(spans[1]!.fromMs).toBe(spans[0]!.toMs)
      expect(spans[2]!.fromMs).toBe(spans[1]!.toMs)
      const errors = spans[2]!.toMs - spans[2]!.fromMs
      expect(errors).toBeLessThanOrEqual(Math.min(30 * MIN, (m * MIN) / 3) + 1e-6)
      if (m >= 21) expect(errors).toBeGreaterThanOrEqual(7 * MIN - 1e-6)
      expect(spans[0]!.toMs).toBeLessThanOrEqual(10 * MIN)
    }
  })

  it('1 min (test setting): the phases scale with the block', () => {
    expect(phaseAt(5_000, MIN)).toBe('warmup')
    expect(phaseAt(30_000, MIN)).toBe('focus')
    expect(phaseAt(50_000, MIN)).toBe('errors')
    expect(phaseAt(60_000, MIN)).toBe('done')
  })

  it('a quarter minute (the shortest the settings allow) still has three phases', () => {
    const spans = phaseSpans(MIN / 4)
    expect(spans.map((s) => s.toMs > s.fromMs)).toEqual([true, true, true])
    expect(phaseAt(1_000, MIN / 4)).toBe('warmup')
    expect(phaseAt(5_000, MIN / 4)).toBe('focus')
    expect(phaseAt(12_000, MIN / 4)).toBe('errors')
    expect(phaseAt(15_000, MIN / 4)).toBe('done')
  })

  it('clamps time outside the block', () => {
    expect(phaseAt(-5_000, 90 * MIN)).toBe('warmup')
    expect(phaseAt(500 * MIN, 90 * MIN)).toBe('done')
  })
})
