import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FUZZ_TIMEOUT_MS, fuzzParams } from '../../testSupport/fuzz'
import { hexToBytes } from './heartRateMeasurement'
import {
  encodePmdFeatures,
  encodePmdRequest,
  parsePmdFeatures,
  parsePmdResponse,
  parsePmdSettings,
  PMD_ACC,
  PMD_ECG,
  PMD_OP_GET_SETTINGS,
  PMD_OP_START
} from './pmdProtocol'

const hex = (text: string): Uint8Array => hexToBytes(text.replace(/\s+/g, ''))

describe('PMD control point', () => {
  // Vectors from Polar's BLE SDK test BlePmdClientControlPointResponseTest.kt.
  it('parses a successful ACC settings response', () => {
    const r = parsePmdResponse(hex('F0 01 02 00 00 FF FF FF'))
    expect(r).toMatchObject({
      opCode: 1,
      measurementType: PMD_ACC,
      status: 0,
      statusName: 'success',
      more: false
    })
    expect([...r.parameters]).toEqual([0xff, 0xff, 0xff])
  })

  it('parses a refusal with its status', () => {
    const r = parsePmdResponse(hex('F0 01 06 07 00'))
    expect(r).toMatchObject({ measurementType: 6, status: 7, statusName: 'invalid-resolution' })
    expect(r.parameters.length).toBe(0)
  })

  it('refuses what is not a response', () => {
    expect(() => parsePmdResponse(hex('F0 01'))).toThrow(/2 bytes/)
    expect(() => parsePmdResponse(hex('0F 05 00 00'))).toThrow(/not a control-point response/)
  })

  it('encodes a start request for H10 ACC at 50 Hz, 16 bit, +-8 G', () => {
    const bytes = encodePmdRequest(PMD_OP_START, PMD_ACC, {
      sampleRateHz: [50],
      resolutionBits: [16],
      rangeG: [8]
    })
    expect([...bytes]).toEqual([
      0x02, 0x02, 0x00, 0x01, 0x32, 0x00, 0x01, 0x01, 0x10, 0x00, 0x02, 0x01, 0x08, 0x00
    ])
    expect([...encodePmdRequest(PMD_OP_GET_SETTINGS, PMD_ECG)]).toEqual([0x01, 0x00])
  })
})

describe('PMD settings TLV', () => {
  it('parses the SDK vector: 52 Hz, 16 bit, four ranges, 3 channels', () => {
    // PmdSettingTest.kt, testPmdSettingsWithRange.
    const s = parsePmdSettings(hex('00 01 34 00 01 01 10 00 02 04 F5 00 F4 01 E8 03 D0 07 04 01 03'))
    expect(s).toEqual({
      sampleRateHz: [52],
      resolutionBits: [16],
      rangeG: [245, 500, 1000, 2000],
      channels: [3]
    })
  })

  it('parses range in milli-units (signed 32-bit) and the float factor', () => {
    const s = parsePmdSettings(hex('03 02 FF FF FF FF FF 00 00 00 01 01 0E 00 05 01 00 00 80 3F'))
    expect(s).toEqual({ rangeMilliUnit: [-1, 255], resolutionBits: [14], factor: [1] })
  })

  it('round-trips what it encodes', () => {
    const s = { sampleRateHz: [25, 50, 100, 200], resolutionBits: [16], rangeG: [2, 4, 8], factor: [0.5] }
    expect(parsePmdSettings(encodePmdRequest(1, 2, s).subarray(2))).toEqual(s)
  })

  it('refuses cut-off or unknown settings', () => {
    expect(() => parsePmdSettings(hex('00 02 34 00 32'))).toThrow(/cut off/)
    expect(() => parsePmdSettings(hex('00'))).toThrow(/cut off/)
    expect(() => parsePmdSettings(hex('09 01 00'))).toThrow(/unknown setting type 9/)
  })
})

describe('PMD features', () => {
  it('reads the measurement types a sensor offers (H10: ECG + ACC)', () => {
    expect(parsePmdFeatures(hex('0F 05 00'))).toEqual([PMD_ECG, PMD_ACC])
    expect([...encodePmdFeatures([PMD_ECG, PMD_ACC])]).toEqual([0x0f, 0x05, 0x00])
    expect(() => parsePmdFeatures(hex('F0 05'))).toThrow()
  })
})

describe('PMD control point and settings: fuzz', () => {
  it(
    'fuzz: any indication or settings bytes parse or fail with a plain Error, never anything else',
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (bytes, asResponse) => {
          const input = asResponse ? Uint8Array.from([0xf0, ...bytes]) : bytes
          try {
            const r = parsePmdResponse(input)
            expect(r.parameters.length).toBe(Math.max(0, input.length - 5))
          } catch (err) {
            expect(err).toBeInstanceOf(Error)
          }
          try {
            const s = parsePmdSettings(bytes)
            // What parses re-encodes to a request that parses to the same settings.
            expect(parsePmdSettings(encodePmdRequest(1, 2, s).subarray(2))).toEqual(s)
          } catch (err) {
            expect((err as Error).message).toMatch(/cut off|unknown setting type/)
          }
        }),
        fuzzParams
      )
    },
    FUZZ_TIMEOUT_MS
  )
})

describe('PMD settings: a zero-length list', () => {
  it('names a setting without a value, so it is not kept (found by the fuzz test: bytes 00 00)', () => {
    expect(parsePmdSettings(Uint8Array.from([0, 0]))).toEqual({})
    expect(encodePmdRequest(1, 2, parsePmdSettings(Uint8Array.from([0, 0]))).length).toBe(2)
  })
})
