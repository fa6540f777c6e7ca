/**
 * Step-on / step-off from the tared total load, with hysteresis and a hold time so a wobble or a
 * single noisy report never toggles it: "on" needs the load above `onKg` for `holdMs`, "off" needs
 * it below `offKg` for `holdMs`. Thresholds sit well below any person's weight and well above the
 * board's noise and drift (a few tenths of a kg), so a one-legged stance stays "on".
 */
export type StepKind = 'step-on' | 'step-off'

export interface StepEvent {
  tMs: number
  kind: StepKind
}

export interface StepDetectorOptions {
  onKg?: number
  offKg?: number
  holdMs?: number
}

export class StepDetector {
  readonly onKg: number
  readonly offKg: number
  readonly holdMs: number
  private occupied = false
  private candidateSinceMs: number | null = null

  constructor(options: StepDetectorOptions = {}) {
    this.onKg = options.onKg ?? 12
    this.offKg = options.offKg ?? 6
    this.holdMs = options.holdMs ?? 150
    if (!(this.offKg < this.onKg)) throw new RangeError('step detector: offKg must be below onKg')
  }

  get onBoard(): boolean {
    return this.occupied
  }

  /** Feed one sample; returns the event it completes, if any (timed at the first crossing). */
  push(tMs: number, totalKg: number): StepEvent | null {
    const crossing = this.occupied ? totalKg < this.offKg : totalKg > this.onKg
    if (!crossing) {
      this.candidateSinceMs = null
      return null
    }
    this.candidateSinceMs ??= tMs
    if (tMs - this.candidateSinceMs < this.holdMs) return null
    const at = this.candidateSinceMs
    this.candidateSinceMs = null
    this.occupied = !this.occupied
    return { tMs: at, kind: this.occupied ? 'step-on' : 'step-off' }
  }

  /** Forget the state (a new link: we do not know who is on the board). */
  reset(): void {
    this.occupied = false
    this.candidateSinceMs = null
  }
}
