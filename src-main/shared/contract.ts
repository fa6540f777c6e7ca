/**
 * The one IPC contract between main, preload and renderer: every channel's name, request
 * validator and response type, and every main->renderer event. Main validates each request with
 * these validators before a handler sees it; the preload exposes exactly these channels.
 * Pure TypeScript: the only part of src-main the renderer may import.
 */
import type { DeviceInfo, SourceStatus, Contact, BalanceSample } from './devices'
import { v, deepPartial, type DeepPartial, type Infer, type JsonValue, type Validator } from './validate'
import { rendererSettingsValidator, type Settings } from './settings'
import type { BaselineSummary, LiveMetrics } from './arousal'
import type { ChestBreathingUpdate } from './chest'
import { STANCES, type DrillTrialResult, type Stance } from './drill'
import type { DrillSnapshot, TrialProgression } from './drillProgression'
import type { Flow } from './flowMachine'
import type { MeasuringLive } from './verdict'
import type { TimerState } from './timer/timerModel'
import type { Phase } from './timer/phases'
import type { ExportResult, ImportResult, SessionDetail, SessionSummary } from './session'
import { CONTRAINDICATIONS, type Contraindication } from './safety'
import type { LearningSummary } from './learning'
import type { CoherenceReading, ResonanceHistory, ResonanceSnapshot } from './resonance'
import { PROTOCOL_NAMES } from './protocols'

export type * from './arousal'
export type * from './drill'
export type * from './breathing'
export type * from './chest'
export type * from './session'
export type * from './verdict'
export type * from './resonance'

export type { DeviceInfo, SourceStatus, Contact, BalanceSample, Settings, DeepPartial, JsonValue }

export interface AppInfo {
  version: string
  platform: string
  /** True when the heart data comes from the built-in simulator. */
  simulated: boolean
  /** How the app runs: a real Electron window, or the browser e2e harness. */
  shell: 'electron' | 'harness'
}

/** The sessions folder: `custom` when the user chose it; `cancelled` when the dialog was closed. */
export interface RecordingLocation {
  path: string
  custom: boolean
  cancelled: boolean
}

/** Something the user should be told once (e.g. the settings file was corrupt and was reset). */
export interface Notice {
  id: string
  /**
   * settings-reset: the settings file was unreadable and was reset.
   * sessions-recovered: sessions a crash left open were closed at launch (`sessions` = their ids).
   * baseline-reset: baseline.json was unreadable; it was set aside and typical values are used.
   * recording-paused: the session's files cannot be written (disk full...); rows are held in
   * memory and retried. recording-resumed: writing works again. recording-lost: the session
   * ended while writes still failed. The three share one id per session: each replaces the last.
   * learning-reset: what the learner had learned (learning-model.json) was unreadable;
   * learning-newer: it was written by a newer Limbic. Either way it was set aside as a backup and
   * learning starts again from the priors.
   * resonance-reset: resonance.json (saved assessments) was unreadable or from a newer Limbic; it
   * was set aside as a backup and the list starts empty.
   */
  kind:
    | 'settings-reset'
    | 'sessions-recovered'
    | 'baseline-reset'
    | 'recording-paused'
    | 'recording-resumed'
    | 'recording-lost'
    | 'learning-reset'
    | 'learning-newer'
    | 'resonance-reset'
  /**
   * settings-reset / baseline-reset / learning-* / resonance-reset: where the unreadable file was kept;
   * sessions-recovered: the sessions folder; recording-*: the session folder.
   */
  backupPath: string
  /** English detail (logs); the renderer words the notice from `kind` and the fields. */
  reason: string
  sessions?: string[]
  /** recording-*: the write error's code (ENOSPC / EDQUOT = the disk is full). */
  errorCode?: string
  /** recording-*: rows that could not be kept; sessions-recovered: damaged rows removed. */
  droppedRows?: number
  /** recording-*: the time span (s) of the rows that could not be kept. */
  droppedSeconds?: number
}

