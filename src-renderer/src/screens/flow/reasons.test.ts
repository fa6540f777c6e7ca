// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { ArousalReason } from '../../../../src-main/shared/contract'
import { translate } from '../../lib/i18n/translate'
import { reasonSentence, unusableSentences } from './reasons'

const say = (locale: 'en' | 'zh-CN', r: ArousalReason): string => {
  const s = reasonSentence(r)
  return translate(locale, s.key, s.params)
}

describe('arousal reasons become whole sentences', () => {
  it('words every reason code in both languages, with no raw key or leftover parameter', () => {
    const all: ArousalReason[] = [
      { kind: 'hr-vs-baseline', deltaBpm: 12.4 },
      { kind: 'hr-vs-baseline', deltaBpm: -1 },
      { kind: 'hr-vs-baseline', deltaBpm: 0.2 },
      { kind: 'rmssd-vs-baseline', deltaPct: -35.6 },
      { kind: 'rmssd-vs-baseline', deltaPct: 20 },
      { kind: 'rmssd-vs-baseline', deltaPct: 1 },
      { kind: 'resp-rate', breathsPerMin: 18.6 },
      { kind: 'tired-vs-calm-ambiguous' },
      { kind: 'self-report', report: 'wired' },
      { kind: 'self-report', report: 'fine' },
      { kind: 'self-report', report: 'flat' },
      { kind: 'population-baseline' },
      { kind: 'settling' },
      { kind: 'too-noisy', artifactPct: 12.2 },
      { kind: 'no-contact' },
      { kind: 'within-baseline' }
    ]
    for (const r of all)
      for (const locale of ['en', 'zh-CN'] as const) {
        const text = say(locale, r)
        expect(text, JSON.stringify(r)).not.toMatch(/[{}⟦]|flow\./)
        if (locale === 'zh-CN') expect(text).toMatch(/[\u4e00-\u9fff]/)
      }
  })

  it('uses direction, magnitude and plural rules, not fragments', () => {
    expect(say('en', { kind: 'hr-vs-baseline', deltaBpm: 12.4 })).toBe(
      'Your heart rate is 12 beats per minute above your baseline.'
    )
    expect(say('en', { kind: 'hr-vs-baseline', deltaBpm: -1 })).toBe(
      'Your heart rate is 1 beat per minute below your baseline.'
    )
    expect(say('en', { kind: 'hr-vs-baseline', deltaBpm: 0.3 })).toMatch(/about the same/)
    expect(say('zh-CN', { kind: 'rmssd-vs-baseline', deltaPct: -35.6 })).toBe('心率变异性比你的基线低 36%。')
    expect(say('en', { kind: 'resp-rate', breathsPerMin: 18.6 })).toBe(
      'You are breathing about 19 times a minute.'
    )
  })

  it('explains an unusable check-in from its own reasons, else from the artefact rate, else too short', () => {
    expect(unusableSentences([{ kind: 'no-contact' }, { kind: 'settling' }], 0)).toEqual([
      { key: 'flow.reason.noContact' }
    ])
    expect(unusableSentences(undefined, 0.2)).toEqual([{ key: 'flow.reason.tooNoisy', params: { pct: 20 } }])
    expect(unusableSentences([], 0.01)).toEqual([{ key: 'flow.checkin.tooShort' }])
  })
})
