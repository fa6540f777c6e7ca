/**
 * A Nintendo Wii Balance Board (RVL-WBC-01) over HID as a DataSource.
 *
 * Talks to node-hid only through the HidLike slice, so the same code runs against the real
 * library (loadNodeHid.ts, in the app) and the emulated board (fakeHid.ts: tests, e2e, and the
 * simulated board, whose bytes come from a simulated body).
 *
 * Discovery: every HID device with VID 0x057E / PID 0x0306 is a Wii Remote or a board. A board
 * names itself "Nintendo RVL-WBC-01"; a device named "...RVL-CNT-01..." is a remote; a device
 * without a name (some backends) is probed: status request, extension init, and its extension id
 * at 0xA400FA must be 00 00 A4 20 04 02.
 *
 * Initialisation, in the order Linux's hid-wiimote uses:
 *   15 00 -> 0x20 (extension plugged?) ; 16 .. A4 00 F0 .. 55 -> 0x22 ; 16 .. A4 00 FB .. 00 -> 0x22 ;
 *   17 04 A4 00 FA 00 06 -> 0x21 (extension id) ; 17 04 A4 00 24 00 18 -> 0x21 x2 (16 + 8 bytes,
 *   calibration) ; then the checksum registers 0x3C (4), 0x20 (2), 0x60 (2) for the CRC-32 check
 *   (a mismatch is a warning in status.detail, not a failure; third-party boards may not have
 *   them) ; 11 10 (LED on) ; 12 04 34 (continuous, buttons + 19 extension bytes). When no 0x34
 *   report arrives within `modeTimeoutMs` we fall back to 12 04 32.
 *
 * Streaming: every data report in the chosen mode becomes exactly one BalanceSample (never
 * merged, never repeated), timestamped on arrival (reports carry no time; bursts get +1 ms steps
 * so time is strictly increasing). Malformed reports are dropped whole, counted and followed by a
 * GapSample ('malformed'). The front button becomes ButtonSample 'front'. Battery comes from
 * status reports (polled every `batteryPollMs`).
 *
 * Linux: hid-wiimote owns the board too and re-sends its own reporting mode (0x30, buttons only)
 * after each status report; and every 0x20 stops data reporting on the device itself. So we
 * re-send our mode after every 0x20, and a watchdog re-asserts it whenever data stops for
 * `modeReassertMs`. Data silent for `watchdogMs`, or a read error (board off, out of range), is a
 * lost link: status 'reconnecting' and retries with backoff (ReconnectPolicy), which re-enumerate
 * (the hidraw path changes), re-open and re-initialise; the first sample afterwards is preceded
 * by a GapSample ('link-lost').
 *
 * The lifecycle (connect/start/stop/dispose, reconnect with backoff, status) is LinkedSource's,
 * shared with the BLE strap; this file is the HID transport.
 */
import type { Clock } from '../clock'
import type { DataSource, DeviceInfo, ProblemCode, RawListener, Unsubscribe } from '../dataSource'
import { Listeners } from '../emitter'
import type { ReconnectPolicy, ReconnectPolicyOptions } from '../ble/reconnectPolicy'
import { LinkedSource } from '../linkedSource'
import {
  checkCalibrationCrc,
  parseCalibration,
  sensorsKg,
  type Calibration,
  type CrcCheck
} from './calibration'
import { balanceSample, decodeBalance, strictlyAfter, ZERO_TARE } from './decoder'
import type { HidDeviceInfo, HidDeviceLike, HidLike } from './hidLike'
import {
  bytesToHex,
  DRM_KE,
  DRM_KEE,
  drmReport,
  ledReport,
  NINTENDO_VENDOR_ID,
  OUT_WRITE_MEMORY,
  parseInputReport,
  readRegisterReport,
  REG_BATTERY_REF,
  REG_CALIBRATION,
  REG_CALIBRATION_CRC,
  REG_EXT_ID,
  REG_EXT_INIT1,
  REG_EXT_INIT2,
  REG_REF_TEMPERATURE,
  statusRequest,
  WbbMalformedError,
  WIIMOTE_PRODUCT_ID,
  writeRegisterReport,
  type InputReport,
  type Quad,
  type StatusReport
} from './protocol'
import { StepDetector, type StepDetectorOptions, type StepEvent } from './stepDetector'

