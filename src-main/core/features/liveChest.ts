/**
 * Breathing measured at the chest, live: the active strap's accelerometer frames (Polar PMD ACC,
 * devices/ble/pmdStream.ts events) go through one ChestBreathing estimator; each frame gives an
 * update for the screens (new waveform points and breath turns) and the rate the metrics carry.
 *
 * A gap in the chest data, or another source, restarts the estimator (no breath spans a hole).
 * The rate counts as current only while chest data keeps coming (`STALE_MS`): when the strap stops
 * streaming it, the metrics fall back to breathing inferred from heart rate.
 */
import type { PmdEvent } from '../../devices/ble/pmdStream'
import type { ChestBreathingUpdate } from '../../shared/chest'
import { ChestBreathing } from '../../signal/chestBreathing'

/** Chest data older than this no longer stands for the breathing now. */
export const CHEST_STALE_MS = 5000
/** Breath marks older than this are forgotten (a long session keeps memory bounded). */
const KEEP_MS = 120_000

export class LiveChest {
  private estimator = new ChestBreathing()
  private sourceId: string | null = null
  private lastPointMs: number | null = null
  private lastSampleMs = -Infinity
  private gapPending = false
  private forgotAtMs = -Infinity

  /** Take one chest event; returns what is new for the screens (null when nothing is). */
  push(event: PmdEvent, sourceId: string): ChestBreathingUpdate | null {
    if (event.measurement !== 'acc') return null // ECG is recorded, not used for breathing
    if (sourceId !== this.sourceId) {
      if (this.sourceId !== null) this.restart()
      this.sourceId = sourceId
    }
    if (event.kind === 'gap') {
      this.estimator.markGap()
      this.gapPending = true
      return null
    }
    const points: ChestBreathingUpdate['points'] = []
    for (let i = 0; i < event.tMs.length; i++) {
      const t = event.tMs[i]!
      this.estimator.push(t, event.values[3 * i]!, event.values[3 * i + 1]!, event.values[3 * i + 2]!)
      const p = this.estimator.latest
      if (p && p.tMs !== this.lastPointMs) {
        this.lastPointMs = p.tMs
        points.push({ tMs: p.tMs, value: p.value })
      }
    }
    const last = event.tMs[event.tMs.length - 1]
    if (last !== undefined) this.lastSampleMs = last
    if (this.lastSampleMs - this.forgotAtMs > KEEP_MS / 4) {
      this.forgotAtMs = this.lastSampleMs
      this.estimator.forgetBefore(this.lastSampleMs - KEEP_MS)
    }
    const marks = this.estimator.drainMarks()
    if (points.length === 0 && marks.length === 0) return null
    const update: ChestBreathingUpdate = {
      sourceId,
      points,
      marks,
      rateBpm: this.estimator.rateBpm,
      gap: this.gapPending
    }
    this.gapPending = false
    return update
  }

  /** Breaths per minute measured at the chest, or null when chest data is not current. */
  rateBpm(nowMs: number): number | null {
    if (nowMs - this.lastSampleMs > CHEST_STALE_MS) return null
    return this.estimator.rateBpm
  }

  /** Whether chest data arrived within CHEST_STALE_MS of `nowMs`. */
  current(nowMs: number): boolean {
    return nowMs - this.lastSampleMs <= CHEST_STALE_MS
  }

  private restart(): void {
    this.estimator = new ChestBreathing()
    this.lastPointMs = null
    this.lastSampleMs = -Infinity
    this.gapPending = true
    this.forgotAtMs = -Infinity
  }
}
