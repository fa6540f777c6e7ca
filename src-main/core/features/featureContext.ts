/**
 * What every main-process feature (check-in, sessions/history, drill) gets from the core, so each
 * lives in its own file and contributes its own IPC handlers. Features talk to each other only
 * through these interfaces: the drill records into the open session through `session`, the
 * check-in publishes live metrics through `metrics`, and so on.
 */
import type { Clock } from '../../devices/clock'
import type { Sample, SourceStatus } from '../../devices/dataSource'
import type { SettingsService } from '../../settings/openSettingsStore'
import type { Handlers } from '../../ipc/registerIpc'
import type { CheckInResult, LiveMetrics } from '../../shared/arousal'
import type { InvokeChannel, Notice } from '../../shared/contract'
import type { JsonValue } from '../../shared/validate'
import type { BeatRow } from '../../session/tables'
import type { DeviceManager } from '../deviceManager'
import type { Emit, Dialogs } from '../appCore'

/** The open session, as other features see it. Every method is a no-op when no session is open. */
export interface SessionSink {
  /** Records an event (events.csv) at clock time `tMs`. */
  event(tMs: number, type: string, detail: JsonValue): void
  /** A cleaned beat (beats.csv rr_clean_ms/artifact), when the signal core has judged it. */
  beatClean(row: BeatRow): void
  /** A live metrics row (metrics.csv). */
  metrics(m: LiveMetrics): void
  /** A finished check-in / re-check / baseline (session.json checkIns). */
  checkIn(result: CheckInResult): void
  /** Whether a session is open right now. */
  isOpen(): boolean
}

export const NO_SESSION: SessionSink = {
  event: () => undefined,
  beatClean: () => undefined,
  metrics: () => undefined,
  checkIn: () => undefined,
  isOpen: () => false
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
  /** Late-bound: the session feature installs the real sink; until then, NO_SESSION. */
  session(): SessionSink
  /** Every routed sample with the id of the source it came from. Returns an unsubscribe. */
  onSample(listener: (sample: Sample, sourceId: string) => void): () => void
  onStatus(listener: (status: SourceStatus) => void): () => void
  /**
   * Tells the user something once: kept for `app:notices` (a window that loads later still sees
   * it) and pushed as an `app:notice` event. A notice with the id of an earlier one replaces it
   * (recording paused -> resumed).
   */
  notice(notice: Notice): void
  /** Most recent live metrics (null until the signal core has produced some). */
  latestMetrics(): LiveMetrics | null
}

/** A feature: the handlers it owns plus its lifecycle hooks. */
export interface Feature {
  handlers: Partial<{ [C in InvokeChannel]: Handlers[C] }>
  /** Called once after every feature is built (e.g. crash recovery at launch). */
  start?(): Promise<void>
  dispose?(): Promise<void>
}
