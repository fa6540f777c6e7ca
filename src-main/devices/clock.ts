/**
 * Time is injected everywhere a source or service reads it, so the simulator can run faster than
 * real time (CLI, tests) and tests can step time by hand.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
}

/**
 * A clock that only moves when told to. Timers fire in time order during `advance()`, so code
 * under test sees exactly the sequence of callbacks it would see in real time.
 */
export class ManualClock implements Clock {
  private tMs: number
  private seq = 0
  private timers = new Map<number, { at: number; fn: () => void; order: number }>()

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.tMs = startMs
  }

  now(): number {
    return this.tMs
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq
    this.timers.set(id, { at: this.tMs + Math.max(0, ms), fn, order: id })
    return id
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number)
  }

  /** Move time forward by `ms`, firing due timers (including ones they schedule) in order. */
  advance(ms: number): void {
    const end = this.tMs + ms
    for (;;) {
      let nextId = -1
      let next: { at: number; fn: () => void; order: number } | undefined
      for (const [id, timer] of this.timers) {
        if (timer.at > end) continue
        if (!next || timer.at < next.at || (timer.at === next.at && timer.order < next.order)) {
          next = timer
          nextId = id
        }
      }
      if (!next) break
      this.timers.delete(nextId)
      this.tMs = Math.max(this.tMs, next.at)
      next.fn()
    }
    this.tMs = end
  }

  pendingTimers(): number {
    return this.timers.size
  }
}
