/**
 * What every main-process feature (live signal, check-in, sessions, history, drill...) gets from
 * the core, and what it gives back, so each lives in its own file, owns its own IPC handlers and
 * never imports appCore. Features talk to each other only through these interfaces:
 *   - `live`: the live signal pipeline (judged beats, 1 s metrics), built before every feature;
 *   - `baseline`: the one reader of the personal baseline;
 *   - `session()`: the open session, provided by the one feature that records sessions.
 * None of this depends on the order in which features are listed.
 */
import type { PmdEvent } from '../../devices/ble/pmdStream'
import type { Clock } from '../../devices/clock'
import type { BeatSample, Contact, Sample, SourceStatus } from '../../devices/dataSource'
import type { SettingsService } from '../../settings/openSettingsStore'
import type {
  BaselineSummary,
  CheckInKind,
  CheckInResult,
  LiveMetrics,
  SelfReport
} from '../../shared/arousal'
import type {
  EventChannel,
  EventPayloads,
  Handlers,
  InvokeChannel,
  Notice,
  SessionMetaPatch
} from '../../shared/contract'
import type { JsonValue } from '../../shared/validate'
import type { MeasuringLive } from '../../shared/verdict'
import type { BaselineStats, RestingMeasurement } from '../../signal/baseline'
import type { DeviceManager } from '../deviceManager'
import type { ResonanceRow } from '../../session/resonanceTable'
import type { JudgedBeat, RawEvent } from './liveMetrics'
import type { Feedback, Outcome } from '../../learning/engine'
import type { DecisionRecord } from '../../learning/model'
import type { ChoiceContext, OptionId } from '../../learning/options'

export type Emit = <E extends EventChannel>(event: E, payload: EventPayloads[E]) => void

/** Save/open dialogs, chosen in main so the renderer never passes a raw path. */
export interface Dialogs {
  chooseExportDirectory(): Promise<string | null>
  /** A folder to record sessions in (null = cancelled). */
  chooseSessionsDirectory(): Promise<string | null>
  chooseImportFiles(kind: 'rr' | 'session' | 'zip'): Promise<string[]>
}

/** The open session, as other features see it. Every method is a no-op when no session is open. */
export interface SessionSink {
  /** Records an event (events.csv) at clock time `tMs`. */
  event(tMs: number, type: string, detail: JsonValue): void
  /** A finished check-in / re-check / baseline (session.json checkIns; the same id again replaces it). */
  checkIn(result: CheckInResult): void
  /** Whether a session is open right now. */
  isOpen(): boolean
  /** The id of the open session (null when none). */
  activeId(): string | null
  /** Opens a session unless one is open (the engine records a block that goes on after a restart). */
  open(): Promise<void>
  /** Changes session.json (task, reflection, prescription, gate...). */
  update(patch: SessionMetaPatch): void
  /** Ends the open session (nothing when none is open). */
  end(): Promise<void>
  /** A resonance.csv row (the file is created with its first row). Optional: test sinks may leave it out. */
  resonanceRow?(row: ResonanceRow): void
}

export const NO_SESSION: SessionSink = {
  event: () => undefined,
  checkIn: () => undefined,
  isOpen: () => false,
  activeId: () => null,
  open: async () => undefined,
  update: () => undefined,
  end: async () => undefined
}

/**
 * The live signal pipeline (liveFeature.ts): every routed heart sample goes in once; whoever needs
 * beats or metrics subscribes here. Each method returns an unsubscribe.
 */
export interface LiveSignal {
  /** Every beat sample as routed, after the pipeline has taken it in (recording). */
  onBeatSample(listener: (sample: BeatSample) => void): () => void
  /** Accepted raw beats and breaks in them (drop-out, another source): check-ins clean these. */
  onRaw(listener: (event: RawEvent) => void): () => void
  /** Every beat once the artefact cleaner has judged it (about 5 beats later). */
  onBeat(listener: (beat: JudgedBeat) => void): () => void
  /** The metrics of each 1 s tick (also sent to the screen as `metrics:update`). */
  onMetrics(listener: (metrics: LiveMetrics) => void): () => void
  /** The last contact state the strap reported. */
  lastContact(): Contact | null
}

/** Check-ins (checkInFeature.ts), as the session engine drives them. */
export interface CheckIns {
  /** Without `durationS` the length is main's choice (a re-check is shorter). */
  start(kind: CheckInKind, durationS?: number): { id: string; startedMs: number; durationS: number }
  finish(id: string): CheckInResult
  cancel(id: string): void
  selfReport(id: string, report: SelfReport | null): CheckInResult
  /** Where the running measurement stands (null when `id` is not running): asked about once a second. */
  progress(id: string): CheckInProgress | null
}

