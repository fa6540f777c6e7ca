import { describe, expect, it } from 'vitest'
import { lungVolumeAt, spontaneousPattern, type BreathPattern } from '../shared/breathing'
import { SimulatedChest } from '../devices/sim/simulatedChest'
import { ChestBreathing, estimateChestBreathing, ONSET_TOLERANCE_MS } from './chestBreathing'

/** A 6/min pacer: 4 s in, 6 s out. Inhale starts at k*10 s, exhale at k*10 s + 4 s. */
const PACER_6: BreathPattern = {
  effect: 'calming',
  phases: [
    { name: 'inhale', durationMs: 4000, endVolume: 1 },
    { name: 'exhale', durationMs: 6000, endVolume: 0 }
  ]
}

function chestSamples(
  pattern: BreathPattern,
  seconds: number,
  hz: number,
  map: (a: [number, number, number]) => [number, number, number] = (a) => a
): { tMs: number; x: number; y: number; z: number }[] {
  const chest = new SimulatedChest((t) => lungVolumeAt(pattern, t))
  const out = []
  for (let i = 0; i < seconds * hz; i++) {
    const tMs = (i * 1000) / hz
    const [x, y, z] = map(chest.accMg(tMs))
    out.push({ tMs, x, y, z })
  }
  return out
}

/** Distance of t to the nearest k*period + offset. */
function offCycle(tMs: number, periodMs: number, offsetMs: number): number {
  const d = (((tMs - offsetMs) % periodMs) + periodMs) % periodMs
  return Math.min(d, periodMs - d)
}

describe('ChestBreathing', () => {
  it('follows a 6/min pacer from 50 Hz data: rate, onsets, inhale/exhale timing', () => {
    const r = estimateChestBreathing(chestSamples(PACER_6, 180, 50))
    expect(r.rateBpm).toBeGreaterThan(5.8)
    expect(r.rateBpm).toBeLessThan(6.2)
    expect(r.breaths.length).toBeGreaterThanOrEqual(14)
    for (const b of r.breaths.slice(2)) {
      expect(b.inhaleMs).toBeGreaterThan(3300)
      expect(b.inhaleMs).toBeLessThan(5200)
      expect(b.exhaleMs).toBeGreaterThan(4800)
      expect(b.exhaleMs).toBeLessThan(6700)
    }
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
    expect(mean(r.breaths.map((b) => b.inhaleMs))).toBeGreaterThan(3500)
    expect(mean(r.breaths.map((b) => b.inhaleMs))).toBeLessThan(4600)
    expect(mean(r.breaths.map((b) => b.exhaleMs))).toBeGreaterThan(5400)
    // Onsets land on the pacer's (orientation found automatically), within the filters' lead + 0.6 s.
    for (const m of r.marks.slice(2)) {
      const offset = m.kind === 'inhale' ? 0 : 4000
      expect(offCycle(m.tMs, 10_000, offset)).toBeLessThan(ONSET_TOLERANCE_MS)
    }
  })

  it('measures spontaneous breathing at 12/min from 25 Hz data', () => {
    const r = estimateChestBreathing(chestSamples(spontaneousPattern(12), 120, 25))
    expect(r.rateBpm).toBeGreaterThan(11.5)
    expect(r.rateBpm).toBeLessThan(12.5)
  })

  it('finds the breathing axis whichever way the strap is turned', () => {
    const turned = chestSamples(PACER_6, 180, 50, ([x, y, z]) => [z, x, -y])
    const r = estimateChestBreathing(turned)
    expect(r.rateBpm).toBeGreaterThan(5.8)
    expect(r.rateBpm).toBeLessThan(6.2)
    const mixed = chestSamples(PACER_6, 180, 50, ([x, y, z]) => [0.6 * z + 0.8 * x, y, 0.8 * z - 0.6 * x])
    expect(estimateChestBreathing(mixed).rateBpm).toBeCloseTo(6, 0)
  })

  it('a fixed polarity swaps what counts as inhale', () => {
    const samples = chestSamples(PACER_6, 120, 50)
    const auto = estimateChestBreathing(samples)
    const flipped = estimateChestBreathing(samples, { polarity: (-1 * 1) as -1 })
    expect(auto.marks.length).toBe(flipped.marks.length)
    expect(flipped.marks.map((m) => m.kind)).toEqual(
      auto.marks.map((m) => (m.kind === 'inhale' ? 'exhale' : 'inhale'))
    )
  })

  it('no breath spans a marked gap or an unmarked hole', () => {
    const samples = chestSamples(PACER_6, 180, 50)
    const est = new ChestBreathing()
    for (const s of samples) {
      if (s.tMs === 95_000) est.markGap()
      // 3 s of nothing from 140 s (a stream that stopped), no gap marked
      if (s.tMs >= 140_000 && s.tMs < 143_000) continue
      est.push(s.tMs, s.x, s.y, s.z)
    }
    const spans = (b: { startMs: number; durationMs: number }, t: number): boolean =>
      b.startMs < t && b.startMs + b.durationMs > t
    expect(est.breaths.length).toBeGreaterThan(8)
    expect(est.breaths.some((b) => spans(b, 95_000))).toBe(false)
    expect(est.breaths.some((b) => spans(b, 141_000))).toBe(false)
    expect(est.rateBpm).toBeCloseTo(6, 0)
  })

  it('the waveform is a 10 Hz series that rises on the inhale', () => {
    const est = new ChestBreathing()
    const values: { tMs: number; value: number }[] = []
    for (const s of chestSamples(PACER_6, 100, 50)) {
      est.push(s.tMs, s.x, s.y, s.z)
      const p = est.latest
      if (p && p.tMs !== values[values.length - 1]?.tMs) values.push(p)
    }
    expect(values.length).toBeGreaterThan(990)
    expect(values[1]!.tMs - values[0]!.tMs).toBeCloseTo(100, 6)
    // Mid-inhale (k*10 s + 2 s) the waveform rises; mid-exhale (k*10 s + 7 s) it falls.
    const at = (t: number): number => values.find((v) => v.tMs >= t)!.value
    for (let k = 3; k < 9; k++) {
      expect(at(k * 10_000 + 2300)).toBeGreaterThan(at(k * 10_000 + 1700))
      expect(at(k * 10_000 + 7300)).toBeLessThan(at(k * 10_000 + 6700))
    }
  })

  it('flat input (no breathing) yields no rate', () => {
    const est = new ChestBreathing()
    for (let i = 0; i < 60 * 50; i++) est.push(i * 20, 10, -980, 200)
    expect(est.rateBpm).toBeNull()
    expect(est.breaths).toEqual([])
  })
})
