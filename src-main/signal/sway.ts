/**
 * Postural sway from centre-of-pressure (CoP) samples of a balance board, and a detector for losses
 * of balance. Pure: no clocks, no I/O; time comes from the samples.
 *
 * Measures follow Prieto et al. 1996 ("Measures of postural steadiness: differences between healthy
 * young and elderly adults", IEEE Trans Biomed Eng 43(9):956-966), with the CoP expressed relative
 * to its mean:
 *
 *   path length     sum of |CoP[i] - CoP[i-1]| over consecutive samples           (mm)
 *   mean velocity   path length / covered time                                     (mm/s)
 *   RMS distance    sqrt(mean(x^2 + y^2)), x, y = CoP - mean CoP                   (mm)
 *   95 % ellipse    area = 2 * pi * F(0.95; 2, n-2) * sqrt(sx^2 * sy^2 - sxy^2)     (mm^2)
 *
 * where sx^2 = mean(x^2), sy^2 = mean(y^2), sxy = mean(x*y) (1/N moments about the mean, as in
 * Prieto's paper) and F(0.95; 2, n-2) is the 95th percentile of the F distribution with 2 and n-2
 * degrees of freedom. For 2 numerator degrees of freedom the F quantile has a closed form,
 *
 *   F(p; 2, m) = (m / 2) * ((1 - p)^(-2/m) - 1)
 *
 * (from the CDF 1 - (1 + 2x/m)^(-m/2)); it tends to -ln(0.05) = 2.996 for large n, the "3.00 for
 * n > 120" of the paper.
 *
 * Irregular sampling and gaps: a real board (Bluetooth HID) delivers reports at a jittery rate
 * and drops some. Two consecutive samples further apart than `maxGapMs` are NOT joined: no path is
 * added across the gap and its time is not counted. Means and moments are time-weighted (each
 * sample stands for half of each joined interval next to it), so a burst of closely spaced samples
 * does not outweigh a sparsely sampled stretch. Samples with too little load on the board (nobody
 * standing, CoP meaningless) are left out.
 */
import { fQuantile2 } from '../shared/fDistribution'
import { ellipseFromMoments } from '../shared/swayEllipse'

/** Re-exported: the quantile lives in shared/ so the history view draws the same ellipse. */
export { fQuantile2 }

export interface CopPoint {
  tMs: number
  copXMm: number
  copYMm: number
  totalKg: number
}

export interface SwayOptions {
  /** Two samples further apart than this are not joined (no path, no time). Default 250 ms. */
  maxGapMs?: number
  /** Samples with less total load than this are ignored (nobody on the board). Default 10 kg. */
  minTotalKg?: number
}

export interface SwayMetrics {
  /** Samples used (finite, loaded, strictly increasing time). */
  samples: number
  /** Time covered by joined intervals, gaps excluded (s). */
  durationS: number
  pathLengthMm: number
  meanVelocityMmS: number
  rmsDistanceMm: number
  /** 95 % confidence-ellipse area (Prieto et al. 1996); 0 with fewer than 3 samples. */
  ellipseAreaMm2: number
}

/** Default join limit: ~ a dozen missed reports at the board's ~60-100 Hz. */
export const DEFAULT_MAX_GAP_MS = 250
/** Default minimum load: below this nobody is standing on the board. */
export const DEFAULT_MIN_TOTAL_KG = 10

