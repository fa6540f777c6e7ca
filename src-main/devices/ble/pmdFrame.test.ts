import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FUZZ_TIMEOUT_MS, fuzzParams } from '../../testSupport/fuzz'
import { hexToBytes } from './heartRateMeasurement'
import {
  decodePmdFrame,
  encodeCompressedPmdFrame,
  encodeRawPmdFrame,
  pmdTimestampToUnixMs,
  type PmdFrame
} from './pmdFrame'
import { PMD_ACC, PMD_ECG } from './pmdProtocol'

/** Byte vectors quoted in Polar's BLE SDK tests (polarofficial/polar-ble-sdk, AccDataTest.kt / EcgDataTest.kt). */
const SDK_HEADER_ACC_RAW1 = '02 00 94 35 77 00 00 00 00 01'
const SDK_ACC_RAW1_FIRST4 = 'F7 FF FF FF E7 03 F8 FF FE FF E5 03 F9 FF FF FF E5 03 FA FF FF FF E6 03'
const SDK_HEADER_ACC_COMPRESSED = '02 00 94 35 77 00 00 00 00 80'
const SDK_ACC_COMPRESSED_BODY =
  '71 07 F0 6A 9E 8D 0A 38 BE 5C BE BA 2F 96 B3 EE 4B E5 AD FB 42 B9 EB BE 4C FE BA 2F 92 BF EE 4B ' +
  'E4 B1 FB 12 B9 EC BD 3C 3E BB 2F 8F D3 DE 4B E3 B5 F7 D2 B8 ED BD 30 7E 7B 2F 8B E3 CE 8B E2 BA ' +
  'F7 A2 B8 EE BC 20 BE 7B 2F 88 F3 CE CB E1 BD EF 52 F8 EF BC 18 FE 3B 2F 84 03 BF CB E0 C2 EF 32 ' +
  'B8 F0 BB 04 4E BC 2E 81 13 AF 0B E0 C6 EF F2 F7 F1 B9 FC 7D BC 2E 7D 27 9F 4B DF CA EB C2 F7 F2 ' +
  'B8 EC CD 7C 2E 7B 37 8F 4B DE CE E3 92 F7 F3 B8 E0 0D FD 2D 77 4B 7F CB DD D2 DF 62 37 F5 B7 D4 ' +
  '4D BD 2D 74 5B 6F CB DC D7 D7 32 37 F6 B5 C8 8D 7D 2D 71 6B 4F 4B DC DC D3 F2 36 F7 B4 BC DD FD ' +
  '2C 6F 7B 3F 4B DB E0 CF D2 36 F8 B2 B0 2D BE 2C 6C 8F 1F CB DA E3 C7 A2 76 F9'
const SDK_HEADER_ECG_RAW0 = '00 00 94 35 77 00 00 00 00 00'

const hex = (text: string): Uint8Array => hexToBytes(text.replace(/\s+/g, ''))

function decoded(bytes: Uint8Array): PmdFrame {
  const r = decodePmdFrame(bytes)
  if (!r.ok) throw new Error(`${r.problem}: ${r.detail}`)
  return r.frame
}

function sample(f: PmdFrame, i: number): number[] {
  return f.values.slice(i * f.channels, (i + 1) * f.channels)
}

describe('PMD data frames: Polar SDK test vectors', () => {
  it('ACC raw frame type 1: header and 16-bit x/y/z in mG', () => {
    const f = decoded(hex(SDK_HEADER_ACC_RAW1 + SDK_ACC_RAW1_FIRST4))
    expect(f.measurementType).toBe(PMD_ACC)
    expect(f.timestampNs).toBe(2_000_000_000n)
    expect(f.frameType).toBe(0x01)
    expect(f.sampleCount).toBe(4)
    expect(sample(f, 0)).toEqual([-9, -1, 999])
    expect(sample(f, 1)).toEqual([-8, -2, 997])
    expect(sample(f, 3)).toEqual([-6, -1, 998])
  })

  it('ACC delta-compressed frame 0x80: reference sample, 10-bit deltas, 57 samples', () => {
    const f = decoded(hex(SDK_HEADER_ACC_COMPRESSED + SDK_ACC_COMPRESSED_BODY))
    expect(f.frameType).toBe(0x80)
    expect(f.sampleCount).toBe(1 + 56)
    expect(sample(f, 0)).toEqual([1905, 27376, -29282])
    expect(sample(f, 1)).toEqual([1905 + 190, 27376 - 105, -29282 - 85])
    // Re-encoding what we decoded and decoding again gives the same samples (the block fits 10 bits).
    const samples = Array.from({ length: f.sampleCount }, (_, i) => sample(f, i))
    const again = decoded(encodeCompressedPmdFrame(PMD_ACC, f.timestampNs, samples))
    expect(again.values).toEqual(f.values)
  })

  it('ECG raw frame type 0: signed 24-bit µV', () => {
    const f = decoded(hex(SDK_HEADER_ECG_RAW0 + '02 80 FF 02 80 00'))
    expect(f.measurementType).toBe(PMD_ECG)
    expect(f.values).toEqual([-32766, 32770])
    expect(f.channels).toBe(1)
  })

  it('timestamps count ns from 2000-01-01', () => {
    expect(new Date(pmdTimestampToUnixMs(0n)).toISOString()).toBe('2000-01-01T00:00:00.000Z')
    expect(pmdTimestampToUnixMs(2_000_000_000n) - pmdTimestampToUnixMs(0n)).toBe(2000)
  })
})

