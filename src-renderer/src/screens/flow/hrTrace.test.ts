import { describe, expect, it } from 'vitest'
import { sighPattern } from '../../../../src-main/shared/breathing'
import { HrTrace, shadeKind } from './hrTrace'

describe('HrTrace', () => {
  it('keeps a sliding window and maps HR to the box (higher HR is higher up)', () => {
    const trace = new HrTrace(10_000)
    trace.push(0, 60)
    trace.push(5_000, 80)
    trace.push(12_000, 70)
    trace.push(13_000, Number.NaN)
    expect(trace.points.map((p) => p.tMs)).toEqual([5_000, 12_000])
    const g = trace.geometry(sighPattern(), 12_000, 100, 50)
    expect(g.minBpm).toBe(70)
    expect(g.maxBpm).toBe(80)
    expect(g.points).toBe('30.0,0.0 100.0,50.0')
  })

  it('shades the pacer phases that have passed, by kind', () => {
    const trace = new HrTrace(60_000)
    const g = trace.geometry(sighPattern(2000, 1000, 6000), 10_000, 600, 100)
    expect(g.shades.map((s) => s.kind)).toEqual(['in', 'in', 'out', 'in'])
    expect(g.shades[0]).toEqual({ x: 0, width: 20, kind: 'in' })
    expect(g.shades.at(-1)!.width).toBeCloseTo(10)
    expect(shadeKind('hold-empty')).toBe('hold')
  })
})
