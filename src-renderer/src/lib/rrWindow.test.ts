// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { RrWindow } from './rrWindow'

describe('RrWindow', () => {
  it('keeps exactly the last 60 s of beats and reports what it dropped', () => {
    const w = new RrWindow(60)
    let dropped = 0
    for (let i = 0; i <= 100; i++) dropped += w.push(1_000_000 + i * 1000, 1000)
    expect(w.points[0]!.x).toBe(40)
    expect(w.points.at(-1)!.x).toBe(100)
    expect(w.points).toHaveLength(61)
    expect(dropped).toBe(40)
    expect(w.range).toEqual({ min: 40, max: 100 })
  })

  it('keeps RR values exact', () => {
    const w = new RrWindow()
    w.push(0, 1016.6015625)
    expect(w.points[0]!.y).toBe(1016.6015625)
    expect(w.range).toEqual({ min: 0, max: 60 })
  })

  it('breaks the line where beats stopped arriving, and only there', () => {
    const w = new RrWindow()
    w.push(0, 800)
    w.push(800, 800)
    w.push(1600, 800)
    // The strap dropped out for 10 s: the next beat arrives 10.8 s later.
    w.push(12_400, 800)
    w.push(13_200, 800)
    expect(w.points.map((p) => p.y)).toEqual([800, 800, 800, null, 800, 800])
    // The break sits between the last beat before and the first beat after.
    expect(w.points[3]!.x).toBeGreaterThan(1.6)
    expect(w.points[3]!.x).toBeLessThan(12.4)
  })

  it('a long beat that followed its predecessor is no gap', () => {
    const w = new RrWindow()
    w.push(0, 800)
    w.push(1900, 1900)
    expect(w.points.map((p) => p.y)).toEqual([800, 1900])
  })
})
