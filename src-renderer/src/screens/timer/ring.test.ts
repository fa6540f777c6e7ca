import { describe, expect, it } from 'vitest'
import { phaseSpans } from '../../../../src-main/shared/timer/phases'
import { ringArcs } from './ring'

const BLOCK_MS = 90 * 60_000
const C = 1000

describe('ringArcs (the focus ring)', () => {
  it('gives each phase its share of the circle, in order, none lived at the start', () => {
    const arcs = ringArcs(phaseSpans(BLOCK_MS), BLOCK_MS, 0, C)
    expect(arcs.map((a) => a.phase)).toEqual(['warmup', 'focus', 'errors'])
    // 10, 60 and 20 minutes of 90.
    expect(arcs[0]!.offset).toBe(0)
    expect(arcs[1]!.offset).toBeCloseTo(C / 9)
    expect(arcs[2]!.offset).toBeCloseTo((C * 70) / 90)
    expect(arcs[1]!.length).toBeLessThan((C * 60) / 90)
    expect(arcs[1]!.length).toBeGreaterThan((C * 59) / 90)
    expect(arcs.every((a) => a.doneLength === 0)).toBe(true)
  })

  it('fills the lived part: warm-up full, deep focus half way, the error window empty', () => {
    const arcs = ringArcs(phaseSpans(BLOCK_MS), BLOCK_MS, 40 * 60_000, C)
    expect(arcs[0]!.doneLength).toBe(arcs[0]!.length)
    expect(arcs[1]!.doneLength).toBeCloseTo((C * 30) / 90)
    expect(arcs[2]!.doneLength).toBe(0)
    const done = ringArcs(phaseSpans(BLOCK_MS), BLOCK_MS, BLOCK_MS + 5000, C)
    expect(done.every((a) => a.doneLength === a.length)).toBe(true)
  })

  it('draws nothing for a block of no length', () => {
    expect(ringArcs(phaseSpans(0), 0, 0, C)).toEqual([])
  })
})
