/**
 * A byte-exact emulated Wii Balance Board (and Wii Remote) behind the HidLike slice of node-hid:
 * enumeration by VID/PID with product names and hidraw-style paths, open/close, and a device that
 * answers the output reports like real hardware does:
 *
 * - `15 00` -> status report 0x20 (extension bit, LEDs, battery). Like a real Wii Remote, a status
 *   report switches data reporting OFF until the next `12` (the kernel re-sends its mode after
 *   every 0x20 for this reason; so must we).
 * - `16 04 AA AA AA SS D*` -> writes the extension registers (0xA400F0 = 0x55 initialises the
 *   extension, 0xA400FB = 0x00 disables encryption) and acknowledges with 0x22.
 * - `17 04 AA AA AA SS SS` -> 0x21 replies of at most 16 bytes each, address low 16 bits, size
 *   nibble = length - 1, error nibble (7 = no extension, 8 = no such address); a 24-byte read of
 *   the calibration comes back as 16 + 8, like the real board.
 * - `11 LL` -> LEDs; `12 CC MM` -> data reporting mode MM (continuous when CC & 0x04), only for the
 *   modes in `supportedModes` (a board that cannot do 0x34 just keeps its old mode).
 * - data reports (0x34 by default, 0x32, or buttons-only 0x30 at power-up) every 10 ms on the
 *   injected clock, scheduled on an exact grid (n x interval from the mode change), so 100 Hz over
 *   a second is exactly 100 reports, with no drift whatever the timer lateness.
 *
 * Memory (register space 0xA40000-0xA400FF) holds a real layout: 0x20-21 battery reference,
 * 0x24-3B calibration, 0x3C-3F its CRC-32, 0x60-61 reference temperature, 0xFA-FF extension id.
 *
 * Test controls: drop the link (open handles get node-hid's read 'error', the device leaves the
 * enumeration, and comes back under a new hidraw path), stall the stream, inject raw input reports
 * (malformed ones, stray 0x21 replies to the kernel's own reads), and emulate the Linux
 * hid-wiimote driver resetting the reporting mode. Depends only on Node and the injected Clock.
 */
import { EventEmitter } from 'node:events'
import type { Clock } from '../clock'
import { createRng } from '../sim/random'
import { calibrationCrc, encodeCalibration, rawForKg, type Calibration } from './calibration'
import type { HidDeviceInfo, HidDeviceLike, HidLike } from './hidLike'
import {
  BALANCE_BOARD_EXTENSION_ID,
  BOARD_PRODUCT_NAME,
  DRM_KE,
  DRM_KEE,
  encodeAck,
  encodeBoardReport,
  encodeButtonsReport,
  encodeReadReply,
  encodeStatusReport,
  NINTENDO_VENDOR_ID,
  OUT_DRM,
  OUT_LED,
  OUT_READ_MEMORY,
  OUT_STATUS_REQUEST,
  OUT_WRITE_MEMORY,
  READ_ERROR_NO_ADDRESS,
  READ_ERROR_WRITE_ONLY,
  SPACE_REGISTERS,
  WIIMOTE_PRODUCT_ID,
  type BoardFrame,
  type Quad
} from './protocol'

/** Given the clock time and the board's report counter, the sensors (and button) right now. */
export type FrameGenerator = (tMs: number, seq: number) => BoardFrame

/** A plausible factory calibration (made up for the emulation; about 101 counts per kg). */
export const FAKE_CALIBRATION: Calibration = {
  kg0: [4863, 7312, 6128, 5547],
  kg17: [6571, 9046, 7859, 7262],
  kg34: [8287, 10788, 9598, 8985]
}

