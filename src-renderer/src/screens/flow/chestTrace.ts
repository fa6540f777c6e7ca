/**
 * The measured breath against the pacer: the chest sensor's breathing waveform (a Polar H10's
 * accelerometer, main's 'breathing:chest' points) and the pacer's target lung volume, both on the
 * pacer's elapsed time over a sliding window, as SVG polylines. Pure, so the geometry is
 * unit-tested.
 *
 * The waveform's unit (mG of chest tilt) says nothing about lung volume, so it is scaled to the
 * range it spans in the window: a full breath fills the box like the pacer's full breath does,
 * and the learner compares timing (when the line rises and falls), not depth.
 */
import { lungVolumeAt, type BreathPattern } from '../../../../src-main/shared/breathing'

export interface ChestTracePoint {
  /** Pacer elapsed time (ms). */
  tMs: number
  /** Breathing waveform (mG, rising = breathing in); null = a break (the line is not joined across). */
  value: number | null
}

export interface ChestGeometry {
  /** One polyline per unbroken stretch of the measured breath. */
  measured: string[]
  /** The pacer's target: lung volume 0..1 over the same window. */
  target: string
}

/** Below this span (mG) the waveform is noise, not breathing: it is drawn flat, not blown up. */
const MIN_SPAN_MG = 4
/** Top and bottom margins (share of the height) so the lines never touch the frame. */
const MARGIN = 0.1
/** Step of the target line (ms): fine enough for its corners at 6/min. */
const TARGET_STEP_MS = 100

export class ChestTrace {
  points: ChestTracePoint[] = []

  constructor(readonly windowMs = 60_000) {}

  push(tMs: number, value: number): void {
    if (!Number.isFinite(tMs) || !Number.isFinite(value)) return
    const last = this.points.at(-1)
    if (last && tMs <= last.tMs) return
    this.points.push({ tMs, value })
    const from = tMs - this.windowMs
    while (this.points.length && this.points[0]!.tMs < from) this.points.shift()
  }

  /** The chest data broke off (a gap, another strap): the next point starts a new stretch. */
  break(): void {
    const last = this.points.at(-1)
    if (last && last.value !== null) this.points.push({ tMs: last.tMs, value: null })
  }

  get hasData(): boolean {
    return this.points.some((p) => p.value !== null)
  }

  geometry(pattern: BreathPattern, nowMs: number, width: number, height: number): ChestGeometry {
    const toMs = Math.max(nowMs, this.windowMs)
    const fromMs = toMs - this.windowMs
    const x = (t: number): number => ((t - fromMs) / this.windowMs) * width
    const y = (share: number): number => height - (MARGIN + (1 - 2 * MARGIN) * share) * height
    const values = this.points.flatMap((p) => (p.value === null || p.tMs < fromMs ? [] : [p.value]))
    let lo = values.length ? Math.min(...values) : 0
    let hi = values.length ? Math.max(...values) : 1
    if (hi - lo < MIN_SPAN_MG) {
      const mid = (hi + lo) / 2
      lo = mid - MIN_SPAN_MG / 2
      hi = mid + MIN_SPAN_MG / 2
    }
    const measured: string[] = []
    let run: string[] = []
    for (const p of this.points) {
      if (p.value === null) {
        if (run.length > 1) measured.push(run.join(' '))
        run = []
        continue
      }
      if (p.tMs < fromMs) continue
      run.push(`${x(p.tMs).toFixed(1)},${y((p.value - lo) / (hi - lo)).toFixed(1)}`)
    }
    if (run.length > 1) measured.push(run.join(' '))
    const target: string[] = []
    const endMs = Math.min(toMs, nowMs)
    for (let t = fromMs; t <= endMs; t += TARGET_STEP_MS)
      target.push(`${x(t).toFixed(1)},${y(lungVolumeAt(pattern, t)).toFixed(1)}`)
    return { measured, target: target.join(' ') }
  }
}
