/**
 * The live centre-of-pressure view model, pure: the latest CoP, a short trail for the SVG, and
 * the target zone's centre, anchored to where the person stood during the trial's first second
 * (on one leg the CoP sits under the standing foot, not in the middle of the board).
 */
import type { BalanceSample } from '../../../../src-main/shared/contract'

/** Wii Balance Board sensor rectangle, mm. */
export const BOARD_WIDTH_MM = 433
export const BOARD_DEPTH_MM = 238
/** Below this load nobody is standing on the board: no CoP to draw. */
export const MIN_LOAD_KG = 10
export const ANCHOR_MS = 1000
export const TRAIL_MS = 3000

export interface Point {
  x: number
  y: number
}

export class CopTrail {
  private trail: { tMs: number; x: number; y: number }[] = []
  private anchorSum = { x: 0, y: 0, n: 0 }
  private anchorFrom: number | null = null
  private anchorDone = false
  latest: Point | null = null
  center: Point = { x: 0, y: 0 }

  /** Start anchoring at the next sample (call at trial start). */
  reset(): void {
    this.trail = []
    this.anchorSum = { x: 0, y: 0, n: 0 }
    this.anchorFrom = null
    this.anchorDone = false
    this.center = { x: 0, y: 0 }
  }

  push(samples: readonly BalanceSample[]): void {
    for (const s of samples) {
      if (
        s.totalKg < MIN_LOAD_KG ||
        s.copXMm === null ||
        s.copYMm === null ||
        !Number.isFinite(s.copXMm) ||
        !Number.isFinite(s.copYMm)
      ) {
        this.latest = null
        continue
      }
      this.latest = { x: s.copXMm, y: s.copYMm }
      this.trail.push({ tMs: s.tMs, x: s.copXMm, y: s.copYMm })
      if (!this.anchorDone) {
        this.anchorFrom ??= s.tMs
        if (s.tMs - this.anchorFrom <= ANCHOR_MS) {
          this.anchorSum.x += s.copXMm
          this.anchorSum.y += s.copYMm
          this.anchorSum.n++
          this.center = { x: this.anchorSum.x / this.anchorSum.n, y: this.anchorSum.y / this.anchorSum.n }
        } else {
          this.anchorDone = true
        }
      }
    }
    const last = this.trail.at(-1)
    if (last) {
      const from = last.tMs - TRAIL_MS
      let i = 0
      while (i < this.trail.length && this.trail[i].tMs < from) i++
      if (i) this.trail.splice(0, i)
    }
  }

  /** SVG polyline points in screen coordinates (+y down, so the board's front is up). */
  svgPoints(): string {
    return this.trail.map((p) => `${p.x.toFixed(1)},${(-p.y).toFixed(1)}`).join(' ')
  }

  get length(): number {
    return this.trail.length
  }
}
