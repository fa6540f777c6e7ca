/**
 * The drill screen's state machine: safety -> ready -> countdown -> running -> result -> ... ->
 * summary. The ladder is main's (core/session/drillLadder.ts): the screen draws the progress from
 * main's snapshot, runs the countdown, the cues and the trial clock (visual timing), and sends the
 * trial's end; main chooses each trial's level, positions the simulated body, counts and records the
 * person's own errors (without a board) and answers the measurement and what it did to the ladder.
 * Calls that only prepare or record are best-effort: a rejection never stops the drill.
 */
import type {
  AppApi,
  BalanceEvent,
  DrillTrialResult,
  SessionSnapshot
} from '../../../../src-main/shared/contract'
import { LEVELS, needsSound, type DrillLevel } from '../../../../src-main/shared/drillLevels'
import {
  emptyProgress,
  type DrillProgress,
  type Step,
  type TrialRecord
} from '../../../../src-main/shared/drillProgression'
import { cueSchedule, cuesDue, headMoveAt, type Cue, type HeadMove } from './cues'
import { CopTrail } from './copTrail'
import type { CuePlayer } from './sound'

export type DrillApi = Pick<
  AppApi,
  | 'on'
  | 'settingsGet'
  | 'drillBegin'
  | 'drillFinish'
  | 'drillPrepare'
  | 'drillTrialStart'
  | 'drillSelfError'
  | 'drillTrialEnd'
>

export type Phase = 'loading' | 'safety' | 'ready' | 'countdown' | 'running' | 'result' | 'summary'

export const COUNTDOWN_S = 3
export const TICK_MS = 100
export const REFRAME_COUNT = 8

export interface TrialOutcome {
  result: DrillTrialResult
  record: TrialRecord
  passed: boolean
  step: Step
  /** Level index the trial used, and the one the next trial uses. */
  from: number
  to: number
}

export interface DrillOptions {
  api: DrillApi
  player: CuePlayer
  /** Localized text for a cue (speech) - the component passes t(). */
  spoken: (cue: Cue['kind'], move: HeadMove | null) => string | null
  /** Whether a balance board is streaming right now (from live.statuses). */
  boardStreaming: () => boolean
  now?: () => number
}

export class DrillController {
  phase = $state<Phase>('loading')
  progress = $state<DrillProgress>(emptyProgress())
  trialS = $state(30)
  countdown = $state(COUNTDOWN_S)
  elapsedMs = $state(0)
  hasBoard = $state(false)
  boardErrors = $state(0)
  selfErrors = $state(0)
  /** Increments on every error (key for the acknowledgement animation). */
  errorTick = $state(0)
  reframe = $state(0)
  headMove = $state<HeadMove | null>(null)
  outcome = $state<TrialOutcome | null>(null)
  sessionTrials = $state<TrialOutcome[]>([])
  /** Redraw tick for the CoP view (the trail itself is plain data). */
  copFrame = $state(0)
  sound = $state(true)
  /** Why the board is not used in this trial (shown once); null when it is. */
  noBoardReason = $state<'no-board' | 'unavailable' | null>(null)

  readonly trail = new CopTrail()
  /** Main's drill session (its start, ISO UTC). */
  session: string | null = null
  private readonly api: DrillApi
  private readonly opts: DrillOptions
  private readonly now: () => number
  private offs: (() => void)[] = []
  private timer: ReturnType<typeof setInterval> | null = null
  private trialId: string | null = null
  private startMs = 0
  private lastCueMs = -1
  private schedule: Cue[] = []
  private disposed = false

  constructor(opts: DrillOptions) {
    this.opts = opts
    this.api = opts.api
    this.now = opts.now ?? Date.now
  }

  get level(): DrillLevel {
    return LEVELS[this.progress.current]
  }

  get levelIndex(): number {
    return this.progress.current
  }

  get errors(): number {
    return this.boardErrors + this.selfErrors
  }