export interface FakeBoardOptions {
  /** Bluetooth address as hidraw reports it in `serialNumber`. */
  serialNumber: string
  /** HID name; null = the backend reports none (Windows/macOS sometimes), forcing the ext-id probe. */
  product?: string | null
  /** 'remote' = a Wii Remote without extension (same VID/PID). */
  type?: 'board' | 'remote'
  calibration?: Calibration
  batteryRef?: [number, number]
  refTemperature?: [number, number]
  /** 'corrupt' stores a wrong CRC; 'unreadable' answers error 8 at 0xA4003C (third-party boards). */
  crc?: 'valid' | 'corrupt' | 'unreadable'
  frames?: FrameGenerator
  /** Data reporting modes the device accepts. */
  supportedModes?: number[]
  reportIntervalMs?: number
  /** Time to answer one output report (per 0x21 chunk). */
  replyDelayMs?: number
  /** Status-report battery byte. */
  batteryRaw?: number
  inRange?: boolean
  /** Keep `outputs` and `dataReports` (tests); off for the long-running simulated board. */
  keepLog?: boolean
}

export interface FakeHidOptions {
  clock: Clock
  boards?: FakeBoardOptions[]
}

export class FakeHid implements HidLike {
  readonly clock: Clock
  private readonly boards: FakeBoard[] = []
  private nextHidraw = 0
  /** How many times devices were enumerated (tests assert reconnects re-enumerate). */
  enumerations = 0

  constructor(options: FakeHidOptions) {
    this.clock = options.clock
    for (const b of options.boards ?? []) this.addBoard(b)
  }

  addBoard(options: FakeBoardOptions): FakeBoard {
    const board = new FakeBoard(this, options)
    this.boards.push(board)
    return board
  }

  board(serialNumber: string): FakeBoard {
    const b = this.boards.find((x) => x.serialNumber === serialNumber)
    if (!b) throw new Error(`no emulated board "${serialNumber}"`)
    return b
  }

  /** @internal a new hidraw node each time a device (re)appears, as the kernel numbers them. */
  allocatePath(): string {
    return `/dev/hidraw${this.nextHidraw++}`
  }

  async devicesAsync(vendorId: number, productId: number): Promise<HidDeviceInfo[]> {
    this.enumerations++
    return this.boards
      .filter((b) => b.isInRange && vendorId === NINTENDO_VENDOR_ID && productId === WIIMOTE_PRODUCT_ID)
      .map((b) => b.info())
  }

  async open(path: string): Promise<HidDeviceLike> {
    const board = this.boards.find((b) => b.isInRange && b.path === path)
    if (!board) throw new Error(`cannot open device with path ${path}`)
    return board.openHandle()
  }
}

/** One open handle, like node-hid's HIDAsync. */
export class FakeHidDevice extends EventEmitter implements HidDeviceLike {
  closed = false
  dead = false

  constructor(private readonly board: FakeBoard) {
    super()
  }

  async write(values: number[] | Buffer): Promise<number> {
    if (this.closed) throw new Error('device closed')
    if (this.dead || !this.board.isInRange) throw new Error('Cannot write to hid device')
    const bytes = Uint8Array.from(values)
    this.board.receive(bytes)
    return bytes.length
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.board.closeHandle(this)
    this.removeAllListeners()
  }

  /** @internal */
  deliver(bytes: Uint8Array): void {
    if (!this.closed && !this.dead) this.emit('data', Buffer.from(bytes))
  }
}

export class FakeBoard {
  readonly serialNumber: string
  readonly product: string | null
  readonly type: 'board' | 'remote'
  readonly calibration: Calibration
  readonly reportIntervalMs: number
  readonly replyDelayMs: number
  readonly supportedModes: number[]
  /** Register space 0xA40000..0xA400FF. */
  readonly memory = new Uint8Array(256)
  path: string
  batteryRaw: number
  /** Every output report received, in order (tests check the init sequence). */
  readonly outputs: Uint8Array[] = []
  /** Every data report sent to the host, with the clock time (tests check no drop / duplicate). */
  readonly dataReports: { tMs: number; bytes: Uint8Array }[] = []
  mode = 0x30
  continuous = false
  reporting = false
  leds = 0
  extensionInitialised = false
  encryptionDisabled = false
  private readonly handles = new Set<FakeHidDevice>()
  private readonly keepLog: boolean
  private frames: FrameGenerator
  private inRange: boolean
  private crcMode: 'valid' | 'corrupt' | 'unreadable'
  private stalled = false
  private front = false
  private seq = 0
  private streamTimer: unknown = null
  private streamStartMs = 0
  private streamCount = 0

