import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { BeatSample, GapSample, HeartMeasurementSample } from '../dataSource'
import { FUZZ_TIMEOUT_MS, fuzzParams } from '../../testSupport/fuzz'
import { BEAT_LEAD_TOLERANCE_MS, BeatTimeline, type TimelineResult, type TimedBeat } from './beatTimeline'
import { encodeHeartRateMeasurement, hexToBytes } from './heartRateMeasurement'
import { HeartRateStream, type HeartStreamOutput } from './heartRateStream'

const T0 = Date.UTC(2026, 0, 1, 9, 0, 0) // epoch-scale times, as in the app

function collect(): { stream: HeartRateStream; out: HeartStreamOutput[] } {
  const out: HeartStreamOutput[] = []
  return { stream: new HeartRateStream((s) => out.push(s)), out }
}
const beats = (out: HeartStreamOutput[]) => out.filter((s): s is BeatSample => s.type === 'beat')
const gaps = (out: HeartStreamOutput[]) => out.filter((s): s is GapSample => s.type === 'gap')
const placedBeats = (r: TimelineResult): TimedBeat[] =>
  r.items.flatMap((x) => (x.kind === 'beat' ? [{ tMs: x.tMs, rrMs: x.rrMs, seq: x.seq }] : []))
const placedGaps = (r: TimelineResult) => r.items.filter((x) => x.kind === 'gap')

describe('HeartRateStream on real bytes', () => {
  it('H7 sequence: HR sample for every packet, one beat per RR, anchored to arrival', () => {
    const { stream, out } = collect()
    stream.push(T0, hexToBytes('063C'))
    stream.push(T0 + 1000, hexToBytes('163C1104'))
    stream.push(T0 + 2000, hexToBytes('163CF503'))
    expect(out.filter((s) => s.type === 'hr').map((s) => s.tMs)).toEqual([T0, T0 + 1000, T0 + 2000])
    const b = beats(out)
    expect(b.map((x) => x.rrMs)).toEqual([1016.6015625, (1013 * 1000) / 1024])
    // the first RR packet anchors its beat at arrival; the next follows the RR sum exactly
    expect(b[0]!.tMs).toBe(T0 + 1000)
    expect(b[1]!.tMs - b[0]!.tMs).toBe(b[1]!.rrMs)
    expect(b.map((x) => x.seq)).toEqual([0, 1])
    expect(gaps(out)).toEqual([])
  })

  it('keeps the strap HR apart from RR: HR sample carries the strap value even when RR disagrees', () => {
    const { stream, out } = collect()
    stream.push(T0, encodeHeartRateMeasurement({ hrBpm: 72, contact: 'detected', rrRaw1024: [1024] }))
    expect(out[0]).toMatchObject({ type: 'hr', hrBpm: 72, rrMs: [1000] })
    expect(beats(out)[0]!.rrMs).toBe(1000)
  })

  it('a malformed packet is counted, emits nothing, and the next good packet marks a gap', () => {
    const { stream, out } = collect()
    stream.push(T0, hexToBytes('163C1104'))
    const before = out.length
    expect(stream.push(T0 + 1000, hexToBytes('163C11'))).toBeNull()
    expect(out.length).toBe(before)
    expect(stream.malformedCount).toBe(1)
    expect(stream.lastMalformedReason).toMatch(/RR field/)
    stream.push(T0 + 2000, hexToBytes('163C0004')) // RR 1024 = 1000 ms
    const g = gaps(out)
    expect(g).toHaveLength(1)
    expect(g[0]).toMatchObject({ reason: 'malformed', fromMs: T0, toMs: T0 + 1000 })
    // the new beat interval starts where the gap ends
    const b = beats(out)
    expect(b[1]!.tMs - b[1]!.rrMs).toBe(g[0]!.toMs)
  })

  it('after markLinkLost, stale RRs buffered by the strap never land on top of earlier beats', () => {
    const { stream, out } = collect()
    stream.push(T0, encodeHeartRateMeasurement({ hrBpm: 60, rrRaw1024: [1024] }))
    stream.markLinkLost()
    // reconnect 1.5 s later; strap dumps 5 s of buffered RRs
    stream.push(
      T0 + 1500,
      encodeHeartRateMeasurement({ hrBpm: 60, rrRaw1024: [1024, 1024, 1024, 1024, 1024] })
    )
    const b = beats(out)
    const g = gaps(out)[0]!
    expect(g).toMatchObject({ reason: 'link-lost', fromMs: T0 })
    for (let i = 1; i < b.length; i++) expect(b[i]!.tMs).toBeGreaterThan(b[i - 1]!.tMs)
    expect(b[1]!.tMs - b[1]!.rrMs).toBeGreaterThanOrEqual(g.toMs)
    expect(out.findIndex((s) => s.type === 'gap')).toBeLessThan(
      out.findIndex((s, i) => i > 1 && s.type === 'hr')
    )
  })

  it('link lost then a packet without RR: the gap ends at its arrival and later beats start after it', () => {
    const { stream, out } = collect()
    stream.push(T0, encodeHeartRateMeasurement({ hrBpm: 60, rrRaw1024: [1024] }))
    stream.markLinkLost()
    stream.push(T0 + 10_000, encodeHeartRateMeasurement({ hrBpm: 60 }))
    stream.push(T0 + 11_000, encodeHeartRateMeasurement({ hrBpm: 60, rrRaw1024: [1024, 1024, 1024] }))
    const g = gaps(out)[0]!
    expect(g).toMatchObject({ fromMs: T0, toMs: T0 + 10_000 })
    const first = beats(out)[1]!
    expect(first.tMs - first.rrMs).toBeGreaterThanOrEqual(g.toMs)
  })

  it('markLinkLost before any data emits no gap', () => {
    const { stream, out } = collect()
    stream.markLinkLost()
    stream.push(T0, hexToBytes('163C1104'))
    expect(gaps(out)).toEqual([])
  })
})

