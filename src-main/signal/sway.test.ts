import { describe, expect, it } from 'vitest'
import { fQuantile2, LossOfBalanceDetector, swayMetrics, type CopPoint } from './sway'
import { createRng } from '../devices/sim/random'

/** The simulator's seeded PRNG (mulberry32), so a failing seed can be replayed. */
const rng = (seed: number): (() => number) => createRng(seed).next

function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r())
}

/** An ellipse with semi-axes a (x) and b (y), rotated by `rot`, traced `turns` times over `durationMs`. */
function ellipse(
  times: number[],
  a: number,
  b: number,
  periodMs: number,
  rot = 0,
  cx = 0,
  cy = 0,
  kg = 70
): CopPoint[] {
  return times.map((tMs) => {
    const th = (2 * Math.PI * tMs) / periodMs
    const x = a * Math.cos(th)
    const y = b * Math.sin(th)
    return {
      tMs,
      copXMm: cx + x * Math.cos(rot) - y * Math.sin(rot),
      copYMm: cy + x * Math.sin(rot) + y * Math.cos(rot),
      totalKg: kg
    }
  })
}

function regular(fromMs: number, toMs: number, stepMs: number): number[] {
  const out: number[] = []
  for (let t = fromMs; t < toMs - 1e-9; t += stepMs) out.push(t)
  return out
}

describe('fQuantile2', () => {
  it('matches tabulated F(0.95; 2, m) values and tends to -ln(0.05)', () => {
    // Standard F tables: F.95(2, 10) = 4.10, F.95(2, 30) = 3.32, F.95(2, 120) = 3.07.
    expect(fQuantile2(0.95, 10)).toBeCloseTo(4.103, 2)
    expect(fQuantile2(0.95, 30)).toBeCloseTo(3.316, 2)
    expect(fQuantile2(0.95, 120)).toBeCloseTo(3.072, 2)
    expect(fQuantile2(0.95, 1e7)).toBeCloseTo(-Math.log(0.05), 4)
  })
})

