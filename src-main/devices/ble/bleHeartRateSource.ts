/**
 * A Bluetooth LE heart-rate strap (Heart Rate Service 0x180D) as a DataSource.
 *
 * Talks to noble only through the NobleLike slice, so the same code runs against the real
 * library (loadNoble.ts, in the app) and the emulated adapter (fakeNoble.ts, in tests, e2e and
 * the simulator). Every notification goes through HeartRateStream, the one parsing path.
 *
 * Life of a link: scan for 0x180D -> connect (own timeout: HCI connects can hang) -> discover
 * 0x2A37, 0x2A38, 0x2A19 -> read location + battery -> subscribe. When the link drops, or no
 * notification arrives for `watchdogMs` (Polar H10s are reported to go silent after ~100 s with
 * no error), status goes to 'reconnecting' at once and we retry with backoff: scan again for the
 * same id, connect, rediscover, resubscribe (the CCCD is per connection). The stream marks the gap.
 *
 * The lifecycle (connect/start/stop/dispose, reconnect with backoff, status) is LinkedSource's,
 * shared with the balance board; this file is the BLE transport.
 *
 * Polar H10 chest data (option `chest`): once the heart-rate link is up, the Polar Measurement Data
 * service is looked for on the same connection (pmdClient.ts) and the accelerometer (and ECG when
 * asked) started; frames go through PmdStream to `onChest` listeners. A strap without PMD, or a
 * PMD that refuses, changes nothing for the heart-rate data: `status.breathingSource` stays 'rsa'.
 * It turns 'chest' while accelerometer frames arrive, and back to 'rsa' when they stop for
 * `chestWatchdogMs` (the stream is then marked with a gap). Every reconnect starts PMD again (a
 * new connection starts with nothing streaming).
 */
import type { Clock } from '../clock'
import type {
  BreathingSource,
  DeviceInfo,
  HeartDataQuality,
  ProblemCode,
  SourceStatus,
  Unsubscribe
} from '../dataSource'
import { Listeners } from '../emitter'
import { LinkedSource, Superseded } from '../linkedSource'
import { HeartRateStream } from './heartRateStream'
import { PmdClient, PmdRequestError } from './pmdClient'
import { PMD_ACC, PMD_ECG, type PmdSettings } from './pmdProtocol'
import { PmdStream, type PmdEvent, type PmdQuality } from './pmdStream'
import {
  BATTERY_LEVEL,
  BATTERY_SERVICE,
  BODY_SENSOR_LOCATION,
  bodySensorLocationName,
  HEART_RATE_MEASUREMENT,
  HEART_RATE_SERVICE,
  shortUuid,
  type AdapterState,
  type AnyListener,
  type BodySensorLocation,
  type CharacteristicLike,
  type DisconnectReason,
  type NobleLike,
  type PeripheralLike
} from './nobleLike'
import type { ReconnectPolicy, ReconnectPolicyOptions } from './reconnectPolicy'

/** A failure with a machine-readable code; the renderer words it. */
export class BleProblemError extends Error {
  constructor(
    readonly code: ProblemCode,
    message: string
  ) {
    super(message)
    this.name = 'BleProblemError'
  }
}

export interface BleHeartRateSourceOptions {
  /** The adapter, or a lazy loader (e.g. () => loadNoble().then(r => r.noble)); a loader's noble is stopped on dispose. */
  noble: NobleLike | (() => Promise<NobleLike>)
  clock: Clock
  /** Source id in status; default 'ble-hr'. */
  id?: string
  /** The strap used last time (persisted by the caller); connect() without an id goes there. */
  preferredDeviceId?: string | null
  reconnect?: ReconnectPolicy | ReconnectPolicyOptions
  /** No notification for this long while connected = link lost. */
  watchdogMs?: number
  /** How long discover() scans by default, and how long connect() scans for its device. */
  scanTimeoutMs?: number
  connectTimeoutMs?: number
  /** How long to wait for the adapter to leave 'unknown' (real noble starts there). */
  adapterTimeoutMs?: number
  /** Marks status and devices as simulated (when fed by the emulated adapter). */
  simulated?: boolean
  /** Every raw notification, for raw capture (raw.log). */
  onRaw?: (tMs: number, kind: 'hr', bytes: Uint8Array) => void
  /** Stream Polar PMD chest data when the strap offers it (Polar H10); omitted = heart rate only. */
  chest?: ChestOptions
  /** Every raw PMD data frame, for raw capture (raw.log kind 'pmd'). */
  onPmdRaw?: (tMs: number, bytes: Uint8Array) => void
}

