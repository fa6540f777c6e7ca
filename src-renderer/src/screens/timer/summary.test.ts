// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { IDLE, type TimerState } from '../../../../src-main/shared/timer/timerModel'
import { summaryChartData } from './summary'

const START = 1_700_000_000_000

function ended(over: Partial<TimerState>): TimerState {
  return {
    ...IDLE,
    status: 'ended',
    startedAtMs: START,
    endedAtMs: START + 90 * 60_000,
    phase: null,
    ...over
  }
}

describe('summaryChartData (the timer summary chart follows the chart rules)', () => {
  it('a flat heart rate gets at least a ±5 bpm span, not a plunge across the height', () => {
    const hr = [78.2, 78.5, 78.8, 78.4].map((hrBpm, i) => ({ atMs: i * 60_000, hrBpm, score: null }))
    const data = summaryChartData(ended({ hr }))
    expect(data.hrRange).not.toBeNull()
    expect(data.hrRange!.max - data.hrRange!.min).toBeGreaterThanOrEqual(10)
    expect(data.hrRange!.min).toBeLessThan(78.2)
    expect(data.hrRange!.max).toBeGreaterThan(78.8)
    expect(data.hrRange!.min % 5).toBe(0)
    expect(data.hrRange!.max % 5).toBe(0)
    expect(data.hrStepBpm).toBe(5)
  })

  it('ticks a 90-minute block in whole minutes, a half-minute block in seconds', () => {
    const long = summaryChartData(ended({}))
    expect(long.xMaxS).toBe(90 * 60)
    expect(long.xStepS % 60).toBe(0)
    expect(long.xMaxS / long.xStepS).toBeLessThanOrEqual(8)
    const short = summaryChartData(ended({ blockMs: 30_000, endedAtMs: START + 30_000 }))
    expect(short.xMaxS).toBe(30)
    expect(short.xStepS).toBeLessThan(60)
  })

  it('puts errors and frustration on the time axis as markers, kept apart', () => {
    const marks = [
      { kind: 'error' as const, atMs: 120_000, wallMs: START + 120_000 },
      { kind: 'frustration' as const, atMs: 300_000, wallMs: START + 300_000 },
      { kind: 'error' as const, atMs: 600_000, wallMs: START + 600_000 }
    ]
    const data = summaryChartData(ended({ marks }))
    expect(data.errors).toEqual([120, 600])
    expect(data.frustrations).toEqual([300])
  })

  it('has no bpm axis without heart-rate data, and an early stop ends the axis where it stopped', () => {
    const data = summaryChartData(ended({ stoppedEarly: true, endedAtMs: START + 10 * 60_000 }))
    expect(data.hrRange).toBeNull()
    expect(data.xMaxS).toBe(600)
  })
})
