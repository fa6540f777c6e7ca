import { describe, expect, it } from 'vitest'
import { blockReward, recheckReward, REWARD_CLAMP } from './reward'

const full = { focus: 3, minutesDone: 45, minutesPlanned: 45, errors: 0, frustrations: 0 }

describe('rewards', () => {
  it('the re-check reward is the change toward the zone in smallest worthwhile changes', () => {
    expect(recheckReward('high', -0.5)).toBe(1) // calmer by one SWC (0.5 score units)
    expect(recheckReward('high', 0.25)).toBe(-0.5)
    expect(recheckReward('low', 1)).toBe(2) // more alert is toward the zone when flat
    expect(recheckReward('high', -10)).toBe(REWARD_CLAMP)
    expect(() => recheckReward('high', Number.NaN)).toThrow(/finite/)
  })

  it('errors logged during sustained work add a little (they are the learning signal), never subtract', () => {
    expect(blockReward(full)).toBe(0)
    expect(blockReward({ ...full, errors: 3 })).toBeCloseTo(0.3, 12)
    expect(blockReward({ ...full, errors: 20, frustrations: 5 })).toBeCloseTo(0.5, 12)
    expect(blockReward({ ...full, minutesDone: 36, errors: 2 })).toBeCloseTo(2 * (0.8 - 1) + 0.2, 12)
  })

  it('a block abandoned early in frustration scores low; focus moves it by one per point', () => {
    expect(blockReward({ ...full, minutesDone: 9, frustrations: 2, errors: 6 })).toBeCloseTo(
      2 * (0.2 - 1) - 0.5,
      12
    )
    expect(blockReward({ ...full, focus: 5 })).toBe(2)
    expect(blockReward({ ...full, focus: null })).toBe(0)
    expect(blockReward({ ...full, focus: 1, minutesDone: 0, frustrations: 9 })).toBe(-REWARD_CLAMP)
  })

  it('rejects impossible outcomes with a clear error', () => {
    expect(() => blockReward({ ...full, focus: 6 })).toThrow(/focus/)
    expect(() => blockReward({ ...full, minutesPlanned: 0 })).toThrow(/minutesPlanned/)
    expect(() => blockReward({ ...full, errors: -1 })).toThrow(/errors/)
    expect(() => blockReward({ ...full, minutesDone: Number.NaN })).toThrow(/minutesDone/)
  })
})
