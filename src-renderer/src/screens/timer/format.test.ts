import { describe, expect, it } from 'vitest'
import { clockText, durationText } from './format'
import { hrTrend, activeDurationMs } from './summary'
import { addHr, start, stop } from '../../../../src-main/shared/timer/timerModel'

describe('timer formatting', () => {
  it('clock text', () => {
    expect(clockText('en', 0)).toBe('00:00')
    expect(clockText('en', 65_400)).toBe('01:05')
    expect(clockText('zh-CN', 90 * 60_000)).toBe('1:30:00')
    expect(clockText('en', -5)).toBe('00:00')
  })

  it('durations use the locale', () => {
    expect(durationText('en', 42 * 60_000)).toBe('42 minutes')
    expect(durationText('en', 20_000)).toBe('20 seconds')
    expect(durationText('zh-CN', 42 * 60_000)).toMatch(/^42\s?分钟$/)
  })
})

describe('summary numbers', () => {
  it('heart-rate trend: warm-up mean against error-window mean', () => {
    const MIN = 60_000
    let s = start(0, 90 * MIN, null).state
    for (let m = 0; m < 90; m++) s = addHr(s, m < 10 ? 60 : m >= 70 ? 80 : 70, null, m * MIN)
    s = stop(s, 89.5 * MIN).state
    expect(hrTrend(s)).toEqual({ startBpm: 60, endBpm: 80 })
    expect(activeDurationMs(s)).toBe(89.5 * MIN)
    expect(hrTrend(start(0, MIN, null).state)).toBeNull()
  })
})
