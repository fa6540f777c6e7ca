import { describe, expect, it } from 'vitest'
import {
  bytesToHex,
  drmReport,
  DRM_KE,
  DRM_KEE,
  encodeAck,
  encodeBoardReport,
  encodeReadReply,
  encodeStatusReport,
  hexToBytes,
  ledReport,
  parseInputReport,
  readRegisterReport,
  REG_CALIBRATION,
  REG_EXT_INIT1,
  statusRequest,
  WbbMalformedError,
  writeRegisterReport
} from './protocol'
import {
  calibrationCrc,
  checkCalibrationCrc,
  crc32,
  encodeCalibration,
  parseCalibration,
  rawForKg,
  sensorKg
} from './calibration'
import { centreOfPressure, decodeBalance, evenTare, MIN_COP_LOAD_KG } from './decoder'
import fc from 'fast-check'
import { FUZZ_TIMEOUT_MS, fuzzParams } from '../../testSupport/fuzz'
import { StepDetector } from './stepDetector'

/** Real captures: ../shared/data/wbb/real_snippets.json (takeru/Wiimote#2, wiibrew), without the A1 header. */
const TAKERU_STATUS = '20 00 00 02 00 00 D5'
const TAKERU_EXT_ID = '21 00 00 50 00 FA 00 00 A4 20 04 02 00 00 00 00 00 00 00 00 00 00'
const TAKERU_0X34 = [
  ['34 00 00 09 B2 4B B5 1E 7E 3F 4C 17 00 99 00 00 00 00 00 00 00 00', [2482, 19381, 7806, 16204], 153],
  ['34 00 00 09 B6 4B BA 1E 84 3F 4A 17 00 98 00 00 00 00 00 00 00 00', [2486, 19386, 7812, 16202], 152],
  ['34 00 00 09 B2 4B BA 1E 7C 3F 55 17 00 98 00 00 00 00 00 00 00 00', [2482, 19386, 7804, 16213], 152]
] as const
/** Carl Kenner's board (wiibrew): registers 0x20..0x3F; 0x60/0x61 = 1A 01 by the CRC. */
const KENNER = {
  reg20: hexToBytes('10 69'),
  block: hexToBytes('07 C3 3C F8 04 8C 29 6B 0E D2 43 84 0B 3A 30 69 15 E9 4A 10 11 EF 37 6E'),
  crc: hexToBytes('5E 40 E9 B6'),
  reg60: hexToBytes('1A 01')
}