/** A failure with a machine-readable code; the renderer words it. */
export class WbbProblemError extends Error {
  constructor(
    readonly code: ProblemCode,
    message: string
  ) {
    super(message)
    this.name = 'WbbProblemError'
  }
}

/** A 0x21 reply with a non-zero error nibble. */
export class WbbReadError extends Error {
  constructor(
    readonly address: number,
    readonly errorCode: number
  ) {
    super(`read at 0x${address.toString(16).toUpperCase()} failed with error ${errorCode}`)
    this.name = 'WbbReadError'
  }
}

export class TareError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TareError'
  }
}

/** What the app's balance feature needs from a board, whatever drives it. */
export interface BalanceBoardControl {
  /** Zero the board from the next `durationMs` of readings (nobody on it). Resolves the tare, kg. */
  tare(options?: { durationMs?: number }): Promise<Quad>
  onStep(listener: (event: StepEvent) => void): Unsubscribe
  /** The tare in force (kg, TR BR TL BL) and its changes: raw capture records them for replay. */
  readonly currentTare?: Quad
  onTare?(listener: (tMs: number, tareKg: Quad) => void): Unsubscribe
}

export function isBalanceBoardControl(source: unknown): source is BalanceBoardControl {
  const s = source as Partial<BalanceBoardControl> | null
  return !!s && typeof s.tare === 'function' && typeof s.onStep === 'function'
}

export interface WbbSourceOptions {
  /** node-hid, or a lazy loader (e.g. () => loadNodeHid().then(r => r.hid)). */
  hid: HidLike | (() => Promise<HidLike>)
  clock: Clock
  /** Source id in status; default 'wbb'. */
  id?: string
  /** The board used last time; connect() without an id goes there. */
  preferredDeviceId?: string | null
  reconnect?: ReconnectPolicy | ReconnectPolicyOptions
  /** Answer time allowed for one request (status, write ack, each read). */
  requestTimeoutMs?: number
  /** Time allowed for the first data report after setting a mode, before falling back. */
  modeTimeoutMs?: number
  /** No data report for this long: send the reporting mode again (hid-wiimote may have reset it). */
  modeReassertMs?: number
  /** No data report for this long: the link is lost. */
  watchdogMs?: number
  batteryPollMs?: number
  step?: StepDetectorOptions
  /** Marks status and devices as simulated. */
  simulated?: boolean
  /** Id and picker name of a device (default `wbb:<serial or path>`, "Wii Balance Board"). */
  describeDevice?: (info: HidDeviceInfo) => { id: string; name: string }
  /** Every raw input report, for raw capture (raw.log). */
  onRaw?: (tMs: number, kind: 'wbb', bytes: Uint8Array) => void
  platform?: string
}

type WaiterResult = 'ignore' | 'progress' | { done: unknown } | { fail: Error }

interface Waiter {
  handle(report: InputReport): WaiterResult
}

interface Link {
  generation: number
  device: HidDeviceLike
  info: HidDeviceInfo
  key: string
  cleanups: (() => void)[]
  waiters: Set<Waiter>
  /** The data reporting mode we asked for (null until we do). */
  mode: number | null
  /** Data reports in `mode` are turned into samples (after the first one arrives). */
  ready: boolean
  calibration: Calibration | null
  lastDataMs: number
  lastReassertMs: number
  lastStatusRequestMs: number
  modeReasserts: number
  closed: boolean
}

const TICK_MS = 100

export class WbbSource extends LinkedSource<Link, 'wbb'> implements DataSource, BalanceBoardControl {
  readonly kind = 'wbb' as const
  private readonly requestTimeoutMs: number
  private readonly modeTimeoutMs: number
  private readonly modeReassertMs: number
  private readonly watchdogMs: number
  private readonly batteryPollMs: number
  private readonly platform: string
  private readonly steps = new Listeners<StepEvent>()
  private readonly stepDetector: StepDetector

  private hid: HidLike | null = null
  private hidLoading: Promise<HidLike> | null = null

  private malformed = 0
  private tickTimer: unknown = null

  private tareKg: Quad = ZERO_TARE
  private tareCollector: ((kg: Quad) => void) | null = null
  private lastSampleMs: number | null = null
  private pendingGap: { fromMs: number; reason: 'link-lost' | 'malformed' } | null = null
  private front: boolean | null = null
  private crc: CrcCheck | null = null

