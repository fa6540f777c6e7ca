/**
 * PMD data frames (characteristic FB005C82, notify): decode, and encode for the emulated H10.
 *
 *   byte 0     measurement type (0 ECG, 2 ACC)
 *   bytes 1-8  timestamp of the LAST sample, uint64 LE, ns (sensor clock, epoch 2000-01-01)
 *   byte 9     frame type: bit 7 set = delta-compressed, bits 0-6 = type number
 *   bytes 10-  samples
 *
 * Raw frames: ECG type 0 = one signed 24-bit LE value per sample (µV); ACC type 0/1/2 = x, y, z
 * as signed 8/16/24-bit LE values (mG).
 * Compressed frames (0x80): a reference sample (each channel signed LE, ceil(resolution/8)
 * bytes), then blocks `<delta width in bits> <sample count> <packed deltas>`, the deltas packed
 * LSB-first (bit 0 of byte 0 first), channel after channel for each sample, each a two's-complement
 * number of `width` bits added to the previous sample. A block takes ceil(width*count*channels/8)
 * bytes. ACC 0x80 is 3 channels of 16 bits, ECG 0x80 one channel of 14 bits (2-byte reference).
 *
 * Sources (read, not copied): Polar's BLE SDK unit tests, polarofficial/polar-ble-sdk
 * `.../pmd/model/AccDataTest.kt` ("process acc raw data frame type 1", "process acc compressed
 * data type 0": header `02 00 94 35 77 00 00 00 00 80`, reference `71 07 F0 6A 9E 8D`, first
 * block `0A 38 BE 5C BE BA ...` = 10-bit deltas, 56 samples) and `.../pmd/model/EcgDataTest.kt`
 * ("process raw ecg data type 0": `02 80 FF` = -32766 µV); /work/shared/notes/adaptive-and-resonance.md.
 *
 * Never throws on bad bytes: the result says why a frame was refused, so the stream can count it.
 */
import { PMD_ACC, PMD_ECG } from './pmdProtocol'

export const PMD_FRAME_HEADER_BYTES = 10
export const PMD_COMPRESSED_BIT = 0x80
/** 2000-01-01T00:00:00Z, the epoch of PMD timestamps. */
export const PMD_EPOCH_UNIX_MS = Date.UTC(2000, 0, 1)

export interface PmdFrame {
  measurementType: number
  /** Sensor time of the last sample, ns since 2000-01-01. */
  timestampNs: bigint
  /** The whole frame-type byte (0x80 = compressed type 0). */
  frameType: number
  channels: number
  sampleCount: number
  /** Sample i, channel c at [i * channels + c]; ECG in µV, ACC raw frames in mG, compressed in counts. */
  values: number[]
}

export type PmdFrameProblem =
  'too-short' | 'unknown-measurement' | 'unknown-frame-type' | 'truncated' | 'bad-delta-width' | 'empty'

export type PmdDecodeResult =
  { ok: true; frame: PmdFrame } | { ok: false; problem: PmdFrameProblem; detail: string }

interface Layout {
  channels: number
  /** Raw frames: bytes per value. */
  bytes?: number
  /** Compressed frames: resolution in bits (the reference sample takes ceil(bits/8) bytes). */
  resolutionBits?: number
}

/** Frame types we know, per measurement type (others are refused and counted). */
const LAYOUTS: Record<number, Record<number, Layout>> = {
  [PMD_ECG]: { 0x00: { channels: 1, bytes: 3 }, 0x80: { channels: 1, resolutionBits: 14 } },
  [PMD_ACC]: {
    0x00: { channels: 3, bytes: 1 },
    0x01: { channels: 3, bytes: 2 },
    0x02: { channels: 3, bytes: 3 },
    0x80: { channels: 3, resolutionBits: 16 }
  }
}

export function isKnownPmdFrameType(measurementType: number, frameType: number): boolean {
  return LAYOUTS[measurementType]?.[frameType] !== undefined
}