describe('swayMetrics', () => {
  it('a circle of radius R: path 2*pi*R per turn, RMS distance R, ellipse pi*F*R^2', () => {
    const R = 20
    const periodMs = 4000
    // 10 turns at 100 Hz.
    const pts = ellipse(regular(0, 40000 + 10, 10), R, R, periodMs)
    const m = swayMetrics(pts)
    expect(m.samples).toBe(pts.length)
    expect(m.durationS).toBeCloseTo(40, 6)
    expect(m.pathLengthMm).toBeCloseTo(10 * 2 * Math.PI * R, 0)
    expect(m.meanVelocityMmS).toBeCloseTo((2 * Math.PI * R) / 4, 1)
    expect(m.rmsDistanceMm).toBeCloseTo(R, 3)
    const F = fQuantile2(0.95, pts.length - 2)
    expect(m.ellipseAreaMm2).toBeCloseTo(Math.PI * F * R * R, 0)
  })

  it('a rotated, offset ellipse with semi-axes a, b: area pi*F*a*b, RMS sqrt((a^2+b^2)/2)', () => {
    const a = 30
    const b = 10
    const pts = ellipse(regular(0, 20000 + 10, 20), a, b, 2000, Math.PI / 5, 40, -25)
    const m = swayMetrics(pts)
    const F = fQuantile2(0.95, pts.length - 2)
    expect(m.ellipseAreaMm2 / (Math.PI * F * a * b)).toBeCloseTo(1, 3)
    expect(m.rmsDistanceMm).toBeCloseTo(Math.sqrt((a * a + b * b) / 2), 3)
  })

  it('the 95 % ellipse holds about 95 % of Gaussian sway', () => {
    const r = rng(11)
    const sx = 8
    const sy = 4
    const pts: CopPoint[] = regular(0, 300000, 20).map((tMs) => {
      const u = gauss(r) * sx
      const v = gauss(r) * sy
      // rotate by 30 deg
      return {
        tMs,
        copXMm: u * Math.cos(Math.PI / 6) - v * Math.sin(Math.PI / 6),
        copYMm: u * Math.sin(Math.PI / 6) + v * Math.cos(Math.PI / 6),
        totalKg: 70
      }
    })
    const m = swayMetrics(pts)
    // For a bivariate normal the 95 % ellipse area is pi * chi2(0.95, 2) * sx * sy = pi * 5.991 * sx * sy;
    // Prieto's 2*pi*F*sqrt(det) with F -> 2.996 is the same thing.
    const expected = Math.PI * 2 * -Math.log(0.05) * sx * sy
    expect(m.ellipseAreaMm2 / expected).toBeGreaterThan(0.97)
    expect(m.ellipseAreaMm2 / expected).toBeLessThan(1.03)
  })

  it('does not add path or time across a gap longer than maxGapMs', () => {
    // Two still stretches 100 mm apart, 2 s of nothing between them.
    const first = regular(0, 5000, 10).map((tMs) => ({ tMs, copXMm: 0, copYMm: 0, totalKg: 70 }))
    const second = regular(7000, 12000, 10).map((tMs) => ({ tMs, copXMm: 100, copYMm: 0, totalKg: 70 }))
    const m = swayMetrics([...first, ...second], { maxGapMs: 250 })
    expect(m.pathLengthMm).toBe(0)
    expect(m.durationS).toBeCloseTo(9.98, 6)
    // With a generous limit the jump is joined.
    const joined = swayMetrics([...first, ...second], { maxGapMs: 5000 })
    expect(joined.pathLengthMm).toBeCloseTo(100, 6)
  })

  it('gives the same figures for jittery, irregular sampling as for regular sampling', () => {
    const R = 15
    const r = rng(3)
    const times: number[] = []
    for (let t = 0; t < 60000; t += 4 + r() * 20) times.push(t) // 4-24 ms apart
    const irregular = swayMetrics(ellipse(times, R, R / 2, 3000))
    const reg = swayMetrics(ellipse(regular(0, 60000, 10), R, R / 2, 3000))
    expect(irregular.rmsDistanceMm / reg.rmsDistanceMm).toBeCloseTo(1, 2)
    expect(irregular.meanVelocityMmS / reg.meanVelocityMmS).toBeCloseTo(1, 2)
    expect(irregular.ellipseAreaMm2 / reg.ellipseAreaMm2).toBeCloseTo(1, 2)
  })

  it('time-weights the moments: a burst of samples at one spot does not pull the mean', () => {
    // 10 s at x = -10 sampled at 100 Hz, 10 s at x = +10 sampled at 10 Hz: the CoP spent equal time
    // at each side, so the RMS distance is 10 (an unweighted mean would put the centre near -8).
    const left = regular(0, 10000, 10).map((tMs) => ({ tMs, copXMm: -10, copYMm: 0, totalKg: 70 }))
    const right = regular(10000, 20001, 100).map((tMs) => ({ tMs, copXMm: 10, copYMm: 0, totalKg: 70 }))
    const m = swayMetrics([...left, ...right])
    expect(m.rmsDistanceMm).toBeCloseTo(10, 0)
  })

  it('ignores unloaded, non-finite and out-of-order samples', () => {
    const pts: CopPoint[] = [
      { tMs: 0, copXMm: 0, copYMm: 0, totalKg: 70 },
      { tMs: 10, copXMm: 3, copYMm: 4, totalKg: 70 },
      { tMs: 20, copXMm: 500, copYMm: 500, totalKg: 2 }, // nobody on the board
      { tMs: 5, copXMm: 9, copYMm: 9, totalKg: 70 }, // out of order
      { tMs: 30, copXMm: Number.NaN, copYMm: 0, totalKg: 70 },
      { tMs: 40, copXMm: 3, copYMm: 0, totalKg: 70 }
    ]
    const m = swayMetrics(pts, { maxGapMs: 100 })
    expect(m.samples).toBe(3)
    expect(m.pathLengthMm).toBeCloseTo(5 + 4, 9)
    expect(m.durationS).toBeCloseTo(0.04, 9)
  })

  it('is all zeros for empty or single-sample input', () => {
    expect(swayMetrics([])).toEqual({
      samples: 0,
      durationS: 0,
      pathLengthMm: 0,
      meanVelocityMmS: 0,
      rmsDistanceMm: 0,
      ellipseAreaMm2: 0
    })
    expect(swayMetrics([{ tMs: 0, copXMm: 5, copYMm: 5, totalKg: 70 }]).ellipseAreaMm2).toBe(0)
  })
})

