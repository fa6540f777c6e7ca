/**
 * Polar Measurement Data (PMD) service: UUIDs, control-point requests and responses, the settings
 * TLV and the feature bitmap. Pure byte functions; the link is in pmdClient.ts, data frames in
 * pmdFrame.ts.
 *
 * Written from public descriptions (no code copied):
 * - Polar's BLE SDK documentation and unit tests, polarofficial/polar-ble-sdk,
 *   `sources/Android/android-communications/library/src/test/.../pmd/BlePmdClientControlPointResponseTest.kt`
 *   (response `F0 <op> <type> <status> <more> <params>`) and `PmdSettingTest.kt` (settings as
 *   `<setting type> <count> <count values>`, sample rate/resolution/range 2 bytes LE each,
 *   range in milli-units and factor 4 bytes, channels 1 byte).
 * - /work/shared/notes/adaptive-and-resonance.md (Polar PMD section): UUIDs, op codes 1/2/3,
 *   measurement types ECG 0 / ACC 2, H10 ECG 130 Hz 14-bit, ACC 25/50/100/200 Hz, +-2/4/8 G.
 *
 * Control point (FB005C81, write + indicate): a request is `<op> <measurement type> [settings]`;
 * the answer comes as an indication starting with 0xF0. Reading the control point gives the
 * features: `0F <bitmap...>`, bit n set = measurement type n is offered.
 */

/** noble's form of the 128-bit UUIDs: lower-case, no dashes. */
export const PMD_SERVICE = 'fb005c8002e7f3871cad8acd2d8df0c8'
export const PMD_CONTROL_POINT = 'fb005c8102e7f3871cad8acd2d8df0c8'
export const PMD_DATA = 'fb005c8202e7f3871cad8acd2d8df0c8'

/** Measurement types (byte 0 of a data frame, byte 1 of a request). */
export const PMD_ECG = 0
export const PMD_PPG = 1
export const PMD_ACC = 2
export const PMD_PPI = 3
export const PMD_GYRO = 5
export const PMD_MAGNETOMETER = 6

export const PMD_OP_GET_SETTINGS = 0x01
export const PMD_OP_START = 0x02
export const PMD_OP_STOP = 0x03

export const PMD_RESPONSE_CODE = 0xf0
export const PMD_FEATURES_CODE = 0x0f

/** Control-point response status (byte 3), as Polar's SDK names them. */
export const PMD_STATUS_NAMES: readonly string[] = [
  'success',
  'invalid-op-code',
  'invalid-measurement-type',
  'not-supported',
  'invalid-length',
  'invalid-parameter',
  'already-in-state',
  'invalid-resolution',
  'invalid-sample-rate',
  'invalid-range',
  'invalid-mtu',
  'invalid-number-of-channels',
  'invalid-state',
  'device-in-charger'
]

export function pmdStatusName(status: number): string {
  return PMD_STATUS_NAMES[status] ?? `status-${status}`
}

/** Setting types of the TLV. */
export const SETTING_SAMPLE_RATE = 0
export const SETTING_RESOLUTION = 1
export const SETTING_RANGE = 2
export const SETTING_RANGE_MILLIUNIT = 3
export const SETTING_CHANNELS = 4
export const SETTING_FACTOR = 5

/** Bytes per value of each setting type. */
function settingValueBytes(type: number): number | null {
  switch (type) {
    case SETTING_SAMPLE_RATE:
    case SETTING_RESOLUTION:
    case SETTING_RANGE:
      return 2
    case SETTING_RANGE_MILLIUNIT:
    case SETTING_FACTOR:
      return 4
    case SETTING_CHANNELS:
      return 1
    default:
      return null
  }
}

/** What a sensor offers (GET_SETTINGS answer) or what a start request asks for (one value each). */
export interface PmdSettings {
  sampleRateHz?: number[]
  resolutionBits?: number[]
  rangeG?: number[]
  rangeMilliUnit?: number[]
  channels?: number[]
  /** Multiplier from compressed counts to the unit (float32); e.g. ACC G per count. */
  factor?: number[]
}

const SETTING_KEYS: Record<number, keyof PmdSettings> = {
  [SETTING_SAMPLE_RATE]: 'sampleRateHz',
  [SETTING_RESOLUTION]: 'resolutionBits',
  [SETTING_RANGE]: 'rangeG',
  [SETTING_RANGE_MILLIUNIT]: 'rangeMilliUnit',
  [SETTING_CHANNELS]: 'channels',
  [SETTING_FACTOR]: 'factor'
}