  constructor(private readonly options: WbbSourceOptions) {
    super({
      clock: options.clock,
      id: options.id ?? 'wbb',
      channel: 'balance',
      rawKind: 'wbb',
      label: 'balance board source',
      preferredDeviceId: options.preferredDeviceId,
      reconnect: options.reconnect,
      simulated: options.simulated,
      onRaw: options.onRaw
    })
    this.requestTimeoutMs = options.requestTimeoutMs ?? 1000
    this.modeTimeoutMs = options.modeTimeoutMs ?? 600
    this.modeReassertMs = options.modeReassertMs ?? 250
    this.watchdogMs = options.watchdogMs ?? 3000
    this.batteryPollMs = options.batteryPollMs ?? 60_000
    this.platform = options.platform ?? process.platform
    this.stepDetector = new StepDetector(options.step)
  }

  // ---- DataSource -------------------------------------------------------------------------------

  async discover(_options: { timeoutMs?: number } = {}): Promise<DeviceInfo[]> {
    this.assertUsable()
    return this.scanning(async () => {
      const hid = await this.loadHid()
      const boards = await this.findBoards(hid, () => undefined)
      return boards.map((b) => this.deviceInfo(b))
    })
  }

  override async dispose(): Promise<void> {
    await super.dispose()
    this.steps.clear()
  }

  /**
   * Every raw input report of the connected board (raw capture), the initialisation's read
   * replies included: a replay needs the calibration block they carry.
   */
  override onRaw(listener: RawListener): Unsubscribe {
    return super.onRaw(listener)
  }

  // ---- board specifics --------------------------------------------------------------------------

  onStep(listener: (event: StepEvent) => void): Unsubscribe {
    return this.steps.add(listener)
  }

  private readonly tareListeners = new Set<(tMs: number, tareKg: Quad) => void>()

  /** Called whenever the tare changes (a completed tare(), or setTare). */
  onTare(listener: (tMs: number, tareKg: Quad) => void): Unsubscribe {
    this.tareListeners.add(listener)
    return () => this.tareListeners.delete(listener)
  }

  private tareChanged(): void {
    const kg = [...this.tareKg] as Quad
    for (const l of this.tareListeners) l(this.clock.now(), kg)
  }

  /** The connected board's factory calibration. */
  get calibration(): Calibration | null {
    return this.link?.calibration ?? null
  }

  /** Result of the calibration CRC-32 check of the last initialisation. */
  get calibrationCheck(): CrcCheck | null {
    return this.crc
  }

  /** The per-sensor tare in kg (TR, BR, TL, BL). */
  get currentTare(): Quad {
    return this.tareKg
  }

  /** Times the reporting mode had to be re-sent because data stopped (hid-wiimote interplay). */
  get modeReasserts(): number {
    return this.link?.modeReasserts ?? 0
  }

  /** The reporting mode in use (0x34, or 0x32 after the fallback); null when not connected. */
  get reportingMode(): number | null {
    return this.link?.ready ? this.link.mode : null
  }

  setTare(kg: Quad): void {
    this.tareKg = [...kg] as Quad
    this.tareChanged()
  }

  /**
   * "Step off the board": averages the next `durationMs` of readings per sensor and makes that the
   * zero. Rejects (TareError) when not streaming, or when the board is clearly loaded.
   */
  tare(options: { durationMs?: number; maxLoadKg?: number } = {}): Promise<Quad> {
    const durationMs = options.durationMs ?? 1000
    const maxLoadKg = options.maxLoadKg ?? 10
    if (!this.link?.ready) return Promise.reject(new TareError('no balance board is streaming'))
    if (this.tareCollector) return Promise.reject(new TareError('a tare is already running'))
    return new Promise<Quad>((resolve, reject) => {
      const sums: Quad = [0, 0, 0, 0]
      let n = 0
      const startMs = this.clock.now()
      const finish = (err: Error | null): void => {
        this.clock.clearTimeout(timer)
        this.tareCollector = null
        if (err) return reject(err)
        const mean = sums.map((s) => s / n) as Quad
        const total = mean.reduce((a, b) => a + b, 0) - this.tareKg.reduce((a, b) => a + b, 0)
        if (total > maxLoadKg) {
          return reject(new TareError(`the board carries ${total.toFixed(1)} kg: step off to tare`))
        }
        this.tareKg = mean
        this.tareChanged()
        resolve(mean)
      }
      const timer = this.clock.setTimeout(
        () => finish(new TareError('no data from the board')),
        durationMs * 3
      )
      this.tareCollector = (kg) => {
        for (let i = 0; i < 4; i++) sums[i]! += kg[i]!
        n++
        if (this.clock.now() - startMs >= durationMs && n > 0) finish(null)
      }
    })
  }

