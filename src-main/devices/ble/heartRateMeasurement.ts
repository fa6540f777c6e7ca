/**
 * Heart Rate Measurement characteristic (0x2A37), Bluetooth Heart Rate Service.
 *
 * byte 0 flags:
 *   bit0   HR format: 0 = uint8, 1 = uint16 LE
 *   bit1-2 sensor contact: 0b0x not supported, 0b10 supported but not detected, 0b11 detected
 *          (bit2 = supported, bit1 = detected; bit1 alone means nothing: treat as not supported)
 *   bit3   Energy Expended present: uint16 LE, kilojoules
 *   bit4   RR-Interval present: uint16 LE values in 1/1024 s, as many as fit, to the end
 *   bit5-7 reserved (ignored)
 * A packet shorter than its flags demand, or with RR bit set and a dangling odd byte, is rejected
 * whole (never half-decoded), so a corrupt packet can never inject a wrong beat.
 * Values are decoded as sent, including HR 0 and RR 0 or 0xFFFF: whether a value is a plausible
 * heart rate or interval is judged by heartRateStream.ts (limits in plausibility.ts), which drops
 * an RR of 0 on its own instead of losing the whole packet and its HR.
 */
import type { Contact } from '../dataSource'

export interface HeartRateMeasurement {
  hrBpm: number
  contact: Contact
  energyKj: number | null
  /** Exact RR intervals in ms (raw * 1000 / 1024), oldest first, as sent (0 included). */
  rrMs: number[]
  /** The raw RR values in 1/1024 s, for exact re-encoding and raw logs. */
  rrRaw1024: number[]
  hrFormat: 'uint8' | 'uint16'
}

export class MalformedPacketError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MalformedPacketError'
  }
}

export const FLAG_HR_UINT16 = 0x01
export const FLAG_CONTACT_DETECTED = 0x02
export const FLAG_CONTACT_SUPPORTED = 0x04
export const FLAG_ENERGY = 0x08
export const FLAG_RR = 0x10

/** 1/1024 s -> ms, exactly (no rounding: 1041 -> 1016.6015625). */
export const rr1024ToMs = (raw: number): number => (raw * 1000) / 1024

export function decodeHeartRateMeasurement(bytes: Uint8Array): HeartRateMeasurement {
  if (bytes.length < 2)
    throw new MalformedPacketError(`packet has ${bytes.length} byte(s); at least 2 needed`)
  const flags = bytes[0]!
  const hrUint16 = (flags & FLAG_HR_UINT16) !== 0
  let offset = 1
  const need = (n: number, what: string): void => {
    if (offset + n > bytes.length) {
      throw new MalformedPacketError(
        `truncated: ${what} needs bytes ${offset}..${offset + n - 1} but packet has ${bytes.length} (flags 0x${hex2(flags)})`
      )
    }
  }
  need(hrUint16 ? 2 : 1, hrUint16 ? 'uint16 heart rate' : 'uint8 heart rate')
  const hrBpm = hrUint16 ? bytes[offset]! | (bytes[offset + 1]! << 8) : bytes[offset]!
  offset += hrUint16 ? 2 : 1

  const contactSupported = (flags & FLAG_CONTACT_SUPPORTED) !== 0
  const contact: Contact = !contactSupported
    ? 'unsupported'
    : flags & FLAG_CONTACT_DETECTED
      ? 'detected'
      : 'not-detected'

  let energyKj: number | null = null
  if (flags & FLAG_ENERGY) {
    need(2, 'energy expended')
    energyKj = bytes[offset]! | (bytes[offset + 1]! << 8)
    offset += 2
  }

  const rrRaw1024: number[] = []
  if (flags & FLAG_RR) {
    const remaining = bytes.length - offset
    if (remaining % 2 !== 0) {
      throw new MalformedPacketError(`RR field has ${remaining} byte(s); RR values are 2 bytes each`)
    }
    for (; offset + 1 < bytes.length; offset += 2) {
      rrRaw1024.push(bytes[offset]! | (bytes[offset + 1]! << 8))
    }
  } else if (offset !== bytes.length) {
    throw new MalformedPacketError(
      `${bytes.length - offset} unexpected trailing byte(s) for flags 0x${hex2(flags)} (no RR present)`
    )
  }

  return {
    hrBpm,
    contact,
    energyKj,
    rrMs: rrRaw1024.map(rr1024ToMs),
    rrRaw1024,
    hrFormat: hrUint16 ? 'uint16' : 'uint8'
  }
}

export interface EncodeOptions {
  hrBpm: number
  contact?: Contact
  energyKj?: number | null
  rrRaw1024?: number[]
  /** Force uint16 even when the value fits in a byte (some straps do). */
  hrFormat?: 'uint8' | 'uint16'
  /** Set the RR-present flag even with no RR values (legal: "zero or more"). */
  rrFlag?: boolean
}

/**
 * What a strap sends: used by the simulator and the emulated peripherals in tests.
 * Values that do not fit their field throw a RangeError instead of being silently masked.
 */
export function encodeHeartRateMeasurement(options: EncodeOptions): Uint8Array {
  const hrUint16 = options.hrFormat === 'uint16' || options.hrBpm > 255
  const contact = options.contact ?? 'unsupported'
  const rr = options.rrRaw1024 ?? []
  checkUint('hrBpm', options.hrBpm, hrUint16 ? 0xffff : 0xff)
  if (options.energyKj != null) checkUint('energyKj', options.energyKj, 0xffff)
  for (const v of rr) checkUint('rrRaw1024', v, 0xffff)
  let flags = 0
  if (hrUint16) flags |= FLAG_HR_UINT16
  if (contact !== 'unsupported') flags |= FLAG_CONTACT_SUPPORTED
  if (contact === 'detected') flags |= FLAG_CONTACT_DETECTED
  if (options.energyKj != null) flags |= FLAG_ENERGY
  if (rr.length > 0 || options.rrFlag) flags |= FLAG_RR
  const out: number[] = [flags]
  const u16 = (v: number): void => {
    out.push(v & 0xff, (v >> 8) & 0xff)
  }
  if (hrUint16) u16(options.hrBpm)
  else out.push(options.hrBpm & 0xff)
  if (options.energyKj != null) u16(options.energyKj)
  for (const v of rr) u16(v)
  return Uint8Array.from(out)
}

function checkUint(name: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name} must be an integer 0..${max}, got ${value}`)
  }
}

/** ms -> nearest 1/1024 s unit, as a strap quantises. */
export const msToRr1024 = (ms: number): number => Math.max(1, Math.round((ms * 1024) / 1000))

/** Accepts `163C1104`, `16 3C 11 04`, `16:3c:11:04`, `0x16 0x3C 0x11 0x04`. */
export function hexToBytes(hex: string): Uint8Array {
  const clean = hex.replace(/\b0x/gi, '').replace(/[\s:,-]/g, '')
  if (clean.length === 0) throw new Error('empty hex string')
  if (!/^[0-9a-fA-F]*$/.test(clean)) throw new Error(`not hex: "${hex}"`)
  if (clean.length % 2 !== 0) throw new Error(`odd number of hex digits in "${hex}"`)
  const out = new Uint8Array(clean.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16)
  return out
}

export const bytesToHex = (bytes: Uint8Array): string => Array.from(bytes, hex2).join('')

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0')
}
