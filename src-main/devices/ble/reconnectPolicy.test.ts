import { describe, expect, it } from 'vitest'
import { ReconnectPolicy } from './reconnectPolicy'

describe('ReconnectPolicy', () => {
  it('doubles from 1 s up to the 30 s cap, then gives up after maxAttempts', () => {
    const p = new ReconnectPolicy({ maxAttempts: 8 })
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => p.delayMs(n))).toEqual([
      1000,
      2000,
      4000,
      8000,
      16000,
      30000,
      30000,
      30000,
      null
    ])
    expect(p.delayMs(0)).toBeNull()
  })

  it('jitter stays within ±jitter of the base delay, using the injected random', () => {
    const low = new ReconnectPolicy({ jitter: 0.2, random: () => 0 })
    const high = new ReconnectPolicy({ jitter: 0.2, random: () => 0.999999 })
    expect(low.delayMs(3)).toBe(3200)
    expect(high.delayMs(3)).toBe(4800)
  })

  it('rejects nonsense settings', () => {
    expect(() => new ReconnectPolicy({ factor: 0.5 })).toThrow(RangeError)
    expect(() => new ReconnectPolicy({ firstDelayMs: 5000, maxDelayMs: 1000 })).toThrow(RangeError)
  })
})
