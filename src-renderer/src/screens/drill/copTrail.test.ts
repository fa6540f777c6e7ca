// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { BalanceSample } from '../../../../src-main/shared/contract'
import { ANCHOR_MS, CopTrail, TRAIL_MS } from './copTrail'

const sample = (tMs: number, x: number, y: number, totalKg = 70): BalanceSample => ({
  type: 'balance',
  tMs,
  kg: [totalKg / 4, totalKg / 4, totalKg / 4, totalKg / 4],
  totalKg,
  copXMm: x,
  copYMm: y
})

describe('CopTrail', () => {
  it('anchors the target centre on the first second, then keeps it', () => {
    const trail = new CopTrail()
    trail.push([sample(1000, 80, 10), sample(1500, 100, 30)])
    expect(trail.center).toEqual({ x: 90, y: 20 })
    trail.push([sample(1000 + ANCHOR_MS + 1, -100, -100), sample(3000, -100, -100)])
    expect(trail.center).toEqual({ x: 90, y: 20 })
    trail.reset()
    trail.push([sample(5000, -10, -10)])
    expect(trail.center).toEqual({ x: -10, y: -10 })
  })

  it('keeps only the recent trail and flips y for SVG (front is up)', () => {
    const trail = new CopTrail()
    trail.push([sample(0, 1, 2), sample(TRAIL_MS / 2, 3, 4)])
    trail.push([sample(TRAIL_MS + 100, 5, 6)])
    expect(trail.length).toBe(2)
    expect(trail.svgPoints()).toBe('3.0,-4.0 5.0,-6.0')
    expect(trail.latest).toEqual({ x: 5, y: 6 })
  })

  it('a sample without CoP (too little load for one) is skipped, not drawn at the centre', () => {
    const trail = new CopTrail()
    trail.push([sample(0, 1, 2), { ...sample(10, 0, 0), copXMm: null, copYMm: null }])
    expect(trail.latest).toBeNull()
    expect(trail.length).toBe(1)
    expect(trail.center).toEqual({ x: 1, y: 2 })
  })

  it('shows no CoP when nobody stands on the board', () => {
    const trail = new CopTrail()
    trail.push([sample(0, 1, 2), sample(10, 50, 50, 2)])
    expect(trail.latest).toBeNull()
    expect(trail.length).toBe(1)
  })
})
