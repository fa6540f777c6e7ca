/**
 * The points the live RR chart shows: the last `windowS` seconds of beats, x in seconds relative
 * to the newest beat's session clock. Pure, so the windowing is tested without Chart.js or a DOM.
 */
export interface RrPoint {
  x: number
  /** Null marks a gap (no beats arrived): the chart breaks the line there. */
  y: number | null
}

/**
 * A beat that follows the previous one by more than its own interval plus this much was not
 * preceded by the beats in between (the strap dropped out): the chart shows a gap, not a line.
 */
export const GAP_SLACK_MS = 2000

export class RrWindow {
  readonly points: RrPoint[] = []
  private originMs: number | null = null
  private lastMs: number | null = null

  constructor(private readonly windowS = 60) {}

  /** Add a beat; returns how many old points were dropped from the front. */
  push(tMs: number, rrMs: number): number {
    if (this.originMs === null) this.originMs = tMs
    const x = (tMs - this.originMs) / 1000
    if (this.lastMs !== null && tMs - this.lastMs > rrMs + GAP_SLACK_MS)
      this.points.push({ x: (this.lastMs - this.originMs) / 1000 + 0.001, y: null })
    this.lastMs = tMs
    this.points.push({ x, y: rrMs })
    let dropped = 0
    while (this.points.length > 0 && (this.points[0]!.x < x - this.windowS || this.points[0]!.y === null)) {
      this.points.shift()
      dropped++
    }
    return dropped
  }

  get range(): { min: number; max: number } {
    const last = this.points.at(-1)?.x ?? 0
    return { min: Math.max(0, last - this.windowS), max: Math.max(this.windowS, last) }
  }
}
