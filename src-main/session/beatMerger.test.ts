import { describe, expect, it } from 'vitest'
import { BeatMerger } from './beatMerger'
import type { BeatRow } from './tables'

function setup(holdMs = 4000) {
  const rows: BeatRow[] = []
  const m = new BeatMerger({ write: (r) => rows.push(r), holdMs, activeForMs: 15_000 })
  return { rows, m }
}

const clean = (tMs: number, rrMs: number, artifact: BeatRow['artifact'] = null): BeatRow => ({
  tMs,
  rrMs,
  rrCleanMs: rrMs,
  artifact,
  hrBpm: 60_000 / rrMs
})

describe('BeatMerger', () => {
  it('writes raw beats at once while no cleaner speaks', () => {
    const { rows, m } = setup()
    m.raw(1000, 1000, 1000)
    m.raw(2000, 1000, 2000)
    expect(rows.map((r) => [r.tMs, r.rrCleanMs])).toEqual([
      [1000, null],
      [2000, null]
    ])
  })

  it('with a cleaner two beats behind: every beat once, in order, with its cleaned values', () => {
    const { rows, m } = setup()
    const t = (i: number) => 10_000 + i * 800
    // The cleaner becomes active before the stream (e.g. it judged an earlier beat).
    m.clean(clean(5000, 800), 5000)
    for (let i = 0; i < 20; i++) {
      m.raw(t(i), 800, t(i))
      if (i >= 2) m.clean(clean(t(i - 2), 800, i === 7 ? 'ectopic' : null), t(i))
      m.tick(t(i))
    }
    m.flushAll()
    expect(rows.map((r) => r.tMs)).toEqual([5000, ...Array.from({ length: 20 }, (_, i) => t(i))])
    // The last two beats never got a cleaned row: written raw.
    expect(rows.slice(1).map((r) => r.rrCleanMs)).toEqual([...Array(18).fill(800), null, null])
    expect(rows.find((r) => r.tMs === t(5))?.artifact).toBe('ectopic')
  })

  it('writes a held beat raw when its cleaned row is too slow, and drops the late row', () => {
    const { rows, m } = setup(2000)
    m.clean(clean(0, 800), 0)
    m.raw(1000, 800, 1000)
    m.tick(2500)
    expect(rows.map((r) => r.tMs)).toEqual([0])
    m.tick(3000)
    expect(rows.map((r) => [r.tMs, r.rrCleanMs])).toEqual([
      [0, 800],
      [1000, null]
    ])
    m.clean(clean(1000, 800), 3100)
    expect(rows).toHaveLength(2)
    expect(m.lateCleanRows).toBe(1)
  })

  it('keeps order when the cleaner inserts a beat the raw stream never had', () => {
    const { rows, m } = setup()
    m.clean(clean(0, 800), 0)
    m.raw(1000, 800, 1000)
    m.raw(2600, 1600, 2600) // a missed beat: the cleaner splits it in two
    m.clean(clean(1000, 800), 2600)
    m.clean({ ...clean(1800, 800), artifact: 'missed' }, 2600)
    m.clean({ ...clean(2600, 800), rrMs: 1600, artifact: 'missed' }, 2600)
    m.raw(3400, 800, 3400)
    m.flushAll()
    expect(rows.map((r) => [r.tMs, r.artifact])).toEqual([
      [0, null],
      [1000, null],
      [1800, 'missed'],
      [2600, 'missed'],
      [3400, null]
    ])
  })

  it('drops a raw beat a cleaner already delivered (cleaner listening first)', () => {
    const { rows, m } = setup()
    m.clean(clean(1000, 800, 'short'), 1000)
    m.raw(1000, 800, 1000)
    m.flushAll()
    expect(rows).toEqual([clean(1000, 800, 'short')])
  })
})