/** One beat for the live view: RR exact, HR derived from that RR (not the strap's HR field). */
export interface LiveBeat {
  tMs: number
  rrMs: number
  hrBpm: number
  seq: number
}

/**
 * The last two minutes of beats and rolling metrics main keeps (issue 21), so the Live screen
 * draws its history at once when it opens or the window reloads. Oldest first.
 */
export interface LiveRecent {
  beats: LiveBeat[]
  metrics: LiveMetrics[]
}

/** The strap's own reading from one notification. */
export interface LiveMeasurement {
  tMs: number
  /** The strap's own HR; null when it sent an implausible value (HR 0 without contact, > 300). */
  hrBpm: number | null
  contact: Contact
}

const breathPhaseName = v.enum(['inhale', 'top-up', 'exhale', 'hold-empty', 'hold-full'] as const)

const breathPhase = v.object({
  name: breathPhaseName,
  durationMs: v.number({ min: 0, max: 120_000 }),
  endVolume: v.number({ min: 0, max: 1 })
})

export const breathPatternValidator = v.object({
  phases: v.array(breathPhase, { maxItems: 128 }),
  effect: v.enum(['calming', 'energizing', 'neutral'] as const)
})

const channelKind = v.enum(['heart', 'balance'] as const)
const protocolName = v.enum(PROTOCOL_NAMES)
/** A session folder's name: never `.`, `..` or a dot-folder (.trash), never a path. */
const sessionId = v.string({ minLength: 1, maxLength: 80, pattern: /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/ })

/** The study timer as main runs it (session engine), with the latest phase it entered. */
export interface TimerSnapshot {
  state: TimerState
  /** The phase entered last while the block ran; `seq` counts entries (a screen notifies on a new one). */
  announced: { phase: Phase; seq: number } | null
}

/**
 * What the session engine in main holds, pushed as `session:state` whenever it changes and
 * answered by every intent. `rev` grows with every change (a screen ignores an older snapshot).
 */
export interface SessionSnapshot {
  rev: number
  /** Check-in -> result -> prescription -> protocol -> re-check -> gate -> drill (flowMachine.ts). */
  flow: Flow
  timer: TimerSnapshot
  drill: DrillSnapshot
}

/** A trial main opened for the current level of its ladder. */
export interface DrillTrialStarted {
  id: string
  hasBoard: boolean
  /** The level's index on the ladder (0-based) and what it asks. */
  level: number
  stance: Stance
  targetRadiusMm: number
}

/** A trial's measurement and, unless it was cancelled, what it did to the ladder. */
export type DrillTrialEnd = DrillTrialResult & { progression: TrialProgression | null }