describe('BeatTimeline properties', () => {
  const packetsArb = fc.array(
    fc.record({
      delayMs: fc.integer({ min: 200, max: 4000 }),
      rr: fc.array(fc.integer({ min: 300, max: 2000 }), { maxLength: 9 })
    }),
    { minLength: 1, maxLength: 60 }
  )

  it('beat times strictly increase, seq has no holes, spacing within a packet equals RR bit-exactly', () => {
    fc.assert(
      fc.property(packetsArb, (packets) => {
        const tl = new BeatTimeline(5000, 1500)
        let arrival = T0
        let last: { tMs: number; seq: number } | null = null
        for (const p of packets) {
          arrival += p.delayMs
          const rrMs = p.rr.map((r) => (r * 1000) / 1024)
          const result = tl.push(arrival, rrMs)
          const beats = placedBeats(result)
          // what was not placed is counted, and placed beats are the newest of the packet
          expect(beats.length + result.unplacedRr).toBe(rrMs.length)
          expect(beats.map((b) => b.rrMs)).toEqual(rrMs.slice(rrMs.length - beats.length))
          for (let i = 0; i < beats.length; i++) {
            const b = beats[i]!
            expect(b.tMs).toBeLessThanOrEqual(arrival + BEAT_LEAD_TOLERANCE_MS)
            if (last) {
              expect(b.seq).toBe(last.seq + 1)
              expect(b.tMs).toBeGreaterThan(last.tMs)
              // intervals never overlap: each one starts at or after the previous beat
              expect(b.tMs - b.rrMs).toBeGreaterThanOrEqual(last.tMs)
            }
            if (i > 0) expect(b.tMs - beats[i - 1]!.tMs).toBe(b.rrMs)
            last = b
          }
        }
      }),
      { numRuns: 500 }
    )
  })

  it('a steady strap with one packet per second stays anchored: no gaps, beats within a beat of arrival', () => {
    const tl = new BeatTimeline()
    let arrival = T0
    let total = 0
    for (let i = 0; i < 600; i++) {
      arrival += 1000
      const r = tl.push(arrival, [1000])
      expect(placedGaps(r)).toEqual([])
      total += placedBeats(r).length
      expect(Math.abs(placedBeats(r)[0]!.tMs - arrival)).toBeLessThanOrEqual(1000)
    }
    expect(total).toBe(600)
  })

  it('a lag beyond maxLag (beats lost) re-anchors and reports the gap instead of stretching RR', () => {
    const tl = new BeatTimeline(5000, 1500)
    tl.push(T0, [1000])
    const r = tl.push(T0 + 20_000, [1000])
    expect(placedGaps(r)).toEqual([{ kind: 'gap', fromMs: T0, toMs: T0 + 19_000, reason: 'link-lost' }])
    expect(placedBeats(r)[0]!.tMs).toBe(T0 + 20_000)
  })

  it('RRs summing to more than the elapsed time re-anchor the chain at arrival with an rr-overrun gap', () => {
    const tl = new BeatTimeline(5000, 1500)
    tl.push(T0, [1000])
    // 4 s of RR one second later: at most the newest second of it can be new
    const r = tl.push(T0 + 1000, [1000, 1000, 1000, 1000])
    expect(r.overruns).toBe(1)
    expect(r.unplacedRr).toBe(3)
    expect(placedGaps(r)).toEqual([{ kind: 'gap', fromMs: T0, toMs: T0, reason: 'rr-overrun' }])
    expect(placedBeats(r).map((b) => b.tMs)).toEqual([T0 + 1000])
  })
})