  // ---- HID --------------------------------------------------------------------------------------

  private async loadHid(): Promise<HidLike> {
    if (this.hid) return this.hid
    const source = this.options.hid
    if (typeof source !== 'function') {
      this.hid = source
      return source
    }
    this.hidLoading ??= source()
    try {
      this.hid = await this.hidLoading
      return this.hid
    } catch (err) {
      this.hidLoading = null
      const code = (err as { code?: ProblemCode }).code ?? 'driver-missing'
      this.set({ state: 'error', problem: code, detail: (err as Error).message })
      throw new WbbProblemError(code, (err as Error).message)
    }
  }

  /** Boards among the Nintendo HID devices: by name, else by probing the extension id. */
  private async findBoards(hid: HidLike, check: () => void): Promise<HidDeviceInfo[]> {
    const all = await hid.devicesAsync(NINTENDO_VENDOR_ID, WIIMOTE_PRODUCT_ID)
    check()
    const out: HidDeviceInfo[] = []
    for (const info of all) {
      if (!info.path) continue
      const name = info.product ?? ''
      if (name.includes('RVL-WBC-01')) out.push(info)
      else if (/RVL-CNT-01/.test(name))
        continue // a Wii Remote (the board never names itself so)
      else if (this.link && this.link.info.path === info.path) out.push(info)
      else if (await this.probe(hid, info)) out.push(info)
      check()
    }
    return out
  }

  /** Open an unnamed device briefly: is its extension a balance board? */
  private async probe(hid: HidLike, info: HidDeviceInfo): Promise<boolean> {
    let device: HidDeviceLike
    try {
      device = await hid.open(info.path!)
    } catch {
      return false
    }
    const link = this.newLink(-1, device, info)
    try {
      const status = await this.requestStatus(link)
      if (!status.extensionPlugged) return false
      await this.writeRegister(link, REG_EXT_INIT1, [0x55])
      await this.writeRegister(link, REG_EXT_INIT2, [0x00])
      const id = await this.readRegister(link, REG_EXT_ID, 6)
      return id[4] === 0x04 && id[5] === 0x02
    } catch {
      return false
    } finally {
      this.closeLink(link)
    }
  }

  private newLink(generation: number, device: HidDeviceLike, info: HidDeviceInfo): Link {
    const link: Link = {
      generation,
      device,
      info,
      key: keyOf(info),
      cleanups: [],
      waiters: new Set(),
      mode: null,
      ready: false,
      calibration: null,
      lastDataMs: this.clock.now(),
      lastReassertMs: 0,
      lastStatusRequestMs: this.clock.now(),
      modeReasserts: 0,
      closed: false
    }
    const onData = (data: Buffer): void => this.input(link, data)
    const onError = (err: Error): void => this.linkLost(link, `HID read error: ${err.message}`)
    device.on('data', onData)
    device.on('error', onError)
    link.cleanups.push(() => {
      device.removeListener('data', onData)
      device.removeListener('error', onError)
    })
    return link
  }

  private closeLink(link: Link): void {
    if (link.closed) return
    link.closed = true
    for (const c of link.cleanups) c()
    link.cleanups = []
    for (const w of link.waiters) w.handle({ kind: 'other-data', mode: -1, buttons: null })
    link.waiters.clear()
    link.device.close().catch(() => undefined)
  }

  private async send(link: Link, bytes: Uint8Array): Promise<void> {
    if (link.closed) throw new WbbProblemError('link-lost', 'device closed')
    try {
      await link.device.write(Array.from(bytes))
    } catch (err) {
      throw new WbbProblemError(
        'link-lost',
        `write ${bytesToHex(bytes.slice(0, 3))}: ${(err as Error).message}`
      )
    }
  }

