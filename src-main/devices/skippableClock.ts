/**
 * A clock that runs in real time and can also jump ahead: `skip(ms)` moves time forward at once,
 * firing every timer due on the way in time order, exactly as if that much time had passed.
 *
 * Why: the e2e harness runs the real core against a real page, and a check-in needs 50 s of a
 * simulated person's beats. With this clock (and Playwright's page clock moved by the same amount)
 * a spec skips those seconds instead of waiting for them, while everything between skips still
 * happens in real time (clicks, pushes, animations). Issue 20, item 7.
 *
 * Between timers fired by a skip the event loop is given a turn, so promise chains a timer starts
 * (file writes, learner updates) settle before the next timer, as they would in real time.
 */
import { earliestTimer, type Clock, type KeptTimer } from './clock'

export class SkippableClock implements Clock {
  /** How far this clock is ahead of the system clock (ms); grows only through skip(). */
  private aheadMs = 0
  private seq = 0
  private readonly timers = new Map<number, KeptTimer>()
  private wake: ReturnType<typeof setTimeout> | null = null
  private skipping = false

  constructor(private readonly systemNow: () => number = () => Date.now()) {}

  now(): number {
    return this.systemNow() + this.aheadMs
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq
    this.timers.set(id, { at: this.now() + Math.max(0, ms), fn, order: id })
    this.arm()
    return id
  }

  clearTimeout(handle: unknown): void {
    if (this.timers.delete(handle as number)) this.arm()
  }

  pendingTimers(): number {
    return this.timers.size
  }

  /**
   * Jumps `ms` ahead. Timers due before the new time fire in order, each seeing `now()` at its own
   * due time (timers they schedule inside the span fire too); afterwards the clock is `ms` ahead of
   * real time more than before. Skips do not overlap: a second call waits for the first.
   */
  async skip(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new Error(`skip needs a duration ≥ 0 ms, got ${ms}`)
    while (this.skipping) await turn()
    this.skipping = true
    try {
      const target = this.now() + ms
      // Where the clock stands after the skip: `ms` ahead of where it would be without it. The
      // real time spent firing the timers still counts (as it does for the page's clock, which
      // flows on in real time while it jumps by the same amount): otherwise every skip would put
      // main behind the page by the time its work took.
      const aheadAfter = this.aheadMs + ms
      for (;;) {
        const next = earliestTimer(this.timers)
        if (!next || next[1].at > target) break
        this.timers.delete(next[0])
        this.moveTo(next[1].at)
        next[1].fn()
        await turn()
      }
      this.aheadMs = Math.max(this.aheadMs, aheadAfter)
    } finally {
      this.skipping = false
      this.arm()
    }
  }

  /** Time never goes back: a timer due in the past runs at "now". */
  private moveTo(t: number): void {
    this.aheadMs = Math.max(this.aheadMs, t - this.systemNow())
  }

  /** One real timeout, for the earliest timer; re-armed whenever the queue or time changes. */
  private arm(): void {
    if (this.wake !== null) clearTimeout(this.wake)
    this.wake = null
    if (this.skipping) return
    const next = earliestTimer(this.timers)
    if (!next) return
    this.wake = setTimeout(() => this.fireDue(), Math.max(0, next[1].at - this.now()))
  }

  /** Fires the one earliest timer if it is due; the next due one waits for another real turn. */
  private fireDue(): void {
    this.wake = null
    const next = earliestTimer(this.timers)
    try {
      if (next && next[1].at <= this.now()) {
        this.timers.delete(next[0])
        next[1].fn()
      }
    } finally {
      // A timer that throws fails alone (as with setTimeout): the others still fire.
      this.arm()
    }
  }
}

/** One turn of the event loop (I/O callbacks and promise chains get to run). */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