describe('PMD data frames built to the documented layout', () => {
  it('a compressed block is packed LSB-first, channel after channel', () => {
    // Reference (1, 2, 3), then one sample with deltas (+1, -1, 0) in 2-bit fields:
    // 01, 11, 00 -> bits 0..5 = 1,0,1,1,0,0 -> byte 0x0D.
    const bytes = encodeCompressedPmdFrame(PMD_ACC, 5n, [
      [1, 2, 3],
      [2, 1, 3]
    ])
    expect([...bytes.subarray(10)]).toEqual([1, 0, 2, 0, 3, 0, 2, 1, 0x0d])
    expect(decoded(bytes).values).toEqual([1, 2, 3, 2, 1, 3])
  })

  it('ECG compressed (0x80): 14-bit reference in 2 bytes, one channel', () => {
    const bytes = encodeCompressedPmdFrame(PMD_ECG, 7n, [[-300], [-280], [-500]])
    expect([...bytes.subarray(10, 12)]).toEqual([0xd4, 0xfe])
    expect(decoded(bytes).values).toEqual([-300, -280, -500])
  })

  it('a width-0 block repeats the previous sample', () => {
    const bytes = Uint8Array.from([...hex('02 01 00 00 00 00 00 00 00 80'), 5, 0, 6, 0, 7, 0, 0, 2])
    expect(decoded(bytes).values).toEqual([5, 6, 7, 5, 6, 7, 5, 6, 7])
  })

  it('raw ACC types 0 and 2 (8- and 24-bit)', () => {
    const s = [
      [-128, 0, 127],
      [1, -1, 2]
    ]
    expect(decoded(encodeRawPmdFrame(PMD_ACC, 1n, 0x00, s)).values).toEqual(s.flat())
    const wide = [[-8_000_000, 8_000_000, 1]]
    expect(decoded(encodeRawPmdFrame(PMD_ACC, 1n, 0x02, wide)).values).toEqual(wide.flat())
  })
})

describe('PMD data frames: bad input is refused with a reason', () => {
  const good = hex(SDK_HEADER_ACC_COMPRESSED + SDK_ACC_COMPRESSED_BODY)

  it.each([
    ['too-short', hex('02 00 94 35')],
    ['unknown-measurement', hex('09 00 00 00 00 00 00 00 00 00 01 02 03')],
    ['unknown-frame-type', hex('02 00 00 00 00 00 00 00 00 07 01 02 03')],
    ['truncated', hex(SDK_HEADER_ACC_RAW1 + 'F7 FF FF FF E7')],
    ['truncated', good.subarray(0, good.length - 1)],
    ['truncated', good.subarray(0, 10 + 7)],
    ['bad-delta-width', Uint8Array.from([...hex('02 00 00 00 00 00 00 00 00 80'), 0, 0, 0, 0, 0, 0, 40, 1])],
    ['empty', hex('02 00 00 00 00 00 00 00 00 01')]
  ])('%s', (problem, bytes) => {
    const r = decodePmdFrame(bytes)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.problem).toBe(problem)
  })
})

const sampleArb = (channels: number, bits: number): fc.Arbitrary<number[]> =>
  fc.array(fc.integer({ min: -(2 ** (bits - 1)), max: 2 ** (bits - 1) - 1 }), {
    minLength: channels,
    maxLength: channels
  })

describe('PMD data frames: fuzz', () => {
  it(
    'fuzz: any bytes decode or are refused with a reason, never throw',
    () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ maxLength: 260 }),
          fc.constantFrom(0, 2),
          fc.constantFrom(0, 1, 2, 0x80),
          (body, type, frameType) => {
            const bytes = Uint8Array.from([type, 1, 2, 3, 4, 5, 6, 7, 8, frameType, ...body])
            const r = decodePmdFrame(bytes)
            if (r.ok) {
              expect(r.frame.values.length).toBe(r.frame.sampleCount * r.frame.channels)
              for (const v of r.frame.values) expect(Number.isFinite(v)).toBe(true)
            } else {
              expect(r.detail.length).toBeGreaterThan(0)
            }
          }
        ),
        fuzzParams
      )
    },
    FUZZ_TIMEOUT_MS
  )

  it(
    'fuzz: compressed ACC frames decode to exactly the samples encoded; cut frames never throw',
    () => {
      fc.assert(
        fc.property(
          fc.array(sampleArb(3, 16), { minLength: 1, maxLength: 80 }),
          fc.integer({ min: 1, max: 255 }),
          fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
          fc.nat(),
          (samples, block, ts, cut) => {
            const bytes = encodeCompressedPmdFrame(PMD_ACC, ts, samples, block)
            const f = decoded(bytes)
            expect(f.timestampNs).toBe(ts)
            expect(f.values).toEqual(samples.flat())
            const r = decodePmdFrame(bytes.subarray(0, cut % bytes.length))
            // A cut at a block boundary is a valid, shorter frame; anything else is refused.
            if (r.ok) expect(r.frame.values).toEqual(samples.flat().slice(0, r.frame.values.length))
          }
        ),
        fuzzParams
      )
    },
    FUZZ_TIMEOUT_MS
  )
})
