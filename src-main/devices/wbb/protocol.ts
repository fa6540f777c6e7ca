/**
 * Wii Balance Board (RVL-WBC-01) wire protocol, as node-hid sees it: every buffer starts with the
 * report id (no 0xA1/0xA2 Bluetooth HID transaction header). Sources: xwiimote doc/PROTOCOL,
 * Linux drivers/hid/hid-wiimote-{core,modules}.c, wiibrew; see ../../../../shared/notes or the
 * README next to this file for the list.
 *
 * Output reports (host -> board), byte 1 is the "common" byte (bit0 rumble - always 0 here,
 * bit1 request an 0x22 acknowledgement, bit2 "enable"):
 *   11 LL                    LEDs (upper nibble; the board has LED1 = 0x10)
 *   12 CC MM                 data reporting mode MM; CC bit2 = continuous
 *   15 00                    status request -> input 0x20
 *   16 04 AA AA AA SS D*16   write SS <= 16 bytes to register AAAAAA -> input 0x22
 *   17 04 AA AA AA SS SS     read SSSS bytes from register AAAAAA -> input 0x21 chunks of <= 16
 *
 * Input reports (board -> host), BB BB = buttons (the front button is BB[1] & 0x08):
 *   20 BB BB LF 00 00 VV     status: LF bit0 battery low, bit1 extension plugged, high nibble LEDs;
 *                            VV battery 0..255
 *   21 BB BB SE AA AA D*16   read reply: S = size - 1 (high nibble), E = error (low nibble:
 *                            0 ok, 7 write-only / no extension, 8 no such address);
 *                            AAAA = low 16 bits of the chunk's address; data padded to 16
 *   22 BB BB RR EE           acknowledgement of output report RR, error EE
 *   30..3F                   data reports; the board's 4 sensors sit in the extension bytes:
 *                            0x32 (8 ext bytes), 0x34 (19), 0x35 (16, after 3 accel bytes),
 *                            0x3D (21, no button bytes).
 * Extension bytes: TR, BR, TL, BL as big-endian uint16, then temperature, 0x00, battery.
 */

export const NINTENDO_VENDOR_ID = 0x057e
/** The original Wii Remote's product id, which the balance board shares. */
export const WIIMOTE_PRODUCT_ID = 0x0306
export const BOARD_PRODUCT_NAME = 'Nintendo RVL-WBC-01'

export const OUT_LED = 0x11
export const OUT_DRM = 0x12
export const OUT_STATUS_REQUEST = 0x15
export const OUT_WRITE_MEMORY = 0x16
export const OUT_READ_MEMORY = 0x17

export const IN_STATUS = 0x20
export const IN_READ_REPLY = 0x21
export const IN_ACK = 0x22

/** Data reporting modes the board can be put in that carry all four sensors. */
export const DRM_KEE = 0x34 // buttons + 19 extension bytes (the kernel's choice for boards)
export const DRM_KE = 0x32 // buttons + 8 extension bytes (no temperature / battery)

/** Common byte flags. */
export const COMMON_ACK = 0x02
export const COMMON_ENABLE = 0x04
/** The register space flag in 0x16/0x17 (else the EEPROM). */
export const SPACE_REGISTERS = 0x04
export const LED1 = 0x10

/** Extension registers. */
export const REG_EXT_INIT1 = 0xa400f0 // write 0x55: initialise the extension
export const REG_EXT_INIT2 = 0xa400fb // write 0x00: no encryption
export const REG_EXT_ID = 0xa400fa // 6 bytes
export const REG_CALIBRATION = 0xa40024 // 24 bytes: 0 / 17 / 34 kg x TR, BR, TL, BL
export const REG_CALIBRATION_CRC = 0xa4003c // 4 bytes, big-endian CRC-32
export const REG_BATTERY_REF = 0xa40020 // 2 bytes hashed by the CRC
export const REG_REF_TEMPERATURE = 0xa40060 // 2 bytes hashed by the CRC

export const BALANCE_BOARD_EXTENSION_ID = Uint8Array.from([0x00, 0x00, 0xa4, 0x20, 0x04, 0x02])

/** Read-reply error nibbles. */
export const READ_ERROR_WRITE_ONLY = 7
export const READ_ERROR_NO_ADDRESS = 8

/** Input report lengths including the id byte (from the Wii Remote's HID report descriptor). */
export const INPUT_REPORT_LENGTH: Readonly<Record<number, number>> = {
  0x20: 7,
  0x21: 22,
  0x22: 5,
  0x30: 3,
  0x31: 6,
  0x32: 11,
  0x33: 18,
  0x34: 22,
  0x35: 22,
  0x36: 22,
  0x37: 22,
  0x3d: 22,
  0x3e: 22,
  0x3f: 22
}

/** Where the 4 sensor words start inside a data report, for the modes that carry them. */
const SENSOR_OFFSET: Readonly<Record<number, number>> = { 0x32: 3, 0x34: 3, 0x35: 6, 0x3d: 1 }
/** ... and where temperature/battery sit (only when the report has >= 11 extension bytes). */
const HAS_EXTRA: Readonly<Record<number, boolean>> = { 0x32: false, 0x34: true, 0x35: true, 0x3d: true }

