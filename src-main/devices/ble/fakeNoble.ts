/**
 * An emulated Bluetooth adapter with emulated heart-rate straps, speaking the same API and events
 * as `@stoprocent/noble` 2.8.0 (the NobleLike slice): adapter state changes, scan + 'discover',
 * connect, GATT discovery of 0x180D/0x2A37, 0x2A38, 0x180F/0x2A19, subscribe, 'data'
 * notifications carrying real 0x2A37 bytes, and 'disconnect' with an HCI reason code.
 *
 * Used by the driver's tests (ManualClock), and with systemClock by the e2e harness and the
 * simulator, so it depends on nothing but Node and the injected Clock (never on vitest).
 *
 * Fidelity notes (what real noble does and the fake copies):
 * - the same Peripheral object is returned for a device across scans; GATT discovery returns NEW
 *   Characteristic objects each time (so a driver that leaks listeners on old ones is caught);
 * - subscriptions (CCCD) end with the connection; a reconnect must subscribe again;
 * - leaving 'poweredOn' disconnects every peripheral with reason 'cleanup' before 'stateChange';
 * - startScanning while not poweredOn rejects; connect to an absent device stays pending until
 *   it appears or cancelConnect() is called (HCI behaviour; the driver must time out itself).
 *
 * A strap given `pmd` options is an emulated Polar H10: it also offers the Polar Measurement Data
 * service (fakePmd.ts). `setConnectedElsewhere(true)` plays the H10's one-connection default:
 * held by another app or phone, it stops advertising, so it cannot be found or connected.
 */
import { rrMsFromHrBpm } from '../../shared/perMinute'
import { EventEmitter } from 'node:events'
import type { Clock } from '../clock'
import { createRng } from '../sim/random'
import { FakePmd, type FakePmdOptions } from './fakePmd'
import { encodeHeartRateMeasurement, hexToBytes, msToRr1024 } from './heartRateMeasurement'
import { PMD_CONTROL_POINT, PMD_DATA, PMD_SERVICE } from './pmdProtocol'
import {
  BATTERY_LEVEL,
  BATTERY_SERVICE,
  BODY_SENSOR_LOCATION,
  HEART_RATE_MEASUREMENT,
  HEART_RATE_SERVICE,
  shortUuid,
  type AdapterState,
  type CharacteristicLike,
  type DisconnectReason,
  type NobleLike,
  type PeripheralLike,
  type PeripheralState
} from './nobleLike'

/** Given the clock time, the bytes of the next notification, or null to skip this tick. */
export type PayloadGenerator = (tMs: number) => Uint8Array | null
/** A generator, or a queue of payloads sent one per tick (nothing more once it is empty). */
export type PayloadSource = PayloadGenerator | Uint8Array[]

/** HCI status codes the fake reports in 'disconnect' (Linux HCI style). */
export const HCI_CONNECTION_TIMEOUT = 0x08
export const HCI_REMOTE_USER_TERMINATED = 0x13
export const HCI_LOCAL_HOST_TERMINATED = 0x16

export interface FakeStrapOptions {
  /** noble id: lower-case hex, no colons (a MAC on Linux). */
  id: string
  name?: string
  rssi?: number
  payloads: PayloadSource
  /** Heart Rate Measurement notification period; straps notify about once a second. */
  notifyIntervalMs?: number
  /** Battery Level in %; null = no Battery service. */
  batteryPct?: number | null
  batteryNotifies?: boolean
  /** Body Sensor Location value (1 = chest); null = characteristic absent. */
  bodySensorLocation?: number | null
  /** Time from scan start (or coming into range) to the 'discover' event. */
  advertiseDelayMs?: number
  connectDelayMs?: number
  inRange?: boolean
  /** Offer the Polar Measurement Data service (an emulated Polar H10). */
  pmd?: FakePmdOptions
}

export interface FakeNobleOptions {
  clock: Clock
  state?: AdapterState
  straps?: FakeStrapOptions[]
}

export class FakeNoble extends EventEmitter implements NobleLike {
  readonly clock: Clock
  private adapterState: AdapterState
  private readonly straps = new Map<string, FakeStrap>()
  private scanFilter: string[] | null = null
  /** How many times scanning was started (tests assert reconnects re-scan). */
  scanStarts = 0
  stopped = false

  constructor(options: FakeNobleOptions) {
    super()
    this.clock = options.clock
    this.adapterState = options.state ?? 'poweredOn'
    for (const s of options.straps ?? []) this.addStrap(s)
  }

  get state(): AdapterState {
    return this.adapterState
  }

  get scanning(): boolean {
    return this.scanFilter !== null
  }

