/**
 * The timer's live side: holds the state, applies the pure transitions of timerModel, saves the
 * state document after every change, records session events in order, announces phase changes
 * and collects heart rate while the block runs. Session calls may be unavailable (or fail): they
 * are logged, never thrown at the UI.
 */
import { hrBpmFromRrMs } from '../../../../src-main/shared/perMinute'
import type { AppApi, LiveBeat, LiveMetrics, Settings } from '../../../../src-main/shared/contract'
import { t } from '../../lib/i18n/i18n.svelte'
import type { MessageKey } from '../../lib/i18n/en'
import type { Phase } from './phases'
import { restore, serialize } from './persistence'
import * as model from './timerModel'
import type { Mark, Step, TimerState } from './timerModel'

export type TimerApi = Pick<
  AppApi,
  | 'stateLoad'
  | 'stateSave'
  | 'sessionCurrent'
  | 'sessionStart'
  | 'sessionEvent'
  | 'sessionUpdate'
  | 'sessionEnd'
  | 'settingsGet'
  | 'settingsUpdate'
  | 'appNotify'
  | 'on'
>

export const REFRAMES = 6
export const FRUSTRATION_REFRAMES = 3

/** In the UI the block is 30-120 min; shorter values come only from the settings file (tests). */
export const UI_MIN_BLOCK = 30
export const UI_MAX_BLOCK = 120

/** Heart rate comes from metrics:update; beats fill in only when no metrics arrived this long. */
export const METRICS_FRESH_MS = 15_000
/** Beats averaged for one fallback heart-rate point. */
const BEAT_WINDOW = 8

export class TimerController {
  state = $state<TimerState>(model.IDLE)
  now = $state(0)
  loaded = $state(false)
  blockMin = $state(90)
  notifications = $state(false)
  /** The phase just entered, shown quietly in the screen until the next one. */
  announced = $state<Phase | null>(null)
  /** Set after the reflection was saved and the session ended. */
  finished = $state(false)

  private queue: Promise<unknown> = Promise.resolve()
  private lastMetricsMs = -Infinity
  private recentRr: number[] = []

  constructor(
    private readonly api: TimerApi,
    private readonly clock: () => number = Date.now
  ) {
    this.now = clock()
  }

  /** Restores a saved timer (catching up on time that passed while the app was closed). */
  async load(): Promise<void> {
    const [doc, settings] = await Promise.all([
      this.api.stateLoad({ key: 'timer' }).catch((err: unknown) => {
        console.warn('timer: could not load the saved timer', err)
        return null
      }),
      this.api.settingsGet().catch((err: unknown) => {
        console.warn('timer: could not read settings', err)
        return null
      })
    ])
    if (settings) this.useSettings(settings)
    const saved = restore(doc)
    if (saved) {
      this.state = saved
      this.announced = saved.status === 'running' || saved.status === 'paused' ? saved.phase : null
      if (saved.status !== 'idle') this.send(() => this.continueSession(saved), 'continue the session')
    }
    this.loaded = true
    this.tick()
  }

  /**
   * A relaunch closes the session the block was recorded in (main ends or recovers it), but the
   * block carries on: open a new session so its heart data, marks, end and reflection are still
   * recorded, and say in it which block it continues. Nothing happens when a session is open.
   */
  private async continueSession(saved: TimerState): Promise<void> {
    if ((await this.api.sessionCurrent()) !== null) return
    await this.api.sessionStart()
    if (saved.task !== null) await this.api.sessionUpdate({ task: saved.task })
    await this.api.sessionEvent({
      type: 'timer-start',
      detail: {
        continued: true,
        blockMin: saved.blockMs / 60_000,
        task: saved.task,
        startedUtc: saved.startedAtMs === null ? null : model.isoUtc(saved.startedAtMs),
        status: saved.status,
        atS: Math.round(model.elapsedMs(saved, this.clock()) / 1000),
        errors: model.errorCount(saved)
      }
    })
  }

  /**
   * Re-reads the block length and the notification choice (the settings screen may have changed
   * them since launch); the screen calls it whenever it is shown.
   */
  async refreshSettings(): Promise<void> {
    const settings = await this.api.settingsGet().catch((err: unknown) => {
      console.warn('timer: could not read settings', err)
      return null
    })
    if (settings) this.useSettings(settings)
  }

  private useSettings(settings: Settings): void {
    this.blockMin = settings.timer.blockMin
    this.notifications = settings.timer.notifications
  }

  /** Called about once a second for the display; the time itself comes from the clock. */
  tick(): void {
    this.now = this.clock()
    this.apply(model.tick(this.state, this.now))
  }

  /** Starts a block; the task (if any) is saved with the session, the checklist in timer-start. */
  start(task: string, checklist: model.Checklist | null = null): void {
    if (this.state.status === 'running' || this.state.status === 'paused') return
    this.finished = false
    const trimmed = task.trim()
    const now = (this.now = this.clock())
    this.apply(model.start(now, this.blockMin * 60_000, trimmed === '' ? null : trimmed, checklist))
    if (trimmed !== '') this.send(() => this.api.sessionUpdate({ task: trimmed }), 'save the task')
  }

  pause(): void {
    this.apply(model.pause(this.state, (this.now = this.clock())))
  }

  resume(): void {
    this.apply(model.resume(this.state, (this.now = this.clock())))
  }

  stop(): void {
    this.apply(model.stop(this.state, (this.now = this.clock())))
  }