/** Four values in wire order: top-right, bottom-right, top-left, bottom-left. */
export type Quad = [number, number, number, number]

export class WbbMalformedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WbbMalformedError'
  }
}

export interface Buttons {
  /** The board's single front button ("A" in the Wii Remote's layout). */
  front: boolean
  raw: number
}

export interface StatusReport {
  kind: 'status'
  buttons: Buttons
  batteryLow: boolean
  extensionPlugged: boolean
  /** LED bits 0x10..0x80 as in the LED report. */
  leds: number
  batteryRaw: number
  /** Linux's formula: raw * 100 / 255, truncated. */
  batteryPct: number
}

export interface ReadReport {
  kind: 'read'
  buttons: Buttons
  /** Error nibble: 0 ok, 7 write-only / no extension, 8 no such address. */
  error: number
  /** Low 16 bits of the address of the first byte of this chunk. */
  addressLow: number
  /** `size` bytes (1..16). */
  data: Uint8Array
}

export interface AckReport {
  kind: 'ack'
  buttons: Buttons
  reportId: number
  error: number
}

/** A data report carrying the four sensors. */
export interface BoardDataReport {
  kind: 'board'
  mode: number
  /** null for 0x3D, which has no button bytes. */
  buttons: Buttons | null
  raw: Quad
  /** Raw temperature byte, when the mode carries it. */
  temperature: number | null
  /** The extension's own battery byte (differs from the status report's), when present. */
  batteryRaw: number | null
}

/** A data report without all four sensors (0x30, 0x31, 0x33, 0x36, 0x37, interleaved 0x3E/0x3F). */
export interface OtherDataReport {
  kind: 'other-data'
  mode: number
  buttons: Buttons | null
}

export type InputReport = StatusReport | ReadReport | AckReport | BoardDataReport | OtherDataReport

function buttonsAt(bytes: Uint8Array, offset: number): Buttons {
  const raw = (bytes[offset]! << 8) | bytes[offset + 1]!
  return { front: (bytes[offset + 1]! & 0x08) !== 0, raw }
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0').toUpperCase()
}

/**
 * Parses one input report. Throws WbbMalformedError for an unknown id or a report shorter than
 * its id demands (longer ones are accepted: some HID backends pad to the longest report).
 */
export function parseInputReport(bytes: Uint8Array): InputReport {
  if (bytes.length === 0) throw new WbbMalformedError('empty report')
  const id = bytes[0]!
  const need = INPUT_REPORT_LENGTH[id]
  if (need === undefined) {
    const hint = id === 0xa1 ? ' (strip the 0xA1 Bluetooth HID header: node-hid reports start at the id)' : ''
    throw new WbbMalformedError(`unknown input report 0x${hex2(id)}${hint}`)
  }
  if (bytes.length < need) {
    throw new WbbMalformedError(`report 0x${hex2(id)} has ${bytes.length} bytes; ${need} expected`)
  }
  switch (id) {
    case IN_STATUS: {
      const lf = bytes[3]!
      const batteryRaw = bytes[6]!
      return {
        kind: 'status',
        buttons: buttonsAt(bytes, 1),
        batteryLow: (lf & 0x01) !== 0,
        extensionPlugged: (lf & 0x02) !== 0,
        leds: lf & 0xf0,
        batteryRaw,
        batteryPct: Math.floor((batteryRaw * 100) / 255)
      }
    }
    case IN_READ_REPLY: {
      const se = bytes[3]!
      const size = (se >> 4) + 1
      return {
        kind: 'read',
        buttons: buttonsAt(bytes, 1),
        error: se & 0x0f,
        addressLow: (bytes[4]! << 8) | bytes[5]!,
        data: bytes.slice(6, 6 + size)
      }
    }
    case IN_ACK:
      return { kind: 'ack', buttons: buttonsAt(bytes, 1), reportId: bytes[3]!, error: bytes[4]! }
  }
  const buttons = id === 0x3d ? null : buttonsAt(bytes, 1)
  const offset = SENSOR_OFFSET[id]
  if (offset === undefined) return { kind: 'other-data', mode: id, buttons }
  const word = (i: number): number => (bytes[offset + 2 * i]! << 8) | bytes[offset + 2 * i + 1]!
  const extra = HAS_EXTRA[id] === true
  return {
    kind: 'board',
    mode: id,
    buttons,
    raw: [word(0), word(1), word(2), word(3)],
    temperature: extra ? bytes[offset + 8]! : null,
    batteryRaw: extra ? bytes[offset + 10]! : null
  }
}

// ---- output reports -------------------------------------------------------------------------------

export function ledReport(leds = LED1): Uint8Array {
  return Uint8Array.from([OUT_LED, leds & 0xf0])
}

export function drmReport(mode: number, continuous = true): Uint8Array {
  return Uint8Array.from([OUT_DRM, continuous ? COMMON_ENABLE : 0, mode])
}