  addStrap(options: FakeStrapOptions): FakeStrap {
    const strap = new FakeStrap(this, options)
    this.straps.set(strap.id, strap)
    if (this.scanning) strap.advertise()
    return strap
  }

  strap(id: string): FakeStrap {
    const s = this.straps.get(id)
    if (!s) throw new Error(`no emulated strap "${id}"`)
    return s
  }

  /** Flip the adapter (user turns Bluetooth off, permission revoked...). */
  setAdapterState(state: AdapterState): void {
    if (state === this.adapterState) return
    if (this.adapterState === 'poweredOn' && state !== 'poweredOn') {
      if (this.scanFilter) {
        this.scanFilter = null
        this.emit('scanStop')
      }
      for (const s of this.straps.values()) s.dropConnection('cleanup')
    }
    this.adapterState = state
    this.emit('stateChange', state)
  }

  async startScanningAsync(serviceUuids: string[] = [], _allowDuplicates = false): Promise<void> {
    if (this.adapterState !== 'poweredOn') {
      throw new Error(`Could not start scanning, state is ${this.adapterState} (not poweredOn)`)
    }
    this.scanFilter = serviceUuids.map(shortUuid)
    this.scanStarts++
    this.emit('scanStart', false)
    for (const s of this.straps.values()) s.advertise()
  }

  async stopScanningAsync(): Promise<void> {
    if (!this.scanFilter) return
    this.scanFilter = null
    this.emit('scanStop')
  }

  stop(): void {
    this.stopped = true
    this.scanFilter = null
    for (const s of this.straps.values()) s.dropConnection('cleanup')
  }

  /** @internal straps call this when their advertisement is seen. */
  reportAdvertisement(strap: FakeStrap): void {
    if (!this.scanFilter || this.adapterState !== 'poweredOn') return
    if (this.scanFilter.length > 0 && !this.scanFilter.includes(HEART_RATE_SERVICE)) return
    this.emit('discover', strap.peripheral)
  }
}

/** One emulated strap: the device itself plus controls for tests and the harness. */
export class FakeStrap {
  readonly id: string
  readonly peripheral: FakePeripheral
  readonly notifyIntervalMs: number
  readonly advertiseDelayMs: number
  readonly connectDelayMs: number
  readonly bodySensorLocation: number | null
  readonly batteryNotifies: boolean
  /** The PMD service of an emulated Polar H10; null for other straps. */
  readonly pmd: FakePmd | null
  batteryPct: number | null
  /** Notifications delivered to a subscriber (malformed injections included). */
  notificationsSent = 0
  private payloads: PayloadSource
  private inRange: boolean
  private stalled = false
  private connectedElsewhere = false
  private hrSubscriber: FakeCharacteristic | null = null
  private batterySubscriber: FakeCharacteristic | null = null
  private notifyTimer: unknown = null
  private advertiseTimer: unknown = null
  private connectTimer: unknown = null

  constructor(
    readonly adapter: FakeNoble,
    options: FakeStrapOptions
  ) {
    this.id = options.id
    this.payloads = Array.isArray(options.payloads) ? [...options.payloads] : options.payloads
    this.notifyIntervalMs = options.notifyIntervalMs ?? 1000
    this.advertiseDelayMs = options.advertiseDelayMs ?? 200
    this.connectDelayMs = options.connectDelayMs ?? 50
    this.bodySensorLocation = options.bodySensorLocation === undefined ? 1 : options.bodySensorLocation
    this.batteryPct = options.batteryPct === undefined ? 90 : options.batteryPct
    this.batteryNotifies = options.batteryNotifies ?? false
    this.inRange = options.inRange ?? true
    this.pmd = options.pmd ? new FakePmd(adapter.clock, options.pmd) : null
    this.peripheral = new FakePeripheral(this, options.name ?? 'Polar H7 1A2B3C4D', options.rssi ?? -62)
  }

  private get clock(): Clock {
    return this.adapter.clock
  }

  get connected(): boolean {
    return this.peripheral.state === 'connected'
  }

  get subscribed(): boolean {
    return this.hrSubscriber !== null
  }

  get isInRange(): boolean {
    return this.inRange
  }

  /** Replace what the strap sends from now on. */
  setPayloads(source: PayloadSource): void {
    this.payloads = Array.isArray(source) ? [...source] : source
  }

  /**
   * The link drops (strap out of range, battery pulled...). The strap stays away until
   * comeBack(), unless `comeBackAfterMs` is given.
   */
  dropLink(options: { reason?: DisconnectReason; comeBackAfterMs?: number } = {}): void {
    this.inRange = false
    this.dropConnection(options.reason ?? HCI_CONNECTION_TIMEOUT)
    if (options.comeBackAfterMs !== undefined)
      this.clock.setTimeout(() => this.comeBack(), options.comeBackAfterMs)
  }

