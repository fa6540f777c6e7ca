/**
 * The 95 % confidence ellipse of a centre-of-pressure trace, after Prieto et al. 1996
 * ("Measures of postural steadiness", IEEE Trans. Biomed. Eng. 43(9), eq. for AREA-CE).
 *
 * With the CoP centred on its mean, the 2×2 covariance is
 *   C = [[s_ML², s_MLAP], [s_MLAP, s_AP²]]   (population form: sums divided by N, as in Prieto)
 * Its eigenvalues λ1 ≥ λ2 are ((s_ML² + s_AP²) ± D) / 2 with D = √((s_ML² − s_AP²)² + 4 s_MLAP²),
 * and the eigenvector of λ1 gives the ellipse's orientation. Prieto's semi-axes are
 *   a = √(F · (s_ML² + s_AP² + D)) = √(2F · λ1),   b = √(2F · λ2)
 * where F = F.05[2, N−2], the 95th percentile of the F distribution with 2 and N−2 degrees of
 * freedom (≈ 3.00 for large N; computed exactly here, see `f95`). The area is
 *   AREA-CE = π a b = 2π F √(s_ML² s_AP² − s_MLAP²).
 *
 * The one implementation: the signal core's per-trial sway figure (`signal/sway.ts`, time-weighted
 * moments) and the history view's drawn ellipse (plain moments of the stored trace) both turn their
 * moments into an ellipse with `ellipseFromMoments`. It lives in shared/ because the renderer may
 * import only from here.
 */
import { fQuantile2 } from './fDistribution'

export interface SwayEllipse {
  /** Mean CoP (the ellipse's centre), mm. */
  cx: number
  cy: number
  /** Semi-major and semi-minor axis, mm. */
  a: number
  b: number
  /** Angle of the major axis from +x (ML), radians, in (−π/2, π/2]. */
  angle: number
  /** π a b, mm². */
  areaMm2: number
  /** Samples the ellipse rests on. */
  n: number
}

/** F.05[2, ν]: the value the F(2, ν) distribution exceeds with probability 0.05 (closed form). */
export function f95(nu: number): number {
  if (!(nu >= 1)) throw new RangeError('f95 needs at least 1 degree of freedom')
  return fQuantile2(0.95, nu)
}

/**
 * Second moments of a CoP trace about its mean (mm, mm²), however they were weighted, and the
 * number of samples they rest on (it sets the F quantile's degrees of freedom).
 */
export interface CopMoments {
  cx: number
  cy: number
  /** s_ML², s_AP², s_MLAP. */
  vxx: number
  vyy: number
  vxy: number
  n: number
}

/** The 95 % ellipse of given moments; null with fewer than 3 samples (no degrees of freedom left). */
export function ellipseFromMoments(m: CopMoments): SwayEllipse | null {
  const { cx, cy, vxx, vyy, vxy, n } = m
  if (!(n >= 3)) return null
  const d = Math.sqrt((vxx - vyy) ** 2 + 4 * vxy * vxy)
  const l1 = (vxx + vyy + d) / 2
  const l2 = Math.max(0, (vxx + vyy - d) / 2)
  const f = f95(n - 2)
  const a = Math.sqrt(2 * f * l1)
  const b = Math.sqrt(2 * f * l2)
  // Orientation of the eigenvector of l1, tan 2θ = 2 s_MLAP / (s_ML² − s_AP²): stable when the
  // covariance is (nearly) diagonal; folded into (−π/2, π/2].
  let angle = 0.5 * Math.atan2(2 * vxy, vxx - vyy)
  if (angle <= -Math.PI / 2) angle += Math.PI
  // Area in Prieto's form 2πF·√det (= π a b), from the moments directly: no rounding through the
  // eigenvalues, and exactly 0 for a trace on a line.
  const det = Math.max(0, vxx * vyy - vxy * vxy)
  return { cx, cy, a, b, angle, areaMm2: 2 * Math.PI * f * Math.sqrt(det), n }
}

/** The 95 % ellipse of the points (x = ML, y = AP), equally weighted; null with fewer than 3 finite samples. */
export function swayEllipse(xs: readonly number[], ys: readonly number[]): SwayEllipse | null {
  const len = Math.min(xs.length, ys.length)
  let n = 0
  let sx = 0
  let sy = 0
  for (let i = 0; i < len; i++) {
    const x = xs[i]!
    const y = ys[i]!
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue
    n++
    sx += x
    sy += y
  }
  if (n < 3) return null
  const cx = sx / n
  const cy = sy / n
  let vxx = 0
  let vyy = 0
  let vxy = 0
  for (let i = 0; i < len; i++) {
    const x = xs[i]!
    const y = ys[i]!
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue
    const dx = x - cx
    const dy = y - cy
    vxx += dx * dx
    vyy += dy * dy
    vxy += dx * dy
  }
  return ellipseFromMoments({ cx, cy, vxx: vxx / n, vyy: vyy / n, vxy: vxy / n, n })
}

/** `count` points on the ellipse outline, closed (the last equals the first), for drawing. */
export function ellipseOutline(e: SwayEllipse, count = 72): { x: number; y: number }[] {
  const cos = Math.cos(e.angle)
  const sin = Math.sin(e.angle)
  const points: { x: number; y: number }[] = []
  for (let i = 0; i <= count; i++) {
    const th = (2 * Math.PI * i) / count
    const u = e.a * Math.cos(th)
    const w = e.b * Math.sin(th)
    points.push({ x: e.cx + u * cos - w * sin, y: e.cy + u * sin + w * cos })
  }
  return points
}
