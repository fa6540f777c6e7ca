// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { HEAD_SETTLE_MS, HEAD_STEP_MS, cueSchedule, cuesDue, headMoveAt } from './cues'

describe('cue schedule', () => {
  it('start, halfway and end on every level', () => {
    const s = cueSchedule(30_000, false)
    expect(s.map((c) => [c.kind, c.atMs])).toEqual([
      ['start', 0],
      ['half', 15_000],
      ['end', 30_000]
    ])
  })

  it('head-movement level cycles pitch, yaw, roll with a cue at every change, none in the last second', () => {
    const s = cueSchedule(30_000, true)
    const heads = s.filter((c) => c.kind === 'head')
    expect(heads[0]).toMatchObject({ atMs: HEAD_SETTLE_MS, move: 'pitch-up' })
    expect(heads.slice(0, 6).map((c) => (c.kind === 'head' ? c.move : ''))).toEqual([
      'pitch-up',
      'pitch-down',
      'yaw-left',
      'yaw-right',
      'roll-left',
      'roll-right'
    ])
    expect(heads[1].atMs - heads[0].atMs).toBe(HEAD_STEP_MS)
    expect(Math.max(...heads.map((c) => c.atMs))).toBeLessThanOrEqual(29_000)
  })

  it('every cue fires exactly once however the clock is sampled', () => {
    const s = cueSchedule(20_000, true)
    const seen: string[] = []
    let prev = -1
    for (const now of [0, 37, 1999, 2000, 2001, 9000, 9000, 19_999, 20_000]) {
      seen.push(...cuesDue(s, prev, now).map((c) => `${c.kind}@${c.atMs}`))
      prev = now
    }
    expect(seen).toEqual(s.map((c) => `${c.kind}@${c.atMs}`))
  })

  it('knows the current head movement', () => {
    const s = cueSchedule(30_000, true)
    expect(headMoveAt(s, HEAD_SETTLE_MS - 1)).toBeNull()
    expect(headMoveAt(s, HEAD_SETTLE_MS + HEAD_STEP_MS * 2 + 10)).toBe('yaw-left')
    expect(headMoveAt(cueSchedule(30_000, false), 10_000)).toBeNull()
  })
})
