import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { BeatSample, GapSample } from '../dataSource'
import { BeatTimeline } from './beatTimeline'
import { encodeHeartRateMeasurement, hexToBytes } from './heartRateMeasurement'
import { HeartRateStream, type HeartStreamOutput } from './heartRateStream'

const T0 = Date.UTC(2026, 0, 1, 9, 0, 0) // epoch-scale times, as in the app

function collect(): { stream: HeartRateStream; out: HeartStreamOutput[] } {
  const out: HeartStreamOutput[] = []
  return { stream: new HeartRateStream((s) => out.push(s)), out }
}
const beats = (out: HeartStreamOutput[]) => out.filter((s): s is BeatSample => s.type === 'beat')
const gaps = (out: HeartStreamOutput[]) => out.filter((s): s is GapSample => s.type === 'gap')

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
          const { beats } = tl.push(arrival, rrMs)
          expect(beats.map((b) => b.rrMs)).toEqual(rrMs)
          for (let i = 0; i < beats.length; i++) {
            const b = beats[i]!
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
      const { gap, beats } = tl.push(arrival, [1000])
      expect(gap).toBeNull()
      total += beats.length
      expect(Math.abs(beats[0]!.tMs - arrival)).toBeLessThanOrEqual(1000)
    }
    expect(total).toBe(600)
  })

  it('a lag beyond maxLag (beats lost) re-anchors and reports the gap instead of stretching RR', () => {
    const tl = new BeatTimeline(5000, 1500)
    tl.push(T0, [1000])
    const { gap, beats } = tl.push(T0 + 20_000, [1000])
    expect(gap).toEqual({ fromMs: T0, toMs: T0 + 19_000 })
    expect(beats[0]!.tMs).toBe(T0 + 20_000)
  })
})