/** Decode one data notification. */
export function decodePmdFrame(bytes: Uint8Array): PmdDecodeResult {
  if (bytes.length < PMD_FRAME_HEADER_BYTES) {
    return { ok: false, problem: 'too-short', detail: `${bytes.length} bytes, header needs 10` }
  }
  const measurementType = bytes[0]!
  const frameType = bytes[9]!
  const byType = LAYOUTS[measurementType]
  if (!byType) {
    return { ok: false, problem: 'unknown-measurement', detail: `measurement type ${measurementType}` }
  }
  const layout = byType[frameType]
  if (!layout) {
    return {
      ok: false,
      problem: 'unknown-frame-type',
      detail: `frame type 0x${frameType.toString(16)} for measurement ${measurementType}`
    }
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const timestampNs = view.getBigUint64(1, true)
  const body = bytes.subarray(PMD_FRAME_HEADER_BYTES)
  const decoded =
    layout.bytes !== undefined
      ? decodeRaw(body, layout.channels, layout.bytes)
      : decodeDelta(body, layout.channels, layout.resolutionBits!)
  if (typeof decoded === 'string') {
    const problem: PmdFrameProblem = decoded.startsWith('width') ? 'bad-delta-width' : 'truncated'
    return { ok: false, problem, detail: decoded }
  }
  if (decoded.length === 0) return { ok: false, problem: 'empty', detail: 'no samples' }
  return {
    ok: true,
    frame: {
      measurementType,
      timestampNs,
      frameType,
      channels: layout.channels,
      sampleCount: decoded.length / layout.channels,
      values: decoded
    }
  }
}

function readSigned(bytes: Uint8Array, at: number, size: number): number {
  let v = 0
  for (let k = size - 1; k >= 0; k--) v = v * 256 + bytes[at + k]!
  const limit = 2 ** (8 * size - 1)
  return v >= limit ? v - 2 * limit : v
}

function decodeRaw(body: Uint8Array, channels: number, size: number): number[] | string {
  const sampleBytes = channels * size
  if (body.length % sampleBytes !== 0) {
    return `${body.length} sample bytes is not a whole number of ${sampleBytes}-byte samples`
  }
  const out = new Array<number>(body.length / size)
  for (let i = 0, at = 0; at < body.length; i++, at += size) out[i] = readSigned(body, at, size)
  return out
}

function decodeDelta(body: Uint8Array, channels: number, resolutionBits: number): number[] | string {
  const refSize = Math.ceil(resolutionBits / 8)
  if (body.length < refSize * channels) return `reference sample needs ${refSize * channels} bytes`
  const out: number[] = []
  const prev = new Array<number>(channels)
  let at = 0
  for (let c = 0; c < channels; c++, at += refSize) {
    prev[c] = readSigned(body, at, refSize)
    out.push(prev[c]!)
  }
  while (at < body.length) {
    if (body.length - at < 2) return `delta block header cut off at byte ${at}`
    const width = body[at]!
    const count = body[at + 1]!
    at += 2
    // Wider than 32 bits cannot come from a sensor of <= 24-bit resolution; 0 = samples repeat.
    if (width > 32) return `width ${width} bits at byte ${at - 2}`
    const blockBytes = Math.ceil((width * count * channels) / 8)
    if (at + blockBytes > body.length) return `delta block of ${blockBytes} bytes cut off`
    let bit = at * 8
    const half = 2 ** (width - 1)
    for (let s = 0; s < count; s++) {
      for (let c = 0; c < channels; c++) {
        let v = 0
        for (let k = 0; k < width; k++, bit++) {
          if ((body[bit >> 3]! >> (bit & 7)) & 1) v += 2 ** k
        }
        if (v >= half) v -= 2 * half
        prev[c] = prev[c]! + v
        out.push(prev[c]!)
      }
    }
    at += blockBytes
  }
  return out
}

// ---- encoding (emulated H10, tests) ---------------------------------------------------------------

export function encodePmdFrameHeader(
  measurementType: number,
  timestampNs: bigint,
  frameType: number
): Uint8Array {
  const out = new Uint8Array(PMD_FRAME_HEADER_BYTES)
  out[0] = measurementType
  new DataView(out.buffer).setBigUint64(1, timestampNs, true)
  out[9] = frameType
  return out
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

function writeSigned(out: number[], v: number, size: number): void {
  let u = v < 0 ? v + 2 ** (8 * size) : v
  for (let k = 0; k < size; k++) {
    out.push(u % 256)
    u = Math.floor(u / 256)
  }
}

/** A raw frame: `samples[i]` holds the channel values of sample i. */
export function encodeRawPmdFrame(
  measurementType: number,
  timestampNs: bigint,
  frameType: number,
  samples: readonly (readonly number[])[]
): Uint8Array {
  const layout = LAYOUTS[measurementType]?.[frameType]
  if (!layout?.bytes) throw new Error(`no raw layout for ${measurementType}/0x${frameType.toString(16)}`)
  const body: number[] = []
  for (const s of samples) for (const v of s) writeSigned(body, v, layout.bytes)
  return concat([encodePmdFrameHeader(measurementType, timestampNs, frameType), Uint8Array.from(body)])
}

/** Smallest two's-complement width holding every delta (at least 1 bit). */
function deltaWidth(deltas: readonly number[]): number {
  let width = 1
  for (const d of deltas) while (d < -(2 ** (width - 1)) || d >= 2 ** (width - 1)) width++
  return width
}

/**
 * A delta-compressed frame (type 0x80) as the sensor builds it: the first sample as reference,
 * then blocks of at most `blockSamples` samples with the narrowest width that fits.
 */
export function encodeCompressedPmdFrame(
  measurementType: number,
  timestampNs: bigint,
  samples: readonly (readonly number[])[],
  blockSamples = 255
): Uint8Array {
  const layout = LAYOUTS[measurementType]?.[0x80]
  if (!layout?.resolutionBits || samples.length === 0) throw new Error('no compressed layout or no samples')
  const refSize = Math.ceil(layout.resolutionBits / 8)
  const body: number[] = []
  for (const v of samples[0]!) writeSigned(body, v, refSize)
  for (let start = 1; start < samples.length; start += blockSamples) {
    const block = samples.slice(start, start + blockSamples)
    const deltas: number[] = []
    block.forEach((s, i) => {
      const before = samples[start + i - 1]!
      s.forEach((v, c) => deltas.push(v - before[c]!))
    })
    const width = deltaWidth(deltas)
    body.push(width, block.length)
    const packed = new Uint8Array(Math.ceil((width * deltas.length) / 8))
    let bit = 0
    for (const d of deltas) {
      const u = d < 0 ? d + 2 ** width : d
      for (let k = 0; k < width; k++, bit++) {
        if (Math.floor(u / 2 ** k) % 2 === 1) packed[bit >> 3] = packed[bit >> 3]! | (1 << (bit & 7))
      }
    }
    body.push(...packed)
  }
  return concat([encodePmdFrameHeader(measurementType, timestampNs, 0x80), Uint8Array.from(body)])
}

/** Sensor ns since 2000-01-01 -> ms since the Unix epoch (only meaningful if the clock was set). */
export function pmdTimestampToUnixMs(timestampNs: bigint): number {
  return PMD_EPOCH_UNIX_MS + Number(timestampNs) / 1e6
}
