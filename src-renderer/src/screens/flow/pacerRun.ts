/**
 * One run of the pacer: the clock bookkeeping of pacer.ts plus pause, stop, ending a hold early
 * and phase-change detection (for audio cues). Pure apart from the `now` values passed in, so it
 * is unit-tested with a fake clock; the component only feeds it performance.now().
 */
import type { BreathPhaseName } from '../../../../src-main/shared/breathing'
import type { ProtocolDone } from '../../../../src-main/shared/flowMachine'
import {
  elapsedOf,
  pacerView,
  pauseClock,
  resumeClock,
  skipPhase,
  startClock,
  type PacerClock,
  type PacerView,
  type ProtocolPlan
} from './pacer'

export class PacerRun {
  private clock: PacerClock
  private lastPhase = -1
  private lastCycle = -1
  private ended: ProtocolDone | null = null

  constructor(
    readonly plan: ProtocolPlan,
    nowMs: number
  ) {
    this.clock = startClock(nowMs)
  }

  get paused(): boolean {
    return this.clock.pausedAt !== null
  }

  get finished(): ProtocolDone | null {
    return this.ended
  }

  elapsed(nowMs: number): number {
    return Math.min(elapsedOf(this.clock, nowMs), this.plan.totalMs)
  }

  view(nowMs: number): PacerView {
    return pacerView(this.plan, elapsedOf(this.clock, nowMs))
  }

  pause(nowMs: number): void {
    if (!this.ended) this.clock = pauseClock(this.clock, nowMs)
  }

  resume(nowMs: number): void {
    if (!this.ended) this.clock = resumeClock(this.clock, nowMs)
  }

  toggle(nowMs: number): void {
    if (this.paused) this.resume(nowMs)
    else this.pause(nowMs)
  }

  /** End a breath hold early (only while a hold runs). */
  endHold(nowMs: number): boolean {
    const v = this.view(nowMs)
    if (this.ended || this.paused || !v.phase.name.startsWith('hold')) return false
    this.clock = skipPhase(this.clock, this.plan.pattern, nowMs)
    return true
  }

  /**
   * Called on every frame/tick: returns the phase that just began (for a cue), and finishes the
   * run once the planned time has passed.
   */
  step(nowMs: number): { started: BreathPhaseName | null; done: ProtocolDone | null } {
    if (this.ended) return { started: null, done: null }
    const v = this.view(nowMs)
    if (v.done) return { started: null, done: this.finish(nowMs, true) }
    let started: BreathPhaseName | null = null
    if (!this.paused && (v.index !== this.lastPhase || v.cycle !== this.lastCycle)) started = v.phase.name
    this.lastPhase = v.index
    this.lastCycle = v.cycle
    return { started, done: null }
  }

  /** The user stopped (Esc) or the time is up. */
  finish(nowMs: number, completed = false): ProtocolDone {
    if (this.ended) return this.ended
    const doneMs = completed ? this.plan.totalMs : this.elapsed(nowMs)
    this.ended = {
      name: this.plan.protocol,
      plannedS: Math.round(this.plan.totalMs / 100) / 10,
      doneS: Math.round(doneMs / 100) / 10,
      completed: completed || doneMs >= this.plan.totalMs
    }
    return this.ended
  }
}

/** Breath number within a super-oxygenation round (1-based) and the breaths per round. */
export function breathInRound(index: number, phasesPerRound: number): { current: number; total: number } {
  const breaths = Math.floor((phasesPerRound - 1) / 2)
  return { current: Math.min(breaths, Math.floor(index / 2) + 1), total: breaths }
}

/** m:ss for countdowns (digits only, the same in every locale). */
export function clockText(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}