export interface ChestOptions {
  /** Accelerometer rate asked for; the nearest the strap offers is used. Default 50 Hz. */
  accSampleRateHz?: number
  /** Also stream ECG (130 Hz on the H10). */
  ecg?: boolean
  /** No accelerometer frame for this long while streaming = the chest stream stopped. Default 5 s. */
  chestWatchdogMs?: number
}

const ADAPTER_PROBLEMS: Partial<Record<AdapterState, ProblemCode>> = {
  poweredOff: 'adapter-powered-off',
  unauthorized: 'adapter-unauthorized',
  unsupported: 'adapter-unsupported'
}

interface Link {
  generation: number
  peripheral: PeripheralLike
  cleanups: (() => void)[]
  pmd?: PmdClient
}

export class BleHeartRateSource extends LinkedSource<Link, 'hr'> {
  readonly kind = 'ble-hr' as const
  private readonly watchdogMs: number
  private readonly scanTimeoutMs: number
  private readonly connectTimeoutMs: number
  private readonly adapterTimeoutMs: number
  private readonly stream: HeartRateStream

  private noble: NobleLike | null = null
  private ownsNoble = false
  private nobleLoading: Promise<NobleLike> | null = null
  private readonly onAdapterState = (state: AdapterState): void => this.adapterChanged(state)

  private readonly pmdStream: PmdStream
  private readonly chestListeners = new Listeners<PmdEvent>()
  private breathingSource: BreathingSource = 'rsa'
  private chestTimer: unknown = null
  private location: BodySensorLocation | null = null
  private readonly seen = new Map<string, PeripheralLike>()
  private watchdogTimer: unknown = null

  constructor(private readonly options: BleHeartRateSourceOptions) {
    super({
      clock: options.clock,
      id: options.id ?? 'ble-hr',
      channel: 'heart',
      rawKind: 'hr',
      label: 'BLE heart-rate source',
      preferredDeviceId: options.preferredDeviceId,
      reconnect: options.reconnect,
      simulated: options.simulated,
      onRaw: options.onRaw
    })
    this.watchdogMs = options.watchdogMs ?? 10_000
    this.scanTimeoutMs = options.scanTimeoutMs ?? 10_000
    this.connectTimeoutMs = options.connectTimeoutMs ?? 15_000
    this.adapterTimeoutMs = options.adapterTimeoutMs ?? 5_000
    this.stream = new HeartRateStream((s) => {
      if (this.started) this.samples.emit(s)
    })
    this.pmdStream = new PmdStream((e) => {
      if (this.started) this.chestListeners.emit(e)
    })
  }

  /** Chest data (accelerometer mG / ECG µV samples and gaps) while streaming; see `chest`. */
  onChest(listener: (event: PmdEvent) => void): Unsubscribe {
    return this.chestListeners.add(listener)
  }

  /** What the chest data stream dropped or flagged, by reason (see pmdStream.ts). */
  get chestQuality(): PmdQuality {
    return { ...this.pmdStream.quality }
  }

  override status(): SourceStatus {
    const s = super.status()
    // A strap held elsewhere stops advertising: a scan misses it, and a connect to it (seen
    // earlier) times out. Both problems may have that cause.
    const hint =
      s.problem === 'no-device-found' || s.problem === 'connect-failed' ? 'connected-elsewhere' : null
    return { ...s, breathingSource: this.breathingSource, problemHint: hint }
  }

  // ---- DataSource -------------------------------------------------------------------------------

  async discover(options: { timeoutMs?: number } = {}): Promise<DeviceInfo[]> {
    this.assertUsable()
    const noble = await this.readyAdapter()
    const found = new Map<string, PeripheralLike>()
    await this.scanning(() =>
      this.scan(noble, options.timeoutMs ?? this.scanTimeoutMs, (p) => {
        found.set(p.id, p)
        return false
      })
    )
    return [...found.values()]
      .map((p) => this.deviceInfo(p))
      .sort((a, b) => (b.rssi ?? -999) - (a.rssi ?? -999))
  }