  constructor(
    private readonly hid: FakeHid,
    options: FakeBoardOptions
  ) {
    this.serialNumber = options.serialNumber
    this.product =
      options.product === undefined
        ? options.type === 'remote'
          ? 'Nintendo RVL-CNT-01'
          : BOARD_PRODUCT_NAME
        : options.product
    this.type = options.type ?? 'board'
    this.calibration = options.calibration ?? FAKE_CALIBRATION
    this.reportIntervalMs = options.reportIntervalMs ?? 10
    this.replyDelayMs = options.replyDelayMs ?? 2
    this.supportedModes = options.supportedModes ?? [0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x3d]
    this.batteryRaw = options.batteryRaw ?? 0xd5
    this.inRange = options.inRange ?? true
    this.keepLog = options.keepLog ?? true
    this.crcMode = options.crc ?? 'valid'
    this.frames = options.frames ?? idleBoard(this.calibration)
    this.path = hid.allocatePath()
    const batteryRef = options.batteryRef ?? [0x10, 0x69]
    const refTemp = options.refTemperature ?? [0x19, 0x01]
    const block = encodeCalibration(this.calibration)
    this.memory.set(batteryRef, 0x20)
    this.memory.set(block, 0x24)
    let crc = calibrationCrc(block, batteryRef, refTemp)
    if (this.crcMode === 'corrupt') crc = (crc ^ 0x000000ff) >>> 0
    this.memory.set([crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff], 0x3c)
    this.memory.set(refTemp, 0x60)
    if (this.type === 'board') this.memory.set(BALANCE_BOARD_EXTENSION_ID, 0xfa)
  }

  private get clock(): Clock {
    return this.hid.clock
  }

  get isInRange(): boolean {
    return this.inRange
  }

  get openHandles(): number {
    return this.handles.size
  }

  info(): HidDeviceInfo {
    const info: HidDeviceInfo = {
      vendorId: NINTENDO_VENDOR_ID,
      productId: WIIMOTE_PRODUCT_ID,
      path: this.path,
      serialNumber: this.serialNumber,
      release: 0x3a1c,
      interface: -1
    }
    if (this.product !== null) info.product = this.product
    return info
  }

  setFrames(frames: FrameGenerator): void {
    this.frames = frames
  }

  /** Press or release the front button (a 0x30 report goes out at once in buttons-only mode). */
  pressFront(pressed: boolean): void {
    if (pressed === this.front) return
    this.front = pressed
    if (this.reporting && this.mode === 0x30 && !this.continuous) this.broadcast(encodeButtonsReport(pressed))
  }

  /** The Bluetooth link drops: readers get an error, the device leaves the enumeration. */
  dropLink(options: { comeBackAfterMs?: number } = {}): void {
    if (!this.inRange) return
    this.inRange = false
    this.stopStream()
    for (const h of [...this.handles]) {
      h.dead = true
      h.emit('error', new Error('could not read from HID device'))
    }
    this.handles.clear()
    this.powerUpState()
    if (options.comeBackAfterMs !== undefined)
      this.clock.setTimeout(() => this.comeBack(), options.comeBackAfterMs)
  }

  /** Reconnected (e.g. front button pressed): a new hidraw node, power-up state. */
  comeBack(): void {
    if (this.inRange) return
    this.inRange = true
    this.path = this.hid.allocatePath()
  }

  /** The link stays up but data reports stop without an error. */
  stall(): void {
    this.stalled = true
    this.stopStream()
  }

  resume(): void {
    this.stalled = false
    this.startStream()
  }

  /** Send exactly these bytes to every open handle, now (malformed reports, stray replies...). */
  inject(bytes: Uint8Array): void {
    this.broadcast(bytes)
  }

  /**
   * What Linux's hid-wiimote does on its own: `12 00 <drm>` with 0x30 when nobody has its evdev
   * node open (e.g. after its battery poll's status report). Our data stream stops.
   */
  kernelSetsMode(mode = 0x30, continuous = false): void {
    this.receive(Uint8Array.from([OUT_DRM, continuous ? 0x04 : 0x00, mode]), false)
  }