  /** Back in range: advertises again, and a pending connect completes. */
  comeBack(): void {
    if (this.inRange) return
    this.inRange = true
    this.advertise()
    if (this.peripheral.state === 'connecting') this.scheduleConnect()
  }

  /**
   * Another app or phone holds the strap (a Polar H10 accepts one connection by default): it
   * drops our link if we had it and stops advertising until released.
   */
  setConnectedElsewhere(busy: boolean): void {
    this.connectedElsewhere = busy
    if (busy) this.dropConnection(HCI_REMOTE_USER_TERMINATED)
    else this.advertise()
  }

  /** The link stays up but notifications stop without an error (reported for Polar H10). */
  stall(): void {
    this.stalled = true
    this.stopNotifying()
  }

  resume(): void {
    this.stalled = false
    this.startNotifying()
  }

  /** Send exactly these bytes as the next Heart Rate Measurement notification, now. */
  inject(bytes: Uint8Array | string): boolean {
    const data = typeof bytes === 'string' ? hexToBytes(bytes) : bytes
    if (!this.hrSubscriber || !this.connected) return false
    this.notificationsSent++
    this.hrSubscriber.emit('data', Buffer.from(data), true)
    return true
  }

  setBattery(pct: number): void {
    this.batteryPct = pct
    if (this.batterySubscriber && this.connected)
      this.batterySubscriber.emit('data', Buffer.from([pct]), true)
  }

  /** @internal */
  advertise(): void {
    if (!this.inRange || this.connectedElsewhere || this.connected || !this.adapter.scanning) return
    if (this.advertiseTimer !== null) this.clock.clearTimeout(this.advertiseTimer)
    this.advertiseTimer = this.clock.setTimeout(() => {
      this.advertiseTimer = null
      if (this.inRange && !this.connectedElsewhere && !this.connected) this.adapter.reportAdvertisement(this)
    }, this.advertiseDelayMs)
  }

  /** @internal peripheral.connectAsync() */
  beginConnect(): void {
    if (this.inRange && !this.connectedElsewhere) this.scheduleConnect()
  }

  /** @internal peripheral.cancelConnect() */
  cancelConnect(): void {
    if (this.connectTimer !== null) this.clock.clearTimeout(this.connectTimer)
    this.connectTimer = null
  }

  /** @internal */
  dropConnection(reason: DisconnectReason): void {
    this.cancelConnect()
    const p = this.peripheral
    // A new connection notifies again (the usual way out of an H10 stall).
    this.stalled = false
    this.hrSubscriber = null
    this.batterySubscriber = null
    this.stopNotifying()
    this.pmd?.disconnected()
    if (p.state === 'connecting') p.finishConnect(new Error(String(reason)))
    else if (p.state === 'connected' || p.state === 'disconnecting') p.finishDisconnect(reason)
  }

  /** @internal */
  subscribe(ch: FakeCharacteristic): void {
    if (ch.uuid === HEART_RATE_MEASUREMENT) {
      this.hrSubscriber = ch
      this.startNotifying()
    } else if (ch.uuid === BATTERY_LEVEL) {
      this.batterySubscriber = ch
    } else if (ch.uuid === PMD_CONTROL_POINT) {
      this.pmd?.setIndicate((b) => ch.emit('data', Buffer.from(b), true))
    } else if (ch.uuid === PMD_DATA) {
      this.pmd?.setNotify((b) => ch.emit('data', Buffer.from(b), true))
    }
  }

  /** @internal */
  unsubscribe(ch: FakeCharacteristic): void {
    if (this.hrSubscriber === ch) {
      this.hrSubscriber = null
      this.stopNotifying()
    }
    if (this.batterySubscriber === ch) this.batterySubscriber = null
    if (ch.uuid === PMD_CONTROL_POINT) this.pmd?.setIndicate(null)
    if (ch.uuid === PMD_DATA) this.pmd?.setNotify(null)
  }

  private scheduleConnect(): void {
    if (this.connectTimer !== null) return
    this.connectTimer = this.clock.setTimeout(() => {
      this.connectTimer = null
      if (this.inRange && this.adapter.state === 'poweredOn') this.peripheral.finishConnect(undefined)
    }, this.connectDelayMs)
  }