export function swayMetrics(points: readonly CopPoint[], opts: SwayOptions = {}): SwayMetrics {
  const maxGapMs = opts.maxGapMs ?? DEFAULT_MAX_GAP_MS
  const minTotalKg = opts.minTotalKg ?? DEFAULT_MIN_TOTAL_KG

  // Usable samples, in time order, duplicates of a time stamp dropped.
  const pts: CopPoint[] = []
  for (const p of points) {
    if (!Number.isFinite(p.tMs) || !Number.isFinite(p.copXMm) || !Number.isFinite(p.copYMm)) continue
    if (!(p.totalKg >= minTotalKg)) continue
    const last = pts[pts.length - 1]
    if (last && p.tMs <= last.tMs) continue
    pts.push(p)
  }
  const n = pts.length
  const empty: SwayMetrics = {
    samples: n,
    durationS: 0,
    pathLengthMm: 0,
    meanVelocityMmS: 0,
    rmsDistanceMm: 0,
    ellipseAreaMm2: 0
  }
  if (n === 0) return empty

  // Path length, covered time and per-sample time weights.
  const weights = new Array<number>(n).fill(0)
  let pathMm = 0
  let coveredMs = 0
  for (let i = 1; i < n; i++) {
    const a = pts[i - 1]!
    const b = pts[i]!
    const dt = b.tMs - a.tMs
    if (dt > maxGapMs) continue
    pathMm += Math.hypot(b.copXMm - a.copXMm, b.copYMm - a.copYMm)
    coveredMs += dt
    weights[i - 1]! += dt / 2
    weights[i]! += dt / 2
  }
  let wSum = 0
  for (const w of weights) wSum += w
  // Only isolated samples (every neighbour across a gap): weigh them equally.
  if (wSum === 0) {
    weights.fill(1)
    wSum = n
  }

  let mx = 0
  let my = 0
  for (let i = 0; i < n; i++) {
    mx += weights[i]! * pts[i]!.copXMm
    my += weights[i]! * pts[i]!.copYMm
  }
  mx /= wSum
  my /= wSum
  let sxx = 0
  let syy = 0
  let sxy = 0
  for (let i = 0; i < n; i++) {
    const x = pts[i]!.copXMm - mx
    const y = pts[i]!.copYMm - my
    const w = weights[i]!
    sxx += w * x * x
    syy += w * y * y
    sxy += w * x * y
  }
  sxx /= wSum
  syy /= wSum
  sxy /= wSum

  // The ellipse itself is shared with the history view, which draws it (shared/swayEllipse.ts).
  const ellipse = ellipseFromMoments({ cx: mx, cy: my, vxx: sxx, vyy: syy, vxy: sxy, n })
  const ellipseAreaMm2 = ellipse?.areaMm2 ?? 0
  const durationS = coveredMs / 1000
  return {
    samples: n,
    durationS,
    pathLengthMm: pathMm,
    meanVelocityMmS: durationS > 0 ? pathMm / durationS : 0,
    rmsDistanceMm: Math.sqrt(sxx + syy),
    ellipseAreaMm2
  }
}

// ---------------------------------------------------------------------------------------------
// Loss of balance

export type LossOfBalanceKind = 'step-off' | 'load-drop' | 'cop-out'

export interface LossOfBalanceEvent {
  kind: LossOfBalanceKind
  /** When the condition began (the sample time of its onset), not when it was confirmed. */
  tMs: number
}

