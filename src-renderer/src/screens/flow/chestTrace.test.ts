import { describe, expect, it } from 'vitest'
import type { BreathPattern } from '../../../../src-main/shared/breathing'
import { ChestTrace } from './chestTrace'

const PACER: BreathPattern = {
  effect: 'calming',
  phases: [
    { name: 'inhale', durationMs: 4000, endVolume: 1 },
    { name: 'exhale', durationMs: 6000, endVolume: 0 }
  ]
}

const ys = (line: string): number[] => line.split(' ').map((p) => Number(p.split(',')[1]))

describe('ChestTrace', () => {
  it('scales the measured breath to the box (breathing in is up) and keeps a sliding window', () => {
    const trace = new ChestTrace(10_000)
    trace.push(0, 5)
    trace.push(4000, 45) // full
    trace.push(10_000, 5) // empty
    trace.push(12_000, 25)
    trace.push(12_000, 99) // not after the last: ignored
    trace.push(13_000, Number.NaN) // ignored
    expect(trace.points.map((p) => p.tMs)).toEqual([4000, 10_000, 12_000])
    const g = trace.geometry(PACER, 12_000, 100, 100)
    expect(g.measured).toEqual(['20.0,10.0 80.0,90.0 100.0,50.0'])
  })

  it('draws the pacer target: top at the end of the inhale, bottom at the end of the exhale', () => {
    const trace = new ChestTrace(10_000)
    const g = trace.geometry(PACER, 10_000, 100, 100)
    const target = ys(g.target)
    expect(target).toHaveLength(101)
    expect(target[0]).toBeCloseTo(90) // empty lungs at the start
    expect(Math.min(...target)).toBeCloseTo(10) // full lungs at 4 s
    expect(target[40]).toBeCloseTo(10)
    expect(target[100]).toBeCloseTo(90)
    expect(trace.hasData).toBe(false)
  })

  it('a break splits the line; a flat signal is not blown up to the full height', () => {
    const trace = new ChestTrace(60_000)
    trace.push(1000, 10)
    trace.push(2000, 11)
    trace.break()
    trace.break() // twice is once
    trace.push(5000, 12)
    trace.push(6000, 10)
    const g = trace.geometry(PACER, 6000, 600, 100)
    expect(g.measured).toHaveLength(2)
    // 2 mG of movement within a 4 mG minimum span: the line stays in the middle half.
    const all = g.measured.flatMap(ys)
    expect(Math.max(...all) - Math.min(...all)).toBeCloseTo(40)
    expect(trace.hasData).toBe(true)
  })
})
