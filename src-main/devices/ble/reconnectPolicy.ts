/**
 * How long to wait before each reconnect try after a strap drops. Exponential backoff with a cap,
 * so a strap that is just out of reach for a moment comes back within a second, while a strap
 * left in a drawer does not keep the radio busy. Optional jitter (injected random, so tests are
 * exact) spreads retries when several clients share an adapter.
 */
export interface ReconnectPolicyOptions {
  /** Delay before the first try, ms. */
  firstDelayMs?: number
  /** Each further try waits this many times longer. */
  factor?: number
  maxDelayMs?: number
  /** After this many failed tries the source gives up (state 'disconnected', problem 'gave-up'). */
  maxAttempts?: number
  /** Fraction of the delay to randomise, 0..1 (0 = exact delays). */
  jitter?: number
  random?: () => number
}

export class ReconnectPolicy {
  readonly firstDelayMs: number
  readonly factor: number
  readonly maxDelayMs: number
  readonly maxAttempts: number
  private readonly jitter: number
  private readonly random: () => number

  constructor(options: ReconnectPolicyOptions = {}) {
    this.firstDelayMs = options.firstDelayMs ?? 1000
    this.factor = options.factor ?? 2
    this.maxDelayMs = options.maxDelayMs ?? 30_000
    // ~12 min of trying at the 30 s cap: longer than a coffee break, shorter than a lost strap.
    this.maxAttempts = options.maxAttempts ?? 30
    this.jitter = Math.min(1, Math.max(0, options.jitter ?? 0))
    this.random = options.random ?? Math.random
    if (!(this.firstDelayMs >= 0) || !(this.factor >= 1) || !(this.maxDelayMs >= this.firstDelayMs)) {
      throw new RangeError(
        'reconnect policy: need firstDelayMs >= 0, factor >= 1, maxDelayMs >= firstDelayMs'
      )
    }
  }

  /** Delay before try number `attempt` (1-based), or null when we should give up. */
  delayMs(attempt: number): number | null {
    if (attempt < 1 || attempt > this.maxAttempts) return null
    const base = Math.min(this.maxDelayMs, this.firstDelayMs * this.factor ** (attempt - 1))
    if (this.jitter === 0) return base
    return Math.round(base * (1 - this.jitter + 2 * this.jitter * this.random()))
  }
}
