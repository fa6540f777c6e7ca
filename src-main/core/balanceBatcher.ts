/**
 * Balance samples arrive at ~100 Hz; the live view needs ~30 updates a second. Batching keeps IPC
 * traffic to a few messages a second while every sample still reaches the renderer.
 */
import type { Clock } from '../devices/clock'
import type { BalanceSample } from '../devices/dataSource'

export class BalanceBatcher {
  private batch: BalanceSample[] = []
  private timer: unknown = null

  constructor(
    private readonly clock: Clock,
    private readonly flush: (batch: BalanceSample[]) => void,
    private readonly intervalMs = 33
  ) {}

  push(sample: BalanceSample): void {
    this.batch.push(sample)
    if (this.timer === null) this.timer = this.clock.setTimeout(() => this.emit(), this.intervalMs)
  }

  dispose(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
    this.batch = []
  }

  private emit(): void {
    this.timer = null
    const out = this.batch
    this.batch = []
    if (out.length) this.flush(out)
  }
}