/** Parse a settings TLV; throws with a reason when it is truncated or has an unknown type. */
export function parsePmdSettings(bytes: Uint8Array): PmdSettings {
  const out: PmdSettings = {}
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let i = 0
  while (i < bytes.length) {
    if (i + 2 > bytes.length) throw new Error(`settings cut off at byte ${i}`)
    const type = bytes[i]!
    const count = bytes[i + 1]!
    const size = settingValueBytes(type)
    if (size === null) throw new Error(`unknown setting type ${type}`)
    i += 2
    if (i + count * size > bytes.length) throw new Error(`setting ${type} cut off`)
    const values: number[] = []
    for (let k = 0; k < count; k++, i += size) {
      if (type === SETTING_FACTOR) values.push(view.getFloat32(i, true))
      else if (size === 4) values.push(view.getInt32(i, true))
      else if (size === 2) values.push(view.getUint16(i, true))
      else values.push(bytes[i]!)
    }
    // A zero-length list names a setting without offering a value: nothing to keep (and nothing
    // an encoded request could carry back).
    if (count > 0) out[SETTING_KEYS[type]!] = values
  }
  return out
}

/** Encode settings (each value list in order) as the TLV a start request carries. */
export function encodePmdSettings(settings: PmdSettings): Uint8Array {
  const parts: number[] = []
  for (const [typeText, key] of Object.entries(SETTING_KEYS)) {
    const type = Number(typeText)
    const values = settings[key]
    if (!values || values.length === 0) continue
    const size = settingValueBytes(type)!
    parts.push(type, values.length)
    for (const v of values) {
      const b = new Uint8Array(size)
      const view = new DataView(b.buffer)
      if (type === SETTING_FACTOR) view.setFloat32(0, v, true)
      else if (size === 4) view.setInt32(0, v, true)
      else if (size === 2) view.setUint16(0, v, true)
      else b[0] = v
      parts.push(...b)
    }
  }
  return Uint8Array.from(parts)
}

/** A control-point request: `<op> <measurement type> [settings TLV]`. */
export function encodePmdRequest(op: number, measurementType: number, settings?: PmdSettings): Uint8Array {
  const tlv = settings ? encodePmdSettings(settings) : new Uint8Array(0)
  const out = new Uint8Array(2 + tlv.length)
  out[0] = op
  out[1] = measurementType
  out.set(tlv, 2)
  return out
}

export interface PmdControlPointResponse {
  opCode: number
  measurementType: number
  status: number
  statusName: string
  /** More indications follow for this request (long settings lists). */
  more: boolean
  parameters: Uint8Array
}

/** Parse an indication of the control point; throws with a reason when it is not a response. */
export function parsePmdResponse(bytes: Uint8Array): PmdControlPointResponse {
  if (bytes.length < 4) throw new Error(`control-point response of ${bytes.length} bytes (needs 4)`)
  if (bytes[0] !== PMD_RESPONSE_CODE) throw new Error(`not a control-point response (0x${hex2(bytes[0]!)})`)
  const status = bytes[3]!
  return {
    opCode: bytes[1]!,
    measurementType: bytes[2]!,
    status,
    statusName: pmdStatusName(status),
    more: bytes.length > 4 && bytes[4] !== 0,
    parameters: bytes.slice(5)
  }
}

/** The measurement types a sensor offers, from the control point's read value `0F <bitmap...>`. */
export function parsePmdFeatures(bytes: Uint8Array): number[] {
  if (bytes.length < 2 || bytes[0] !== PMD_FEATURES_CODE) {
    throw new Error(`not a PMD feature read (${bytes.length} bytes)`)
  }
  const types: number[] = []
  for (let b = 1; b < bytes.length; b++) {
    for (let bit = 0; bit < 8; bit++) if (bytes[b]! & (1 << bit)) types.push((b - 1) * 8 + bit)
  }
  return types
}

export function encodePmdFeatures(types: readonly number[]): Uint8Array {
  const out = new Uint8Array(3)
  out[0] = PMD_FEATURES_CODE
  for (const t of types) out[1 + (t >> 3)] = (out[1 + (t >> 3)] ?? 0) | (1 << (t & 7))
  return out
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0')
}
