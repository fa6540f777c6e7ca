import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ArousalState, SelfReport } from '../shared/arousal'
import {
  checkInLength,
  gateDecision,
  recheckChange,
  selfReportEvidence,
  stateVerdict,
  VERDICT_MESSAGE_KEYS,
  type CalibratedBaseline,
  type ExpectedDirection,
  type MeasuredWindow
} from './verdict'
import { calibratedBaseline } from './calibration'

const keys = new Set(VERDICT_MESSAGE_KEYS)
const states: ArousalState[] = ['low', 'optimal', 'high']
const ready = { ready: true, readings: 5, readingsNeeded: 5, days: 3, daysNeeded: 3 }
const pop: CalibratedBaseline = calibratedBaseline([], { nowMs: 0 })

describe('VERDICT_MESSAGE_KEYS', () => {
  it('has no duplicates', () => {
    expect(keys.size).toBe(VERDICT_MESSAGE_KEYS.length)
  })

  it('lists every key the layer returns (property over its inputs)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...states),
        fc.double({ min: -4, max: 4, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom<SelfReport | null>('wired', 'fine', 'flat', null),
        (state, score, confidence, report) => {
          const v = stateVerdict({ state, score, confidence, reasons: [] }, ready)
          return keys.has(v.messageKey) && v.why.every((w) => keys.has(`verdict.why.${w}`))
            ? keys.has(selfReportEvidence(state, report).messageKey)
            : false
        }
      )
    )
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 300, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.constantFrom<'detected' | 'not-detected' | null>('detected', 'not-detected', null),
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.boolean(),
        (elapsedS, cleanS, artifactRate, contact, sinceLastBeatS, stopRequested) =>
          keys.has(
            checkInLength({
              elapsedS,
              cleanS,
              artifactRate,
              contact,
              sinceLastBeatS,
              score: 0.5,
              scoreSe: 0.3,
              stopRequested
            }).messageKey
          )
      )
    )
    fc.assert(
      fc.property(
        fc.double({ min: 50, max: 100, noNaN: true }),
        fc.double({ min: 50, max: 100, noNaN: true }),
        fc.constantFrom<ExpectedDirection>('calmer', 'more-alert', 'hold'),
        fc.constantFrom<ArousalState | null>('low', 'optimal', 'high', null),
        fc.boolean(),
        fc.boolean(),
        (hrA, hrB, expected, endState, completed, override) => {
          const w = (hr: number): MeasuredWindow => ({
            hrBpm: hr,
            hrSeBpm: 0.5,
            lnRmssd: Math.log(4000 / hr),
            lnRmssdSe: 0.08,
            respRateBpm: null,
            respSeBpm: null
          })
          const c = recheckChange(w(hrA), w(hrB), pop, expected, endState)!
          const g = gateDecision({ protocolCompleted: completed, change: c, overrideRecorded: override })
          return keys.has(c.messageKey) && keys.has(g.messageKey)
        }
      )
    )
  })
})
