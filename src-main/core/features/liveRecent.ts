/**
 * The recent live window main keeps for the Live screen (issue 21): the beats and the rolling
 * metrics of the last RECENT_WINDOW_MS, so a screen that opens late - or a window that reloads -
 * draws the last two minutes at once instead of starting empty. Pure and clock-free: items carry
 * their own time (epoch ms) and anything older than the window behind the newest is dropped.
 * A source that stops is not a reason to forget: the window is trimmed only by newer items, so
 * the last beats stay on screen (marked stale by the screen) until new ones push them out.
 */
import type { LiveMetrics } from '../../shared/arousal'
import type { LiveBeat, LiveRecent } from '../../shared/contract'

export const RECENT_WINDOW_MS = 120_000

function trim<T extends { tMs: number }>(items: T[], newestMs: number): void {
  let drop = 0
  while (drop < items.length && items[drop]!.tMs < newestMs - RECENT_WINDOW_MS) drop++
  if (drop > 0) items.splice(0, drop)
}

export class RecentWindow {
  private readonly beats: LiveBeat[] = []
  private readonly metrics: LiveMetrics[] = []

  addBeat(beat: LiveBeat): void {
    this.beats.push(beat)
    trim(this.beats, beat.tMs)
  }

  addMetrics(m: LiveMetrics): void {
    this.metrics.push(m)
    trim(this.metrics, m.tMs)
  }

  /** Copies, oldest first (the caller may keep or change them). */
  snapshot(): LiveRecent {
    return { beats: this.beats.map((b) => ({ ...b })), metrics: this.metrics.map((m) => ({ ...m })) }
  }
}