describe('HeartRateStream hardening: impossible values and repeated packets (real bytes)', () => {
  const H = (rrRaw1024: number[], hrBpm = 60) =>
    encodeHeartRateMeasurement({ hrBpm, contact: 'detected', rrRaw1024 })
  const hrs = (out: HeartStreamOutput[]) => out.filter((s): s is HeartMeasurementSample => s.type === 'hr')

  /** Every beat no later than the arrival of the packet that carried it, plus the tolerance. */
  function pushAll(stream: HeartRateStream, out: HeartStreamOutput[], packets: [number, Uint8Array][]) {
    for (const [t, bytes] of packets) {
      const before = out.length
      stream.push(t, bytes)
      for (const s of out.slice(before)) {
        if (s.type === 'beat') expect(s.tMs).toBeLessThanOrEqual(t + BEAT_LEAD_TOLERANCE_MS)
      }
    }
  }

  it('one RR of 0xFFFF (64 s): a marked gap, the chain re-anchored, no beat in the future', () => {
    const { stream, out } = collect()
    const packets: [number, Uint8Array][] = []
    for (let i = 0; i < 120; i++) packets.push([T0 + i * 1000, H(i === 30 ? [0xffff] : [1024])])
    pushAll(stream, out, packets)
    const g = gaps(out)
    expect(g).toHaveLength(1)
    expect(g[0]).toMatchObject({ reason: 'rr-implausible', fromMs: T0 + 29_000, toMs: T0 + 30_000 })
    const b = beats(out)
    expect(b).toHaveLength(119) // every RR but the bogus one
    expect(b.every((x) => x.rrMs === 1000)).toBe(true)
    // after it, beats sit on their packets' arrival again (before the fix: 63 s ahead)
    expect(b.at(-1)!.tMs).toBe(T0 + 119_000)
    expect(stream.qualityCounts).toMatchObject({ rrImplausible: 1, rrOverruns: 0, rrUnplaced: 0 })
    // the HR of that packet is kept
    expect(hrs(out)[30]).toMatchObject({ tMs: T0 + 30_000, hrBpm: 60, rrMs: [] })
  })

  it('0xFFFF between good RRs: those before it continue the chain, those after it are anchored to arrival', () => {
    const { stream, out } = collect()
    stream.push(T0, H([1024]))
    stream.push(T0 + 3000, H([1024, 0xffff, 1024, 1024]))
    const b = beats(out)
    expect(b.map((x) => x.tMs)).toEqual([T0, T0 + 1000, T0 + 2000, T0 + 3000])
    const g = gaps(out)[0]!
    expect(g).toMatchObject({ reason: 'rr-implausible', fromMs: T0 + 1000, toMs: T0 + 1000 })
    // the gap sits between the beats it separates
    const order = out.filter((s) => s.type !== 'hr').map((s) => s.type)
    expect(order).toEqual(['beat', 'beat', 'gap', 'beat', 'beat'])
  })

  it('ten duplicated notifications are counted and become no beat; the chain stays on time', () => {
    const { stream, out } = collect()
    const packets: [number, Uint8Array][] = []
    for (let i = 0; i < 20; i++) packets.push([T0 + i * 1000, H([1024 + (i % 3)])])
    // the notification at 10 s delivered ten more times within a few ms (double subscription)
    for (let k = 1; k <= 10; k++) packets.splice(10 + k, 0, [T0 + 10_000 + k, H([1024 + (10 % 3)])])
    pushAll(stream, out, packets)
    expect(stream.qualityCounts.duplicates).toBe(10)
    expect(beats(out)).toHaveLength(20)
    expect(hrs(out)).toHaveLength(20)
    expect(gaps(out)).toEqual([])
    // exactly the chain of the 20 real notifications: anchored at the first, then RR by RR
    let expected = T0
    for (let i = 1; i < 20; i++) expected += ((1024 + (i % 3)) * 1000) / 1024
    expect(beats(out).at(-1)!.tMs).toBe(expected)
  })

  it('an identical notification one RR later is a new one, not a duplicate', () => {
    const { stream, out } = collect()
    for (let i = 0; i < 5; i++) stream.push(T0 + i * 1000, H([1024]))
    expect(stream.qualityCounts.duplicates).toBe(0)
    expect(beats(out)).toHaveLength(5)
  })

  it('an out-of-order notification is counted and dropped whole', () => {
    const { stream, out } = collect()
    stream.push(T0, H([1024]))
    stream.push(T0 + 1000, H([1024]))
    expect(stream.push(T0 + 500, H([1030], 61))).toBeNull()
    stream.push(T0 + 2000, H([1024]))
    expect(stream.qualityCounts.outOfOrder).toBe(1)
    expect(stream.lastDropReason).toMatch(/out of order/)
    expect(beats(out).map((b) => b.tMs)).toEqual([T0, T0 + 1000, T0 + 2000])
    expect(hrs(out).map((h) => h.hrBpm)).toEqual([60, 60, 60])
  })

  it('RR = 0 drops only that RR: the packet, its HR and its other RRs are kept, no gap', () => {
    const { stream, out } = collect()
    stream.push(T0, hexToBytes('16 48 00 04'))
    stream.push(T0 + 1000, hexToBytes('16 48 00 00 00 04')) // HR 72, RR 0 then RR 1000 ms
    expect(hrs(out).map((h) => h.hrBpm)).toEqual([72, 72])
    expect(beats(out).map((b) => [b.tMs, b.rrMs])).toEqual([
      [T0, 1000],
      [T0 + 1000, 1000]
    ])
    expect(gaps(out)).toEqual([])
    expect(stream.qualityCounts).toMatchObject({ rrZero: 1, rrImplausible: 0 })
    expect(stream.malformedCount).toBe(0)
  })

  it('HR 0 and HR 301 are flagged (hrBpm null) and counted; their RRs still become beats', () => {
    const { stream, out } = collect()
    stream.push(T0, hexToBytes('16 00 00 04')) // HR 0: no contact yet
    stream.push(T0 + 1000, hexToBytes('17 2D 01 00 04')) // uint16 HR 301
    stream.push(T0 + 2000, hexToBytes('16 2C 00 04')) // HR 44, RR 1000 ms
    expect(hrs(out).map((h) => h.hrBpm)).toEqual([null, null, 44])
    expect(beats(out)).toHaveLength(3)
    expect(stream.qualityCounts.hrOutOfRange).toBe(2)
  })

  // Any mix of good, bogus, repeated and reordered notifications at any timing keeps the rules.
  const packetArb = fc.record({
    delayMs: fc.integer({ min: -300, max: 6000 }),
    dup: fc.boolean(),
    hr: fc.integer({ min: 0, max: 400 }),
    rr: fc.array(
      fc.oneof(
        { weight: 8, arbitrary: fc.integer({ min: 300, max: 2000 }) },
        { weight: 1, arbitrary: fc.constantFrom(0, 1, 100, 0xffff, 7000, 30_000) }
      ),
      { maxLength: 6 }
    )
  })

  it('mixed faults: beats are never later than their packet + tolerance, strictly increase and never overlap', () => {
    fc.assert(
      fc.property(fc.array(packetArb, { minLength: 1, maxLength: 40 }), (packets) => {
        const { stream, out } = collect()
        let t = T0
        let lastBeat: BeatSample | null = null
        for (const p of packets) {
          t += p.delayMs
          const bytes = H(p.rr, p.hr)
          for (const copy of p.dup ? [0, 1] : [0]) {
            const before = out.length
            stream.push(t + copy, bytes)
            for (const s of out.slice(before)) {
              if (s.type === 'hr') expect(s.hrBpm === null || (s.hrBpm >= 20 && s.hrBpm <= 300)).toBe(true)
              if (s.type === 'gap') expect(s.toMs).toBeGreaterThanOrEqual(s.fromMs)
              if (s.type !== 'beat') continue
              expect(s.rrMs).toBeGreaterThanOrEqual(200)
              expect(s.rrMs).toBeLessThanOrEqual(6000)
              expect(s.tMs).toBeLessThanOrEqual(t + copy + BEAT_LEAD_TOLERANCE_MS)
              if (lastBeat) {
                expect(s.tMs - s.rrMs).toBeGreaterThanOrEqual(lastBeat.tMs)
                expect(s.seq).toBe(lastBeat.seq + 1)
              }
              lastBeat = s
            }
          }
        }
      }),
      { numRuns: 2000 }
    )
  })

  it(
    'fuzz: arbitrary bytes at arbitrary times never throw and never put a beat in the future',
    { timeout: FUZZ_TIMEOUT_MS },
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.integer({ min: -2000, max: 5000 }), fc.uint8Array({ maxLength: 20 })), {
            maxLength: 12
          }),
          (packets) => {
            const { stream, out } = collect()
            let t = T0
            for (const [delayMs, bytes] of packets) {
              t += delayMs
              const before = out.length
              stream.push(t, bytes)
              for (const s of out.slice(before))
                if (s.type === 'beat') expect(s.tMs).toBeLessThanOrEqual(t + BEAT_LEAD_TOLERANCE_MS)
            }
            const q = stream.qualityCounts
            expect(Object.values(q).every((n) => Number.isInteger(n) && n >= 0)).toBe(true)
          }
        ),
        fuzzParams
      )
    }
  )
})