  /** Lets go of the adapter: a loaded noble is stopped, a given one only left. */
  protected override async releaseDriver(): Promise<void> {
    const noble = this.noble
    if (noble) {
      noble.removeListener('stateChange', this.onAdapterState as AnyListener)
      await noble.stopScanningAsync().catch(() => undefined)
      if (this.ownsNoble) noble.stop?.()
    }
  }

  protected get malformedCount(): number {
    return this.stream.malformedCount
  }

  protected override get heartQuality(): HeartDataQuality {
    return this.stream.qualityCounts
  }

  /** Body Sensor Location (0x2A38) of the connected strap, when it has one. */
  get sensorLocation(): BodySensorLocation | null {
    return this.location
  }

  // ---- adapter ----------------------------------------------------------------------------------

  private async loadAdapter(): Promise<NobleLike> {
    if (this.noble) return this.noble
    const source = this.options.noble
    if (typeof source !== 'function') {
      this.noble = source
    } else {
      this.nobleLoading ??= source()
      try {
        this.noble = await this.nobleLoading
      } catch (err) {
        this.nobleLoading = null
        const code = (err as { code?: ProblemCode }).code ?? 'driver-missing'
        this.set({ state: 'error', problem: code, detail: (err as Error).message })
        throw new BleProblemError(code, (err as Error).message)
      }
      this.ownsNoble = true
    }
    this.noble.on('stateChange', this.onAdapterState as AnyListener)
    return this.noble
  }

  /** The adapter once it is poweredOn; a BleProblemError with the adapter's problem otherwise. */
  private async readyAdapter(): Promise<NobleLike> {
    const noble = await this.loadAdapter()
    if (noble.state === 'poweredOn') return noble
    const now = ADAPTER_PROBLEMS[noble.state]
    if (now) throw this.adapterProblem(noble.state, now)
    // 'unknown' / 'resetting': real noble reports the true state shortly after loading.
    await new Promise<void>((resolve, reject) => {
      const done = (): void => {
        noble.removeListener('stateChange', listener)
        this.clock.clearTimeout(timer)
      }
      const listener = (state: AdapterState): void => {
        if (state === 'poweredOn') {
          done()
          resolve()
        } else if (ADAPTER_PROBLEMS[state]) {
          done()
          reject(this.adapterProblem(state, ADAPTER_PROBLEMS[state]!))
        }
      }
      const timer = this.clock.setTimeout(() => {
        done()
        reject(this.adapterProblem(noble.state, 'adapter-unsupported'))
      }, this.adapterTimeoutMs)
      noble.on('stateChange', listener)
    })
    return noble
  }

  private adapterProblem(state: AdapterState, code: ProblemCode): BleProblemError {
    const err = new BleProblemError(code, `adapter state ${state}`)
    this.set({ state: 'error', problem: code, detail: err.message })
    return err
  }

  private adapterChanged(state: AdapterState): void {
    if (this.disposed) return
    const problem = ADAPTER_PROBLEMS[state]
    if (problem) {
      // noble has already dropped every link ('disconnect' with 'cleanup') before this event.
      this.cancelRetry()
      this.set({ state: 'error', problem, detail: `adapter state ${state}`, nextRetryAtMs: null })
      return
    }
    if (state === 'poweredOn' && this.state === 'error' && this.problem?.startsWith('adapter-')) {
      this.set({ problem: null, detail: null })
      if (this.wantedId !== null && this.link === null) {
        this.reconnectAttempt = 0
        this.scheduleRetry(this.generation)
      } else {
        this.setState('idle')
      }
    }
  }

  // ---- scanning and connecting ------------------------------------------------------------------

  /** Scan for 0x180D until `stopWhen` returns true or the time is up. Resolves the match or null. */
  private scan(
    noble: NobleLike,
    timeoutMs: number,
    stopWhen: (p: PeripheralLike) => boolean
  ): Promise<PeripheralLike | null> {
    return new Promise((resolve, reject) => {
      let finished = false
      const finish = (result: PeripheralLike | null, err?: unknown): void => {
        if (finished) return
        finished = true
        this.clock.clearTimeout(timer)
        noble.removeListener('discover', onDiscover)
        noble.stopScanningAsync().then(
          () => (err ? reject(err) : resolve(result)),
          () => (err ? reject(err) : resolve(result))
        )
      }
      const onDiscover = (p: PeripheralLike): void => {
        const uuids = p.advertisement.serviceUuids ?? []
        if (uuids.length > 0 && !uuids.map(shortUuid).includes(HEART_RATE_SERVICE)) return
        this.seen.set(p.id, p)
        if (stopWhen(p)) finish(p)
      }
      const timer = this.clock.setTimeout(() => finish(null), timeoutMs)
      noble.on('discover', onDiscover)
      noble.startScanningAsync([HEART_RATE_SERVICE], false).catch((err: Error) => {
        const code = ADAPTER_PROBLEMS[noble.state] ?? 'connect-failed'
        finish(null, new BleProblemError(code, `scan failed: ${err.message}`))
      })
    })
  }