export interface LossOfBalanceOptions {
  /**
   * The person's weight (kg): the load thresholds are fractions of it. When omitted it is learned:
   * the mean load over the first `weightSettleMs` of samples with someone on the board
   * (>= `DEFAULT_MIN_TOTAL_KG`), then raised whenever the smoothed load (EMA, 250 ms) exceeds it -
   * so stepping on slowly does not leave it too low. No load event is reported before it is known.
   */
  bodyWeightKg?: number
  /** Step-off: total load below this fraction of body weight. Default 0.2. */
  stepOffFraction?: number
  /** ...for at least this long (filters a single bad report). Default 100 ms. */
  stepOffHoldMs?: number
  /** Load drop: total load falls by at least this fraction of body weight... Default 0.3. */
  loadDropFraction?: number
  /** ...within this window. Default 300 ms. */
  loadDropWindowMs?: number
  /**
   * A load drop is reported only once it is clear it is not the start of a step-off: after this
   * long the load must still be above the step-off level. Default 150 ms.
   */
  loadDropConfirmMs?: number
  /** Re-armed once the load is back above this fraction of the pre-drop load. Default 0.85. */
  loadRecoverFraction?: number
  /**
   * The zone the CoP must stay in: a circle. When the centre is omitted it is the mean CoP of the
   * first `zoneSettleMs` of loaded samples (where the person actually stands). Radius default 100 mm
   * (the Wii Balance Board's sensors sit 433 x 238 mm apart, so its plate's half-depth is ~119 mm).
   */
  zone?: { centerXMm?: number; centerYMm?: number; radiusMm?: number }
  /** The drill's target circle radius: same as `zone.radiusMm`. */
  targetRadiusMm?: number
  /** Default 1000 ms (the drill screen anchors its target over the trial's first second). */
  zoneSettleMs?: number
  /** How long the body weight is averaged when it is learned. Default 500 ms. */
  weightSettleMs?: number
  /** CoP outside the zone for at least this long. Default 100 ms. */
  copOutHoldMs?: number
  /** Re-armed once the CoP is back within this fraction of the radius. Default 0.8. */
  copReenterFraction?: number
  /** Samples further apart than this break the history (no load drop across a gap). Default 250 ms. */
  maxGapMs?: number
}

export const LOSS_OF_BALANCE_DEFAULTS = {
  stepOffFraction: 0.2,
  stepOffHoldMs: 100,
  loadDropFraction: 0.3,
  loadDropWindowMs: 300,
  loadDropConfirmMs: 150,
  loadRecoverFraction: 0.85,
  radiusMm: 100,
  zoneSettleMs: 1000,
  weightSettleMs: 500,
  copOutHoldMs: 100,
  copReenterFraction: 0.8,
  maxGapMs: DEFAULT_MAX_GAP_MS
} as const

/**
 * Watches a stream of CoP samples and reports each loss of balance once:
 *
 * - step-off: total load below `stepOffFraction` x body weight for `stepOffHoldMs` (a foot, or the
 *   person, left the board). Re-armed when the load is back above the step-off level.
 * - load-drop: the load fell by `loadDropFraction` x body weight within `loadDropWindowMs` but the
 *   person stayed on (a foot touched the floor, a hand grabbed a support). Re-armed when the load
 *   recovers to `loadRecoverFraction` of what it was before the drop.
 * - cop-out: the CoP outside the circular zone for `copOutHoldMs` while loaded. Re-armed when it is
 *   back inside `copReenterFraction` of the radius.
 *
 * At most one event per push. Samples must arrive in time order; one later than `maxGapMs` after
 * the previous sample restarts the load history, so a drop-out is never read as a load drop.
 */
export class LossOfBalanceDetector {
  private readonly o: Required<Omit<LossOfBalanceOptions, 'zone' | 'bodyWeightKg' | 'targetRadiusMm'>> & {
    radiusMm: number
  }
  private center: { x: number; y: number } | null
  private bodyWeightKg: number | null
  private readonly learnWeight: boolean
  private weightLearn = { sum: 0, n: 0, firstMs: NaN, emaKg: NaN, lastMs: NaN }
  private settle = { sumX: 0, sumY: 0, n: 0, firstMs: NaN }
  /** Recent (tMs, totalKg) within the load-drop window. */
  private history: { tMs: number; kg: number }[] = []
  private lastTMs = NaN
  private offSinceMs: number | null = null
  private steppedOff = false
  private pendingDrop: { onsetMs: number; confirmAtMs: number; beforeKg: number } | null = null
  private droppedFromKg: number | null = null
  private outSinceMs: number | null = null
  private copOut = false

