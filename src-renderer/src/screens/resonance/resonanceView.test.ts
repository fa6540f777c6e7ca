// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { StepAnalysis } from '../../../../src-main/shared/resonance'
import { translate } from '../../lib/i18n/translate'
import { amplitudeBars, mainNow, reasonMessage, stepNumber, testMinutes } from './resonanceView'

function step(rate: number, swing: number | null, status: 'ok' | 'repeat' = 'ok'): StepAnalysis {
  return {
    breathsPerMin: rate,
    beats: 120,
    analysedS: 105,
    breaths: 10,
    artefactShare: 0,
    contactLostS: 0,
    measuredBpm: rate,
    measuredConfidence: 0.9,
    followedPacer: true,
    swingBpm: swing,
    lfPowerMs2: null,
    lfPeakHz: null,
    lfPeakDensityMs2PerHz: null,
    phaseDeg: null,
    status,
    problems: status === 'ok' ? [] : ['too-short']
  }
}

describe('resonance view', () => {
  it('draws one bar per rate, scaled to a whole 5 bpm, the chosen one marked', () => {
    const { bars, maxBpm } = amplitudeBars(
      [step(6.5, 8), step(6, 11), step(5.5, 14), step(5, null, 'repeat'), step(4.5, 9)],
      5.5,
      500,
      100
    )
    expect(maxBpm).toBe(15)
    expect(bars.map((b) => b.rateBpm)).toEqual([6.5, 6, 5.5, 5, 4.5])
    expect(bars.map((b) => b.chosen)).toEqual([false, false, true, false, false])
    expect(bars[2]!.y).toBeCloseTo(100 - (14 / 15) * 100, 9)
    // An unmeasured step has no bar height and is flagged.
    expect(bars[3]).toMatchObject({ swingBpm: null, y: 100, flagged: true })
    expect(bars[0]!.x).toBeCloseTo(20, 9)
    expect(bars[0]!.width).toBeCloseTo(60, 9)
    expect(amplitudeBars([], null, 500, 100)).toEqual({ bars: [], maxBpm: 5 })
  })

  it('words every reason in English and Chinese with its values', () => {
    const { key, params } = reasonMessage({
      key: 'resonance.reason.largestSwing',
      values: { rateBpm: 5.5, swingBpm: 14 }
    })
    expect(translate('en', key, params)).toBe('5.5/min gave your largest heart-rate swings, 14 bpm.')
    expect(translate('zh-CN', key, params)).toBe('每分钟 5.5 次时，你的心率起伏最大，达 14 次/分。')
    const close = reasonMessage({
      key: 'resonance.reason.closeCall',
      values: { rateBpm: 5, swingBpm: 12.1, otherRateBpm: 5.5, otherSwingBpm: 11.9 }
    })
    expect(translate('en', close.key, close.params)).toMatch(
      /^5\/min \(12\.1 bpm\) and 5\.5\/min \(11\.9 bpm\)/
    )
    const repeat = reasonMessage({
      key: 'resonance.reason.repeatSteps',
      values: { rateBpm: 6, swingBpm: 10, repeatRates: '4.5, 5' }
    })
    expect(translate('en', repeat.key, repeat.params)).toContain('the steps at 4.5, 5/min')
    for (const k of ['tooFewSteps', 'noValidStep'] as const) {
      const m = reasonMessage({
        key: `resonance.reason.${k}`,
        values: { rateBpm: 6, swingBpm: 9, validSteps: 2, steps: 5 }
      })
      expect(translate('zh-CN', m.key, m.params)).not.toMatch(/\{\w+\}/)
    }
  })

  it('the length of the test and where it stands', () => {
    expect(testMinutes(5, 120, 20)).toBe(11)
    expect(testMinutes(5, 8, 3)).toBe(1)
    expect(mainNow({ nowMs: 1_000_000 }, 5_000, 5_750)).toBe(1_000_750)
    expect(stepNumber({ step: null, ratesBpm: [6.5, 6, 5.5, 5, 4.5] })).toEqual({ current: 1, total: 5 })
  })
})