  mark(kind: Mark['kind']): void {
    this.apply(model.mark(this.state, kind, (this.now = this.clock())))
  }

  onMetrics(m: LiveMetrics): void {
    const now = this.clock()
    if (m.hrBpm !== null) this.lastMetricsMs = now
    this.addHr(m.hrBpm, m.arousal?.score ?? null, now)
  }

  /**
   * Beats from the strap: a fallback for the heart-rate trend while the signal core publishes no
   * metrics (no arousal score then), averaged over the last few beats.
   */
  onBeat(beat: LiveBeat): void {
    if (!(beat.rrMs > 0)) return
    this.recentRr.push(beat.rrMs)
    if (this.recentRr.length > BEAT_WINDOW) this.recentRr.shift()
    const now = this.clock()
    if (now - this.lastMetricsMs < METRICS_FRESH_MS) return
    const meanRr = this.recentRr.reduce((a, b) => a + b, 0) / this.recentRr.length
    this.addHr(hrBpmFromRrMs(meanRr), null, now)
  }

  /** Listens to metrics:update and heart:beat; returns the unsubscribe. */
  listen(): () => void {
    const offs = [
      this.api.on('metrics:update', (m) => this.onMetrics(m)),
      this.api.on('heart:beat', (b) => this.onBeat(b))
    ]
    return () => offs.forEach((off) => off())
  }

  private addHr(hrBpm: number | null, score: number | null, now: number): void {
    const next = model.addHr(this.state, hrBpm, score, now)
    if (next !== this.state) {
      this.state = next
      this.save()
    }
  }

  async setBlockMin(minutes: number): Promise<void> {
    if (!Number.isFinite(minutes)) return
    const clamped = Math.min(UI_MAX_BLOCK, Math.max(UI_MIN_BLOCK, Math.round(minutes)))
    this.blockMin = clamped
    await this.api
      .settingsUpdate({ timer: { blockMin: clamped } })
      .catch((err: unknown) => console.warn('timer: could not save the block length', err))
  }

  async setNotifications(on: boolean): Promise<void> {
    this.notifications = on
    await this.api
      .settingsUpdate({ timer: { notifications: on } })
      .catch((err: unknown) => console.warn('timer: could not save the notification choice', err))
  }

  /** Saves the reflection, ends the session and resets the timer for the next block. */
  async finish(reflection: string): Promise<void> {
    const text = reflection.trim()
    if (text !== '') {
      this.send(() => this.api.sessionUpdate({ reflection: text }), 'save the reflection')
      this.send(
        () => this.api.sessionEvent({ type: 'reflection', detail: { text } }),
        'record the reflection'
      )
    }
    this.send(() => this.api.sessionEnd(), 'end the session')
    this.state = { ...model.IDLE, blockMs: this.blockMin * 60_000 }
    this.announced = null
    this.finished = true
    this.save()
    await this.settled()
  }

  /** Resolves when every queued save and session call has been answered. */
  settled(): Promise<unknown> {
    return this.queue
  }

  get elapsedMs(): number {
    return model.elapsedMs(this.state, this.now)
  }

  get phase() {
    return model.currentPhase(this.state, this.now)
  }

  get errors(): number {
    return model.errorCount(this.state)
  }

  get frustrations(): number {
    return this.state.marks.length - this.errors
  }

  /** The reframe for the latest mark: rotates through the catalogue's reframes. */
  get reframe(): MessageKey | null {
    const last = this.state.marks.at(-1)
    if (!last || this.state.status === 'ended') return null
    const n = this.state.marks.filter((m) => m.kind === last.kind).length - 1
    return last.kind === 'error'
      ? (`timer.reframe.${n % REFRAMES}` as MessageKey)
      : (`timer.frustrationReframe.${n % FRUSTRATION_REFRAMES}` as MessageKey)
  }

  private apply(step: Step): void {
    if (step.state === this.state && step.events.length === 0) return
    this.state = step.state
    this.save()
    for (const event of step.events) this.send(() => this.api.sessionEvent(event), `record ${event.type}`)
    if (step.enteredPhase) {
      this.announced = step.enteredPhase
      if (this.notifications) {
        const phase = step.enteredPhase
        this.send(
          () =>
            this.api.appNotify({
              title: t(`timer.notify.${phase}.title`),
              body: t(`timer.notify.${phase}.body`)
            }),
          'notify'
        )
      }
    }
  }

  private save(): void {
    const value = serialize(this.state)
    this.send(() => this.api.stateSave({ key: 'timer', value }), 'save the timer')
  }

  /** Runs calls one after another (events keep their order), logging failures. */
  private send(call: () => Promise<unknown>, what: string): void {
    this.queue = this.queue.then(call).catch((err: unknown) => console.warn(`timer: could not ${what}`, err))
  }
}

let shared: TimerController | null = null

/**
 * The app's one timer, loaded once and ticking for the app's whole life (not only while the timer
 * screen shows), so phase notifications, the natural end and heart-rate collection happen on any
 * screen. Safe to call repeatedly.
 */
export function sharedTimer(api: TimerApi = window.api): TimerController {
  if (shared) return shared
  const timer = (shared = new TimerController(api))
  void timer.load()
  timer.listen()
  setInterval(() => timer.tick(), 1000)
  // After a sleep/wake the next tick catches up at once.
  document.addEventListener('visibilitychange', () => timer.tick())
  return timer
}