  /** Send `bytes` and wait until `handler` settles on the replies (or time runs out). */
  private request<T>(
    link: Link,
    bytes: Uint8Array,
    what: string,
    handler: (report: InputReport) => WaiterResult,
    timeoutMs = this.requestTimeoutMs
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let timer: unknown = null
      const arm = (): void => {
        if (timer !== null) this.clock.clearTimeout(timer)
        timer = this.clock.setTimeout(() => {
          link.waiters.delete(waiter)
          reject(new WbbProblemError('connect-failed', `no answer to ${what} within ${timeoutMs} ms`))
        }, timeoutMs)
      }
      const waiter: Waiter = {
        handle: (report) => {
          if (link.closed) {
            this.clock.clearTimeout(timer)
            link.waiters.delete(waiter)
            reject(new WbbProblemError('link-lost', `link closed during ${what}`))
            return 'progress'
          }
          const r = handler(report)
          if (r === 'ignore') return r
          if (r === 'progress') {
            arm()
            return r
          }
          this.clock.clearTimeout(timer)
          link.waiters.delete(waiter)
          if ('done' in r) resolve(r.done as T)
          else reject(r.fail)
          return r
        }
      }
      link.waiters.add(waiter)
      arm()
      this.send(link, bytes).catch((err: Error) => {
        this.clock.clearTimeout(timer)
        link.waiters.delete(waiter)
        reject(err)
      })
    })
  }

  private requestStatus(link: Link): Promise<StatusReport> {
    link.lastStatusRequestMs = this.clock.now()
    return this.request<StatusReport>(link, statusRequest(), 'status request (0x15)', (r) =>
      r.kind === 'status' ? { done: r } : 'ignore'
    )
  }

  private writeRegister(link: Link, address: number, data: number[]): Promise<void> {
    const what = `write to 0x${address.toString(16).toUpperCase()}`
    return this.request<void>(link, writeRegisterReport(address, data), what, (r) => {
      if (r.kind !== 'ack' || r.reportId !== OUT_WRITE_MEMORY) return 'ignore'
      return r.error === 0
        ? { done: undefined }
        : { fail: new WbbProblemError('connect-failed', `${what} acknowledged with error ${r.error}`) }
    })
  }

  /**
   * Read `size` register bytes; replies come as 0x21 chunks of <= 16 bytes at increasing
   * addresses. A chunk at another address is someone else's read (Linux's hid-wiimote reads over
   * the same device) and is ignored.
   */
  private readRegister(link: Link, address: number, size: number): Promise<Uint8Array> {
    const out = new Uint8Array(size)
    let received = 0
    const what = `read of ${size} byte(s) at 0x${address.toString(16).toUpperCase()}`
    return this.request<Uint8Array>(link, readRegisterReport(address, size), what, (r) => {
      if (r.kind !== 'read') return 'ignore'
      if (r.addressLow !== ((address + received) & 0xffff)) return 'ignore'
      if (r.error !== 0) return { fail: new WbbReadError(address + received, r.error) }
      const n = Math.min(r.data.length, size - received)
      out.set(r.data.subarray(0, n), received)
      received += n
      return received >= size ? { done: out } : 'progress'
    })
  }

  /** Set a reporting mode and wait for its first data report. */
  private setMode(link: Link, mode: number): Promise<boolean> {
    link.mode = mode
    link.ready = false
    return this.request<boolean>(
      link,
      drmReport(mode, true),
      `reporting mode 0x${mode.toString(16)}`,
      (r) => {
        if (r.kind !== 'board' || r.mode !== mode) return 'ignore'
        link.ready = true
        return { done: true }
      },
      this.modeTimeoutMs
    ).catch((err: unknown) => {
      if (err instanceof WbbProblemError && err.code === 'connect-failed') return false
      throw err
    })
  }

  private async initialise(link: Link, check: () => void): Promise<void> {
    const status = await this.requestStatus(link)
    check()
    this.set({ batteryPct: status.batteryPct })
    if (!status.extensionPlugged && !(link.info.product ?? '').includes('RVL-WBC-01')) {
      throw new WbbProblemError('connect-failed', 'no extension plugged: a Wii Remote, not a balance board')
    }
    await this.writeRegister(link, REG_EXT_INIT1, [0x55])
    check()
    await this.writeRegister(link, REG_EXT_INIT2, [0x00])
    check()
    const extId = await this.readRegister(link, REG_EXT_ID, 6)
    check()
    if (extId[4] !== 0x04 || extId[5] !== 0x02) {
      throw new WbbProblemError('connect-failed', `extension id ${bytesToHex(extId)} is not a balance board`)
    }
    const block = await this.readRegister(link, REG_CALIBRATION, 24)
    check()
    try {
      link.calibration = parseCalibration(block)
    } catch (err) {
      throw new WbbProblemError('connect-failed', `bad calibration block: ${(err as Error).message}`)
    }
    let stored: Uint8Array | null = null
    let ref: Uint8Array | null = null
    let temp: Uint8Array | null = null
    try {
      stored = await this.readRegister(link, REG_CALIBRATION_CRC, 4)
      ref = await this.readRegister(link, REG_BATTERY_REF, 2)
      temp = await this.readRegister(link, REG_REF_TEMPERATURE, 2)
    } catch (err) {
      if (!(err instanceof WbbReadError)) throw err
    }
    check()
    this.crc = checkCalibrationCrc(block, stored, ref, temp)
    await this.send(link, ledReport())
    check()
    for (const mode of [DRM_KEE, DRM_KE]) {
      if (await this.setMode(link, mode)) break
      check()
    }
    check()
    if (!link.ready) {
      throw new WbbProblemError('connect-failed', 'the board sends no data in reporting mode 0x34 or 0x32')
    }
  }

  // ---- connecting -------------------------------------------------------------------------------

  protected async establish(
    generation: number,
    targetId: string | null,
    reconnecting: boolean
  ): Promise<void> {
    const check = this.checker(generation)
    const hid = await this.loadHid()
    check()
    if (!reconnecting) this.setState('scanning')
    const boards = await this.findBoards(hid, check)
    const pick = targetId === null ? boards[0] : boards.find((b) => this.deviceInfo(b).id === targetId)
    if (!pick) {
      throw new WbbProblemError(
        'no-device-found',
        targetId
          ? `balance board ${targetId} not found`
          : 'no balance board found (press its red sync button)'
      )
    }
    this.device = this.deviceInfo(pick)
    if (!reconnecting) this.setState('connecting')
    let device: HidDeviceLike
    try {
      device = await hid.open(pick.path!)
    } catch (err) {
      const message = (err as Error).message
      const denied = this.platform === 'linux' && /cannot open|permission|EACCES/i.test(message)
      throw new WbbProblemError(
        denied ? 'permission-denied' : 'connect-failed',
        denied ? `${message} (hidraw needs a udev rule, see the README)` : `open ${pick.path}: ${message}`
      )
    }
    const link = this.newLink(generation, device, pick)
    try {
      check()
      await this.initialise(link, check)
    } catch (err) {
      this.closeLink(link)
      throw err
    }
    const crcDetail =
      this.crc?.result === 'mismatch'
        ? `calibration CRC-32 mismatch (stored ${hex8(this.crc.stored)}, computed ${hex8(this.crc.computed)}): readings may be off`
        : null
    this.linkUp(link, this.device.id, crcDetail)
  }

  // ---- streaming --------------------------------------------------------------------------------

  private input(link: Link, data: Buffer): void {
    if (link.closed) return
    const now = this.clock.now()
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice()
    if (link.generation >= 0) {
      this.emitRaw(now, bytes)
    }
    let report: InputReport
    try {
      report = parseInputReport(bytes)
    } catch (err) {
      if (!(err instanceof WbbMalformedError)) throw err
      if (link.generation < 0) return // a probe
      this.malformed++
      if (link.ready) this.pendingGap ??= { fromMs: this.lastSampleMs ?? now, reason: 'malformed' }
      this.set({ detail: `malformed report dropped: ${err.message}` })
      return
    }
    for (const w of [...link.waiters]) {
      if (w.handle(report) !== 'ignore') break
    }
    if (link.generation < 0) return
    if (report.kind !== 'read' && report.buttons) this.button(now, report.buttons.front)
    if (report.kind === 'status') {
      if (report.batteryPct !== this.batteryPct) this.set({ batteryPct: report.batteryPct })
      // Every 0x20 stops data reporting (and hid-wiimote answers it with its own mode): re-assert.
      if (link.ready && link.mode !== null) {
        link.lastReassertMs = now
        this.send(link, drmReport(link.mode, true)).catch(() => undefined)
      }
      return
    }
    if (report.kind === 'board' && link.ready && report.mode === link.mode && link.calibration) {
      link.lastDataMs = now
      this.frame(now, report.raw, link.calibration)
    }
  }

  private frame(now: number, raw: Quad, cal: Calibration): void {
    const tMs = strictlyAfter(this.lastSampleMs, now)
    if (this.tareCollector) this.tareCollector(sensorsKg(raw, cal))
    const d = decodeBalance(raw, cal, this.tareKg)
    if (this.pendingGap) {
      const { fromMs, reason } = this.pendingGap
      this.pendingGap = null
      if (this.started) this.samples.emit({ type: 'gap', tMs, channel: 'balance', fromMs, toMs: tMs, reason })
    }
    this.lastSampleMs = tMs
    if (this.started) this.samples.emit(balanceSample(tMs, d))
    const step = this.stepDetector.push(tMs, d.totalKg)
    if (step) this.steps.emit(step)
  }

  private button(tMs: number, pressed: boolean): void {
    if (this.front === pressed) return
    const first = this.front === null
    this.front = pressed
    if (first && !pressed) return
    if (this.started) this.samples.emit({ type: 'button', tMs, button: 'front', pressed })
  }

  private armTick(link: Link): void {
    this.cancelTick()
    this.tickTimer = this.clock.setTimeout(() => {
      this.tickTimer = null
      if (link !== this.link || link.closed) return
      const now = this.clock.now()
      const silentMs = now - link.lastDataMs
      if (silentMs >= this.watchdogMs) {
        this.linkLost(link, `no data report for ${silentMs} ms`)
        return
      }
      if (silentMs >= this.modeReassertMs && now - link.lastReassertMs >= this.modeReassertMs && link.mode) {
        link.lastReassertMs = now
        link.modeReasserts++
        this.send(link, drmReport(link.mode, true)).catch(() => undefined)
      } else if (now - link.lastStatusRequestMs >= this.batteryPollMs) {
        link.lastStatusRequestMs = now
        this.send(link, statusRequest()).catch(() => undefined)
      }
      this.armTick(link)
    }, TICK_MS)
  }

  private cancelTick(): void {
    if (this.tickTimer !== null) this.clock.clearTimeout(this.tickTimer)
    this.tickTimer = null
  }

  // ---- LinkedSource hooks -----------------------------------------------------------------------

  protected linkedDeviceId(_link: Link): string | null {
    return this.device?.id ?? null
  }

  protected armLink(link: Link): void {
    link.lastDataMs = this.clock.now()
    this.armTick(link)
  }

  protected releaseLink(link: Link): void {
    this.cancelTick()
    if (this.tareCollector) this.tareCollector = null
    this.closeLink(link)
    if (this.link === link) this.link = null
  }

  protected markLinkLost(): void {
    this.pendingGap = { fromMs: this.lastSampleMs ?? this.clock.now(), reason: 'link-lost' }
  }

  /** A probe's link, or a stale one: just close it. */
  protected override discardLink(link: Link): void {
    this.closeLink(link)
  }

  protected problemCodeOf(err: unknown): ProblemCode | null {
    return err instanceof WbbProblemError ? err.code : null
  }

  protected waitsForResume(code: ProblemCode | null): boolean {
    return code === 'driver-missing'
  }

  protected get malformedCount(): number {
    return this.malformed
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private deviceInfo(info: HidDeviceInfo): DeviceInfo {
    const d = this.options.describeDevice?.(info) ?? { id: `wbb:${keyOf(info)}`, name: 'Wii Balance Board' }
    return {
      id: d.id,
      kind: 'wbb',
      name: d.name,
      rssi: null,
      channels: ['balance'],
      simulated: this.options.simulated ?? false
    }
  }
}

/** A device's identity across reconnects: its Bluetooth address when the backend gives one. */
function keyOf(info: HidDeviceInfo): string {
  return info.serialNumber && info.serialNumber.length > 0
    ? info.serialNumber.toLowerCase()
    : (info.path ?? '?')
}

function hex8(n: number): string {
  return n.toString(16).toUpperCase().padStart(8, '0')
}
