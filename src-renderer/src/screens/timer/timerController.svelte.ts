/**
 * The timer screen's view of the study timer main runs (core/session/timerEngine.ts): it draws the
 * latest `session:state` snapshot, sends intents (start, pause, resume, stop, marks, finish) and
 * keeps only what is visual: the clock on screen (derived from the snapshot and the wall clock),
 * the settings shown in the setup, and the opt-in OS notification when main enters a new phase.
 */
import type { AppApi, SessionSnapshot, Settings } from '../../../../src-main/shared/contract'
import { t } from '../../lib/i18n/i18n.svelte'
import type { MessageKey } from '../../lib/i18n/en'
import type { Phase } from '../../../../src-main/shared/timer/phases'
import * as model from '../../../../src-main/shared/timer/timerModel'
import type { Mark, TimerState } from '../../../../src-main/shared/timer/timerModel'

export type TimerApi = Pick<
  AppApi,
  | 'sessionSnapshot'
  | 'timerStart'
  | 'timerPause'
  | 'timerResume'
  | 'timerStop'
  | 'timerMark'
  | 'timerFinish'
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

  private rev = -1
  /** The announcement main had when this window first saw it (null: none seen yet). */
  private seenSeq: number | null = null

  constructor(
    private readonly api: TimerApi,
    private readonly clock: () => number = Date.now
  ) {
    this.now = clock()
  }

  /** Reads main's timer and the settings the setup shows. */
  async load(): Promise<void> {
    const [snapshot, settings] = await Promise.all([
      this.api.sessionSnapshot().catch((err: unknown) => {
        console.warn('timer: could not read the timer', err)
        return null
      }),
      this.api.settingsGet().catch((err: unknown) => {
        console.warn('timer: could not read settings', err)
        return null
      })
    ])
    if (settings) this.useSettings(settings)
    if (snapshot) this.draw(snapshot)
    this.loaded = true
    this.tick()
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

  /** Draws a snapshot from main (pushed or answered); an older one than drawn is ignored. */
  draw(snapshot: SessionSnapshot): void {
    if (snapshot.rev < this.rev) return
    this.rev = snapshot.rev
    const { state, announced } = snapshot.timer
    this.state = state
    this.announced = state.status === 'idle' ? null : (announced?.phase ?? null)
    const seq = announced?.seq ?? 0
    if (this.seenSeq !== null && seq > this.seenSeq && announced) this.notify(announced.phase)
    this.seenSeq = seq
  }

  /** Called about once a second for the display; the time itself comes from the clock. */
  tick(): void {
    this.now = this.clock()
  }

  /** Starts a block; the task (if any) is saved with the session, the checklist in timer-start. */
  start(task: string, checklist: model.Checklist | null = null): void {
    if (this.state.status === 'running' || this.state.status === 'paused') return
    this.finished = false
    const trimmed = task.trim()
    this.send(
      () =>
        this.api.timerStart({ task: trimmed === '' ? null : trimmed, phoneOut: checklist?.phoneOut ?? null }),
      'start the block'
    )
  }

  pause(): void {
    this.send(() => this.api.timerPause(), 'pause')
  }

  resume(): void {
    this.send(() => this.api.timerResume(), 'resume')
  }

  stop(): void {
    this.send(() => this.api.timerStop(), 'stop')
  }

  mark(kind: Mark['kind']): void {
    this.send(() => this.api.timerMark({ kind }), `log ${kind}`)
  }

  /** Listens to main's snapshots; returns the unsubscribe. */
  listen(): () => void {
    return this.api.on('session:state', (s) => this.draw(s))
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

  /** Saves the reflection, ends the session and resets the timer for the next block (main does it). */
  async finish(reflection: string): Promise<void> {
    const snapshot = await this.api.timerFinish({ reflection }).catch((err: unknown) => {
      console.warn('timer: could not finish the block', err)
      return null
    })
    if (snapshot) this.draw(snapshot)
    this.finished = true
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

  private notify(phase: Phase): void {
    if (!this.notifications) return
    void this.api
      .appNotify({ title: t(`timer.notify.${phase}.title`), body: t(`timer.notify.${phase}.body`) })
      .catch((err: unknown) => console.warn('timer: could not notify', err))
  }

  /** Sends an intent and draws the snapshot main answers (failures are logged, never thrown). */
  private send(call: () => Promise<SessionSnapshot>, what: string): void {
    this.now = this.clock()
    void call()
      .then((snapshot) => {
        this.now = this.clock()
        this.draw(snapshot)
      })
      .catch((err: unknown) => console.warn(`timer: could not ${what}`, err))
  }
}

let shared: TimerController | null = null

/**
 * The app's one view of the timer, loaded once and listening for the app's whole life (not only
 * while the timer screen shows), so phase notifications reach the person on any screen. Safe to
 * call repeatedly.
 */
export function sharedTimer(api: TimerApi = window.api): TimerController {
  if (shared) return shared
  const timer = (shared = new TimerController(api))
  void timer.load()
  timer.listen()
  setInterval(() => timer.tick(), 1000)
  // After a sleep/wake the clock on screen catches up at once (main keeps the time itself).
  document.addEventListener('visibilitychange', () => timer.tick())
  return timer
}