/** Request validators; the response type is declared alongside in `InvokeResponses`. */
export const invokeRequests = {
  'app:info': v.none(),
  'app:notices': v.none(),
  'app:dismiss-notice': v.object({ id: v.string({ maxLength: 100 }) }),
  'devices:scan': v.object(
    { timeoutMs: v.number({ integer: true, min: 500, max: 30_000 }) },
    { optional: ['timeoutMs'] }
  ),
  'devices:connect': v.object({ deviceId: v.string({ minLength: 1, maxLength: 200 }) }),
  'devices:disconnect': v.object({ channel: channelKind }),
  'devices:status': v.none(),
  'live:recent': v.none(),
  'sim:control': v.object(
    {
      arousal: v.number({ min: 0, max: 1 }),
      immediately: v.boolean(),
      pattern: v.nullable(breathPatternValidator),
      /** The simulated body's stance on the simulated board (null = steps off). */
      stance: v.nullable(v.enum(STANCES))
    },
    { optional: ['arousal', 'immediately', 'pattern', 'stance'] }
  ),
  'settings:get': v.none(),
  /** Any setting except the sessions folder (main's dialog only: `recording:location`). */
  'settings:update': deepPartial(rendererSettingsValidator),
  'baseline:get': v.none(),
  'baseline:reset': v.none(),
  'session:start': v.none(),
  'session:end': v.none(),
  'session:snapshot': v.none(),
  'flow:start-check-in': v.object({ kind: v.enum(['check-in', 're-check', 'baseline'] as const) }),
  /** Ends the running check-in now (main also ends it when its time is up). */
  'flow:finish-check-in': v.none(),
  'flow:cancel-check-in': v.none(),
  'flow:self-report': v.object({ report: v.nullable(v.enum(['wired', 'fine', 'flat', 'tired'] as const)) }),
  'flow:continue': v.none(),
  'flow:choose-protocol': v.object({ protocol: protocolName, dose: v.enum(['full', 'short'] as const) }),
  'flow:go-straight': v.none(),
  'flow:safety-passed': v.none(),
  /** The one-time super-oxygenation opt-in, with the screening's answers (all must be no). */
  'flow:opt-in': v.object(
    Object.fromEntries(CONTRAINDICATIONS.map((c) => [c, v.boolean()])) as Record<
      Contraindication,
      Validator<boolean>
    >
  ),
  /** The pacer began a phase (recorded while the flow is breathing). */
  'flow:breath-phase': v.object({
    phase: breathPhaseName,
    cycle: v.number({ integer: true, min: 0, max: 100_000 })
  }),
  'flow:safety-declined': v.object({
    reason: v.enum(['contraindication', 'not-opted-in', 'cancelled'] as const)
  }),
  /** The pacer finished or was stopped; main records it and starts the re-check. */
  'flow:protocol-ended': v.object({
    name: protocolName,
    plannedS: v.number({ min: 0, max: 7200 }),
    doneS: v.number({ min: 0, max: 7200 }),
    completed: v.boolean()
  }),
  'flow:another-round': v.none(),
  /** Skip to the timer (after the screen's confirmation): an override. */
  'flow:skip': v.none(),
  'flow:request-drill': v.none(),
  'flow:rest-confirmed': v.none(),
  'flow:drill-finished': v.object({
    trials: v.number({ integer: true, min: 0, max: 1000 }),
    errors: v.number({ integer: true, min: 0, max: 100_000 })
  }),
  'flow:restart': v.none(),
  'timer:start': v.object({
    task: v.nullable(v.string({ maxLength: 300 })),
    /** The optional pre-block checklist (null = not asked). */
    phoneOut: v.nullable(v.boolean())
  }),
  'timer:pause': v.none(),
  'timer:resume': v.none(),
  'timer:stop': v.none(),
  'timer:mark': v.object({ kind: v.enum(['error', 'frustration'] as const) }),
  /**
   * Saves the reflection, ends the session, makes the timer ready for the next block and closes
   * the gate (the next block needs a new check-in).
   */
  'timer:finish': v.object({ reflection: v.string({ maxLength: 2000 }) }),
  /**
   * The one-tap focus rating 1-5 after the block (null = skipped): the learner records the
   * block's outcome (issue 16). Nothing when no rating is awaited.
   */
  'timer:rate-focus': v.object({ rating: v.nullable(v.number({ integer: true, min: 1, max: 5 })) }),
  'balance:tare': v.none(),
  /**
   * The countdown of a trial begins (`ready`) or is abandoned: on the simulated board the simulated
   * body takes the current level's stance now, so it stands still at "go", or steps off.
   */
  'drill:prepare': v.object({ ready: v.boolean() }),
  /** A trial of the current level (main's ladder chooses stance and target radius). */
  'drill:trial-start': v.none(),
  /** The person's own "I lost balance" (counted only without a board). */
  'drill:self-error': v.object({ id: v.string({ maxLength: 80 }) }),
  'drill:trial-end': v.object(
    {
      id: v.string({ maxLength: 80 }),
      /** Stopped early: measured and recorded, but it does not count for the ladder. */
      cancelled: v.boolean()
    },
    { optional: ['cancelled'] }
  ),
  /** A drill session begins at the level last passed (or the one under way goes on). */
  'drill:begin': v.none(),
  /** The drill session is over. */
  'drill:finish': v.none(),
  'history:list': v.none(),
  'history:load': v.object({ id: sessionId }),
  'history:delete': v.object({ id: sessionId }),
  'history:export': v.object({
    ids: v.array(sessionId, { maxItems: 500 }),
    format: v.enum(['folder', 'zip', 'rr'] as const)
  }),
  'history:import': v.object({ kind: v.enum(['rr', 'session', 'zip'] as const) }),
  'app:notify': v.object({ title: v.string({ maxLength: 120 }), body: v.string({ maxLength: 400 }) }),
  /** Where sessions are recorded: read it, choose another folder (main's dialog), or go back to the default. */
  'recording:location': v.object({ action: v.enum(['get', 'choose', 'reset'] as const) }),
  /** What the learner knows, per option, for the "What works for you" screen. */
  'learning:summary': v.none(),
  /** Forget what was learned (the old model file is kept as a backup). */
  'learning:reset': v.none(),
  /** Save a copy of the model file into a folder chosen in main's dialog. */
  'learning:export': v.none(),
  /** The resonance assessment as main holds it now. */
  'resonance:snapshot': v.none(),
  /** Starts an assessment (timings from Settings); one already running goes on. */
  'resonance:start': v.none(),
  /** Stops the running assessment; the steps done are kept and saved. */
  'resonance:cancel': v.none(),
  /** Ends the rest now: the next step starts. */
  'resonance:skip-rest': v.none(),
  /** Saved assessments, newest first, and the person's rate. */
  'resonance:history': v.none(),
  /** The coherence of the last 64 s of beats at the person's rate (the resonance protocol's view). */
  'resonance:coherence': v.none()
} satisfies Record<string, Validator<unknown>>

