// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { CheckInResult, RecheckChange } from '../../../../src-main/shared/contract'
import { result } from '../../../../src-main/shared/testSupport/checkInResult'
import type { MessageKey } from '../../lib/i18n/en'
import { translate, type Locale } from '../../lib/i18n/translate'
import {
  calibrationLine,
  changeLines,
  evidenceLine,
  historyChangeLine,
  liveWords,
  rrTracePoints,
  signed,
  verdictLines,
  verdictOf
} from './verdictWords'

const tr = (locale: Locale) => (key: MessageKey, params?: Record<string, string | number>) =>
  translate(locale, key, params)
const en = tr('en')
const zh = tr('zh-CN')

const lean: CheckInResult = {
  ...result('check-in', 'high'),
  arousal: { state: 'high', score: 1.4, confidence: 0.18, reasons: [] },
  verdict: {
    kind: 'lean',
    state: 'high',
    messageKey: 'verdict.lean.high',
    why: ['calibrating', 'low-confidence'],
    confidence: 0.18
  },
  calibration: { ready: false, readings: 2, readingsNeeded: 5, days: 1, daysNeeded: 3 }
}

const change: RecheckChange = {
  dHrBpm: -8.2,
  dHrSeBpm: 0.9,
  dLnRmssd: 0.3,
  dLnRmssdSe: 0.1,
  dRmssdPct: 35,
  dRmssdPctLow: 11,
  dRmssdPctHigh: 64,
  dRespBpm: null,
  dRespSeBpm: null,
  swc: { hrBpm: 2, lnRmssd: 0.125, respBpm: 1.25, source: 'population' },
  dScore: -1.2,
  dScoreSe: 0.2,
  measured: 'calmer',
  expected: 'calmer',
  verdict: 'toward',
  overshoot: false,
  messageKey: 'recheck.toward.calmer'
}

describe('the words of the verdict', () => {
  it('a low-confidence result reads as a lean, never a firm state beside a low confidence', () => {
    const words = verdictLines(verdictOf(lean), en)
    expect(words.headline).toBe('Leaning over-aroused — not sure yet')
    expect(words.confidence).toBe('Not sure yet (18 %)')
    expect(verdictLines(verdictOf(lean), zh).headline).toBe('倾向于唤醒过度——还不确定')
    const firm = verdictLines(
      { ...lean.verdict!, kind: 'firm', messageKey: 'verdict.firm.high', why: [], confidence: 0.8 },
      en
    )
    expect(firm).toEqual({ headline: 'Over-aroused: wired or tense', confidence: 'Confident (80 %)' })
  })

  it('a result recorded before verdicts existed is shown as a lean', () => {
    const old = result('check-in', 'high')
    expect(verdictOf(old)).toMatchObject({ kind: 'lean', messageKey: 'verdict.lean.high' })
    expect(verdictOf(result('check-in', null, false)).kind).toBe('none')
  })

  it('calibration: "Calibrating: 2 of 5 readings" until ready', () => {
    expect(calibrationLine(lean.calibration!, en)).toBe('Calibrating: 2 of 5 resting readings (1 of 3 days)')
    expect(calibrationLine(lean.calibration!, zh)).toBe('校准中：静息测量 2/5 次（1/3 天）')
    expect(calibrationLine({ ...lean.calibration!, ready: true, readings: 6, days: 3 }, en)).toBe(
      'Personal baseline: 6 readings'
    )
  })

  it('the self-report is evidence beside the measured state', () => {
    const calm: CheckInResult = { ...result('check-in', 'optimal'), selfReport: 'flat' }
    expect(evidenceLine(calm, en)).toBe(
      'Your body reads calm; you feel flat. Both are kept: you decide what to do.'
    )
    expect(evidenceLine({ ...calm, selfReport: 'fine' }, en)).toBe(
      'Your body reads calm and you feel fine: they agree.'
    )
    expect(evidenceLine({ ...calm, selfReport: null }, en)).toMatch(/does not change it/)
  })

  it("the re-check change with its numbers, and History's line", () => {
    expect(signed(-8.2)).toBe('−8')
    expect(signed(35)).toBe('+35')
    expect(signed(-0.2)).toBe('0')
    expect(changeLines(change, en)).toEqual([
      'Heart rate −8 bpm (± 1.8)',
      'RMSSD +35 % (+11 to +64 %)',
      'Smallest worthwhile change (typical values while calibrating): 2.0 bpm, 13 % RMSSD.'
    ])
    const summary = {
      from: 'high',
      to: 'calmer',
      verdict: 'toward',
      dHrBpm: -8,
      dRmssdPct: 35,
      dRespBpm: null
    } as const
    expect(historyChangeLine(summary, en)).toBe('High → calmer (HR −8 bpm, RMSSD +35 %)')
    expect(historyChangeLine(summary, zh)).toBe('偏高 → 更平静（心率 −8 次/分，RMSSD +35%）')
  })

  it('live progress: settling / measuring / enough, and why it needs longer', () => {
    const live = {
      id: 'c',
      elapsedS: 40,
      limitS: 180,
      reason: 'measuring' as const,
      messageKey: 'checkIn.length.measuring',
      extending: false,
      progress: 0.4,
      cleanS: 24.6,
      minCleanS: 60,
      hrBpm: 72,
      rrMs: [800, 820],
      judgedBeats: 30,
      artifactRate: 0,
      quality: 'good' as const
    }
    expect(liveWords(live, en)).toEqual({
      phase: 'measuring',
      text: 'Measuring: 24 of at least 60 seconds of clean heartbeats.'
    })
    expect(liveWords({ ...live, extending: true }, en).text).toBe(
      'Measuring a little longer: the estimate is not clear yet (at most 180 seconds).'
    )
    expect(
      liveWords({ ...live, reason: 'lost-contact', messageKey: 'checkIn.length.lost-contact' }, zh).text
    ).toBe('接触中断：心率带报告未接触皮肤，或没有收到心跳。')
  })

  it('the RR trace spans the box, longer intervals higher', () => {
    const pts = rrTracePoints([800, 900, 700], 100, 50)
      .split(' ')
      .map((p) => p.split(',').map(Number))
    expect(pts.map((p) => p[0])).toEqual([0, 50, 100])
    expect(pts[1]![1]!).toBeLessThan(pts[0]![1]!)
    expect(pts[2]![1]!).toBeGreaterThan(pts[0]![1]!)
    expect(rrTracePoints([800], 100, 50)).toBe('')
  })
})
