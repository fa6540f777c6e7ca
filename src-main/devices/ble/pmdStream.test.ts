import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FUZZ_TIMEOUT_MS, fuzzParams } from '../../testSupport/fuzz'
import { encodeCompressedPmdFrame, encodeRawPmdFrame } from './pmdFrame'
import { PMD_ACC, PMD_ECG } from './pmdProtocol'
import { PmdStream, type PmdEvent, type PmdGap, type PmdSamples } from './pmdStream'

const HZ = 50
const NS_PER_SAMPLE = 20_000_000n
/** ACC frame of `n` samples whose last sample is sensor sample number `last`. */
function accFrame(last: number, n = 10, compressed = true): Uint8Array {
  const samples = Array.from({ length: n }, (_, i) => [last - n + 1 + i, -1000, 50])
  const ts = 1_000_000_000_000n + BigInt(last) * NS_PER_SAMPLE
  return compressed
    ? encodeCompressedPmdFrame(PMD_ACC, ts, samples)
    : encodeRawPmdFrame(PMD_ACC, ts, 0x01, samples)
}

function setup(): {
  stream: PmdStream
  events: PmdEvent[]
  samples: () => PmdSamples[]
  gaps: () => PmdGap[]
} {
  const events: PmdEvent[] = []
  const stream = new PmdStream((e) => events.push(e))
  stream.configure('acc', { sampleRateHz: HZ })
  return {
    stream,
    events,
    samples: () => events.filter((e): e is PmdSamples => e.kind === 'samples'),
    gaps: () => events.filter((e): e is PmdGap => e.kind === 'gap')
  }
}

describe('PmdStream', () => {
  it('anchors the first frame to arrival and follows the sensor clock, not BLE jitter', () => {
    const s = setup()
    s.stream.push(10_000, accFrame(9))
    s.stream.push(10_250, accFrame(19)) // arrives 50 ms late
    s.stream.push(10_390, accFrame(29))
    const t = s.samples().flatMap((e) => e.tMs)
    expect(t.length).toBe(30)
    expect(t[9]).toBe(10_000)
    for (let i = 1; i < t.length; i++) expect(t[i]! - t[i - 1]!).toBeCloseTo(20, 6)
    expect(s.samples()[0]!.values.slice(0, 3)).toEqual([0, -1000, 50])
    expect(s.gaps()).toEqual([])
    expect(s.stream.quality).toMatchObject({ frames: 3, samples: 30, malformed: 0 })
  })

  it('a lost frame shows as a timestamp jump and a gap; samples stay in order', () => {
    const s = setup()
    s.stream.push(0, accFrame(9))
    s.stream.push(400, accFrame(29)) // frame 19 never came
    expect(s.stream.quality.timestampJumps).toBe(1)
    expect(s.gaps()).toEqual([
      { kind: 'gap', measurement: 'acc', fromMs: 0, toMs: 400 - 180, reason: 'timestamp-jump' }
    ])
  })

  it('a truncated frame is dropped, counted once, and leaves a gap (not also a jump)', () => {
    const s = setup()
    s.stream.push(0, accFrame(9))
    const cut = accFrame(19)
    s.stream.push(200, cut.subarray(0, cut.length - 3))
    s.stream.push(400, accFrame(29))
    expect(s.stream.quality).toMatchObject({ malformed: 1, timestampJumps: 0 })
    expect(s.gaps().map((g) => g.reason)).toEqual(['malformed'])
    expect(s.stream.lastProblem).toMatch(/truncated/)
  })

  it('unknown frame types are counted without a gap; stale or repeated frames are dropped', () => {
    const s = setup()
    s.stream.push(0, accFrame(9))
    const unknown = accFrame(19)
    unknown[9] = 0x05
    s.stream.push(200, unknown)
    s.stream.push(200, accFrame(9)) // repeated
    s.stream.push(200, accFrame(19))
    expect(s.stream.quality).toMatchObject({ unknownFrameType: 1, outOfOrder: 1, frames: 2 })
    expect(s.gaps()).toEqual([])
  })

  it('a stream that stops and restarts is marked with a link-lost gap', () => {
    const s = setup()
    s.stream.push(0, accFrame(9, 10, false))
    s.stream.markLinkLost()
    s.stream.push(30_000, accFrame(5, 10, false)) // sensor restarted its count
    expect(s.gaps()).toEqual([
      { kind: 'gap', measurement: 'acc', fromMs: 0, toMs: 30_000 - 180, reason: 'link-lost' }
    ])
  })

  it('scales compressed ACC counts by the settings factor to mG; ECG is µV as sent', () => {
    const events: PmdEvent[] = []
    const stream = new PmdStream((e) => events.push(e))
    stream.configure('acc', { sampleRateHz: HZ, factor: 0.000244 })
    stream.configure('ecg', { sampleRateHz: 130 })
    stream.push(0, encodeCompressedPmdFrame(PMD_ACC, 100n, [[1000, -2000, 0]]))
    stream.push(0, encodeRawPmdFrame(PMD_ECG, 100n, 0x00, [[-120], [340]]))
    const [acc, ecg] = events as PmdSamples[]
    expect(acc!.values[0]).toBeCloseTo(244, 6)
    expect(acc!.values[1]).toBeCloseTo(-488, 6)
    expect(ecg).toMatchObject({ measurement: 'ecg', values: [-120, 340], channels: 1 })
    expect(ecg!.tMs[1]! - ecg!.tMs[0]!).toBeCloseTo(1000 / 130, 6)
  })

  it(
    'fuzz: any sequence of good, cut, corrupted and reordered frames: no throw, times strictly increase',
    () => {
      const op = fc.record({
        frame: fc.integer({ min: 0, max: 60 }),
        mutate: fc.constantFrom('none', 'cut', 'flip', 'type'),
        at: fc.nat(),
        arrivalStepMs: fc.integer({ min: 0, max: 2000 }),
        lost: fc.boolean()
      })
      fc.assert(
        fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
          const s = setup()
          let arrival = 0
          for (const o of ops) {
            arrival += o.arrivalStepMs
            if (o.lost) s.stream.markLinkLost()
            const bytes = accFrame(o.frame * 10 + 9).slice()
            const i = o.at % bytes.length
            if (o.mutate === 'cut') s.stream.push(arrival, bytes.subarray(0, i))
            else if (o.mutate === 'flip') {
              bytes[i] = bytes[i]! ^ 0xff
              s.stream.push(arrival, bytes)
            } else if (o.mutate === 'type') {
              bytes[9] = o.at % 256
              s.stream.push(arrival, bytes)
            } else s.stream.push(arrival, bytes)
          }
          const t = s.samples().flatMap((e) => e.tMs)
          for (let k = 1; k < t.length; k++) expect(t[k]!).toBeGreaterThan(t[k - 1]!)
          for (const g of s.gaps()) expect(g.toMs).toBeGreaterThan(g.fromMs)
        }),
        fuzzParams
      )
    },
    FUZZ_TIMEOUT_MS
  )
})