describe('WBB input reports (real captures)', () => {
  it('status 0x20: extension plugged, battery 213 -> 83 %', () => {
    expect(parseInputReport(hexToBytes(TAKERU_STATUS))).toEqual({
      kind: 'status',
      buttons: { front: false, raw: 0 },
      batteryLow: false,
      extensionPlugged: true,
      leds: 0,
      batteryRaw: 213,
      batteryPct: 83
    })
  })

  it('read reply 0x21: size nibble 5 -> 6 bytes at 0x00FA, the balance board extension id', () => {
    const r = parseInputReport(hexToBytes(TAKERU_EXT_ID))
    expect(r.kind).toBe('read')
    if (r.kind !== 'read') return
    expect(r.error).toBe(0)
    expect(r.addressLow).toBe(0x00fa)
    expect(bytesToHex(r.data)).toBe('00 00 A4 20 04 02')
  })

  it('data 0x34: sensors are big-endian TR, BR, TL, BL; temperature and battery bytes', () => {
    for (const [hex, raw, battery] of TAKERU_0X34) {
      const r = parseInputReport(hexToBytes(hex))
      expect(r).toMatchObject({ kind: 'board', mode: 0x34, raw, temperature: 23, batteryRaw: battery })
    }
  })

  it('read reply error nibble and multi-chunk size', () => {
    const err = parseInputReport(hexToBytes('21 00 00 F8 00 24' + ' 00'.repeat(16)))
    expect(err).toMatchObject({ kind: 'read', error: 8, addressLow: 0x24 })
    if (err.kind === 'read') expect(err.data).toHaveLength(16)
    const eight = parseInputReport(
      encodeReadReply({ error: 0, addressLow: 0x34, data: [1, 2, 3, 4, 5, 6, 7, 8] })
    )
    expect(eight).toMatchObject({
      kind: 'read',
      error: 0,
      addressLow: 0x34,
      data: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8])
    })
  })

  it('front button is BB[1] & 0x08 in every report that carries buttons', () => {
    expect(parseInputReport(hexToBytes('30 00 08'))).toMatchObject({
      kind: 'other-data',
      buttons: { front: true }
    })
    expect(parseInputReport(encodeAck(0x16, 0, true))).toMatchObject({
      kind: 'ack',
      reportId: 0x16,
      buttons: { front: true }
    })
    expect(parseInputReport(encodeBoardReport(0x34, { raw: [1, 2, 3, 4], front: true }))).toMatchObject({
      buttons: { front: true }
    })
  })

  it('0x32 carries the four sensors without temperature/battery; 0x3D has no button bytes', () => {
    expect(parseInputReport(hexToBytes('32 00 00 09 B2 4B B5 1E 7E 3F 4C'))).toEqual({
      kind: 'board',
      mode: 0x32,
      buttons: { front: false, raw: 0 },
      raw: [2482, 19381, 7806, 16204],
      temperature: null,
      batteryRaw: null
    })
    const d = parseInputReport(hexToBytes('3D 09 B2 4B B5 1E 7E 3F 4C 17 00 99' + ' 00'.repeat(10)))
    expect(d).toMatchObject({
      kind: 'board',
      mode: 0x3d,
      buttons: null,
      raw: [2482, 19381, 7806, 16204],
      temperature: 23
    })
  })

  it('rejects unknown ids, truncated reports and the 0xA1 header, with a reason', () => {
    expect(() => parseInputReport(new Uint8Array())).toThrow(WbbMalformedError)
    expect(() => parseInputReport(hexToBytes('34 00 00 09 B2'))).toThrow(/0x34 has 5 bytes; 22 expected/)
    expect(() => parseInputReport(hexToBytes('A1 34 00 00'))).toThrow(/0xA1 Bluetooth HID header/)
    expect(() => parseInputReport(hexToBytes('99 00'))).toThrow(/unknown input report 0x99/)
    expect(() => parseInputReport(hexToBytes('20 00 00 02'))).toThrow(/7 expected/)
  })

  it('round-trips its own encoders', () => {
    expect(bytesToHex(encodeStatusReport({ batteryRaw: 0xd5, extensionPlugged: true }))).toBe(TAKERU_STATUS)
    const bytes = encodeBoardReport(0x34, {
      raw: [2482, 19381, 7806, 16204],
      temperature: 23,
      batteryRaw: 0x99
    })
    expect(bytesToHex(bytes)).toBe(TAKERU_0X34[0][0])
  })
})

describe('WBB output reports', () => {
  it('are byte-exact, full length (as the kernel and the DFNOsorio client send them)', () => {
    expect(bytesToHex(statusRequest())).toBe('15 00')
    expect(bytesToHex(ledReport())).toBe('11 10')
    expect(bytesToHex(drmReport(0x34))).toBe('12 04 34')
    expect(bytesToHex(drmReport(0x32, false))).toBe('12 00 32')
    expect(bytesToHex(readRegisterReport(REG_CALIBRATION, 24))).toBe('17 04 A4 00 24 00 18')
    const w = writeRegisterReport(REG_EXT_INIT1, [0x55])
    expect(w).toHaveLength(22)
    expect(bytesToHex(w)).toBe('16 04 A4 00 F0 01 55' + ' 00'.repeat(15))
    expect(() => writeRegisterReport(0, new Uint8Array(17))).toThrow(RangeError)
  })
})

