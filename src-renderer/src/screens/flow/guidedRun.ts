/**
 * One run of a guided (non-paced) practice - panoramic vision, NSDR, sit quietly: the pacer's
 * clock bookkeeping (pacer.ts: pause, resume, never drifting) over the script's timed parts
 * (shared/protocols.ts). Pure apart from the `now` values passed in, so it is unit-tested with a
 * fake clock; GuidedPractice.svelte only feeds it performance.now(). Stopping early and finishing
 * give the same ProtocolDone as the pacer's run, so main records both alike.
 */
import type { ProtocolDone } from '../../../../src-main/shared/flowMachine'
import { PROTOCOLS, cueAt, type TimedCue } from '../../../../src-main/shared/protocols'
import { elapsedOf, pauseClock, resumeClock, startClock, type PacerClock, type ProtocolPlan } from './pacer'

export interface GuidedView {
  /** 0-based index of the running part, and its words and times. */
  index: number
  cue: TimedCue
  partRemainingMs: number
  elapsedMs: number
  remainingMs: number
  /** 0..1 of the whole practice. */
  progress: number
  done: boolean
}

export class GuidedRun {
  private clock: PacerClock
  private lastIndex = -1
  private ended: ProtocolDone | null = null
  readonly cues: TimedCue[]
  /** Completing the practice sounds a chime (the script says so). */
  private readonly endChime: boolean

  constructor(
    readonly plan: ProtocolPlan,
    nowMs: number
  ) {
    if (!plan.guided || plan.guided.length === 0) throw new Error(`${plan.protocol} is not a guided practice`)
    this.cues = plan.guided
    this.endChime = PROTOCOLS[plan.protocol].script?.endChime ?? false
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

  view(nowMs: number): GuidedView {
    const raw = elapsedOf(this.clock, nowMs)
    const elapsedMs = Math.min(raw, this.plan.totalMs)
    const { index, cue } = cueAt(this.cues, elapsedMs)
    return {
      index,
      cue,
      partRemainingMs: Math.max(0, cue.toMs - elapsedMs),
      elapsedMs,
      remainingMs: Math.max(0, this.plan.totalMs - raw),
      progress: elapsedMs / this.plan.totalMs,
      done: raw >= this.plan.totalMs
    }
  }

  toggle(nowMs: number): void {
    if (this.ended) return
    this.clock = this.paused ? resumeClock(this.clock, nowMs) : pauseClock(this.clock, nowMs)
  }

  /**
   * Called on every frame/tick: `chime` when a part that chimes has just begun (the first one
   * included) or the practice has just been completed; finishes the run once the time is up.
   */
  step(nowMs: number): { chime: boolean; done: ProtocolDone | null } {
    if (this.ended) return { chime: false, done: null }
    const v = this.view(nowMs)
    if (v.done) return { chime: this.endChime, done: this.finish(nowMs, true) }
    const began = !this.paused && v.index !== this.lastIndex
    if (!this.paused) this.lastIndex = v.index
    return { chime: began && v.cue.chime, done: null }
  }

  /** The person stopped (Esc, the button, leaving the screen) or the time is up. */
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