  constructor(opts: LossOfBalanceOptions) {
    if (opts.bodyWeightKg !== undefined && !(opts.bodyWeightKg > 0))
      throw new Error('bodyWeightKg must be positive')
    const radiusMm = opts.zone?.radiusMm ?? opts.targetRadiusMm ?? LOSS_OF_BALANCE_DEFAULTS.radiusMm
    if (!(radiusMm > 0)) throw new Error('the zone radius must be positive')
    const d = LOSS_OF_BALANCE_DEFAULTS
    this.bodyWeightKg = opts.bodyWeightKg ?? null
    this.learnWeight = opts.bodyWeightKg === undefined
    this.o = {
      stepOffFraction: opts.stepOffFraction ?? d.stepOffFraction,
      stepOffHoldMs: opts.stepOffHoldMs ?? d.stepOffHoldMs,
      loadDropFraction: opts.loadDropFraction ?? d.loadDropFraction,
      loadDropWindowMs: opts.loadDropWindowMs ?? d.loadDropWindowMs,
      loadDropConfirmMs: opts.loadDropConfirmMs ?? d.loadDropConfirmMs,
      loadRecoverFraction: opts.loadRecoverFraction ?? d.loadRecoverFraction,
      radiusMm,
      zoneSettleMs: opts.zoneSettleMs ?? d.zoneSettleMs,
      weightSettleMs: opts.weightSettleMs ?? d.weightSettleMs,
      copOutHoldMs: opts.copOutHoldMs ?? d.copOutHoldMs,
      copReenterFraction: opts.copReenterFraction ?? d.copReenterFraction,
      maxGapMs: opts.maxGapMs ?? d.maxGapMs
    }
    const cx = opts.zone?.centerXMm
    const cy = opts.zone?.centerYMm
    this.center = cx !== undefined || cy !== undefined ? { x: cx ?? 0, y: cy ?? 0 } : null
  }

  /** The zone centre in use (null while it is still being learned). */
  zoneCenter(): { xMm: number; yMm: number } | null {
    return this.center ? { xMm: this.center.x, yMm: this.center.y } : null
  }

  /** The body weight in use (null while it is still being learned). */
  referenceWeightKg(): number | null {
    return this.bodyWeightKg
  }

  private updateWeight(p: CopPoint): void {
    if (!this.learnWeight || p.totalKg < DEFAULT_MIN_TOTAL_KG) return
    const w = this.weightLearn
    if (this.bodyWeightKg === null) {
      if (Number.isNaN(w.firstMs)) w.firstMs = p.tMs
      w.sum += p.totalKg
      w.n++
      if (p.tMs - w.firstMs >= this.o.weightSettleMs) this.bodyWeightKg = w.sum / w.n
    }
    const dt = Number.isNaN(w.lastMs) ? Infinity : p.tMs - w.lastMs
    w.emaKg = Number.isNaN(w.emaKg) ? p.totalKg : w.emaKg + (p.totalKg - w.emaKg) * (1 - Math.exp(-dt / 250))
    w.lastMs = p.tMs
    if (this.bodyWeightKg !== null && w.emaKg > this.bodyWeightKg) this.bodyWeightKg = w.emaKg
  }

  /**
   * The zone centre, when not given: the mean CoP of the loaded samples in the first `zoneSettleMs`
   * (counted from the first loaded sample, as the drill screen anchors its target circle).
   */
  private updateZone(p: CopPoint): void {
    if (
      this.center ||
      p.totalKg < DEFAULT_MIN_TOTAL_KG ||
      !Number.isFinite(p.copXMm) ||
      !Number.isFinite(p.copYMm)
    ) {
      return
    }
    const z = this.settle
    if (Number.isNaN(z.firstMs)) z.firstMs = p.tMs
    if (p.tMs - z.firstMs <= this.o.zoneSettleMs) {
      z.sumX += p.copXMm
      z.sumY += p.copYMm
      z.n++
    } else {
      this.center = z.n > 0 ? { x: z.sumX / z.n, y: z.sumY / z.n } : { x: p.copXMm, y: p.copYMm }
    }
  }

