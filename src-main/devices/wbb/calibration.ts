/**
 * The board's factory calibration and the conversion from raw sensor words to kilograms.
 *
 * Calibration block (24 bytes at register 0xA40024): three rows of four big-endian uint16, the raw
 * reading of each sensor at 0 kg, 17 kg and 34 kg, sensors in wire order TR, BR, TL, BL.
 * A CRC-32 of the block is stored big-endian at 0xA4003C (Dolphin's ComputeCalibrationChecksum):
 * the standard zlib CRC-32 (reflected poly 0xEDB88320, init and final xor 0xFFFFFFFF) over
 * bytes 0x24..0x3B, then 0x20..0x21, then 0x60..0x61.
 *
 * Conversion, per sensor, piecewise linear through the three points:
 *   raw <  kg17: kg = 17 * (raw - kg0) / (kg17 - kg0)          (also BELOW kg0: negative kg)
 *   raw >= kg17: kg = 17 + 17 * (raw - kg17) / (kg34 - kg17)   (also above 34 kg: extrapolated)
 * Unlike the Linux kernel (and wiiuse) we do not clamp at the 0 kg point: real boards idle a few
 * kg below it (the dfnosorio board reads -4.2 kg empty), and clamping before the tare makes small
 * loads vanish. The tare is subtracted afterwards.
 */
import { WbbMalformedError, type Quad } from './protocol'

export interface Calibration {
  kg0: Quad
  kg17: Quad
  kg34: Quad
}

export const CALIBRATION_LENGTH = 24
export const SENSOR_NAMES = ['TR', 'BR', 'TL', 'BL'] as const

/** Parses the 24-byte block; rejects one whose rows are not strictly increasing per sensor. */
export function parseCalibration(block: ArrayLike<number>): Calibration {
  if (block.length !== CALIBRATION_LENGTH) {
    throw new WbbMalformedError(`calibration block has ${block.length} bytes; 24 expected`)
  }
  const word = (i: number): number => ((block[2 * i]! & 0xff) << 8) | (block[2 * i + 1]! & 0xff)
  const row = (r: number): Quad => [word(4 * r), word(4 * r + 1), word(4 * r + 2), word(4 * r + 3)]
  const cal: Calibration = { kg0: row(0), kg17: row(1), kg34: row(2) }
  for (let i = 0; i < 4; i++) {
    if (!(cal.kg0[i]! < cal.kg17[i]! && cal.kg17[i]! < cal.kg34[i]!)) {
      throw new WbbMalformedError(
        `calibration of sensor ${SENSOR_NAMES[i]} is not increasing (${cal.kg0[i]}, ${cal.kg17[i]}, ${cal.kg34[i]})`
      )
    }
  }
  return cal
}

export function encodeCalibration(cal: Calibration): Uint8Array {
  const out = new Uint8Array(CALIBRATION_LENGTH)
  const rows = [cal.kg0, cal.kg17, cal.kg34]
  rows.forEach((row, r) =>
    row.forEach((v, i) => {
      out[2 * (4 * r + i)] = (v >> 8) & 0xff
      out[2 * (4 * r + i) + 1] = v & 0xff
    })
  )
  return out
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

/** Standard CRC-32 (zlib / IEEE 802.3) over the concatenation of `parts`. */
export function crc32(...parts: ArrayLike<number>[]): number {
  let c = 0xffffffff
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) c = CRC_TABLE[(c ^ part[i]!) & 0xff]! ^ (c >>> 8)
  }
  return (c ^ 0xffffffff) >>> 0
}

/** The checksum a board stores at 0xA4003C for this block and the bytes at 0x20-21 and 0x60-61. */
export function calibrationCrc(
  block: ArrayLike<number>,
  batteryRef: ArrayLike<number>,
  refTemperature: ArrayLike<number>
): number {
  return crc32(block, batteryRef, refTemperature)
}

export type CrcCheck =
  | { result: 'ok'; stored: number }
  | { result: 'mismatch'; stored: number; computed: number }
  | { result: 'absent'; reason: string }

export function checkCalibrationCrc(
  block: ArrayLike<number>,
  stored: ArrayLike<number> | null,
  batteryRef: ArrayLike<number> | null,
  refTemperature: ArrayLike<number> | null
): CrcCheck {
  if (!stored || stored.length !== 4 || !batteryRef || !refTemperature) {
    return { result: 'absent', reason: 'the board did not return the checksum registers' }
  }
  const storedValue = ((stored[0]! << 24) | (stored[1]! << 16) | (stored[2]! << 8) | stored[3]!) >>> 0
  const computed = calibrationCrc(block, batteryRef, refTemperature)
  return computed === storedValue
    ? { result: 'ok', stored: storedValue }
    : { result: 'mismatch', stored: storedValue, computed }
}

/** One sensor's raw word -> kg, piecewise linear, no clamping (see the file comment). */
export function sensorKg(raw: number, cal: Calibration, i: number): number {
  const z = cal.kg0[i]!
  const m = cal.kg17[i]!
  if (raw < m) return (17 * (raw - z)) / (m - z)
  return 17 + (17 * (raw - m)) / (cal.kg34[i]! - m)
}

/** The inverse of sensorKg (the emulated board and the simulator use it to produce raw words). */
export function rawForKg(kg: number, cal: Calibration, i: number): number {
  const z = cal.kg0[i]!
  const m = cal.kg17[i]!
  if (kg < 17) return z + (kg * (m - z)) / 17
  return m + ((kg - 17) * (cal.kg34[i]! - m)) / 17
}

export function sensorsKg(raw: Quad, cal: Calibration): Quad {
  return [
    sensorKg(raw[0], cal, 0),
    sensorKg(raw[1], cal, 1),
    sensorKg(raw[2], cal, 2),
    sensorKg(raw[3], cal, 3)
  ]
}
