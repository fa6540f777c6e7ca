import { describe, expect, it } from 'vitest'
import type { LiveMetrics } from '../../shared/arousal'
import { RECENT_WINDOW_MS, RecentWindow } from './liveRecent'

const T0 = Date.UTC(2026, 11, 3, 9, 0, 0)

const metrics = (tMs: number): LiveMetrics => ({
  tMs,
  hrBpm: 70,
  rmssdMs: 40,
  lnRmssd: Math.log(40),
  sdnnMs: 50,
  respRateBpm: null,
  respConfidence: null,
  artifactRate: 0,
  quality: 'good',
  arousal: null
})

describe('RecentWindow (the last two minutes main keeps for the Live screen)', () => {
  it('keeps the beats and metrics of the last window, oldest first, and drops older ones', () => {
    const w = new RecentWindow()
    // Three minutes of beats at 60 bpm and metrics every second.
    for (let s = 0; s <= 180; s++) {
      w.addBeat({ tMs: T0 + s * 1000, rrMs: 1000, hrBpm: 60, seq: s })
      w.addMetrics(metrics(T0 + s * 1000))
    }
    const { beats, metrics: ms } = w.snapshot()
    expect(beats[0]!.tMs).toBe(T0 + 180_000 - RECENT_WINDOW_MS)
    expect(beats.at(-1)!.seq).toBe(180)
    expect(beats).toHaveLength(RECENT_WINDOW_MS / 1000 + 1)
    expect(ms[0]!.tMs).toBe(T0 + 60_000)
    expect(ms).toHaveLength(121)
  })

  it('a silent source keeps its last beats (the screen marks them stale); new beats push them out', () => {
    const w = new RecentWindow()
    w.addBeat({ tMs: T0, rrMs: 800, hrBpm: 75, seq: 0 })
    w.addBeat({ tMs: T0 + 800, rrMs: 800, hrBpm: 75, seq: 1 })
    expect(w.snapshot().beats).toHaveLength(2)
    w.addBeat({ tMs: T0 + 10 * 60_000, rrMs: 900, hrBpm: 66.7, seq: 0 })
    expect(w.snapshot().beats.map((b) => b.seq)).toEqual([0])
    expect(w.snapshot().beats[0]!.rrMs).toBe(900)
  })

  it('hands out copies: changing them does not change what main keeps', () => {
    const w = new RecentWindow()
    w.addBeat({ tMs: T0, rrMs: 800, hrBpm: 75, seq: 0 })
    const first = w.snapshot()
    first.beats[0]!.rrMs = 1
    first.beats.push({ tMs: T0 + 1, rrMs: 1, hrBpm: 1, seq: 9 })
    expect(w.snapshot().beats).toEqual([{ tMs: T0, rrMs: 800, hrBpm: 75, seq: 0 }])
  })
})