describe('WBB calibration block and CRC-32', () => {
  it('parses rows 0 / 17 / 34 kg in sensor order TR, BR, TL, BL (Carl Kenner board)', () => {
    const cal = parseCalibration(KENNER.block)
    expect(cal).toEqual({
      kg0: [1987, 15608, 1164, 10603],
      kg17: [3794, 17284, 2874, 12393],
      kg34: [5609, 18960, 4591, 14190]
    })
    expect(encodeCalibration(cal)).toEqual(KENNER.block)
  })

  it('CRC-32 is zlib crc32 (check value of "123456789" is CBF43926)', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
    expect(crc32(new TextEncoder().encode('1234'), new TextEncoder().encode('56789'))).toBe(0xcbf43926)
  })

  it('the stored checksum of a real board matches over 0x24-0x3B, 0x20-21, 0x60-61', () => {
    expect(calibrationCrc(KENNER.block, KENNER.reg20, KENNER.reg60)).toBe(0x5e40e9b6)
    expect(checkCalibrationCrc(KENNER.block, KENNER.crc, KENNER.reg20, KENNER.reg60)).toEqual({
      result: 'ok',
      stored: 0x5e40e9b6
    })
  })

  it('a flipped bit anywhere is a mismatch; missing registers are "absent"', () => {
    const bad = KENNER.block.slice()
    bad[5]! ^= 0x01
    expect(checkCalibrationCrc(bad, KENNER.crc, KENNER.reg20, KENNER.reg60)).toMatchObject({
      result: 'mismatch',
      stored: 0x5e40e9b6
    })
    expect(checkCalibrationCrc(KENNER.block, KENNER.crc, hexToBytes('01 69'), KENNER.reg60).result).toBe(
      'mismatch'
    )
    expect(checkCalibrationCrc(KENNER.block, null, KENNER.reg20, KENNER.reg60).result).toBe('absent')
  })

  it('rejects a block of the wrong size or with non-increasing rows', () => {
    expect(() => parseCalibration(KENNER.block.slice(0, 23))).toThrow(/24 expected/)
    const flat = KENNER.block.slice()
    flat.set([0x0e, 0xd2], 0) // TR at 0 kg == TR at 17 kg
    expect(() => parseCalibration(flat)).toThrow(/sensor TR is not increasing/)
  })
})