  /** Find, connect, discover GATT, subscribe. Throws Superseded if a newer request took over. */
  protected async establish(
    generation: number,
    targetId: string | null,
    reconnecting: boolean
  ): Promise<void> {
    const check = this.checker(generation)
    const noble = await this.readyAdapter()
    check()
    // Right after discover() the peripheral object is fresh; after a drop-out scan again, since
    // the adapter may have forgotten it and it must be advertising to accept a connection.
    let peripheral = !reconnecting && targetId ? (this.seen.get(targetId) ?? null) : null
    if (!peripheral) {
      if (!reconnecting) this.setState('scanning')
      peripheral = await this.scan(noble, this.scanTimeoutMs, (p) => targetId === null || p.id === targetId)
      check()
      if (!peripheral) {
        throw new BleProblemError(
          'no-device-found',
          targetId ? `strap ${targetId} not found` : 'no heart-rate strap found'
        )
      }
    }
    this.device = this.deviceInfo(peripheral)
    if (!reconnecting) this.setState('connecting')

    await this.withTimeout(peripheral.connectAsync(), this.connectTimeoutMs, () => {
      peripheral.cancelConnect?.()
      return new BleProblemError('connect-failed', `connect to ${peripheral.id} timed out`)
    }).catch((err: unknown) => {
      if (err instanceof BleProblemError) throw err
      throw new BleProblemError('connect-failed', `connect: ${(err as Error).message}`)
    })
    const link: Link = { generation, peripheral, cleanups: [] }
    let chestProblem: string | null = null
    try {
      check()
      const onDisconnect = (reason: DisconnectReason): void =>
        this.linkLost(link, `disconnected (reason ${reason})`)
      peripheral.on('disconnect', onDisconnect)
      link.cleanups.push(() => peripheral.removeListener('disconnect', onDisconnect))

      const { characteristics } = await peripheral.discoverSomeServicesAndCharacteristicsAsync(
        [HEART_RATE_SERVICE, BATTERY_SERVICE],
        [HEART_RATE_MEASUREMENT, BODY_SENSOR_LOCATION, BATTERY_LEVEL]
      )
      check()
      const find = (uuid: string): CharacteristicLike | undefined =>
        characteristics.find((c) => shortUuid(c.uuid) === uuid)
      const hrm = find(HEART_RATE_MEASUREMENT)
      if (!hrm)
        throw new BleProblemError('connect-failed', 'no Heart Rate Measurement (0x2A37) characteristic')

      this.location = await readByte(find(BODY_SENSOR_LOCATION)).then((v) =>
        v === null ? null : bodySensorLocationName(v)
      )
      check()
      await this.setUpBattery(link, find(BATTERY_LEVEL))
      check()

      const onData = (data: Buffer): void => this.notification(link, data)
      hrm.on('data', onData)
      link.cleanups.push(() => hrm.removeListener('data', onData))
      await hrm.subscribeAsync()
      check()
      if (this.options.chest) chestProblem = await this.setUpChest(link, this.options.chest, check)
    } catch (err) {
      for (const c of link.cleanups) c()
      if (err instanceof Superseded) {
        // A newer request owns the adapter now; leave this connection, quietly.
        if (this.link?.peripheral !== peripheral) peripheral.disconnectAsync().catch(() => undefined)
      } else {
        await peripheral.disconnectAsync().catch(() => undefined)
      }
      throw err
    }

    this.linkUp(link, peripheral.id, null)
    if (chestProblem) this.set({ detail: chestProblem })
  }