describe('LossOfBalanceDetector', () => {
  const still = (tMs: number, kg = 70, x = 0, y = 0): CopPoint => ({ tMs, copXMm: x, copYMm: y, totalKg: kg })

  function run(det: LossOfBalanceDetector, pts: CopPoint[]) {
    return pts.map((p) => det.push(p)).filter((e) => e !== null)
  }

  it('reports a step-off once, with its onset, and again after stepping back on', () => {
    const det = new LossOfBalanceDetector({ bodyWeightKg: 70 })
    const pts: CopPoint[] = []
    for (let t = 0; t < 2000; t += 10) pts.push(still(t))
    for (let t = 2000; t < 3000; t += 10) pts.push(still(t, 3)) // off
    for (let t = 3000; t < 5000; t += 10) pts.push(still(t))
    for (let t = 5000; t < 6000; t += 10) pts.push(still(t, 0))
    const events = run(det, pts)
    expect(events).toEqual([
      { kind: 'step-off', tMs: 2000 },
      { kind: 'step-off', tMs: 5000 }
    ])
  })

  it('a single low report is not a step-off', () => {
    const det = new LossOfBalanceDetector({ bodyWeightKg: 70 })
    const pts: CopPoint[] = []
    for (let t = 0; t < 3000; t += 10) pts.push(still(t, t === 1500 ? 0 : 70))
    expect(run(det, pts)).toEqual([])
  })

  it('a sharp fall in load while staying on is a load drop; a slow shift of weight is not', () => {
    const det = new LossOfBalanceDetector({ bodyWeightKg: 70 })
    const pts: CopPoint[] = []
    for (let t = 0; t < 2000; t += 10) pts.push(still(t))
    // Foot touches the floor: 70 -> 40 kg within 100 ms, stays there.
    for (let t = 2000; t <= 2100; t += 10) pts.push(still(t, 70 - (30 * (t - 2000)) / 100))
    for (let t = 2110; t < 4000; t += 10) pts.push(still(t, 40))
    // Back on fully, then a slow 30 kg shift over 5 s (e.g. leaning on a table): no event.
    for (let t = 4000; t < 5000; t += 10) pts.push(still(t, 70))
    for (let t = 5000; t < 10000; t += 10) pts.push(still(t, 70 - (30 * (t - 5000)) / 5000))
    const events = run(det, pts)
    expect(events).toHaveLength(1)
    expect(events[0]!.kind).toBe('load-drop')
    expect(events[0]!.tMs).toBeGreaterThanOrEqual(1990)
    expect(events[0]!.tMs).toBeLessThanOrEqual(2050)
  })

  it('a fast step-off is reported as a step-off, not as a load drop first', () => {
    const det = new LossOfBalanceDetector({ bodyWeightKg: 70 })
    const pts: CopPoint[] = []
    for (let t = 0; t < 2000; t += 10) pts.push(still(t))
    for (let t = 2000; t <= 2200; t += 10) pts.push(still(t, 70 - (70 * (t - 2000)) / 200))
    for (let t = 2210; t < 3000; t += 10) pts.push(still(t, 0))
    const events = run(det, pts)
    expect(events.map((e) => e.kind)).toEqual(['step-off'])
  })

  it('CoP leaving the zone (learned centre) is reported once until it comes back', () => {
    const det = new LossOfBalanceDetector({ bodyWeightKg: 70, zone: { radiusMm: 50 } })
    const pts: CopPoint[] = []
    // Stands 30 mm to the left, small sway.
    for (let t = 0; t < 3000; t += 10)
      pts.push(still(t, 70, -30 + 3 * Math.sin(t / 100), 2 * Math.cos(t / 80)))
    // Leans 80 mm right of that for 1 s, with jitter around the edge.
    for (let t = 3000; t < 4000; t += 10) pts.push(still(t, 70, -30 + 80 + 5 * Math.sin(t / 7), 0))
    for (let t = 4000; t < 5000; t += 10) pts.push(still(t, 70, -30, 0))
    for (let t = 5000; t < 5500; t += 10) pts.push(still(t, 70, -30, -70))
    const events = run(det, pts)
    expect(Math.abs(det.zoneCenter()!.xMm + 30)).toBeLessThan(2) // mean of the first second of sway
    expect(events).toEqual([
      { kind: 'cop-out', tMs: 3000 },
      { kind: 'cop-out', tMs: 5000 }
    ])
  })

  it('a brief excursion shorter than the hold time is not a cop-out', () => {
    const det = new LossOfBalanceDetector({
      bodyWeightKg: 70,
      zone: { centerXMm: 0, centerYMm: 0, radiusMm: 50 }
    })
    const pts: CopPoint[] = []
    for (let t = 0; t < 3000; t += 10) pts.push(still(t, 70, t >= 1000 && t < 1050 ? 80 : 0, 0))
    expect(run(det, pts)).toEqual([])
  })

  it('a drop-out (gap) is not read as a load drop', () => {
    const det = new LossOfBalanceDetector({ bodyWeightKg: 70 })
    const pts: CopPoint[] = []
    for (let t = 0; t < 2000; t += 10) pts.push(still(t, 70))
    // 1 s without reports, then the person is found standing with less load (weight shifted slowly).
    for (let t = 3000; t < 4000; t += 10) pts.push(still(t, 35))
    expect(run(det, pts)).toEqual([])
  })

  it('rejects a non-positive body weight or radius', () => {
    expect(() => new LossOfBalanceDetector({ bodyWeightKg: 0 })).toThrow()
    expect(() => new LossOfBalanceDetector({ targetRadiusMm: -5 })).toThrow()
  })

  it('learns the body weight from the load when none is given (stepping on slowly)', () => {
    const det = new LossOfBalanceDetector({ targetRadiusMm: 60 })
    const pts: CopPoint[] = []
    for (let t = 0; t < 500; t += 10) pts.push(still(t, 0)) // empty board: nothing to report
    for (let t = 500; t < 1500; t += 10) pts.push(still(t, (80 * (t - 500)) / 1000)) // stepping on
    for (let t = 1500; t < 4000; t += 10) pts.push(still(t, 80))
    // A foot to the floor: 80 -> 50 kg quickly (a 30 kg drop = 0.375 of 80 kg).
    for (let t = 4000; t < 5000; t += 10) pts.push(still(t, 50))
    for (let t = 5000; t < 6000; t += 10) pts.push(still(t, 80))
    for (let t = 6000; t < 6500; t += 10) pts.push(still(t, 80, 0, 70)) // beyond 60 mm
    for (let t = 6500; t < 7500; t += 10) pts.push(still(t, 5)) // off
    const events = run(det, pts)
    expect(det.referenceWeightKg()).toBeGreaterThan(78)
    expect(events).toEqual([
      { kind: 'load-drop', tMs: 3990 },
      { kind: 'cop-out', tMs: 6000 },
      { kind: 'step-off', tMs: 6500 }
    ])
  })
})
