/**
 * The study timer, run by main: the pure transitions of shared/timer/timerModel.ts applied to one
 * state that main keeps on disk (`<userData>/timer.json`, the document format the renderer used
 * to save through `state:save`, so a block running when the app was updated carries on).
 *
 * - Follows the wall clock (never counts ticks): a 1 s clock timer only records phase changes and
 *   the natural end, catching up at once after a sleep or a restart.
 * - Records every transition's session events in the open session, in order.
 * - Collects heart rate from the live feature's metrics (beats fill in while no metrics arrive).
 * - A relaunch closes the session the block was recorded in (main ends or recovers it), but the
 *   block carries on: at start a new session is opened that says which block it continues.
 */
import { hrBpmFromRrMs } from '../../shared/perMinute'
import type { LiveMetrics } from '../../shared/arousal'
import type { TimerSnapshot } from '../../shared/contract'
import { restore, serialize } from '../../shared/timer/persistence'
import * as model from '../../shared/timer/timerModel'
import type { FeatureContext } from '../features/featureContext'
import { StateDocs } from './stateDocs'

/** The timer's document in the user-data folder (written by the renderer before main owned it). */
export const TIMER_DOC = 'timer'
/** How often the running timer looks at the clock (phase changes, the end). */
export const TIMER_TICK_MS = 1000
/** Heart rate comes from metrics; beats fill in only when no metrics arrived this long. */
export const METRICS_FRESH_MS = 15_000
/** Beats averaged for one fallback heart-rate point. */
const BEAT_WINDOW = 8

export class TimerEngine {
  private state: TimerState
  private announced: TimerSnapshot['announced'] = null
  private readonly docs: StateDocs
  private timer: unknown = null
  private lastMetricsMs = -Infinity
  private recentRr: number[] = []
  private readonly offs: (() => void)[] = []

  constructor(
    private readonly ctx: FeatureContext,
    private readonly changed: () => void
  ) {
    this.docs = new StateDocs(ctx.userDataDir)
    this.state = restore(this.docs.load(TIMER_DOC)) ?? { ...model.IDLE, blockMs: this.blockMs() }
    if (this.state.status === 'running' || this.state.status === 'paused')
      this.announced = this.state.phase ? { phase: this.state.phase, seq: 0 } : null
    this.offs.push(
      ctx.live.onMetrics((m) => this.onMetrics(m)),
      ctx.live.onBeatSample((b) => this.onBeat(b.rrMs))
    )
  }

  snapshot(): TimerSnapshot {
    return { state: this.state, announced: this.announced }
  }

  /** At launch: catch up with the clock, and go on recording a block a relaunch interrupted. */
  async start(): Promise<void> {
    const saved = this.state
    if (saved.status !== 'idle') await this.continueSession(saved)
    this.tick()
  }

  private async continueSession(saved: TimerState): Promise<void> {
    const session = this.ctx.session()
    if (session.isOpen()) return
    await session.open()
    if (saved.task !== null) session.update({ task: saved.task })
    session.event(this.ctx.clock.now(), 'timer-start', {
      continued: true,
      blockMin: saved.blockMs / 60_000,
      task: saved.task,
      startedUtc: saved.startedAtMs === null ? null : model.isoUtc(saved.startedAtMs),
      status: saved.status,
      atS: Math.round(model.elapsedMs(saved, this.ctx.clock.now()) / 1000),
      errors: model.errorCount(saved)
    })
  }

  tick(): void {
    this.apply(model.tick(this.state, this.now()))
  }

  begin(task: string | null, phoneOut: boolean | null): void {
    if (this.state.status === 'running' || this.state.status === 'paused') return
    const trimmed = task?.trim() ?? ''
    const checklist = phoneOut === null ? null : { phoneOut }
    this.apply(model.start(this.now(), this.blockMs(), trimmed === '' ? null : trimmed, checklist))
    if (trimmed !== '') this.ctx.session().update({ task: trimmed })
  }

  pause(): void {
    this.apply(model.pause(this.state, this.now()))
  }

  resume(): void {
    this.apply(model.resume(this.state, this.now()))
  }

  stop(): void {
    this.apply(model.stop(this.state, this.now()))
  }

  mark(kind: model.Mark['kind']): void {
    this.apply(model.mark(this.state, kind, this.now()))
  }

  /** Saves the reflection, ends the session and makes the timer ready for the next block. */
  async finish(reflection: string): Promise<void> {
    const session = this.ctx.session()
    const text = reflection.trim()
    if (text !== '') {
      session.update({ reflection: text })
      session.event(this.now(), 'reflection', { text })
    }
    await session.end()
    this.state = { ...model.IDLE, blockMs: this.blockMs() }
    this.announced = null
    this.save()
    this.changed()
  }

  dispose(): void {
    this.offs.forEach((off) => off())
    this.offs.length = 0
    this.disarm()
  }

  private onMetrics(m: LiveMetrics): void {
    const now = this.now()
    if (m.hrBpm !== null) this.lastMetricsMs = now
    this.addHr(m.hrBpm, m.arousal?.score ?? null, now)
  }

  private onBeat(rrMs: number): void {
    if (!(rrMs > 0)) return
    this.recentRr.push(rrMs)
    if (this.recentRr.length > BEAT_WINDOW) this.recentRr.shift()
    const now = this.now()
    if (now - this.lastMetricsMs < METRICS_FRESH_MS) return
    const meanRr = this.recentRr.reduce((a, b) => a + b, 0) / this.recentRr.length
    this.addHr(hrBpmFromRrMs(meanRr), null, now)
  }

  private addHr(hrBpm: number | null, score: number | null, now: number): void {
    const next = model.addHr(this.state, hrBpm, score, now)
    if (next === this.state) return
    this.state = next
    this.save()
    this.changed()
  }

  private apply(step: model.Step): void {
    this.arm()
    if (step.state === this.state && step.events.length === 0) return
    this.state = step.state
    this.save()
    const session = this.ctx.session()
    for (const event of step.events) session.event(this.now(), event.type, event.detail)
    if (step.enteredPhase) this.announced = { phase: step.enteredPhase, seq: (this.announced?.seq ?? 0) + 1 }
    this.arm()
    this.changed()
  }

  /** The clock timer runs while the block runs. */
  private arm(): void {
    if (this.state.status !== 'running') return this.disarm()
    if (this.timer !== null) return
    this.timer = this.ctx.clock.setTimeout(() => {
      this.timer = null
      this.tick()
    }, TIMER_TICK_MS)
  }

  private disarm(): void {
    if (this.timer !== null) this.ctx.clock.clearTimeout(this.timer)
    this.timer = null
  }

  private save(): void {
    try {
      this.docs.save(TIMER_DOC, serialize(this.state))
    } catch (err) {
      console.error(`timer: could not save the timer: ${err instanceof Error ? err.message : String(err)}`)
    }
  }

  private blockMs(): number {
    return this.ctx.settings.get().timer.blockMin * 60_000
  }

  private now(): number {
    return this.ctx.clock.now()
  }
}

type TimerState = model.TimerState
