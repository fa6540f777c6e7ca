/**
 * The biofeedback trace: heart rate per beat against the pacer's elapsed time, kept for a sliding
 * window, plus the pacer phases to shade behind it. Pure, so the geometry is unit-tested.
 */
import type { BreathPattern, BreathPhaseName } from '../../../../src-main/shared/breathing'
import { phaseSpans } from './pacer'

export interface TracePoint {
  tMs: number
  hrBpm: number
}

export interface TraceGeometry {
  /** SVG polyline points in a width x height box. */
  points: string
  shades: { x: number; width: number; kind: 'in' | 'out' | 'hold' }[]
  minBpm: number
  maxBpm: number
}

export function shadeKind(name: BreathPhaseName): 'in' | 'out' | 'hold' {
  return name === 'inhale' || name === 'top-up' ? 'in' : name === 'exhale' ? 'out' : 'hold'
}

export class HrTrace {
  points: TracePoint[] = []

  constructor(readonly windowMs = 60_000) {}

  push(tMs: number, hrBpm: number): void {
    if (!Number.isFinite(hrBpm) || hrBpm <= 0) return
    this.points.push({ tMs, hrBpm })
    const from = tMs - this.windowMs
    while (this.points.length && this.points[0]!.tMs < from) this.points.shift()
  }

  geometry(pattern: BreathPattern, nowMs: number, width: number, height: number): TraceGeometry {
    const toMs = Math.max(nowMs, this.windowMs)
    const fromMs = toMs - this.windowMs
    const x = (t: number): number => ((t - fromMs) / this.windowMs) * width
    const hrs = this.points.map((p) => p.hrBpm)
    let minBpm = hrs.length ? Math.min(...hrs) : 60
    let maxBpm = hrs.length ? Math.max(...hrs) : 80
    if (maxBpm - minBpm < 10) {
      const mid = (maxBpm + minBpm) / 2
      minBpm = mid - 5
      maxBpm = mid + 5
    }
    const y = (bpm: number): number => height - ((bpm - minBpm) / (maxBpm - minBpm)) * height
    const points = this.points.map((p) => `${x(p.tMs).toFixed(1)},${y(p.hrBpm).toFixed(1)}`).join(' ')
    const shades = phaseSpans(pattern, fromMs, Math.min(toMs, nowMs)).map((s) => ({
      x: x(s.fromMs),
      width: x(s.toMs) - x(s.fromMs),
      kind: shadeKind(s.name)
    }))
    return { points, shades, minBpm, maxBpm }
  }
}