export function statusRequest(): Uint8Array {
  return Uint8Array.from([OUT_STATUS_REQUEST, 0x00])
}

/** 22 bytes: id, space, 3-byte address, size, 16 data bytes padded with 0. */
export function writeRegisterReport(address: number, data: ArrayLike<number>): Uint8Array {
  if (data.length < 1 || data.length > 16) throw new RangeError('a register write carries 1..16 bytes')
  const out = new Uint8Array(22)
  out[0] = OUT_WRITE_MEMORY
  out[1] = SPACE_REGISTERS
  out[2] = (address >> 16) & 0xff
  out[3] = (address >> 8) & 0xff
  out[4] = address & 0xff
  out[5] = data.length
  for (let i = 0; i < data.length; i++) out[6 + i] = data[i]! & 0xff
  return out
}

export function readRegisterReport(address: number, size: number): Uint8Array {
  if (size < 1 || size > 0xffff) throw new RangeError('a read is 1..65535 bytes')
  return Uint8Array.from([
    OUT_READ_MEMORY,
    SPACE_REGISTERS,
    (address >> 16) & 0xff,
    (address >> 8) & 0xff,
    address & 0xff,
    (size >> 8) & 0xff,
    size & 0xff
  ])
}

// ---- input report encoders (the emulated board and the simulator speak through these) -----------

function buttonBytes(front: boolean): [number, number] {
  return [0x00, front ? 0x08 : 0x00]
}

export function encodeStatusReport(o: {
  front?: boolean
  batteryRaw: number
  extensionPlugged: boolean
  leds?: number
  batteryLow?: boolean
}): Uint8Array {
  const lf = ((o.leds ?? 0) & 0xf0) | (o.extensionPlugged ? 0x02 : 0) | (o.batteryLow ? 0x01 : 0)
  return Uint8Array.from([IN_STATUS, ...buttonBytes(o.front ?? false), lf, 0, 0, o.batteryRaw & 0xff])
}

export function encodeReadReply(o: {
  front?: boolean
  error: number
  addressLow: number
  data: ArrayLike<number>
}): Uint8Array {
  const size = Math.max(1, Math.min(16, o.data.length))
  const out = new Uint8Array(22)
  out[0] = IN_READ_REPLY
  ;[out[1], out[2]] = buttonBytes(o.front ?? false)
  out[3] = ((size - 1) << 4) | (o.error & 0x0f)
  out[4] = (o.addressLow >> 8) & 0xff
  out[5] = o.addressLow & 0xff
  for (let i = 0; i < Math.min(16, o.data.length); i++) out[6 + i] = o.data[i]! & 0xff
  return out
}

export function encodeAck(reportId: number, error = 0, front = false): Uint8Array {
  return Uint8Array.from([IN_ACK, ...buttonBytes(front), reportId, error])
}

export interface BoardFrame {
  raw: Quad
  front?: boolean
  temperature?: number
  batteryRaw?: number
}

/** A data report in mode 0x32 or 0x34 (the ones the driver asks for), like a real board sends. */
export function encodeBoardReport(mode: number, frame: BoardFrame): Uint8Array {
  if (mode !== DRM_KEE && mode !== DRM_KE) throw new RangeError(`cannot encode mode 0x${hex2(mode)}`)
  const out = new Uint8Array(INPUT_REPORT_LENGTH[mode]!)
  out[0] = mode
  ;[out[1], out[2]] = buttonBytes(frame.front ?? false)
  for (let i = 0; i < 4; i++) {
    const v = Math.max(0, Math.min(0xffff, Math.round(frame.raw[i]!)))
    out[3 + 2 * i] = v >> 8
    out[4 + 2 * i] = v & 0xff
  }
  if (mode === DRM_KEE) {
    out[11] = (frame.temperature ?? 0x17) & 0xff
    out[12] = 0
    out[13] = (frame.batteryRaw ?? 0x99) & 0xff
  }
  return out
}

/** A buttons-only 0x30 report (what a board in its power-up mode sends on a button change). */
export function encodeButtonsReport(front: boolean): Uint8Array {
  return Uint8Array.from([0x30, ...buttonBytes(front)])
}

// ---- hex helpers ----------------------------------------------------------------------------------

/** "21 00 00 F0 00 24 ..." / "0x21,0x00" / "2100F0" -> bytes. Throws on anything but hex pairs. */
export function hexToBytes(text: string): Uint8Array {
  const clean = text.replace(/0x/gi, '').replace(/[\s,:;-]/g, '')
  if (clean.length === 0) throw new WbbMalformedError('no hex digits')
  if (!/^[0-9a-fA-F]+$/.test(clean)) throw new WbbMalformedError(`not hex: "${text}"`)
  if (clean.length % 2 !== 0) throw new WbbMalformedError(`odd number of hex digits in "${text}"`)
  const out = new Uint8Array(clean.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16)
  return out
}

export function bytesToHex(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => hex2(b)).join(' ')
}