  get remainingS(): number {
    return Math.max(0, Math.ceil((this.trialS * 1000 - this.elapsedMs) / 1000))
  }

  get sessionErrors(): number {
    return this.sessionTrials.reduce((s, o) => s + o.result.errors, 0)
  }

  /** Load progress and settings, listen to the board. */
  async init(): Promise<void> {
    this.offs.push(
      this.api.on('balance:samples', (batch) => {
        if (this.phase !== 'running' && this.phase !== 'countdown') return
        this.trail.push(batch)
        this.copFrame++
      }),
      this.api.on('balance:event', (e) => this.onBoardEvent(e)),
      this.api.on('session:state', (s) => this.draw(s))
    )
    const [snapshot, settings] = await Promise.all([
      this.api.drillBegin().catch(() => null),
      this.api.settingsGet().catch(() => null)
    ])
    if (this.disposed) return
    if (snapshot) this.draw(snapshot)
    if (settings) {
      this.trialS = settings.drill.trialS
      this.opts.player.volume = settings.audio.volume
    }
    this.phase = 'safety'
  }

  /** Main's ladder, as its latest snapshot says (an older snapshot is ignored). */
  private rev = -1
  draw(snapshot: SessionSnapshot): void {
    if (snapshot.rev < this.rev) return
    this.rev = snapshot.rev
    this.progress = snapshot.drill.progress
    this.session = snapshot.drill.session
  }

  acceptSafety(): void {
    if (this.phase === 'safety') this.phase = 'ready'
  }

  get boardStreaming(): boolean {
    return this.opts.boardStreaming()
  }

  /** Begin the countdown; the simulated person takes the stance now, so it is steady at "go". */
  startTrial(): void {
    if (this.phase !== 'ready' && this.phase !== 'result') return
    this.outcome = null
    this.boardErrors = 0
    this.selfErrors = 0
    this.elapsedMs = 0
    this.headMove = null
    this.countdown = COUNTDOWN_S
    this.phase = 'countdown'
    // Main positions the simulated person now (steady at "go"); a real board ignores it.
    void this.api.drillPrepare({ ready: true }).catch(() => {})
    this.beep('count')
    this.stopTimer()
    let left = COUNTDOWN_S
    this.timer = setInterval(() => {
      left--
      if (left > 0) {
        this.countdown = left
        this.beep('count')
      } else {
        this.stopTimer()
        void this.begin()
      }
    }, 1000)
  }

  private async begin(): Promise<void> {
    const level = this.level
    let id: string | null = null
    let hasBoard = false
    try {
      const started = await this.api.drillTrialStart()
      id = started.id
      hasBoard = started.hasBoard
      this.noBoardReason = hasBoard ? null : 'no-board'
    } catch {
      this.noBoardReason = 'unavailable'
    }
    if (this.disposed || this.phase !== 'countdown') {
      if (id) void this.api.drillTrialEnd({ id, cancelled: true }).catch(() => {})
      return
    }
    this.trialId = id
    this.hasBoard = hasBoard
    this.trail.reset()
    this.schedule = cueSchedule(this.trialS * 1000, level.headMovements)
    this.startMs = this.now()
    this.lastCueMs = -1
    this.elapsedMs = 0
    this.phase = 'running'
    this.tick()
    this.timer = setInterval(() => this.tick(), TICK_MS)
  }

  /** Advance the clock: play due cues, finish at the end. Public for tests and the component. */
  tick(): void {
    if (this.phase !== 'running') return
    const trialMs = this.trialS * 1000
    const elapsed = Math.min(trialMs, this.now() - this.startMs)
    this.elapsedMs = elapsed
    for (const cue of cuesDue(this.schedule, this.lastCueMs, elapsed)) {
      this.beep(cue.kind, cue.kind === 'head' ? cue.move : null)
    }
    this.lastCueMs = elapsed
    this.headMove = headMoveAt(this.schedule, elapsed)
    if (elapsed >= trialMs) void this.finishTrial()
  }

