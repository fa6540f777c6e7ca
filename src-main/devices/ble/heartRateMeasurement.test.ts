import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  bytesToHex,
  decodeHeartRateMeasurement,
  encodeHeartRateMeasurement,
  hexToBytes,
  MalformedPacketError,
  msToRr1024,
  rr1024ToMs
} from './heartRateMeasurement'
import { FUZZ_TIMEOUT_MS, fuzzParams } from '../../testSupport/fuzz'

const decodeHex = (hex: string) => decodeHeartRateMeasurement(hexToBytes(hex))

describe('0x2A37 real captures (notes/ble-heart-rate.md §2-3)', () => {
  it('Polar H7 first notification 06 3C: HR 60, contact detected, no RR', () => {
    expect(decodeHex('06 3C')).toMatchObject({ hrBpm: 60, contact: 'detected', energyKj: null, rrMs: [] })
  })

  it('Polar H7 then 16 3C 11 04: one RR of 1041/1024 s, exact', () => {
    const m = decodeHex('16 3C 11 04')
    expect(m).toMatchObject({ hrBpm: 60, contact: 'detected', energyKj: null, rrRaw1024: [1041] })
    expect(m.rrMs).toEqual([1016.6015625])
  })

  it('Polar H7 16 3C F5 03: RR 1013/1024 s', () => {
    expect(decodeHex('163CF503').rrMs).toEqual([(1013 * 1000) / 1024])
  })

  it('unbranded strap 16 34 E4 04: HR 52, RR ~1.2 s', () => {
    const m = decodeHex('16 34 E4 04')
    expect(m.hrBpm).toBe(52)
    expect(m.rrMs).toEqual([1222.65625])
  })

  it('flags 0x12 (status bit without supported bit) means contact unsupported', () => {
    expect(decodeHex('12 36 00 04').contact).toBe('unsupported')
  })

  it('02 36: HR 54 with no RR and no contact support', () => {
    expect(decodeHex('02 36')).toMatchObject({ hrBpm: 54, contact: 'unsupported', rrMs: [] })
  })

  it('10 4E BA 03 9F 03: no contact info, HR 78, two RRs oldest first', () => {
    const m = decodeHex('10 4E BA 03 9F 03')
    expect(m).toMatchObject({ hrBpm: 78, contact: 'unsupported', rrRaw1024: [0x03ba, 0x039f] })
  })

  it('Polar SDK test vectors: 09 00 00 FF FF (EE 65535) and 11 00 00 FF FF 7F 80 (uint16 HR, 2 RRs)', () => {
    expect(decodeHex('09 00 00 FF FF')).toMatchObject({
      hrBpm: 0,
      hrFormat: 'uint16',
      energyKj: 65535,
      rrMs: []
    })
    const m = decodeHex('11 00 00 FF FF 7F 80')
    expect(m.rrRaw1024).toEqual([65535, 32895])
    // Polar floors to 63999 and 32124 ms; we keep the exact values.
    expect(m.rrMs.map(Math.floor)).toEqual([63999, 32124])
    expect(m.rrMs[0]).toBe(63999.0234375)
  })

  it('contact supported but not detected: flags 0x04', () => {
    expect(decodeHex('04 48').contact).toBe('not-detected')
  })

  it('RR flag with zero RR values is legal ("zero or more")', () => {
    expect(decodeHex('10 4E')).toMatchObject({ hrBpm: 78, rrMs: [] })
  })

  it('RR 0 and HR 0 are decoded as sent (the stream judges them, not the decoder)', () => {
    expect(decodeHex('16 00 00 00 11 04')).toMatchObject({
      hrBpm: 0,
      rrRaw1024: [0, 1041],
      rrMs: [0, 1016.6015625]
    })
  })

  it('reserved bits 5-7 are ignored', () => {
    expect(decodeHex('F6 3C')).toMatchObject({ hrBpm: 60, contact: 'detected' })
  })
})