  private async setUpBattery(link: Link, battery: CharacteristicLike | undefined): Promise<void> {
    this.batteryPct = await readByte(battery)
    if (!battery || !battery.properties.includes('notify')) return
    const onBattery = (data: Buffer, isNotification: boolean): void => {
      if (!isNotification || data.length < 1 || link !== this.link) return
      this.set({ batteryPct: data[0]! })
    }
    battery.on('data', onBattery)
    link.cleanups.push(() => battery.removeListener('data', onBattery))
    await battery.subscribeAsync().catch(() => undefined)
  }

  /**
   * Start PMD chest data on this link. Anything going wrong here leaves heart rate untouched:
   * the reason is returned (for `detail`) and breathing stays inferred from RR.
   */
  private async setUpChest(link: Link, chest: ChestOptions, check: () => void): Promise<string | null> {
    let client: PmdClient | null = null
    try {
      client = await PmdClient.open(link.peripheral, {
        clock: this.clock,
        onFrame: (bytes) => this.chestFrame(link, bytes)
      })
      check()
      if (!client) return null // not a Polar strap: nothing to do
      link.pmd = client
      const opened = client
      link.cleanups.push(() => opened.close())
      if (client.offers(PMD_ACC)) {
        const offered = await client.getSettings(PMD_ACC)
        check()
        const settings = pickSettings(offered, chest.accSampleRateHz ?? 50)
        this.pmdStream.configure('acc', {
          sampleRateHz: settings.sampleRateHz![0]!,
          factor: offered.factor?.[0]
        })
        await startOrRunning(client, PMD_ACC, settings)
        check()
      }
      if (chest.ecg && client.offers(PMD_ECG)) {
        const settings = pickSettings(await client.getSettings(PMD_ECG), 130)
        check()
        this.pmdStream.configure('ecg', { sampleRateHz: settings.sampleRateHz![0]! })
        await startOrRunning(client, PMD_ECG, settings)
        check()
      }
    } catch (err) {
      if (err instanceof Superseded) throw err
      client?.close()
      return `chest data unavailable: ${(err as Error).message}`
    }
    return null
  }

  private chestFrame(link: Link, bytes: Uint8Array): void {
    if (link !== this.link) return
    const now = this.clock.now()
    this.options.onPmdRaw?.(now, bytes)
    for (const raw of this.raws) raw(now, 'pmd', bytes)
    const before = this.pmdStream.quality.frames
    this.pmdStream.push(now, bytes)
    const accepted = this.pmdStream.quality.frames !== before
    if (!accepted) this.set({ detail: `PMD frame dropped: ${this.pmdStream.lastProblem}` })
    if (accepted && bytes[0] === PMD_ACC) {
      this.armChestWatchdog(link)
      if (this.breathingSource !== 'chest') {
        this.breathingSource = 'chest'
        this.set({})
      }
    }
  }

  private armChestWatchdog(link: Link): void {
    if (this.chestTimer !== null) this.clock.clearTimeout(this.chestTimer)
    this.chestTimer = this.clock.setTimeout(() => {
      this.chestTimer = null
      if (link !== this.link) return
      this.chestStopped(`no chest data for ${this.options.chest?.chestWatchdogMs ?? 5000} ms`)
    }, this.options.chest?.chestWatchdogMs ?? 5000)
  }

  private chestStopped(detail: string | null): void {
    if (this.chestTimer !== null) this.clock.clearTimeout(this.chestTimer)
    this.chestTimer = null
    this.pmdStream.markLinkLost()
    if (this.breathingSource === 'chest') {
      this.breathingSource = 'rsa'
      this.set(detail ? { detail } : {})
    }
  }

  // ---- streaming, watchdog, reconnect -----------------------------------------------------------

  private notification(link: Link, data: Buffer): void {
    if (link !== this.link) return
    const now = this.clock.now()
    this.armWatchdog(link)
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice()
    this.emitRaw(now, bytes)
    const flaggedBefore = flaggedTotal(this.stream.qualityCounts)
    const malformedBefore = this.stream.malformedCount
    const m = this.stream.push(now, bytes)
    if (this.stream.malformedCount !== malformedBefore) {
      this.set({ detail: `malformed 0x2A37 packet: ${this.stream.lastMalformedReason}` })
    } else if (!m) {
      this.set({ detail: `0x2A37 notification dropped, ${this.stream.lastDropReason}` })
    } else if (m.contact !== this.contact || flaggedTotal(this.stream.qualityCounts) !== flaggedBefore) {
      // New counts reach the status bar with the next status (flagged values are rare).
      this.set({ contact: m.contact })
    }
  }

