import { describe, expect, it } from 'vitest'
import type { Sample } from '../../devices/dataSource'
import { baselineStats } from '../../signal/baseline'
import { LIVE_SETTLING_MS, LiveMetricsPipeline, STALE_MS, type JudgedBeat } from './liveMetrics'

const T0 = 1_000_000

/** A steady heart with RSA at `breathsPerMin`: RR = 800 ms +/- 40 ms. */
function rrAt(tMs: number, breathsPerMin = 12): number {
  return 800 + 40 * Math.sin((2 * Math.PI * breathsPerMin * (tMs - T0)) / 60000)
}

function feed(
  p: LiveMetricsPipeline,
  fromMs: number,
  toMs: number,
  source = 'sim',
  edit?: (rr: number, i: number) => number
) {
  let t = fromMs
  let i = 0
  while (t < toMs) {
    let rr = rrAt(t)
    rr = edit ? edit(rr, i) : rr
    t += rr
    p.push({ type: 'beat', tMs: t, rrMs: rr, seq: i++ } as Sample, source)
  }
  return t
}

describe('LiveMetricsPipeline', () => {
  it('judges every beat in order with its own time, and gives HR/RMSSD/breathing for a steady heart', () => {
    const p = new LiveMetricsPipeline({ baseline: () => baselineStats([]) })
    const judged: JudgedBeat[] = []
    p.onBeat((b) => judged.push(b))
    const end = feed(p, T0, T0 + 120_000)
    const m = p.metrics(end)!
    expect(m.hrBpm!).toBeCloseTo(60000 / 800, 0)
    expect(m.rmssdMs!).toBeGreaterThan(10)
    expect(m.respRateBpm!).toBeCloseTo(12, 0)
    expect(m.artifactRate).toBe(0)
    expect(m.quality).toBe('good')
    // Judged with a lag of a few beats; times strictly increasing and matching the raw beats.
    expect(judged.length).toBeGreaterThan(140)
    expect(judged.every((b, i) => i === 0 || b.tMs > judged[i - 1]!.tMs)).toBe(true)
    expect(judged.every((b) => b.artifact === null && b.cleanRrMs === b.rrMs)).toBe(true)
  })

  it('a missed beat is flagged and split; HR is not pulled down by it', () => {
    const p = new LiveMetricsPipeline({ baseline: () => baselineStats([]) })
    const judged: JudgedBeat[] = []
    p.onBeat((b) => judged.push(b))
    // Beat 60 is missed by the strap: its interval and the next arrive as one.
    let t = T0
    let pendingMerge = 0
    for (let i = 0; t < T0 + 90_000; i++) {
      const rr = rrAt(t)
      if (i === 60) {
        pendingMerge = rr
        t += rr
        continue
      }
      t += rr
      p.push({ type: 'beat', tMs: t, rrMs: rr + pendingMerge, seq: i }, 'sim')
      pendingMerge = 0
    }
    const missed = judged.filter((b) => b.artifact === 'missed')
    expect(missed).toHaveLength(1)
    expect(missed[0]!.cleanParts).toBe(2)
    expect(missed[0]!.cleanRrMs!).toBeCloseTo(missed[0]!.rrMs / 2, 6)
    expect(p.metrics(t)!.hrBpm!).toBeCloseTo(75, 0)
  })

  it('settling: confidence 0 for the first 15 s, and again after a drop-out', () => {
    const p = new LiveMetricsPipeline({ baseline: () => baselineStats([]) })
    let t = feed(p, T0, T0 + LIVE_SETTLING_MS - 2000)
    expect(p.metrics(t)!.arousal!.confidence).toBe(0)
    expect(p.metrics(t)!.arousal!.reasons).toContainEqual({ kind: 'settling' })
    t = feed(p, t, T0 + 100_000)
    expect(p.metrics(t)!.arousal!.confidence).toBeGreaterThan(0.3)
    let gaps = 0
    p.onGap(() => gaps++)
    p.push(
      { type: 'gap', tMs: t + 3000, channel: 'heart', fromMs: t, toMs: t + 3000, reason: 'link-lost' },
      'sim'
    )
    expect(gaps).toBe(0) // reported when the judged beats (a few beats behind) reach it
    t = feed(p, t + 3000, t + 8000)
    expect(gaps).toBe(1)
    const after = p.metrics(t)!
    expect(after.arousal!.confidence).toBe(0)
    // The window still holds the data before the gap: HR is there.
    expect(after.hrBpm).not.toBeNull()
  })

  it('no contact or no beats: quality poor, no HR, reason no-contact; nothing at all once stale', () => {
    const p = new LiveMetricsPipeline({ baseline: () => baselineStats([]) })
    const t = feed(p, T0, T0 + 60_000)
    p.push({ type: 'hr', tMs: t + 500, hrBpm: 0, contact: 'not-detected', energyKj: null, rrMs: [] }, 'sim')
    const m = p.metrics(t + 1000)!
    expect(m.quality).toBe('poor')
    expect(m.hrBpm).toBeNull()
    expect(m.arousal!.reasons[0]).toEqual({ kind: 'no-contact' })
    expect(p.metrics(t + 500 + STALE_MS + 1)).toBeNull()
  })

  it('a new source starts from scratch', () => {
    const p = new LiveMetricsPipeline({ baseline: () => baselineStats([]) })
    let t = feed(p, T0, T0 + 60_000, 'a', (rr) => rr * 0.75) // 100 bpm
    expect(p.metrics(t)!.hrBpm!).toBeGreaterThan(95)
    t = feed(p, t, t + 40_000, 'b') // 75 bpm from another strap (past the cleaner's warm-up)
    const m = p.metrics(t)!
    expect(m.hrBpm!).toBeLessThan(80)
    // Settling and the clean-data clock started again with the new strap: ~25 s clean, low.
    expect(m.arousal!.confidence).toBeLessThan(0.2)
  })

  it('ignores balance samples and other channels', () => {
    const p = new LiveMetricsPipeline({ baseline: () => baselineStats([]) })
    p.push({ type: 'balance', tMs: T0, kg: [1, 1, 1, 1], totalKg: 4, copXMm: 0, copYMm: 0 }, 'board')
    p.push({ type: 'gap', tMs: T0, channel: 'balance', fromMs: T0, toMs: T0, reason: 'link-lost' }, 'board')
    expect(p.metrics(T0)).toBeNull()
  })
})
