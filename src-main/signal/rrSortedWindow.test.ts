import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SortedWindow } from './rrSortedWindow'

describe('SortedWindow', () => {
  it('matches a sorted array under insert / remove / replace, with ties and growth', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom('insert', 'remove', 'replace'), fc.integer({ min: 0, max: 20 }), fc.nat()),
          {
            maxLength: 200
          }
        ),
        (ops) => {
          const w = new SortedWindow(4)
          const ref: number[] = []
          for (const [op, v, pick] of ops) {
            if (op === 'insert' || ref.length === 0) {
              w.insert(v)
              ref.push(v)
            } else {
              const old = ref[pick % ref.length]!
              ref.splice(ref.indexOf(old), 1)
              if (op === 'remove') w.remove(old)
              else {
                w.replace(old, v)
                ref.push(v)
              }
            }
            ref.sort((a, b) => a - b)
            expect(w.size).toBe(ref.length)
            if (ref.length > 0) {
              const q = (p: number): number => {
                const h = (ref.length - 1) * p
                const lo = Math.floor(h)
                return ref[lo]! + (h - lo) * (ref[Math.min(ref.length - 1, lo + 1)]! - ref[lo]!)
              }
              expect(w.median()).toBeCloseTo(q(0.5), 12)
              expect(w.quartileDeviation()).toBeCloseTo((q(0.75) - q(0.25)) / 2, 12)
            }
          }
        }
      )
    )
  })

  it('refuses to remove what is not there', () => {
    const w = new SortedWindow()
    w.insert(3)
    expect(() => w.remove(4)).toThrow(/not present/)
    expect(() => w.replace(5, 1)).toThrow(/not present/)
    expect(new SortedWindow().median()).toBeNaN()
  })
})
