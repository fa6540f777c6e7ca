import { describe, expect, it } from 'vitest'
import type { LiveBeat, LiveRecent } from '../../../src-main/shared/contract'
import type { LiveMetrics } from '../../../src-main/shared/arousal'
import { LiveStore, RECENT_BEATS_MS } from './live.svelte'

const T0 = Date.UTC(2026, 11, 3, 9, 0, 0)
const beat = (s: number, seq = s): LiveBeat => ({ tMs: T0 + s * 1000, rrMs: 1000, hrBpm: 60, seq })
const metrics = (s: number): LiveMetrics => ({
  tMs: T0 + s * 1000,
  hrBpm: 60,
  rmssdMs: 30 + s,
  lnRmssd: null,
  sdnnMs: null,
  respRateBpm: null,
  respConfidence: null,
  artifactRate: 0,
  quality: 'good',
  arousal: null
})

describe("LiveStore.mergeRecent (main's recent window after a reload)", () => {
  it("a fresh window takes main's last two minutes whole and says so", () => {
    const store = new LiveStore()
    const recent: LiveRecent = {
      beats: Array.from({ length: 100 }, (_, i) => beat(i)),
      metrics: Array.from({ length: 100 }, (_, i) => metrics(i))
    }
    store.mergeRecent(recent)
    expect(store.recentBeats.map((b) => b.seq)).toEqual(recent.beats.map((b) => b.seq))
    expect(store.metricsHistory).toHaveLength(100)
    expect(store.historyVersion).toBe(1)
  })

  it('beats that arrived before the answer are not doubled, and the window stays two minutes', async () => {
    const store = new LiveStore()
    // The store already got two live beats (140 s and 141 s) when main's answer comes.
    let answer: (r: LiveRecent) => void = () => {}
    const pending = store.loadRecent({ liveRecent: () => new Promise<LiveRecent>((r) => (answer = r)) })
    store.recentBeats.push(beat(140), beat(141))
    answer({ beats: Array.from({ length: 142 }, (_, i) => beat(i)), metrics: [] })
    await pending
    const seqs = store.recentBeats.map((b) => b.seq)
    expect(new Set(seqs).size).toBe(seqs.length)
    expect(seqs.at(-1)).toBe(141)
    expect(store.recentBeats[0]!.tMs).toBe(T0 + 141_000 - RECENT_BEATS_MS)
  })

  it('an older main without the channel leaves the store as it was', async () => {
    const store = new LiveStore()
    await store.loadRecent({
      liveRecent: () => Promise.reject(new Error('no handler for live:recent'))
    })
    expect(store.recentBeats).toEqual([])
    expect(store.historyVersion).toBe(0)
  })
})