  push(p: CopPoint): LossOfBalanceEvent | null {
    if (!Number.isFinite(p.tMs) || !Number.isFinite(p.totalKg)) return null
    if (p.tMs <= this.lastTMs) return null
    if (p.tMs - this.lastTMs > this.o.maxGapMs) {
      // A drop-out: forget the load history and anything half-detected.
      this.history = []
      this.pendingDrop = null
      this.offSinceMs = null
      this.outSinceMs = null
    }
    this.lastTMs = p.tMs
    this.updateWeight(p)
    this.updateZone(p)
    const bw = this.bodyWeightKg
    if (bw === null) return null // nobody has stood on the board long enough yet
    const offKg = this.o.stepOffFraction * bw

    // Step-off.
    if (p.totalKg < offKg) {
      this.outSinceMs = null
      this.pendingDrop = null
      this.droppedFromKg = null
      this.history = []
      if (this.steppedOff) return null
      this.offSinceMs ??= p.tMs
      if (p.tMs - this.offSinceMs >= this.o.stepOffHoldMs) {
        this.steppedOff = true
        return { kind: 'step-off', tMs: this.offSinceMs }
      }
      return null
    }
    this.offSinceMs = null
    this.steppedOff = false

    // Load drop.
    let event: LossOfBalanceEvent | null = null
    this.history.push({ tMs: p.tMs, kg: p.totalKg })
    while (this.history.length > 0 && p.tMs - this.history[0]!.tMs > this.o.loadDropWindowMs)
      this.history.shift()
    if (this.droppedFromKg !== null && p.totalKg >= this.o.loadRecoverFraction * this.droppedFromKg) {
      this.droppedFromKg = null
    }
    if (this.pendingDrop && p.tMs >= this.pendingDrop.confirmAtMs) {
      const drop = this.pendingDrop
      this.pendingDrop = null
      this.droppedFromKg = drop.beforeKg
      event = { kind: 'load-drop', tMs: drop.onsetMs }
    }
    if (!this.pendingDrop && this.droppedFromKg === null && !event) {
      let maxKg = -Infinity
      let maxAt = p.tMs
      for (const h of this.history) {
        if (h.kg >= maxKg) {
          maxKg = h.kg
          maxAt = h.tMs
        }
      }
      if (maxKg - p.totalKg >= this.o.loadDropFraction * bw) {
        // Onset: the last sample at the pre-drop level.
        this.pendingDrop = { onsetMs: maxAt, confirmAtMs: p.tMs + this.o.loadDropConfirmMs, beforeKg: maxKg }
      }
    }

    // CoP leaving the zone.
    if (!this.center) return event
    const r = Math.hypot(p.copXMm - this.center.x, p.copYMm - this.center.y)
    if (this.copOut) {
      if (r <= this.o.copReenterFraction * this.o.radiusMm) this.copOut = false
      return event
    }
    if (r > this.o.radiusMm) {
      this.outSinceMs ??= p.tMs
      if (!event && p.tMs - this.outSinceMs >= this.o.copOutHoldMs) {
        this.copOut = true
        const onset = this.outSinceMs
        this.outSinceMs = null
        return { kind: 'cop-out', tMs: onset }
      }
    } else {
      this.outSinceMs = null
    }
    return event
  }

  /** Forget everything (a new trial). A learned body weight is learned again; so is the zone centre with `learnZone`. */
  reset(learnZone = false): void {
    this.history = []
    this.lastTMs = NaN
    this.offSinceMs = null
    this.steppedOff = false
    this.pendingDrop = null
    this.droppedFromKg = null
    this.outSinceMs = null
    this.copOut = false
    if (learnZone) {
      this.center = null
      this.settle = { sumX: 0, sumY: 0, n: 0, firstMs: NaN }
    }
    if (this.learnWeight) {
      this.bodyWeightKg = null
      this.weightLearn = { sum: 0, n: 0, firstMs: NaN, emaKg: NaN, lastMs: NaN }
    }
  }
}
