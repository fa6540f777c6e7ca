import { describe, expect, it } from 'vitest'
import { estimateRespiration, RollingRespiration } from './respiration'
import { createRng } from '../devices/sim/random'

/** The simulator's seeded PRNG (mulberry32), so a failing seed can be replayed. */
const rng = (seed: number): (() => number) => createRng(seed).next

/**
 * A heart breathing at `breathsPerMin`: each interval is set by the breathing phase at the time the
 * beat starts (RSA, ± rsaMs), plus a slow wave and Gaussian jitter, so beats fall at irregular
 * times as in real data.
 */
function rsaBeats(
  breathsPerMin: number,
  seconds: number,
  opts: { meanMs?: number; rsaMs?: number; jitterMs?: number; mayerMs?: number; seed?: number } = {}
): { t: number[]; rr: number[] } {
  const { meanMs = 850, rsaMs = 50, jitterMs = 12, mayerMs = 0, seed = 1 } = opts
  const r = rng(seed)
  const t: number[] = []
  const rr: number[] = []
  let now = 0
  const phase0 = r() * 2 * Math.PI
  const mayerPhase = r() * 2 * Math.PI
  while (now < seconds * 1000) {
    const g = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r())
    const s = now / 1000
    const v =
      meanMs +
      rsaMs * Math.sin(phase0 + 2 * Math.PI * (breathsPerMin / 60) * s) +
      15 * Math.sin(2 * Math.PI * 0.012 * s) +
      mayerMs * Math.sin(mayerPhase + 2 * Math.PI * 0.1 * s) +
      jitterMs * g
    now += v
    t.push(now)
    rr.push(v)
  }
  return { t, rr }
}

describe('estimateRespiration', () => {
  for (const rate of [6, 15]) {
    it(`finds ${rate}/min in a 60 s RSA series with irregular beats (many seeds)`, () => {
      for (let seed = 1; seed <= 30; seed++) {
        const { t, rr } = rsaBeats(rate, 60, { seed })
        const est = estimateRespiration(t, rr)!
        expect(Math.abs(est.breathsPerMin - rate), `seed ${seed}: ${est.breathsPerMin}`).toBeLessThan(0.5)
        expect(est.confidence, `seed ${seed}`).toBeGreaterThan(0.6)
      }
    })
  }

  it('is not fooled by Mayer waves: 15/min breathing beside an as-tall 0.1 Hz baroreflex wave', () => {
    for (let seed = 1; seed <= 30; seed++) {
      for (const mayerMs of [25, 40]) {
        const { t, rr } = rsaBeats(15, 60, { rsaMs: 40, mayerMs, seed })
        const est = estimateRespiration(t, rr)!
        expect(Math.abs(est.breathsPerMin - 15), `seed ${seed}, Mayer ${mayerMs} ms`).toBeLessThan(0.5)
        expect(est.confidence).toBeGreaterThan(0.3)
      }
    }
  })

  it('but slow breathing wins over the Mayer wave when it dominates (6/min pacer, resonance)', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const { t, rr } = rsaBeats(6, 60, { rsaMs: 90, mayerMs: 15, seed })
      expect(estimateRespiration(t, rr)!.breathsPerMin, `seed ${seed}`).toBeCloseTo(6, 0)
    }
  })

  it('tells slow paced breathing (LF band, 4.5/min) from fast breathing (24/min)', () => {
    const slow = rsaBeats(4.5, 90, { seed: 3 })
    const fast = rsaBeats(24, 60, { meanMs: 700, seed: 4 }) // 0.4 Hz < Nyquist of ~86 bpm
    expect(estimateRespiration(slow.t, slow.rr)!.breathsPerMin).toBeCloseTo(4.5, 0)
    expect(estimateRespiration(fast.t, fast.rr)!.breathsPerMin).toBeCloseTo(24, 0)
  })

  it('gives low confidence when there is no breathing rhythm (jitter only)', () => {
    const confs: number[] = []
    for (let seed = 1; seed <= 30; seed++) {
      const { t, rr } = rsaBeats(10, 60, { rsaMs: 0, jitterMs: 25, seed })
      const est = estimateRespiration(t, rr)
      confs.push(est ? est.confidence : 0)
    }
    const mean = confs.reduce((a, b) => a + b, 0) / confs.length
    expect(mean).toBeLessThan(0.35)
    expect(Math.max(...confs)).toBeLessThan(0.6)
  })

  it('confidence falls as the RSA drowns in jitter', () => {
    const conf = (rsaMs: number): number => {
      let sum = 0
      for (let seed = 1; seed <= 10; seed++) {
        const { t, rr } = rsaBeats(12, 60, { rsaMs, jitterMs: 20, seed })
        sum += estimateRespiration(t, rr)?.confidence ?? 0
      }
      return sum / 10
    }
    const [strong, medium, weak] = [conf(60), conf(15), conf(3)]
    expect(strong).toBeGreaterThan(medium)
    expect(medium).toBeGreaterThan(weak)
  })

  it('needs 30 s and 16 beats; refuses mismatched or non-increasing input', () => {
    const { t, rr } = rsaBeats(12, 25)
    expect(estimateRespiration(t, rr)).toBeNull()
    expect(estimateRespiration(t.slice(0, 10), rr.slice(0, 10))).toBeNull()
    expect(() => estimateRespiration([1, 2, 3], [1, 2])).toThrow(/differ in length/)
    const long = rsaBeats(12, 60)
    const bad = [...long.t]
    bad[5] = bad[4]!
    expect(() => estimateRespiration(bad, long.rr)).toThrow(/must increase/)
  })
})

describe('RollingRespiration', () => {
  it('follows a change from 15/min to 6/min once the window has moved on', () => {
    const roll = new RollingRespiration()
    expect(roll.windowMs).toBe(60_000)
    const a = rsaBeats(15, 90, { seed: 8 })
    for (let i = 0; i < a.t.length; i++) roll.push(a.t[i]!, a.rr[i]!)
    expect(roll.estimate()!.breathsPerMin).toBeCloseTo(15, 0)
    const offset = a.t[a.t.length - 1]!
    const b = rsaBeats(6, 90, { seed: 9 })
    for (let i = 0; i < b.t.length; i++) roll.push(offset + b.t[i]!, b.rr[i]!)
    expect(roll.estimate()!.breathsPerMin).toBeCloseTo(6, 0)
  })

  it('gap() and reset() empty the window (the tachogram is not bridged across a drop-out)', () => {
    const roll = new RollingRespiration({ windowMs: 60_000 })
    const a = rsaBeats(10, 70, { seed: 2 })
    for (let i = 0; i < a.t.length; i++) roll.push(a.t[i]!, a.rr[i]!)
    expect(roll.estimate()).not.toBeNull()
    roll.gap()
    expect(roll.estimate()).toBeNull()
    const last = a.t[a.t.length - 1]!
    for (let i = 0; i < a.t.length; i++) roll.push(last + 5000 + a.t[i]!, a.rr[i]!)
    expect(roll.estimate()!.breathsPerMin).toBeCloseTo(10, 0)
    roll.reset()
    expect(roll.estimate()).toBeNull()
    expect(() => roll.push(1000, -5)).toThrow(/positive/)
  })
})
