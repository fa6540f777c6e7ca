/**
 * The resonance protocol's coherence view, as geometry (unit-tested): the pacer's breathing wave
 * and the heart rate drawn over it on one time axis (the last `windowMs` of the pacer's elapsed
 * time), each scaled to the box's height, so the person sees the heart rise with the inhale and
 * fall with the exhale.
 */
import { lungVolumeAt, type BreathPattern } from '../../../../src-main/shared/breathing'
import type { TracePoint } from './hrTrace'

export interface CoherenceGeometry {
  /** The pacer's lung volume (0 = empty at the bottom, 1 = full at the top). */
  wave: string
  /** Heart rate, min..max of the window spread over the height (null when fewer than 2 beats). */
  hr: string | null
  minBpm: number | null
  maxBpm: number | null
}

export function coherenceGeometry(
  pattern: BreathPattern,
  points: readonly TracePoint[],
  elapsedMs: number,
  width: number,
  height: number,
  windowMs = 60_000
): CoherenceGeometry {
  const toMs = Math.max(elapsedMs, windowMs)
  const fromMs = toMs - windowMs
  const x = (t: number): number => ((t - fromMs) / windowMs) * width
  // A margin of 8 % keeps the lines off the edges.
  const y = (v: number): number => height * (0.92 - 0.84 * v)
  const wave: string[] = []
  // 240 samples a window (every 250 ms of a minute): smooth at any breathing rate shown.
  const step = windowMs / 240
  for (let i = 0; i <= 240; i++) {
    const t = fromMs + i * step
    if (t < 0 || t > elapsedMs + 1e-9) continue
    wave.push(`${x(t).toFixed(1)},${y(lungVolumeAt(pattern, t)).toFixed(1)}`)
  }
  const shown = points.filter((p) => p.tMs >= fromMs && p.tMs <= toMs)
  if (shown.length < 2) return { wave: wave.join(' '), hr: null, minBpm: null, maxBpm: null }
  let minBpm = Math.min(...shown.map((p) => p.hrBpm))
  let maxBpm = Math.max(...shown.map((p) => p.hrBpm))
  // At least 6 bpm of range, so a steady heart draws a flat line, not noise blown up.
  if (maxBpm - minBpm < 6) {
    const mid = (maxBpm + minBpm) / 2
    minBpm = mid - 3
    maxBpm = mid + 3
  }
  const hr = shown
    .map((p) => `${x(p.tMs).toFixed(1)},${y((p.hrBpm - minBpm) / (maxBpm - minBpm)).toFixed(1)}`)
    .join(' ')
  return { wave: wave.join(' '), hr, minBpm, maxBpm }
}