  private startNotifying(): void {
    if (this.notifyTimer !== null || this.stalled || !this.hrSubscriber) return
    const tick = (): void => {
      this.notifyTimer = null
      if (!this.hrSubscriber || !this.connected || this.stalled) return
      const bytes = this.nextPayload()
      if (bytes) {
        this.notificationsSent++
        this.hrSubscriber.emit('data', Buffer.from(bytes), true)
      }
      this.notifyTimer = this.clock.setTimeout(tick, this.notifyIntervalMs)
    }
    this.notifyTimer = this.clock.setTimeout(tick, this.notifyIntervalMs)
  }

  private stopNotifying(): void {
    if (this.notifyTimer !== null) this.clock.clearTimeout(this.notifyTimer)
    this.notifyTimer = null
  }

  private nextPayload(): Uint8Array | null {
    if (Array.isArray(this.payloads)) return this.payloads.shift() ?? null
    return this.payloads(this.clock.now())
  }
}

export class FakePeripheral extends EventEmitter implements PeripheralLike {
  readonly id: string
  readonly address: string
  readonly addressType = 'public' as const
  readonly connectable = true
  state: PeripheralState = 'disconnected'
  rssi: number
  readonly advertisement: { localName: string; serviceUuids: string[] }
  private pendingConnect: { resolve: () => void; reject: (err: Error) => void } | null = null

  constructor(
    private readonly strap: FakeStrap,
    name: string,
    rssi: number
  ) {
    super()
    this.id = strap.id
    this.address = (strap.id.match(/.{1,2}/g) ?? []).join(':')
    this.rssi = rssi
    this.advertisement = { localName: name, serviceUuids: [HEART_RATE_SERVICE] }
  }

  connectAsync(): Promise<void> {
    if (this.strap.adapter.state !== 'poweredOn') return Promise.reject(new Error('adapter not poweredOn'))
    if (this.state === 'connected') return Promise.reject(new Error('Peripheral already connected'))
    if (this.state === 'connecting') return Promise.reject(new Error('Peripheral already connecting'))
    this.state = 'connecting'
    return new Promise((resolve, reject) => {
      this.pendingConnect = { resolve, reject }
      this.strap.beginConnect()
    })
  }

  cancelConnect(): void {
    if (this.state !== 'connecting') return
    this.strap.cancelConnect()
    this.finishConnect(new Error('connection canceled'))
  }

  async disconnectAsync(): Promise<void> {
    if (this.state === 'connecting') {
      this.cancelConnect()
      return
    }
    if (this.state !== 'connected') return
    this.state = 'disconnecting'
    this.strap.dropConnection(HCI_LOCAL_HOST_TERMINATED)
  }

  async discoverSomeServicesAndCharacteristicsAsync(
    serviceUuids: string[],
    characteristicUuids: string[]
  ): Promise<{ characteristics: FakeCharacteristic[] }> {
    if (this.state !== 'connected') throw new Error('not connected')
    const wantService = (u: string): boolean =>
      serviceUuids.length === 0 || serviceUuids.map(shortUuid).includes(u)
    const wantChar = (u: string): boolean =>
      characteristicUuids.length === 0 || characteristicUuids.map(shortUuid).includes(u)
    const out: FakeCharacteristic[] = []
    if (wantService(HEART_RATE_SERVICE)) {
      if (wantChar(HEART_RATE_MEASUREMENT))
        out.push(new FakeCharacteristic(this.strap, HEART_RATE_MEASUREMENT, ['notify']))
      if (this.strap.bodySensorLocation !== null && wantChar(BODY_SENSOR_LOCATION)) {
        out.push(new FakeCharacteristic(this.strap, BODY_SENSOR_LOCATION, ['read']))
      }
    }
    if (wantService(BATTERY_SERVICE) && this.strap.batteryPct !== null && wantChar(BATTERY_LEVEL)) {
      out.push(
        new FakeCharacteristic(
          this.strap,
          BATTERY_LEVEL,
          this.strap.batteryNotifies ? ['read', 'notify'] : ['read']
        )
      )
    }
    if (wantService(PMD_SERVICE) && this.strap.pmd) {
      if (wantChar(PMD_CONTROL_POINT)) {
        out.push(new FakeCharacteristic(this.strap, PMD_CONTROL_POINT, ['read', 'write', 'indicate']))
      }
      if (wantChar(PMD_DATA)) out.push(new FakeCharacteristic(this.strap, PMD_DATA, ['notify']))
    }
    return { characteristics: out }
  }

  /** @internal */
  finishConnect(error: Error | undefined): void {
    const pending = this.pendingConnect
    this.pendingConnect = null
    this.state = error ? 'disconnected' : 'connected'
    this.emit('connect', error)
    if (error) pending?.reject(error)
    else pending?.resolve()
  }

