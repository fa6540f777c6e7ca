import { describe, expect, it } from 'vitest'
import { ellipseFromMoments, ellipseOutline, f95, swayEllipse } from './swayEllipse'
import { swayMetrics, type CopPoint } from '../signal/sway'

/** A small seeded generator (mulberry32) and Box-Muller normals, so the tests are repeatable. */
function normals(seed: number): () => number {
  let a = seed >>> 0
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform())
}

/** Is (x, y) inside the ellipse? */
function inside(e: NonNullable<ReturnType<typeof swayEllipse>>, x: number, y: number): boolean {
  const dx = x - e.cx
  const dy = y - e.cy
  const u = dx * Math.cos(e.angle) + dy * Math.sin(e.angle)
  const w = -dx * Math.sin(e.angle) + dy * Math.cos(e.angle)
  return (u / e.a) ** 2 + (w / e.b) ** 2 <= 1
}

describe('F.05[2, nu]', () => {
  it('is the point the F(2, nu) survival function drops to 5 %', () => {
    for (const nu of [1, 2, 5, 18, 120, 10_000]) {
      const f = f95(nu)
      expect((1 + (2 * f) / nu) ** (-nu / 2)).toBeCloseTo(0.05, 10)
    }
  })

  it('matches tabulated values and tends to -ln 0.05 (Prieto: 3.00 for large N)', () => {
    expect(f95(2)).toBeCloseTo(19.0, 6)
    expect(f95(10)).toBeCloseTo(4.103, 3)
    expect(f95(120)).toBeCloseTo(3.072, 3)
    expect(f95(1e7)).toBeCloseTo(-Math.log(0.05), 4)
    expect(() => f95(0)).toThrow(RangeError)
  })
})

