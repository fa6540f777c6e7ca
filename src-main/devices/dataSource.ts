/**
 * One interface for every data source: BLE heart-rate strap, Wii Balance Board, the built-in
 * simulator and replay of a recording (BrainFlow's "one API for every board").
 *
 * A source emits *timestamped samples* and *status*; it never knows about windows, screens or
 * wording. Everything here is plain TypeScript so it runs in Node (tests, CLI, e2e harness).
 */

// The wire types live in shared/ (the IPC contract needs them); devices/ builds on them and
// re-exports them, so `../dataSource` stays the one import for device code.
export type {
  EpochMs,
  SourceKind,
  Channel,
  ConnectionState,
  Contact,
  DeviceInfo,
  ProblemCode,
  ProblemHint,
  BreathingSource,
  HeartDataQuality,
  SourceStatus,
  HeartMeasurementSample,
  BeatSample,
  BalanceSample,
  GapSample,
  ButtonSample,
  Sample
} from '../shared/devices'
import type { EpochMs, SourceKind, DeviceInfo, SourceStatus, Sample } from '../shared/devices'
import type { PmdEvent } from './ble/pmdStream'

export type Unsubscribe = () => void

export interface DataSource {
  readonly id: string
  readonly kind: SourceKind
  /** Find devices this source can connect to. The simulator returns its simulated devices. */
  discover(options?: { timeoutMs?: number }): Promise<DeviceInfo[]>
  /** Connect to a device from `discover()` (or the first/remembered one when omitted). */
  connect(deviceId?: string): Promise<void>
  /** Begin emitting samples. */
  start(): Promise<void>
  /** Stop emitting samples; the link may stay up. */
  stop(): Promise<void>
  /** Release everything (link, timers, listeners). The source cannot be used again. */
  dispose(): Promise<void>
  status(): SourceStatus
  onSample(listener: (sample: Sample) => void): Unsubscribe
  onStatus(listener: (status: SourceStatus) => void): Unsubscribe
  /**
   * Optional: the device bytes exactly as received (before parsing), for raw capture (raw.log).
   * `device` says which parser they belong to: 'hr' = a 0x2A37 notification, 'wbb' = a balance
   * board HID report, 'pmd' = a Polar Measurement Data frame (chest accelerometer / ECG of a
   * Polar H10). Sources without raw bytes (replay of decoded data) leave it out.
   */
  onRaw?(listener: RawListener): Unsubscribe
  /**
   * Optional: chest data (accelerometer mG / ECG µV samples and gaps, devices/ble/pmdStream.ts)
   * while the strap streams it. Only sources that can carry it (a BLE strap with PMD) have it.
   */
  onChest?(listener: (event: PmdEvent) => void): Unsubscribe
}

export type RawListener = (tMs: EpochMs, device: 'hr' | 'wbb' | 'pmd', bytes: Uint8Array) => void