  /** The kernel polls the battery: a 0x20 reaches every reader, then the kernel resets the mode. */
  kernelPollsBattery(): void {
    this.sendStatus()
    this.kernelSetsMode(0x30, false)
  }

  /** @internal */
  openHandle(): FakeHidDevice {
    const h = new FakeHidDevice(this)
    this.handles.add(h)
    this.startStream()
    return h
  }

  /** @internal */
  closeHandle(h: FakeHidDevice): void {
    this.handles.delete(h)
    if (this.handles.size === 0) this.stopStream()
  }

  /** @internal an output report from the host (`log` false for the emulated kernel's own). */
  receive(bytes: Uint8Array, log = true): void {
    if (log && this.keepLog) this.outputs.push(bytes.slice())
    if (bytes.length === 0) return
    const id = bytes[0]!
    const common = bytes[1] ?? 0
    const wantsAck = (common & 0x02) !== 0
    switch (id) {
      case OUT_LED:
        this.leds = common & 0xf0
        if (wantsAck) this.later(() => this.broadcast(encodeAck(OUT_LED, 0, this.front)))
        return
      case OUT_DRM: {
        const mode = bytes[2] ?? 0x30
        const ok = this.supportedModes.includes(mode)
        if (ok) {
          this.mode = mode
          this.continuous = (common & 0x04) !== 0
          this.reporting = true
          this.restartStream()
        }
        if (wantsAck) this.later(() => this.broadcast(encodeAck(OUT_DRM, ok ? 0 : 3, this.front)))
        return
      }
      case OUT_STATUS_REQUEST:
        this.later(() => this.sendStatus())
        return
      case OUT_WRITE_MEMORY:
        this.writeMemory(bytes)
        return
      case OUT_READ_MEMORY:
        this.readMemory(bytes)
        return
    }
  }

  private writeMemory(bytes: Uint8Array): void {
    if (bytes.length < 22) return // the real device ignores short writes
    const space = bytes[1]! & SPACE_REGISTERS
    const address = (bytes[2]! << 16) | (bytes[3]! << 8) | bytes[4]!
    const size = Math.min(16, bytes[5]!)
    const isExt = space !== 0 && address >> 8 === 0xa400
    if (isExt && this.type === 'board') {
      for (let i = 0; i < size; i++) {
        const a = (address & 0xff) + i
        if (a < 256) this.memory[a] = bytes[6 + i]!
      }
      if ((address & 0xff) === 0xf0 && bytes[6] === 0x55) this.extensionInitialised = true
      if ((address & 0xff) === 0xfb && bytes[6] === 0x00) this.encryptionDisabled = true
    }
    this.later(() => this.broadcast(encodeAck(OUT_WRITE_MEMORY, 0, this.front)))
  }

  private readMemory(bytes: Uint8Array): void {
    if (bytes.length < 7) return
    const space = bytes[1]! & SPACE_REGISTERS
    const address = (bytes[2]! << 16) | (bytes[3]! << 8) | bytes[4]!
    const size = (bytes[5]! << 8) | bytes[6]!
    const replies: Uint8Array[] = []
    const isExt = space !== 0 && address >> 8 === 0xa400
    const unreadable = (a: number): boolean =>
      this.crcMode === 'unreadable' && ((a >= 0x3c && a <= 0x3f) || a === 0x20 || a === 0x60)
    if (space === 0) {
      // EEPROM: the board has one but nothing we need lives there; zeros.
      for (let off = 0; off < size; off += 16) {
        const n = Math.min(16, size - off)
        replies.push(
          encodeReadReply({ error: 0, addressLow: (address + off) & 0xffff, data: new Uint8Array(n) })
        )
      }
    } else if (!isExt) {
      replies.push(encodeReadReply({ error: READ_ERROR_NO_ADDRESS, addressLow: address & 0xffff, data: [0] }))
    } else if (this.type !== 'board') {
      replies.push(encodeReadReply({ error: READ_ERROR_WRITE_ONLY, addressLow: address & 0xffff, data: [0] }))
    } else {
      for (let off = 0; off < size; off += 16) {
        const n = Math.min(16, size - off)
        const a = (address & 0xff) + off
        if (a + n > 256 || unreadable(a)) {
          replies.push(
            encodeReadReply({ error: READ_ERROR_NO_ADDRESS, addressLow: (address + off) & 0xffff, data: [0] })
          )
          break
        }
        replies.push(
          encodeReadReply({
            error: 0,
            addressLow: (address + off) & 0xffff,
            data: this.memory.slice(a, a + n),
            front: this.front
          })
        )
      }
    }
    replies.forEach((r, k) => this.clock.setTimeout(() => this.broadcast(r), this.replyDelayMs * (k + 1)))
  }