describe('95 % sway ellipse', () => {
  it('gets axes, orientation and area of a hand-computed case', () => {
    // Mean 0; var x = 0.5, var y = 2, no covariance; N = 4 -> F = F.05[2,2] = 19.
    const e = swayEllipse([1, -1, 0, 0], [0, 0, 2, -2])!
    expect(e.n).toBe(4)
    expect(e.cx).toBeCloseTo(0)
    expect(e.cy).toBeCloseTo(0)
    expect(e.a).toBeCloseTo(Math.sqrt(2 * 19 * 2))
    expect(e.b).toBeCloseTo(Math.sqrt(2 * 19 * 0.5))
    expect(e.angle).toBeCloseTo(Math.PI / 2)
    // Prieto's AREA-CE = 2 pi F sqrt(sML^2 sAP^2 - sMLAP^2).
    expect(e.areaMm2).toBeCloseTo(2 * Math.PI * 19 * Math.sqrt(0.5 * 2))
  })

  it('follows a rotated and shifted cloud: same axes and area, centre and angle move with it', () => {
    const rnd = normals(7)
    const xs: number[] = []
    const ys: number[] = []
    for (let i = 0; i < 500; i++) {
      xs.push(6 * rnd())
      ys.push(2 * rnd())
    }
    const base = swayEllipse(xs, ys)!
    const th = (35 * Math.PI) / 180
    const rx = xs.map((x, i) => 40 + x * Math.cos(th) - ys[i]! * Math.sin(th))
    const ry = xs.map((x, i) => -12 + x * Math.sin(th) + ys[i]! * Math.cos(th))
    const moved = swayEllipse(rx, ry)!
    expect(moved.cx).toBeCloseTo(40 + base.cx * Math.cos(th) - base.cy * Math.sin(th), 8)
    expect(moved.cy).toBeCloseTo(-12 + base.cx * Math.sin(th) + base.cy * Math.cos(th), 8)
    expect(moved.a).toBeCloseTo(base.a, 8)
    expect(moved.b).toBeCloseTo(base.b, 8)
    expect(moved.areaMm2).toBeCloseTo(base.areaMm2, 6)
    expect(moved.angle - base.angle).toBeCloseTo(th, 8)
    expect(moved.angle).toBeGreaterThan(-Math.PI / 2)
    expect(moved.angle).toBeLessThanOrEqual(Math.PI / 2)
  })

  it('encloses about 95 % of a large correlated Gaussian sway', () => {
    const rnd = normals(42)
    const xs: number[] = []
    const ys: number[] = []
    for (let i = 0; i < 4000; i++) {
      const u = 8 * rnd()
      const w = 3 * rnd()
      xs.push(u * 0.8 - w * 0.6)
      ys.push(u * 0.6 + w * 0.8)
    }
    const e = swayEllipse(xs, ys)!
    const share = xs.filter((x, i) => inside(e, x, ys[i]!)).length / xs.length
    expect(share).toBeGreaterThan(0.935)
    expect(share).toBeLessThan(0.965)
    // The major axis lies along the direction the cloud was stretched in (0.8, 0.6).
    expect(e.angle).toBeCloseTo(Math.atan2(0.6, 0.8), 1)
  })

  it('skips non-finite samples and needs at least 3', () => {
    expect(swayEllipse([1, 2], [3, 4])).toBeNull()
    expect(swayEllipse([1, NaN, 2, Infinity], [3, 4, 5, 6])).toBeNull()
    const e = swayEllipse([1, NaN, -1, 0, 0], [0, 9, 0, 2, -2])!
    expect(e.n).toBe(4)
    expect(e.cx).toBeCloseTo(0)
  })

  it('is flat, not NaN, when every sample lies on a line', () => {
    const e = swayEllipse([0, 1, 2, 3], [0, 1, 2, 3])!
    expect(e.b).toBeCloseTo(0)
    expect(e.areaMm2).toBeCloseTo(0)
    expect(e.angle).toBeCloseTo(Math.PI / 4)
    expect(Number.isFinite(e.a)).toBe(true)
  })

  it('draws a closed outline whose points lie on the ellipse', () => {
    const e = swayEllipse([5, -3, 1, 2, 0, 4], [1, 2, -4, 3, 0, -1])!
    const pts = ellipseOutline(e, 36)
    expect(pts).toHaveLength(37)
    expect(pts[36]!.x).toBeCloseTo(pts[0]!.x)
    expect(pts[36]!.y).toBeCloseTo(pts[0]!.y)
    for (const p of pts) {
      const dx = p.x - e.cx
      const dy = p.y - e.cy
      const u = dx * Math.cos(e.angle) + dy * Math.sin(e.angle)
      const w = -dx * Math.sin(e.angle) + dy * Math.cos(e.angle)
      expect((u / e.a) ** 2 + (w / e.b) ** 2).toBeCloseTo(1, 9)
    }
  })
})

describe('one ellipse for the signal core and the history view', () => {
  it('swayMetrics on a regularly sampled trace gives the area the history view draws', () => {
    const draw = normals(7)
    const points: CopPoint[] = []
    for (let i = 0; i < 600; i++) {
      points.push({ tMs: i * 40, copXMm: 3 * draw() + 10, copYMm: 7 * draw() - 4, totalKg: 70 })
    }
    const drawn = swayEllipse(
      points.map((p) => p.copXMm),
      points.map((p) => p.copYMm)
    )!
    // Equal spacing weighs the end samples half as much as the rest; nothing else differs.
    expect(swayMetrics(points).ellipseAreaMm2 / drawn.areaMm2).toBeCloseTo(1, 2)
  })

  it('ellipseFromMoments: area 2πF√det, axes from the eigenvalues, null below 3 samples', () => {
    const e = ellipseFromMoments({ cx: 1, cy: 2, vxx: 4, vyy: 1, vxy: 0, n: 102 })!
    const f = f95(100)
    expect(e.a).toBeCloseTo(Math.sqrt(2 * f * 4), 12)
    expect(e.b).toBeCloseTo(Math.sqrt(2 * f * 1), 12)
    expect(e.angle).toBe(0)
    expect(e.areaMm2).toBeCloseTo(2 * Math.PI * f * 2, 12)
    expect(e.areaMm2).toBeCloseTo(Math.PI * e.a * e.b, 9)
    expect(ellipseFromMoments({ cx: 0, cy: 0, vxx: 1, vyy: 1, vxy: 0, n: 2 })).toBeNull()
  })
})