  /** @internal */
  finishDisconnect(reason: DisconnectReason): void {
    this.state = 'disconnected'
    this.emit('disconnect', reason)
    // Like noble after a disconnect: the strap advertises again if it is still in range.
    this.strap.advertise()
  }
}

export class FakeCharacteristic extends EventEmitter implements CharacteristicLike {
  constructor(
    private readonly strap: FakeStrap,
    readonly uuid: string,
    readonly properties: string[]
  ) {
    super()
  }

  async readAsync(): Promise<Buffer> {
    if (!this.strap.connected) throw new Error('not connected')
    if (!this.properties.includes('read')) throw new Error('Read Not Permitted (ATT 0x02)')
    if (this.uuid === PMD_CONTROL_POINT && this.strap.pmd) return Buffer.from(this.strap.pmd.features)
    const value = this.uuid === BATTERY_LEVEL ? this.strap.batteryPct : this.strap.bodySensorLocation
    const data = Buffer.from([value ?? 0])
    this.emit('data', data, false)
    return data
  }

  async writeAsync(data: Buffer, _withoutResponse: boolean): Promise<void> {
    if (!this.strap.connected) throw new Error('not connected')
    if (!this.properties.includes('write')) throw new Error('Write Not Permitted (ATT 0x03)')
    if (this.uuid === PMD_CONTROL_POINT) this.strap.pmd?.write(new Uint8Array(data))
  }

  async subscribeAsync(): Promise<void> {
    if (!this.strap.connected) throw new Error('not connected')
    if (!this.properties.includes('notify') && !this.properties.includes('indicate')) {
      throw new Error('notify not supported')
    }
    this.strap.subscribe(this)
  }

  async unsubscribeAsync(): Promise<void> {
    this.strap.unsubscribe(this)
  }
}

/** A queue of payloads from hex strings, e.g. the Polar H7 capture `queue('063C', '163C1104')`. */
export function queue(...hex: string[]): Uint8Array[] {
  return hex.map(hexToBytes)
}

export interface RhythmOptions {
  bpm?: number
  /** SD of beat-to-beat variation, ms. */
  rrSdMs?: number
  seed?: number
  contact?: 'unsupported' | 'not-detected' | 'detected'
  /** Like a Polar H7: the first notification carries HR but no RR yet. */
  firstWithoutRr?: boolean
  /** Max RRs per notification (ATT MTU 23, uint8 HR: 9); the rest wait for the next one. */
  maxRrPerPacket?: number
}

export interface RhythmGenerator {
  (tMs: number): Uint8Array
  /** Every RR the strap has put into a notification, raw 1/1024 s, in order. */
  readonly sentRrRaw1024: number[]
}

/**
 * A steady, slightly variable heart as a strap reports it: each call (one notification) carries
 * the RRs of the beats completed since the previous call. Beats during a drop-out are not
 * buffered (they are lost, as with most straps), so the receiver must mark a gap.
 */
export function rhythmPayloads(options: RhythmOptions = {}): RhythmGenerator {
  const bpm = options.bpm ?? 60
  const sd = options.rrSdMs ?? 25
  const rng = createRng(options.seed ?? 1)
  const maxRr = options.maxRrPerPacket ?? 9
  const meanRrMs = rrMsFromHrBpm(bpm)
  const sent: number[] = []
  let nextBeatMs: number | null = null
  let lastCallMs: number | null = null
  let unsent: number[] = []
  const drawRr = (): number => msToRr1024(Math.max(300, meanRrMs + sd * rng.gauss()))

  let currentRr = drawRr() // the interval in progress
  const collectUntil = (tMs: number, keep: boolean): void => {
    while ((nextBeatMs as number) + (currentRr * 1000) / 1024 <= tMs) {
      nextBeatMs = (nextBeatMs as number) + (currentRr * 1000) / 1024
      if (keep) unsent.push(currentRr)
      currentRr = drawRr()
    }
  }

  const gen = (tMs: number): Uint8Array => {
    const first = nextBeatMs === null
    if (nextBeatMs === null) nextBeatMs = tMs
    // Called much later than one notification period: the link was down and those beats are lost.
    if (lastCallMs !== null && tMs - lastCallMs > 3000) {
      unsent = []
      collectUntil(tMs - 1000, false)
    }
    lastCallMs = tMs
    collectUntil(tMs, true)
    const rrNow = first && options.firstWithoutRr !== false ? [] : unsent.splice(0, maxRr)
    sent.push(...rrNow)
    return encodeHeartRateMeasurement({
      hrBpm: Math.round(bpm),
      contact: options.contact ?? 'detected',
      rrRaw1024: rrNow
    })
  }
  return Object.assign(gen, { sentRrRaw1024: sent })
}
