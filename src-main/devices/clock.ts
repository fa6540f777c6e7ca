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
  private timers = new Map<number, KeptTimer>()

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
      const next = earliestTimer(this.timers)
      if (!next || next[1].at > end) break
      this.timers.delete(next[0])
      this.tMs = Math.max(this.tMs, next[1].at)
      next[1].fn()
    }
    this.tMs = end
  }

  pendingTimers(): number {
    return this.timers.size
  }
}

/** A timer a clock keeps itself: when it is due, and its place among timers due at the same time. */
export interface KeptTimer {
  at: number
  fn: () => void
  order: number
}

/** The timer that fires next (earliest; the first set among equals), with its id. */
export function earliestTimer<T extends KeptTimer>(timers: Map<number, T>): [number, T] | undefined {
  let best: [number, T] | undefined
  for (const entry of timers) {
    const t = entry[1]
    if (!best || t.at < best[1].at || (t.at === best[1].at && t.order < best[1].order)) best = entry
  }
  return best
}