describe('malformed packets are rejected whole', () => {
  const bad: [string, RegExp][] = [
    ['', /at least 2/],
    ['06', /at least 2/],
    ['01 3C', /uint16 heart rate/], // uint16 HR needs 2 bytes
    ['08 3C 01', /energy expended/], // EE needs 2 bytes
    ['16 3C 11', /RR field has 1 byte/], // dangling RR byte
    ['18 3C 00 01 11', /RR field has 1 byte/],
    ['06 3C 00', /trailing/] // no RR flag but extra bytes
  ]
  for (const [hex, reason] of bad) {
    it(`"${hex}"`, () => {
      const bytes = hex ? hexToBytes(hex) : new Uint8Array()
      expect(() => decodeHeartRateMeasurement(bytes)).toThrow(MalformedPacketError)
      expect(() => decodeHeartRateMeasurement(bytes)).toThrow(reason)
    })
  }
})

const contactArb = fc.constantFrom('unsupported' as const, 'not-detected' as const, 'detected' as const)
const measurementArb = fc.record({
  hrFormat: fc.constantFrom('uint8' as const, 'uint16' as const),
  hr8: fc.integer({ min: 0, max: 255 }),
  hr16: fc.integer({ min: 0, max: 0xffff }),
  contact: contactArb,
  energyKj: fc.option(fc.integer({ min: 0, max: 0xffff }), { nil: null }),
  rrRaw1024: fc.array(fc.integer({ min: 1, max: 0xffff }), { maxLength: 12 }),
  rrFlag: fc.boolean()
})

describe('encoder/decoder round trip (property)', () => {
  // every flag combination explicitly: bit0 x contact (3) x bit3 x bit4 = 24, values random
  const combos = (['uint8', 'uint16'] as const).flatMap((hrFormat) =>
    (['unsupported', 'not-detected', 'detected'] as const).flatMap((contact) =>
      [false, true].flatMap((energy) => [false, true].map((rr) => ({ hrFormat, contact, energy, rr })))
    )
  )
  it('covers all 24 flag combinations', () => {
    const flags = combos.map(
      (c) =>
        encodeHeartRateMeasurement({
          hrBpm: 1,
          hrFormat: c.hrFormat,
          contact: c.contact,
          energyKj: c.energy ? 1 : null,
          rrFlag: c.rr
        })[0]
    )
    expect(new Set(flags).size).toBe(24)
  })

  for (const c of combos) {
    it(`decode(encode(x)) == x: ${c.hrFormat} HR, contact ${c.contact}, EE ${c.energy}, RR ${c.rr}`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: c.hrFormat === 'uint16' ? 0xffff : 0xff }),
          fc.integer({ min: 0, max: 0xffff }),
          fc.array(fc.integer({ min: 1, max: 0xffff }), { maxLength: c.rr ? 12 : 0 }),
          (hrBpm, energy, rrRaw1024) => {
            const energyKj = c.energy ? energy : null
            const bytes = encodeHeartRateMeasurement({
              hrBpm,
              hrFormat: c.hrFormat,
              contact: c.contact,
              energyKj,
              rrRaw1024,
              rrFlag: c.rr
            })
            const m = decodeHeartRateMeasurement(bytes)
            expect(m.hrBpm).toBe(hrBpm)
            expect(m.hrFormat).toBe(c.hrFormat === 'uint16' || hrBpm > 255 ? 'uint16' : 'uint8')
            expect(m.contact).toBe(c.contact)
            expect(m.energyKj).toBe(energyKj)
            expect(m.rrRaw1024).toEqual(rrRaw1024)
            expect(m.rrMs).toEqual(rrRaw1024.map((r) => (r * 1000) / 1024))
            // and the bytes survive a second trip unchanged
            const again = encodeHeartRateMeasurement({ ...m, rrFlag: c.rr })
            expect(bytesToHex(again)).toBe(bytesToHex(bytes))
          }
        ),
        { numRuns: 200 }
      )
    })
  }

  it(
    'fuzz: any byte string either decodes consistently or throws MalformedPacketError, never anything else',
    { timeout: FUZZ_TIMEOUT_MS },
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 24 }), (bytes) => {
          let m
          try {
            m = decodeHeartRateMeasurement(bytes)
          } catch (err) {
            expect(err).toBeInstanceOf(MalformedPacketError)
            return
          }
          const flags = bytes[0]!
          const expectedLength =
            1 + (flags & 1 ? 2 : 1) + (flags & 8 ? 2 : 0) + (flags & 0x10 ? 2 * m.rrRaw1024.length : 0)
          expect(bytes.length).toBe(expectedLength)
          // values are in their fields' ranges, RR exact, and the bytes re-encode to themselves
          expect(m.hrBpm).toBeLessThanOrEqual(flags & 1 ? 0xffff : 0xff)
          expect(m.rrMs).toEqual(m.rrRaw1024.map((r) => (r * 1000) / 1024))
          expect(m.rrMs.every((r) => r >= 0 && r < 64_000)).toBe(true)
          const again = encodeHeartRateMeasurement({ ...m, rrFlag: (flags & 0x10) !== 0 })
          expect(bytesToHex(again.slice(1))).toBe(bytesToHex(bytes.slice(1)))
          expect(again[0]! & 0x1f).toBe(flags & 0x1f & (flags & 4 ? 0x1f : 0x1d))
        }),
        fuzzParams
      )
    }
  )

  it('cutting any byte off a packet without RR makes it malformed', () => {
    fc.assert(
      fc.property(measurementArb, fc.integer({ min: 1, max: 5 }), (x, cut) => {
        const bytes = encodeHeartRateMeasurement({ ...x, hrBpm: x.hr8, rrRaw1024: [], rrFlag: false })
        const truncated = bytes.slice(0, Math.max(0, bytes.length - cut))
        expect(() => decodeHeartRateMeasurement(truncated)).toThrow(MalformedPacketError)
      })
    )
  })

  it('an odd number of bytes cut from a packet with RR makes it malformed', () => {
    fc.assert(
      fc.property(measurementArb, fc.integer({ min: 0, max: 3 }), (x, k) => {
        const rr = x.rrRaw1024.length ? x.rrRaw1024 : [1000]
        const bytes = encodeHeartRateMeasurement({ ...x, hrBpm: x.hr8, hrFormat: 'uint8', rrRaw1024: rr })
        const cut = 2 * k + 1
        fc.pre(cut <= 2 * rr.length)
        expect(() => decodeHeartRateMeasurement(bytes.slice(0, bytes.length - cut))).toThrow(
          MalformedPacketError
        )
      })
    )
  })
})

