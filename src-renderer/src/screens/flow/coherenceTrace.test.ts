import { describe, expect, it } from 'vitest'
import { pacedBreathPattern } from '../../../../src-main/shared/breathing'
import { coherenceGeometry } from './coherenceTrace'

const pattern = pacedBreathPattern(4000, 6000) // 6/min

const pairs = (points: string): number[][] => points.split(' ').map((p) => p.split(',').map(Number))

describe('coherence view geometry', () => {
  it('draws the pacer wave up to now: top at the end of the inhale, bottom at the end of the exhale', () => {
    const g = coherenceGeometry(pattern, [], 10_000, 600, 100)
    const wave = pairs(g.wave)
    expect(wave[0]).toEqual([0, 92]) // empty lungs at the start
    const atFull = wave.find(([x]) => Math.abs(x! - 40) < 0.01)! // 4 s into a 60 s window of 600 px
    expect(atFull[1]).toBeCloseTo(8, 6)
    expect(Math.max(...wave.map(([x]) => x!))).toBeCloseTo(100, 6) // nothing drawn after now
    expect(g.hr).toBeNull()
  })

  it('spreads the heart rate of the window over the height; a flat heart keeps 6 bpm of range', () => {
    const points = [
      { tMs: 1000, hrBpm: 60 },
      { tMs: 3000, hrBpm: 70 },
      { tMs: 6000, hrBpm: 62 }
    ]
    const g = coherenceGeometry(pattern, points, 8000, 600, 100)
    expect(g.minBpm).toBe(60)
    expect(g.maxBpm).toBe(70)
    expect(pairs(g.hr!)).toEqual([
      [10, 92],
      [30, 8],
      [60, 92 - 0.84 * 20]
    ])
    const flat = coherenceGeometry(
      pattern,
      [
        { tMs: 0, hrBpm: 65 },
        { tMs: 1000, hrBpm: 66 }
      ],
      2000,
      600,
      100
    )
    expect([flat.minBpm, flat.maxBpm]).toEqual([62.5, 68.5])
  })

  it('slides with the pacer: only the last minute is drawn', () => {
    const points = [
      { tMs: 5_000, hrBpm: 90 },
      { tMs: 80_000, hrBpm: 60 },
      { tMs: 90_000, hrBpm: 64 }
    ]
    const g = coherenceGeometry(pattern, points, 100_000, 600, 100)
    expect(g.maxBpm).toBe(65) // 90 bpm at 5 s is out of the window
    expect(pairs(g.hr!).map(([x]) => x)).toEqual([400, 500])
    expect(pairs(g.wave)[0]![0]).toBe(0)
  })
})