export interface InvokeResponses {
  'app:info': AppInfo
  'app:notices': Notice[]
  'app:dismiss-notice': void
  'devices:scan': DeviceInfo[]
  'devices:connect': SourceStatus
  'devices:disconnect': void
  'devices:status': SourceStatus[]
  'live:recent': LiveRecent
  'sim:control': void
  'settings:get': Settings
  'settings:update': Settings
  'baseline:get': BaselineSummary
  'baseline:reset': BaselineSummary
  'session:start': { id: string; startUtc: string }
  'session:end': void
  'session:snapshot': SessionSnapshot
  'flow:start-check-in': SessionSnapshot
  'flow:finish-check-in': SessionSnapshot
  'flow:cancel-check-in': SessionSnapshot
  'flow:self-report': SessionSnapshot
  'flow:continue': SessionSnapshot
  'flow:choose-protocol': SessionSnapshot
  'flow:go-straight': SessionSnapshot
  'flow:safety-passed': SessionSnapshot
  'flow:opt-in': SessionSnapshot
  'flow:breath-phase': void
  'flow:safety-declined': SessionSnapshot
  'flow:protocol-ended': SessionSnapshot
  'flow:another-round': SessionSnapshot
  'flow:skip': SessionSnapshot
  'flow:request-drill': SessionSnapshot
  'flow:rest-confirmed': SessionSnapshot
  'flow:drill-finished': SessionSnapshot
  'flow:restart': SessionSnapshot
  'timer:start': SessionSnapshot
  'timer:pause': SessionSnapshot
  'timer:resume': SessionSnapshot
  'timer:stop': SessionSnapshot
  'timer:mark': SessionSnapshot
  'timer:finish': SessionSnapshot
  'timer:rate-focus': SessionSnapshot
  'balance:tare': void
  'drill:prepare': void
  'drill:trial-start': DrillTrialStarted
  'drill:self-error': { errors: number }
  'drill:trial-end': DrillTrialEnd
  'drill:begin': SessionSnapshot
  'drill:finish': SessionSnapshot
  'history:list': SessionSummary[]
  'history:load': SessionDetail
  'history:delete': void
  'history:export': ExportResult
  'history:import': ImportResult
  'app:notify': void
  'recording:location': RecordingLocation
  'learning:summary': LearningSummary
  'learning:reset': { backupPath: string | null; summary: LearningSummary }
  /** `path` null: the dialog was closed. */
  'learning:export': { path: string | null }
  'resonance:snapshot': ResonanceSnapshot
  'resonance:start': ResonanceSnapshot
  'resonance:cancel': ResonanceSnapshot
  'resonance:skip-rest': ResonanceSnapshot
  'resonance:history': ResonanceHistory
  'resonance:coherence': CoherenceReading
}