  private sendStatus(): void {
    if (!this.inRange) return
    this.broadcast(
      encodeStatusReport({
        front: this.front,
        batteryRaw: this.batteryRaw,
        extensionPlugged: this.type === 'board',
        leds: this.leds,
        batteryLow: this.batteryRaw < 0x20
      })
    )
    // Like a real Wii Remote: no more data reports until the host sets the mode again.
    this.reporting = false
    this.stopStream()
  }

  private later(fn: () => void): void {
    this.clock.setTimeout(() => {
      if (this.inRange) fn()
    }, this.replyDelayMs)
  }

  private broadcast(bytes: Uint8Array): void {
    for (const h of this.handles) h.deliver(bytes)
  }

  private powerUpState(): void {
    this.mode = 0x30
    this.continuous = false
    this.reporting = false
    this.leds = 0
    this.extensionInitialised = false
    this.encryptionDisabled = false
    this.stalled = false
  }

  private restartStream(): void {
    this.stopStream()
    this.startStream()
  }

  private startStream(): void {
    if (this.streamTimer !== null || this.stalled || !this.reporting || this.handles.size === 0) return
    if (this.mode === 0x30 && !this.continuous) return // buttons-only: sent on change (pressFront)
    this.streamStartMs = this.clock.now()
    this.streamCount = 0
    this.scheduleNext()
  }

  private scheduleNext(): void {
    const due = this.streamStartMs + (this.streamCount + 1) * this.reportIntervalMs
    this.streamTimer = this.clock.setTimeout(() => this.tick(), Math.max(0, due - this.clock.now()))
  }

  private tick(): void {
    this.streamTimer = null
    if (!this.reporting || !this.inRange || this.stalled) return
    const now = this.clock.now()
    // Catch up on every report due by now (real timers fire late; the board does not).
    while (this.streamStartMs + (this.streamCount + 1) * this.reportIntervalMs <= now) {
      this.streamCount++
      const bytes = this.encodeData(this.streamStartMs + this.streamCount * this.reportIntervalMs)
      if (bytes) {
        if (this.keepLog) this.dataReports.push({ tMs: now, bytes })
        this.broadcast(bytes)
      }
    }
    this.scheduleNext()
  }

  private stopStream(): void {
    if (this.streamTimer !== null) this.clock.clearTimeout(this.streamTimer)
    this.streamTimer = null
  }

  private encodeData(tMs: number): Uint8Array | null {
    if (this.mode === 0x30) return encodeButtonsReport(this.front)
    if (this.mode !== DRM_KEE && this.mode !== DRM_KE) return null // not emulated
    const frame = this.frames(tMs, this.seq++)
    return encodeBoardReport(this.mode, { ...frame, front: this.front || frame.front === true })
  }
}

/** An empty board: each sensor idles near (and some below) its 0 kg point, +-2 counts of noise. */
export function idleBoard(
  cal: Calibration,
  seed = 1,
  idleKg: Quad = [-1.1, 0.5, -0.9, -0.4]
): FrameGenerator {
  return staticLoad(cal, idleKg, { seed })
}

/** A constant load per sensor (kg, TR/BR/TL/BL, board offsets included) with a little noise. */
export function staticLoad(
  cal: Calibration,
  kg: Quad,
  options: { seed?: number; noiseCounts?: number } = {}
): FrameGenerator {
  const rng = createRng(options.seed ?? 1)
  const noise = options.noiseCounts ?? 1.2
  return () => ({
    raw: kg.map((k, i) => Math.round(rawForKg(k, cal, i) + noise * rng.gauss())) as Quad
  })
}