/** The stopping rule's answer for a running measurement, and what its screen shows live. */
export interface CheckInProgress {
  /** Enough data (or it cannot go on): finish it now. */
  stop: boolean
  live: MeasuringLive
}

/**
 * The learner (learningFeature.ts), as the session engine will call it (issue 16). Every change
 * is saved to `<userData>/learning-model.json` before the promise resolves.
 */
export interface LearnerService {
  /** At the prescription: the learner's proposal for this check-in (its reason, probabilities). */
  prescribe(context: ChoiceContext, decisionId: string): Promise<DecisionRecord>
  /** The person picked another option (refused when it is not safe/eligible in that context). */
  personChose(decisionId: string, option: OptionId): Promise<DecisionRecord>
  /** The re-check's score change, then the block's outcome: returns the after-session line. */
  outcome(decisionId: string, outcome: Outcome): Promise<{ decision: DecisionRecord; feedback: Feedback }>
  /** The decisions made in a session (ids `<session id>:...`), oldest first: its decisions.csv. */
  sessionDecisions(sessionId: string): Promise<DecisionRecord[]>
}

/** The personal baseline: one reader and writer of `<userData>/baseline.json`. */
export interface BaselineService {
  /** The statistics check-ins and live metrics are judged against (population until personal). */
  stats(): BaselineStats
  /** What `baseline:get` answers (with the problem when the file was unreadable). */
  summary(): BaselineSummary
  add(measurement: RestingMeasurement): void
  reset(): BaselineSummary
  /** The stored resting readings (what calibration counts). */
  measurements(): readonly RestingMeasurement[]
}

export interface FeatureContext {
  clock: Clock
  settings: SettingsService
  emit: Emit
  devices: DeviceManager
  appVersion: string
  /** Where sessions, baseline and state documents live (electron: userData). */
  userDataDir: string
  notify?: (title: string, body: string) => void
  dialogs?: Dialogs
  /** The open session (NO_SESSION when no feature records sessions, or none is open). */
  session(): SessionSink
  /** The check-ins, when a feature offers them (null in a core built without). */
  checkIns(): CheckIns | null
  /** The learner, when a feature offers it (null in a core built without). */
  learner(): LearnerService | null
  /**
   * What the person is doing now that needs them still and on the strap, if anything (a check-in,
   * a practice, a drill, a study block, the resonance test): one such thing at a time, so a feature
   * refuses to start another (features say theirs through `Feature.activity`).
   */
  activity(): Activity | null
  live: LiveSignal
  baseline: BaselineService
  /** Every routed sample with the id of the source it came from. Returns an unsubscribe. */
  onSample(listener: (sample: Sample, sourceId: string) => void): () => void
  onStatus(listener: (status: SourceStatus) => void): () => void
  /**
   * Chest data (Polar PMD) of the active heart source, with its source id. Returns an unsubscribe.
   * Optional: a context built by hand (tests) may leave it out; features then have no chest data.
   */
  onChest?(listener: (event: PmdEvent, sourceId: string) => void): () => void
  /**
   * Tells the user something once: kept for `app:notices` (a window that loads later still sees
   * it) and pushed as an `app:notice` event. A notice with the id of an earlier one replaces it
   * (recording paused -> resumed).
   */
  notice(notice: Notice): void
}

export type Activity = 'check-in' | 'practice' | 'drill' | 'study block' | 'resonance test'

/** Refuses to start `what` while another activity runs (the message says which). */
export function assertIdle(ctx: Pick<FeatureContext, 'activity'>, what: string): void {
  const busy = ctx.activity()
  if (busy) throw new Error(`Cannot start ${what} during the ${busy}: finish or stop it first`)
}

/** A feature: the handlers it owns plus its lifecycle hooks. */
export interface Feature {
  handlers: Partial<{ [C in InvokeChannel]: Handlers[C] }>
  /** What this feature has the person doing now (see FeatureContext.activity). */
  activity?(): Activity | null
  /** The feature that records sessions offers its sink here (at most one feature may). */
  sessionSink?: SessionSink
  /** The feature that runs check-ins offers them here (at most one feature may). */
  checkIns?: CheckIns
  /** The feature that keeps the learner's model offers it here (at most one feature may). */
  learner?: LearnerService
  /** Called once after every feature is built (e.g. crash recovery at launch). */
  start?(): Promise<void>
  dispose?(): Promise<void>
}

/**
 * Builds one feature from the shared context. The app's features are listed in
 * `features/index.ts`; each owns its handlers, so adding one never touches the others.
 */
export type FeatureFactory = (ctx: FeatureContext) => Feature
