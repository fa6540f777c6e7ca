import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hrvMetrics, type HrvMetrics } from './hrv'
import { RollingHrv, RrDeque } from './rollingHrv'

const KEYS: (keyof HrvMetrics)[] = [
  'beats',
  'meanRrMs',
  'meanHrBpm',
  'sdnnMs',
  'rmssdMs',
  'lnRmssd',
  'pnn50Pct',
  'sd1Ms',
  'sd2Ms',
  'stressIndex'
]

function expectSameMetrics(actual: HrvMetrics | null, expected: HrvMetrics): void {
  expect(actual).not.toBeNull()
  for (const k of KEYS) {
    const a = actual![k]
    const e = expected[k]
    if (Number.isNaN(e)) expect(a, k).toBeNaN()
    else expect(Math.abs(a - e), `${k}: ${a} vs ${e}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(e)))
  }
}

/** Beats with times from the cumulative RR sum (the way the app reconstructs them). */
function withTimes(rr: readonly number[], t0 = 1_700_000_000_000): { tMs: number; rrMs: number }[] {
  let t = t0
  return rr.map((rrMs) => ({ tMs: (t += rrMs), rrMs }))
}

describe('RollingHrv', () => {
  it('equals the batch metrics over the beats in the window after every beat (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 300, max: 2000 }), { minLength: 3, maxLength: 250 }),
        fc.integer({ min: 2_000, max: 90_000 }),
        (rr, windowMs) => {
          const roll = new RollingHrv({ windowMs })
          const beats = withTimes(rr)
          beats.forEach((b, k) => {
            roll.push(b.tMs, b.rrMs)
            // The window holds the beats with tMs in (now - windowMs, now].
            const inWindow = beats.slice(0, k + 1).filter((x) => x.tMs > b.tMs - windowMs)
            expect(roll.size).toBe(inWindow.length)
            if (inWindow.length < 3) expect(roll.metrics()).toBeNull()
            else expectSameMetrics(roll.metrics(), hrvMetrics(inWindow.map((x) => x.rrMs)))
          })
        }
      ),
      { numRuns: 150 }
    )
  })

  it('accepts fractional RR (1/1024 s units) and stays exact over a long session', () => {
    const roll = new RollingHrv() // default 60 s
    expect(roll.windowMs).toBe(60_000)
    let t = 0
    const all: { tMs: number; rrMs: number }[] = []
    for (let i = 0; i < 40_000; i++) {
      const rrMs = (1024 * (0.8 + 0.15 * Math.sin(i / 3) + 0.05 * Math.sin(i * 1.7))) / 1.024
      const raw = Math.round(rrMs * 1.024) / 1.024 // exact strap resolution
      t += raw
      roll.push(t, raw)
      all.push({ tMs: t, rrMs: raw })
    }
    const inWindow = all.filter((b) => b.tMs > t - 60_000).map((b) => b.rrMs)
    expectSameMetrics(roll.metrics(), hrvMetrics(inWindow))
  })

  it('gap(): no successive difference across a drop-out, the rest of the window still counts', () => {
    const roll = new RollingHrv({ windowMs: 600_000 })
    let t = 0
    for (const rr of [800, 900, 800]) roll.push((t += rr), rr)
    roll.gap()
    t += 30_000
    for (const rr of [1000, 1000, 1100]) roll.push((t += rr), rr)
    const m = roll.metrics()!
    // differences: 100, -100 | (none across the gap) | 0, 100
    expect(m.beats).toBe(6)
    expect(m.rmssdMs).toBeCloseTo(Math.sqrt((100 ** 2 + 100 ** 2 + 0 + 100 ** 2) / 4), 10)
    expect(m.pnn50Pct).toBeCloseTo(75, 10)
    expect(m.meanRrMs).toBeCloseTo(5600 / 6, 10)
    // Without the gap the 800 -> 1000 jump would count.
    const noGap = new RollingHrv({ windowMs: 600_000 })
    t = 0
    for (const rr of [800, 900, 800, 1000, 1000, 1100]) noGap.push((t += rr), rr)
    expect(noGap.metrics()!.rmssdMs).toBeGreaterThan(m.rmssdMs)
  })

  it('needs two differences: null right after a gap with only one beat on each side', () => {
    const roll = new RollingHrv()
    roll.push(1000, 800)
    roll.push(1900, 900)
    roll.gap()
    roll.push(10_000, 850)
    expect(roll.metrics()).toBeNull()
    roll.push(10_900, 900)
    expect(roll.metrics()!.rmssdMs).toBeCloseTo(Math.sqrt((100 ** 2 + 50 ** 2) / 2), 10)
  })

  it('evicts by time: a beat exactly windowMs old is out', () => {
    const roll = new RollingHrv({ windowMs: 3000 })
    roll.push(1000, 1000)
    roll.push(2000, 1000)
    roll.push(3000, 1000)
    expect(roll.size).toBe(3)
    roll.push(4000, 1000)
    expect(roll.size).toBe(3)
  })

  it('reset() forgets everything; bad input is refused', () => {
    const roll = new RollingHrv()
    for (let i = 1; i <= 10; i++) roll.push(i * 800, 800 + (i % 2) * 40)
    roll.reset()
    expect(roll.size).toBe(0)
    expect(roll.metrics()).toBeNull()
    roll.push(1000, 900)
    roll.push(1950, 950)
    roll.push(2850, 900)
    expectSameMetrics(roll.metrics(), hrvMetrics([900, 950, 900]))
    expect(() => roll.push(2000, 900)).toThrow(/backwards/)
    expect(() => roll.push(4000, 0)).toThrow(/positive/)
    expect(() => new RollingHrv({ windowMs: 0 })).toThrow(/windowMs/)
  })
})

describe('RrDeque', () => {
  it('behaves like an array used as a double-ended queue, across growth and wrap-around', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer(), fc.constant('popFront'), fc.constant('popBack'))),
        (ops) => {
          const d = new RrDeque<number>(2)
          const ref: number[] = []
          for (const op of ops) {
            if (op === 'popFront') {
              if (ref.length) expect(d.popFront()).toBe(ref.shift())
            } else if (op === 'popBack') {
              if (ref.length) expect(d.popBack()).toBe(ref.pop())
            } else {
              d.pushBack(op)
              ref.push(op)
            }
            expect(d.length).toBe(ref.length)
            for (let i = 0; i < ref.length; i++) expect(d.at(i)).toBe(ref[i])
          }
        }
      )
    )
  })
})