describe('WBB decoding', () => {
  const cal = parseCalibration(KENNER.block)

  it('interpolates through the three points and extrapolates on both sides WITHOUT clamping', () => {
    for (let i = 0; i < 4; i++) {
      expect(sensorKg(cal.kg0[i]!, cal, i)).toBe(0)
      expect(sensorKg(cal.kg17[i]!, cal, i)).toBe(17)
      expect(sensorKg(cal.kg34[i]!, cal, i)).toBe(34)
    }
    // TR: 1807 counts per 17 kg below 17 kg, 1815 above.
    expect(sensorKg(1987 - 1807, cal, 0)).toBeCloseTo(-17, 10)
    expect(sensorKg(1987 - 100, cal, 0)).toBeCloseTo((-100 * 17) / 1807, 12)
    expect(sensorKg(3794 + 1815 * 2, cal, 0)).toBeCloseTo(51, 10)
    expect(sensorKg((1987 + 3794) / 2, cal, 0)).toBeCloseTo(8.5, 12)
    for (const kg of [-3.2, 0.4, 16.99, 25, 40])
      expect(sensorKg(rawForKg(kg, cal, 2), cal, 2)).toBeCloseTo(kg, 10)
  })

  it('tare, total and centre of pressure: x right, y front, 433 x 238 mm', () => {
    const raw = (kg: [number, number, number, number]) =>
      kg.map((k, i) => rawForKg(k, cal, i)) as [number, number, number, number]
    // All load on the right-hand pair -> x = +216.5 mm, y = 0.
    let d = decodeBalance(raw([10, 10, 0, 0]), cal)
    expect(d.totalKg).toBeCloseTo(20, 10)
    expect(d.copXMm).toBeCloseTo(216.5, 9)
    expect(d.copYMm).toBeCloseTo(0, 9)
    // Front pair (TR + TL) -> y = +119 mm.
    d = decodeBalance(raw([5, 0, 5, 0]), cal)
    expect(d.copYMm).toBeCloseTo(119, 9)
    expect(d.copXMm).toBeCloseTo(0, 9)
    // Only BL -> (-216.5, -119).
    d = decodeBalance(raw([0, 0, 0, 30]), cal)
    expect([d.copXMm, d.copYMm].map((v) => +v!.toFixed(6))).toEqual([-216.5, -119])
    expect(d.copClamped).toBe(false)
    // Tare per sensor: an idle board reading below zero gets back to 0.
    const tare: [number, number, number, number] = [-1.5, 0.25, -2, -0.75]
    d = decodeBalance(raw([-1.5 + 20, 0.25 + 20, -2 + 20, -0.75 + 20]), cal, tare)
    d.kg.forEach((k) => expect(k).toBeCloseTo(20, 9))
    expect(d.totalKg).toBeCloseTo(80, 9)
    expect(evenTare(4)).toEqual([1, 1, 1, 1])
  })

  it('reports no CoP (null) for a (nearly) empty board instead of dividing noise by ~0', () => {
    expect(centreOfPressure([0.3, -0.1, 0.2, 0.1])).toEqual({
      copXMm: null,
      copYMm: null,
      totalKg: expect.closeTo(0.5, 9),
      copClamped: false
    })
    expect(centreOfPressure([0, 0, 0, 0]).copXMm).toBeNull()
    expect(centreOfPressure([NaN, 0, 0, 0]).copXMm).toBeNull()
  })

  it('loads of opposite signs: the CoP is clamped to the sensor rectangle and flagged', () => {
    // 2 kg in total, but +30 kg front right and -28 kg front left: raw x = 216.5 * 58 / 2 = 6278 mm
    const c = centreOfPressure([30, 0, -28, 0])
    expect(c).toEqual({ copXMm: 216.5, copYMm: 119, totalKg: 2, copClamped: true })
    expect(centreOfPressure([-20, 0, 0, 23])).toMatchObject({
      copXMm: -216.5,
      copYMm: -119,
      copClamped: true
    })
  })

  it(
    'fuzz: any raw words and tare give a CoP inside the board or none, and never a non-finite value',
    { timeout: FUZZ_TIMEOUT_MS },
    () => {
      const word = fc.integer({ min: 0, max: 0xffff })
      const quad = fc.tuple(word, word, word, word)
      const tareArb = fc.tuple(
        ...([0, 1, 2, 3] as const).map(() => fc.double({ min: -50, max: 50, noNaN: true }))
      ) as fc.Arbitrary<[number, number, number, number]>
      fc.assert(
        fc.property(quad, tareArb, (raw, tare) => {
          const d = decodeBalance(raw, cal, tare)
          if (!Number.isFinite(d.totalKg)) return false
          if (d.copXMm === null || d.copYMm === null)
            return d.copXMm === null && d.copYMm === null && d.totalKg < MIN_COP_LOAD_KG
          return (
            d.totalKg >= MIN_COP_LOAD_KG &&
            Math.abs(d.copXMm) <= 216.5 &&
            Math.abs(d.copYMm) <= 119 &&
            // with every load >= 0 the CoP is a weighted mean of the sensor positions: never clamped
            (d.kg.some((k) => k < 0) || !d.copClamped)
          )
        }),
        fuzzParams
      )
    }
  )
})

describe('StepDetector', () => {
  it('needs the load across the threshold for the hold time; hysteresis between on and off', () => {
    const d = new StepDetector({ onKg: 12, offKg: 6, holdMs: 150 })
    const events: unknown[] = []
    const feed = (fromMs: number, toMs: number, kg: number) => {
      for (let t = fromMs; t < toMs; t += 10) {
        const e = d.push(t, kg)
        if (e) events.push(e)
      }
    }
    feed(0, 500, 0.2)
    feed(500, 600, 30) // 100 ms spike: not a step
    feed(600, 800, 0.1)
    feed(800, 2000, 70)
    feed(2000, 3000, 9) // between thresholds: still on
    feed(3000, 4000, 1)
    expect(events).toEqual([
      { tMs: 800, kind: 'step-on' },
      { tMs: 3000, kind: 'step-off' }
    ])
    expect(d.onBoard).toBe(false)
  })
})

