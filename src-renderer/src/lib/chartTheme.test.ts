// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { MIN_SPAN, paddedRange } from './chartTheme'

describe('paddedRange (chart rule 1: fitted to the data, never narrower than the minimum span)', () => {
  it('widens a flat heart rate to the minimum span around its middle', () => {
    // The timer summary's 78.2-78.8 bpm must not fill the height.
    expect(paddedRange([78.2, 78.5, 78.8], MIN_SPAN.hrBpm)).toEqual({ min: 73, max: 84 })
  })

  it('fits wide data with 10 % padding and rounds outwards to the step', () => {
    expect(paddedRange([700, 900], MIN_SPAN.rrMs, 50)).toEqual({ min: 650, max: 950 })
  })

  it('ignores gaps and says so when there is nothing to fit', () => {
    expect(paddedRange([null, 800, null], MIN_SPAN.rrMs, 10)).toEqual({ min: 700, max: 900 })
    expect(paddedRange([null, null], MIN_SPAN.rrMs)).toBeNull()
    expect(paddedRange([], MIN_SPAN.rrMs)).toBeNull()
  })
})