  /** The user's "I lost balance" (key or button); only counted without a board. */
  reportError(): void {
    if (this.phase !== 'running' || this.hasBoard) return
    this.selfErrors++
    this.acknowledge()
    // Main counts and records it with the trial's time; its count is the one that stands.
    const id = this.trialId
    if (id)
      void this.api
        .drillSelfError({ id })
        .then(({ errors }) => {
          if (this.trialId === id) this.selfErrors = Math.max(this.selfErrors, errors)
        })
        .catch(() => {})
  }

  private onBoardEvent(e: BalanceEvent): void {
    // Main sends each fall of this trial once, tagged with its id; the board's own step-on/off
    // (no trial id) are not errors.
    if (this.phase !== 'running' || !this.hasBoard || e.trialId === undefined || e.trialId !== this.trialId)
      return
    this.boardErrors++
    // Main records the board's losses of balance in the session itself (drill-error, source board).
    this.acknowledge()
  }

  private acknowledge(): void {
    this.errorTick++
    this.reframe = (this.reframe + 1) % REFRAME_COUNT
    this.beep('error')
  }

  /** Stop early: the trial is closed on main but not counted for progression. */
  async cancelTrial(): Promise<void> {
    if (this.phase !== 'running' && this.phase !== 'countdown') return
    this.stopTimer()
    const id = this.trialId
    this.trialId = null
    this.phase = 'ready'
    this.headMove = null
    // Main steps the simulated person off when it closes the trial; before it, the countdown ends.
    if (id) await this.api.drillTrialEnd({ id, cancelled: true }).catch(() => null)
    else this.stepOff()
  }

  private async finishTrial(): Promise<void> {
    if (this.phase !== 'running') return
    this.stopTimer()
    this.phase = 'result'
    this.headMove = null
    const id = this.trialId
    this.trialId = null
    const ended = id ? await this.api.drillTrialEnd({ id }).catch(() => null) : null
    if (this.disposed) return
    if (!ended?.progression) {
      // Main could not judge the trial: nothing counted, the same level again.
      this.noBoardReason = 'unavailable'
      this.phase = 'ready'
      return
    }
    // The ladder itself arrives with main's snapshot (session:state); this is the trial's verdict.
    const { progression, ...result } = ended
    const outcome: TrialOutcome = {
      result,
      record: progression.record,
      passed: progression.passed,
      step: progression.step,
      from: progression.from,
      to: progression.to
    }
    this.outcome = outcome
    this.sessionTrials = [...this.sessionTrials, outcome]
  }

  nextTrial(): void {
    if (this.phase === 'result') this.phase = 'ready'
  }

  finish(): void {
    if (this.phase !== 'result' && this.phase !== 'ready') return
    this.phase = 'summary'
    void this.api
      .drillFinish()
      .then((s) => this.draw(s))
      .catch(() => {})
  }

  summary(): { trials: number; errors: number } {
    return { trials: this.sessionTrials.length, errors: this.sessionErrors }
  }

  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    this.stopTimer()
    if (this.trialId) void this.api.drillTrialEnd({ id: this.trialId, cancelled: true }).catch(() => {})
    else if (this.phase === 'countdown') this.stepOff()
    this.offs.forEach((off) => off())
    this.offs = []
    this.opts.player.dispose()
  }

  private stepOff(): void {
    void this.api.drillPrepare({ ready: false }).catch(() => {})
  }

  private beep(kind: Cue['kind'] | 'error' | 'count', move: HeadMove | null = null): void {
    if (!this.sound && !needsSound(this.level)) return
    const spoken = kind === 'error' || kind === 'count' ? null : this.opts.spoken(kind, move)
    try {
      this.opts.player.play(kind, spoken)
    } catch {
      // sound is a help, never a requirement
    }
  }

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer)
    this.timer = null
  }
}