export type InvokeChannel = keyof typeof invokeRequests
export type InvokeRequest<C extends InvokeChannel> = Infer<(typeof invokeRequests)[C]>
export type InvokeResponse<C extends InvokeChannel> = InvokeResponses[C]

/** One handler per invoke channel, as main implements the contract (after validation). */
export type Handlers = {
  [C in InvokeChannel]: (request: InvokeRequest<C>) => Promise<InvokeResponse<C>> | InvokeResponse<C>
}

/** main -> renderer events. */
export interface EventPayloads {
  'device:status': SourceStatus
  'heart:beat': LiveBeat
  'heart:measurement': LiveMeasurement
  /** Balance samples batched per animation-frame-sized slice (~30 Hz) to keep IPC light. */
  'balance:samples': BalanceSample[]
  'app:notice': Notice
  /** Rolling HRV/arousal values, about once a second. */
  'metrics:update': LiveMetrics
  /** A loss of balance or step on/off detected on the board. */
  'balance:event': BalanceEvent
  /** The session engine's state, whenever it changes. */
  'session:state': SessionSnapshot
  /**
   * The running check-in, about once a second (session engine only): settling / measuring /
   * enough with the reason it needs longer, current HR and the recent RR for the trace.
   */
  'session:measuring': MeasuringLive
  /** Breathing measured at the chest (Polar H10 accelerometer), with each chest data frame. */
  'breathing:chest': ChestBreathingUpdate
  /** The resonance assessment, whenever it changes (a step or rest begins or ends). */
  'resonance:state': ResonanceSnapshot
}

export interface BalanceEvent {
  tMs: number
  kind: 'step-on' | 'step-off' | 'load-drop' | 'cop-out'
  /**
   * Set on a drill trial's loss of balance: one fall, already merged by main, so the screen counts
   * exactly these. Absent on the board's own step-on / step-off.
   */
  trialId?: string
}

export type EventChannel = keyof EventPayloads

export const INVOKE_CHANNELS = Object.keys(invokeRequests) as InvokeChannel[]
export const EVENT_CHANNELS: EventChannel[] = [
  'device:status',
  'heart:beat',
  'heart:measurement',
  'balance:samples',
  'app:notice',
  'metrics:update',
  'balance:event',
  'session:state',
  'session:measuring',
  'breathing:chest',
  'resonance:state'
]

/** 'devices:scan' -> 'devicesScan', 'app:dismiss-notice' -> 'appDismissNotice'. */
export type MethodName<S extends string> = S extends `${infer A}:${infer B}`
  ? `${A}${Capitalize<MethodName<B>>}`
  : S extends `${infer A}-${infer B}`
    ? `${A}${Capitalize<MethodName<B>>}`
    : S

export function methodName<S extends string>(channel: S): MethodName<S> {
  return channel.replace(/[:-](\w)/g, (_, c: string) => c.toUpperCase()) as MethodName<S>
}

/** What `window.api` offers: one method per invoke channel, plus `on` for events. */
export type AppApi = {
  [C in InvokeChannel as MethodName<C>]: InvokeRequest<C> extends void
    ? () => Promise<InvokeResponse<C>>
    : (request: InvokeRequest<C>) => Promise<InvokeResponse<C>>
} & {
  on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
}

export type { Settings as AppSettings }
