import { describe, expect, it } from 'vitest'
import { createRng } from '../devices/sim/random'
import { hrvMetrics } from './hrv'
import { arousalInputFromWindow, measureWindow, RESP_SE_BPM, type RawBeat } from './windowMeasure'

/** Beats with times from cumulative RR. */
function timed(rrMs: readonly number[], startMs = 0): RawBeat[] {
  let t = startMs
  return rrMs.map((rr) => ({ tMs: (t += rr), rrMs: rr }))
}

/** AR(1) RR series around 850 ms: rr = 850 + x, x_i = phi x_(i-1) + e, innovations N(0, sd). */
function ar1Series(n: number, seed: number, phi: number, sdMs: number): number[] {
  const rng = createRng(seed)
  const out: number[] = []
  let x = 0
  for (let i = 0; i < n; i++) {
    x = phi * x + sdMs * rng.gauss()
    out.push(850 + x)
  }
  return out
}

/** A smooth resting-like series the cleaner leaves alone: RSA every 4.5 beats plus 4 ms jitter. */
function rsaSeries(n: number, seed: number, levelMs = 850): number[] {
  const rng = createRng(seed)
  return Array.from(
    { length: n },
    (_, i) => levelMs + 30 * Math.sin((2 * Math.PI * i) / 4.5) + 4 * rng.gauss()
  )
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
const sd = (xs: number[]): number =>
  Math.sqrt(xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / (xs.length - 1))

describe('measureWindow', () => {
  it('matches hrvMetrics on a clean series after settling', () => {
    const rr = rsaSeries(120, 3)
    const beats = timed(rr)
    const settle = beats[20]!.tMs
    const m = measureWindow([beats], settle)
    const ref = hrvMetrics(rr.slice(20))
    expect(m.beats).toBe(120)
    expect(m.judged).toBe(100)
    expect(m.flagged).toBe(0)
    expect(m.hrBpm).toBeCloseTo(ref.meanHrBpm, 9)
    expect(m.rmssdMs).toBeCloseTo(ref.rmssdMs, 9)
    expect(m.cleanBeats).toBe(100)
    expect(m.cleanDiffs).toBe(99)
    expect(m.cleanS).toBeCloseTo(rr.slice(20).reduce((a, b) => a + b, 0) / 1000, 9)
  })

  // The claimed standard errors must match the spread actually seen between repeated windows -
  // for independent beats and for strongly autocorrelated ones (where sd/sqrt(n) would be ~2.4x too small).
  for (const phi of [0, 0.7]) {
    it(`standard errors of HR and lnRMSSD are calibrated (AR(1) phi = ${phi}, 300 windows)`, () => {
      const hr: number[] = []
      const ln: number[] = []
      const seHr: number[] = []
      const seLn: number[] = []
      for (let seed = 1; seed <= 300; seed++) {
        const m = measureWindow([timed(ar1Series(90, seed, phi, 20))], 0)
        hr.push(m.hrBpm!)
        ln.push(m.lnRmssd!)
        seHr.push(m.hrSeBpm!)
        seLn.push(m.lnRmssdSe!)
      }
      expect(mean(seHr) / sd(hr)).toBeGreaterThan(0.8)
      expect(mean(seHr) / sd(hr)).toBeLessThan(1.25)
      expect(mean(seLn) / sd(ln)).toBeGreaterThan(0.8)
      expect(mean(seLn) / sd(ln)).toBeLessThan(1.25)
    })
  }

  it('artefacts shrink the clean counts and widen the errors, not the metric', () => {
    const rr = rsaSeries(150, 9)
    const clean = measureWindow([timed(rr)], 0)
    const bad = [...rr]
    for (const i of [30, 60, 90, 120]) {
      bad[i] = bad[i]! + bad[i + 1]! // a missed beat: two intervals reported as one
      bad.splice(i + 1, 1)
    }
    const m = measureWindow([timed(bad)], 0)
    expect(m.flagged).toBe(4)
    expect(m.artifactRate).toBeCloseTo(4 / m.judged, 12)
    expect(m.cleanDiffs).toBeLessThan(clean.cleanDiffs - 4)
    expect(m.lnRmssdSe!).toBeGreaterThan(clean.lnRmssdSe!)
    expect(Math.abs(m.lnRmssd! - clean.lnRmssd!)).toBeLessThan(0.1)
  })

  it('does not bridge a drop-out and counts it', () => {
    // Two stretches at very different rates: one successive difference across the gap would be 300 ms.
    const a = timed(rsaSeries(60, 1))
    const b = timed(rsaSeries(60, 2, 550), a[a.length - 1]!.tMs + 20_000)
    const m = measureWindow([a, b], 0)
    expect(m.gaps).toBe(1)
    // RMSSD pools the differences within each stretch only.
    const ra = hrvMetrics(a.map((x) => x.rrMs)).rmssdMs
    const rb = hrvMetrics(b.map((x) => x.rrMs)).rmssdMs
    expect(m.rmssdMs!).toBeCloseTo(Math.sqrt((59 * ra ** 2 + 59 * rb ** 2) / 118), 9)
    expect(m.cleanDiffs).toBe(118)
  })

  it('skips stretches too short to clean, and rejects impossible intervals', () => {
    const m = measureWindow([timed([800, 810, 790])], 0)
    expect(m.beats).toBe(3)
    expect(m.judged).toBe(0)
    expect(m.hrBpm).toBeNull()
    expect(m.hrSeBpm).toBeNull()
    expect(() => measureWindow([[{ tMs: 1000, rrMs: -5 }]], 0)).toThrow(/positive/)
    expect(() => measureWindow([[{ tMs: 1000, rrMs: Number.NaN }]], 0)).toThrow(/positive/)
  })

  it('gives a breathing rate with its error only when the estimate is confident', () => {
    // Sinusoidal RSA at 12 breaths/min (0.2 Hz) for 90 s.
    const rr: number[] = []
    let t = 0
    while (t < 90_000) {
      const x = 850 + 40 * Math.sin(2 * Math.PI * 0.2 * (t / 1000))
      rr.push(x)
      t += x
    }
    const m = measureWindow([timed(rr)], 0)
    expect(m.respRateBpm!).toBeCloseTo(12, 0)
    expect(m.respSeBpm).toBe(RESP_SE_BPM)
  })
})

describe('arousalInputFromWindow', () => {
  it('a short window is still settling; no judged beat is no contact', () => {
    const short = measureWindow([timed(ar1Series(25, 4, 0.3, 15))], 0)
    expect(short.cleanS).toBeLessThan(25)
    expect(arousalInputFromWindow(short)).toMatchObject({ settling: true, noContact: false })
    const none = measureWindow([], 0)
    expect(arousalInputFromWindow(none)).toMatchObject({ settling: false, noContact: true })
    const ok = measureWindow([timed(ar1Series(100, 4, 0.3, 15))], 0)
    expect(arousalInputFromWindow(ok)).toMatchObject({ settling: false, noContact: false, selfReport: null })
    expect(arousalInputFromWindow(ok, true).noContact).toBe(true)
  })
})
