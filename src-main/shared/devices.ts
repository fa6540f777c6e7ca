/**
 * The data a source produces and the status it reports, as they cross the IPC boundary: the
 * contract sends them to the renderer, so they live here (shared/ is the bottom layer) and
 * devices/dataSource.ts builds its DataSource interface on them.
 */

/** Milliseconds since the Unix epoch, from the injected clock. */
export type EpochMs = number

export type SourceKind = 'ble-hr' | 'wbb' | 'simulator' | 'replay'

/** What a source produces; a source may produce several (the simulator: heart + balance). */
export type Channel = 'heart' | 'balance'

export type ConnectionState =
  | 'idle' // created, nothing done yet
  | 'scanning'
  | 'connecting'
  | 'connected' // link up, not streaming
  | 'streaming'
  | 'reconnecting' // link lost, retrying with backoff
  | 'disconnected' // stopped on purpose or gave up
  | 'error' // cannot work (adapter off, permission denied...) - see `problem`

/** Sensor contact as the Heart Rate Measurement flags report it (bits 1-2). */
export type Contact = 'unsupported' | 'not-detected' | 'detected'

/** A device found by `discover()`; `id` is what `connect(id)` takes. */
export interface DeviceInfo {
  id: string
  kind: SourceKind
  name: string
  /** Signal strength at discovery, dBm; null when the transport has none (HID, simulator). */
  rssi: number | null
  channels: Channel[]
  simulated: boolean
}

export type BreathingSource = 'rsa' | 'chest'
export type ProblemHint = 'connected-elsewhere'

/** A machine-readable reason a source cannot work, so the UI can say what to do on this OS. */
export type ProblemCode =
  | 'adapter-powered-off'
  | 'adapter-unauthorized'
  | 'adapter-unsupported'
  | 'no-device-found'
  | 'permission-denied'
  | 'connect-failed'
  | 'link-lost'
  | 'gave-up'
  | 'driver-missing'

export interface SourceStatus {
  sourceId: string
  kind: SourceKind
  state: ConnectionState
  /** The connected (or last) device. */
  device: DeviceInfo | null
  problem: ProblemCode | null
  /** Technical detail for logs and the "details" line; never shown as the only explanation. */
  detail: string | null
  batteryPct: number | null
  contact: Contact | null
  /** Packets/reports dropped because they were malformed (counted, never half-decoded). */
  malformedCount: number
  /** Sources that parse heart notifications: what was not accepted as given, by reason. */
  heartQuality?: HeartDataQuality
  /**
   * Where a breathing figure comes from while this source feeds it: 'chest' = measured by the
   * strap's accelerometer (Polar PMD streaming), 'rsa' = inferred from heart-rate swings (every
   * other strap, or PMD unavailable/stalled). Absent for sources that do not say (simulator, replay).
   */
  breathingSource?: BreathingSource
  /**
   * A likely cause to mention with `problem`: 'connected-elsewhere' = the strap may be held by
   * another app or phone (a Polar H10 accepts one connection by default and stops advertising
   * while connected, so a scan cannot see it and a connect to it times out). Set by the BLE source
   * with 'no-device-found' and 'connect-failed'.
   */
  problemHint?: ProblemHint | null
  reconnectAttempt: number
  /** When the next reconnect try happens (epoch ms), while `state === 'reconnecting'`. */
  nextRetryAtMs: EpochMs | null
  simulated: boolean
  tMs: EpochMs
}

/**
 * Heart data that was flagged instead of used, counted since the source was created (see
 * devices/ble/README.md for each rule and devices/ble/plausibility.ts for the limits).
 */
export interface HeartDataQuality {
  /** Notifications identical to the previous one that arrived too soon to be new: dropped whole. */
  duplicates: number
  /** Notifications stamped earlier than the previous one: dropped whole. */
  outOfOrder: number
  /** Strap HR outside the plausible range (HR 0 included): the sample carries hrBpm null. */
  hrOutOfRange: number
  /** RR values of 0: dropped on their own (no interval, no gap). */
  rrZero: number
  /** RR values outside the plausible range: dropped, the beat chain breaks with a gap. */
  rrImplausible: number
  /** Packets whose RRs summed to more than the time that passed: gap, chain re-anchored. */
  rrOverruns: number
  /** RRs that could not be placed without overlapping earlier beats or lying in the future. */
  rrUnplaced: number
}

/** One Heart Rate Measurement notification, decoded (the strap's own view). */
export interface HeartMeasurementSample {
  type: 'hr'
  tMs: EpochMs
  /**
   * The strap's own HR value; kept apart from HR derived from RR. Null when the strap sent a value
   * outside the plausible range (HR 0 without contact, > 300 bpm): it is not a heart rate.
   */
  hrBpm: number | null
  contact: Contact
  energyKj: number | null
  /** Plausible RR intervals carried by this notification, exact (raw/1024 s), oldest first. */
  rrMs: number[]
}

/**
 * One heartbeat reconstructed from the RR sequence. `tMs` is the time of the beat that *ends*
 * the interval `rrMs`; beat times are anchored to notification arrival but follow the RR sum,
 * because RRs carry no timestamps and may arrive seconds late.
 */
export interface BeatSample {
  type: 'beat'
  tMs: EpochMs
  rrMs: number
  /** Sequence number of the beat within this source's stream, gap-free while connected. */
  seq: number
}

/** One balance-board reading: four load cells, total and centre of pressure. */
export interface BalanceSample {
  type: 'balance'
  tMs: EpochMs
  /** Load per sensor in kg, order [top-right, bottom-right, top-left, bottom-left]. */
  kg: [number, number, number, number]
  totalKg: number
  /**
   * Centre of pressure, mm; +x to the right, +y to the front (away from the power button). Both
   * null when the load is below MIN_COP_LOAD_KG (nobody on the board: the CoP is undefined), and
   * held inside the sensor rectangle (devices/wbb/decoder.ts). Consumers skip samples without CoP.
   */
  copXMm: number | null
  copYMm: number | null
}

/** Data is missing between `fromMs` and `toMs` (a drop-out); analysis must not bridge it. */
export interface GapSample {
  type: 'gap'
  tMs: EpochMs
  channel: Channel
  fromMs: EpochMs
  toMs: EpochMs
  /**
   * 'rr-implausible': an RR outside physiology; 'rr-overrun': RRs summing to more than the time
   * that passed. Both break the beat chain and re-anchor it to arrival (devices/ble/beatTimeline.ts).
   */
  reason: 'link-lost' | 'malformed' | 'paused' | 'rr-implausible' | 'rr-overrun'
}

/** A discrete input from a device (e.g. the balance board's front button). */
export interface ButtonSample {
  type: 'button'
  tMs: EpochMs
  button: string
  pressed: boolean
}

export type Sample = HeartMeasurementSample | BeatSample | BalanceSample | GapSample | ButtonSample