describe('encoder range checks and units', () => {
  it('refuses values that do not fit instead of masking them', () => {
    expect(() => encodeHeartRateMeasurement({ hrBpm: 70000 })).toThrow(RangeError)
    expect(() => encodeHeartRateMeasurement({ hrBpm: 60, energyKj: 65536 })).toThrow(RangeError)
    expect(() => encodeHeartRateMeasurement({ hrBpm: 60, rrRaw1024: [0x10000] })).toThrow(RangeError)
    expect(() => encodeHeartRateMeasurement({ hrBpm: 60, rrRaw1024: [-1] })).toThrow(RangeError)
    expect(() => encodeHeartRateMeasurement({ hrBpm: 60.5 })).toThrow(RangeError)
  })

  it('HR above 255 switches to uint16 automatically', () => {
    expect(bytesToHex(encodeHeartRateMeasurement({ hrBpm: 300 }))).toBe('012c01')
  })

  it('re-encodes the H7 capture byte for byte', () => {
    expect(
      bytesToHex(encodeHeartRateMeasurement({ hrBpm: 60, contact: 'detected', rrRaw1024: [1041] }))
    ).toBe('163c1104')
  })

  it('rr1024ToMs is exact and msToRr1024 rounds to the nearest unit', () => {
    expect(rr1024ToMs(1041)).toBe(1016.6015625)
    expect(msToRr1024(1016.6015625)).toBe(1041)
    expect(msToRr1024(0)).toBe(1)
  })

  it('hexToBytes accepts spaces, colons and 0x prefixes, and rejects junk', () => {
    expect(bytesToHex(hexToBytes('16 3C 11 04'))).toBe('163c1104')
    expect(bytesToHex(hexToBytes('16:3c:11:04'))).toBe('163c1104')
    expect(bytesToHex(hexToBytes('0x16 0x3C'))).toBe('163c')
    expect(() => hexToBytes('16 3')).toThrow(/odd/)
    expect(() => hexToBytes('zz')).toThrow(/not hex/)
    expect(() => hexToBytes('  ')).toThrow(/empty/)
  })
})
