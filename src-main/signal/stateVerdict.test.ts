import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ArousalEstimate, ArousalReason, ArousalState, SelfReport } from '../shared/arousal'
import { AROUSAL_CONSTANTS, estimateArousal } from './arousal'
import { POPULATION_BASELINE, type BaselineStats } from './baseline'
import type { CalibrationStatus } from './calibration'
import { marginInsideBand, selfReportEvidence, stateVerdict, VERDICT_THRESHOLDS } from './stateVerdict'

const ready: CalibrationStatus = { ready: true, readings: 7, readingsNeeded: 5, days: 7, daysNeeded: 3 }
const calibrating: CalibrationStatus = {
  ready: false,
  readings: 2,
  readingsNeeded: 5,
  days: 2,
  daysNeeded: 3
}
const est = (
  state: ArousalState,
  score: number,
  confidence: number,
  reasons: ArousalReason[] = []
): ArousalEstimate => ({
  state,
  score,
  confidence,
  reasons
})

describe('stateVerdict', () => {
  it('is firm with a calibrated baseline, enough confidence and a clear margin', () => {
    expect(stateVerdict(est('high', 2.1, 0.8), ready)).toEqual({
      kind: 'firm',
      state: 'high',
      messageKey: 'verdict.firm.high',
      why: [],
      confidence: 0.8
    })
    expect(stateVerdict(est('optimal', 0.2, 0.9), ready).kind).toBe('firm')
  })

  it('is a lean naming every reason otherwise', () => {
    // The first check-in: "Over-aroused" at 18 % confidence against population norms.
    expect(stateVerdict(est('high', 1.6, 0.18), calibrating)).toMatchObject({
      kind: 'lean',
      messageKey: 'verdict.lean.high',
      why: ['calibrating', 'low-confidence']
    })
    expect(stateVerdict(est('high', 1.1, 0.9), ready).why).toEqual(['near-boundary'])
    expect(stateVerdict(est('optimal', 0.8, 0.9), ready).why).toEqual(['near-boundary'])
    expect(stateVerdict(est('low', -2, 0.9, [{ kind: 'tired-vs-calm-ambiguous' }]), ready).why).toEqual([
      'tired-or-calm'
    ])
  })

  it('is "none" without an estimate or with zero confidence', () => {
    expect(stateVerdict(null, ready)).toMatchObject({ kind: 'none', state: null, messageKey: 'verdict.none' })
    expect(stateVerdict(est('optimal', 0, 0, [{ kind: 'settling' }]), ready).kind).toBe('none')
  })

  it('refuses an estimate the self-report has already shaped', () => {
    const shaped = est('low', -1, 0.7, [{ kind: 'self-report', report: 'flat' }])
    expect(() => stateVerdict(shaped, ready)).toThrow(/physiological/)
  })

  it('never firm against population norms, never firm with a confidence the app calls low (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ArousalState>('low', 'optimal', 'high'),
        fc.double({ min: -4, max: 4, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        (state, score, confidence, isReady) => {
          const v = stateVerdict(est(state, score, confidence), isReady ? ready : calibrating)
          if (v.kind !== 'firm') return true
          return (
            isReady &&
            confidence >= AROUSAL_CONSTANTS.LOW_CONFIDENCE &&
            confidence >= VERDICT_THRESHOLDS.FIRM_MIN_CONFIDENCE &&
            marginInsideBand(state, score) >= VERDICT_THRESHOLDS.FIRM_MIN_MARGIN
          )
        }
      )
    )
  })

  it('a real estimate against population norms is a lean even at full confidence', () => {
    const e = estimateArousal(
      { hrBpm: 95, lnRmssd: Math.log(15), cleanS: 200, artifactRate: 0 },
      POPULATION_BASELINE
    )
    expect(e.state).toBe('high')
    expect(stateVerdict(e, calibrating)).toMatchObject({
      kind: 'lean',
      why: ['calibrating']
    })
    const personal: BaselineStats = { ...POPULATION_BASELINE, source: 'personal', hrSdBpm: 4, lnRmssdSd: 0.2 }
    expect(
      stateVerdict(
        estimateArousal({ hrBpm: 95, lnRmssd: Math.log(15), cleanS: 200, artifactRate: 0 }, personal),
        ready
      ).kind
    ).toBe('firm')
  })
})

describe('selfReportEvidence', () => {
  it('agrees, disagrees or has nothing to say - and never changes the measured state', () => {
    const cases: [ArousalState | null, SelfReport | null, string][] = [
      ['high', 'wired', 'agree'],
      ['optimal', 'fine', 'agree'],
      ['low', 'flat', 'agree'],
      ['optimal', 'flat', 'disagree'],
      ['high', 'fine', 'disagree'],
      ['low', 'wired', 'disagree'],
      ['optimal', null, 'none'],
      [null, 'flat', 'none']
    ]
    for (const [measured, felt, evidence] of cases) {
      expect(selfReportEvidence(measured, felt)).toEqual({
        evidence,
        measured,
        felt,
        messageKey: `selfReport.${evidence}`
      })
    }
  })
})