describe('fuzz: the report and calibration parsers', () => {
  it(
    'fuzz: any bytes parse as a report or throw WbbMalformedError, and parsed fields stay in range',
    { timeout: FUZZ_TIMEOUT_MS },
    () => {
      const idArb = fc.oneof(
        fc.integer({ min: 0, max: 255 }),
        fc.constantFrom(0x20, 0x21, 0x22, 0x32, 0x34, 0x3d)
      )
      fc.assert(
        fc.property(idArb, fc.uint8Array({ maxLength: 24 }), (id, rest) => {
          const bytes = Uint8Array.from([id, ...rest])
          let r
          try {
            r = parseInputReport(bytes)
          } catch (err) {
            expect(err).toBeInstanceOf(WbbMalformedError)
            return
          }
          if (r.kind === 'board') {
            for (const w of r.raw) expect(w >= 0 && w <= 0xffff && Number.isInteger(w)).toBe(true)
            // the board report re-encodes to the same sensor words
            if (r.mode === DRM_KE || r.mode === DRM_KEE) {
              const again = parseInputReport(
                encodeBoardReport(r.mode, { raw: r.raw, front: r.buttons?.front })
              )
              expect(again).toMatchObject({ kind: 'board', raw: r.raw, buttons: { front: r.buttons?.front } })
            }
          }
          if (r.kind === 'status') expect(r.batteryPct).toBeGreaterThanOrEqual(0)
          if (r.kind === 'status') expect(r.batteryPct).toBeLessThanOrEqual(100)
          if (r.kind === 'read') expect(r.data.length).toBeLessThanOrEqual(16)
        }),
        fuzzParams
      )
    }
  )

  it(
    'fuzz: any 24-byte block is a calibration (increasing rows, round trip) or a WbbMalformedError',
    { timeout: FUZZ_TIMEOUT_MS },
    () => {
      // half the cases are increasing rows, so both branches run
      const increasing = fc
        .tuple(
          ...[0, 1, 2, 3].map(() =>
            fc.tuple(
              fc.integer({ min: 0, max: 0xfffd }),
              fc.integer({ min: 1, max: 0x7fff }),
              fc.integer({ min: 1, max: 0x7fff })
            )
          )
        )
        .map((cols) => {
          const sorted = cols.map(([z, d1, d2]) => [z, z + d1, z + d1 + d2].map((v) => Math.min(v, 0xffff)))
          const row = (r: number) => sorted.map((c) => c[r]!) as [number, number, number, number]
          return encodeCalibration({ kg0: row(0), kg17: row(1), kg34: row(2) })
        })
      const block = fc.oneof(
        increasing,
        fc.uint8Array({ minLength: 24, maxLength: 24 }),
        fc.uint8Array({ maxLength: 30 })
      )
      fc.assert(
        fc.property(block, (bytes) => {
          let cal
          try {
            cal = parseCalibration(bytes)
          } catch (err) {
            return err instanceof WbbMalformedError
          }
          // (plain checks, not expect(): this runs FUZZ_RUNS times)
          let ok = bytesToHex(encodeCalibration(cal)) === bytesToHex(bytes)
          for (let i = 0; i < 4; i++) {
            ok &&= cal.kg0[i]! < cal.kg17[i]! && cal.kg17[i]! < cal.kg34[i]!
            // the conversion is exact at the 17 kg point and increasing
            ok &&= sensorKg(cal.kg17[i]!, cal, i) === 17
            ok &&= sensorKg(cal.kg34[i]!, cal, i) > sensorKg(cal.kg0[i]!, cal, i)
          }
          return ok
        }),
        fuzzParams
      )
    }
  )
})