  private armWatchdog(link: Link): void {
    if (this.watchdogTimer !== null) this.clock.clearTimeout(this.watchdogTimer)
    this.watchdogTimer = this.clock.setTimeout(() => {
      this.watchdogTimer = null
      if (link !== this.link) return
      this.linkLost(link, `no notification for ${this.watchdogMs} ms`)
      // The strap may still think it is connected: end the link so it can be re-established.
      link.peripheral.disconnectAsync().catch(() => undefined)
    }, this.watchdogMs)
  }

  // ---- LinkedSource hooks -----------------------------------------------------------------------

  protected linkedDeviceId(link: Link): string {
    return link.peripheral.id
  }

  protected armLink(link: Link): void {
    this.armWatchdog(link)
  }

  protected releaseLink(link: Link): void {
    if (this.link === link) this.chestStopped(null)
    for (const c of link.cleanups) c()
    link.cleanups = []
    if (this.watchdogTimer !== null) this.clock.clearTimeout(this.watchdogTimer)
    this.watchdogTimer = null
    if (this.link === link) this.link = null
  }

  protected markLinkLost(): void {
    this.stream.markLinkLost()
    this.pmdStream.markLinkLost()
  }

  protected override async closeDropped(link: Link): Promise<void> {
    await this.withTimeout(
      link.peripheral.disconnectAsync(),
      2000,
      () => new Error('disconnect timed out')
    ).catch(() => undefined)
  }

  protected problemCodeOf(err: unknown): ProblemCode | null {
    return err instanceof BleProblemError ? err.code : null
  }

  /** adapterChanged() resumes when the adapter is back. */
  protected waitsForResume(code: ProblemCode | null): boolean {
    return code?.startsWith('adapter-') ?? false
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => reject(onTimeout()), ms)
      promise.then(
        (v) => {
          this.clock.clearTimeout(timer)
          resolve(v)
        },
        (err: unknown) => {
          this.clock.clearTimeout(timer)
          reject(err instanceof Error ? err : new Error(String(err)))
        }
      )
    })
  }

  private deviceInfo(p: PeripheralLike): DeviceInfo {
    // 127 is "RSSI not available" in HCI.
    const rssi = Number.isFinite(p.rssi) && p.rssi !== 127 ? p.rssi : null
    return {
      id: p.id,
      kind: 'ble-hr',
      name: p.advertisement.localName || p.address || p.id,
      rssi,
      channels: ['heart'],
      simulated: this.options.simulated ?? false
    }
  }
}

/** First byte of a readable characteristic, or null when absent/unreadable (optional fields). */
async function readByte(ch: CharacteristicLike | undefined): Promise<number | null> {
  if (!ch || !ch.properties.includes('read')) return null
  try {
    const data = await ch.readAsync()
    return data.length > 0 ? data[0]! : null
  } catch {
    return null
  }
}

/** One value per setting for a start request: the offered rate nearest `wantedHz`, etc. */
function pickSettings(offered: PmdSettings, wantedHz: number): PmdSettings {
  const rates = offered.sampleRateHz ?? [wantedHz]
  const rate = rates.reduce((best, r) => (Math.abs(r - wantedHz) < Math.abs(best - wantedHz) ? r : best))
  const out: PmdSettings = { sampleRateHz: [rate] }
  if (offered.resolutionBits?.length) out.resolutionBits = [Math.max(...offered.resolutionBits)]
  // Breathing moves the chest by tens of mG; +-4 G keeps walking and posture changes unclipped.
  if (offered.rangeG?.length) out.rangeG = [offered.rangeG.includes(4) ? 4 : Math.max(...offered.rangeG)]
  return out
}

/** A strap still streaming from before (a quick reconnect) answers 'already-in-state': fine. */
async function startOrRunning(
  client: PmdClient,
  measurementType: number,
  settings: PmdSettings
): Promise<void> {
  try {
    await client.start(measurementType, settings)
  } catch (err) {
    if (!(err instanceof PmdRequestError && err.statusName === 'already-in-state')) throw err
  }
}

function flaggedTotal(q: HeartDataQuality): number {
  return Object.values(q).reduce((a, b) => a + b, 0)
}
