import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AROUSAL_CONSTANTS } from './arousal'
import {
  CHECKIN_LENGTH,
  checkInLength,
  isConfident,
  scoreStandardError,
  type CheckInLengthInput
} from './checkInStopping'

const base: CheckInLengthInput = {
  elapsedS: 0,
  cleanS: 0,
  artifactRate: 0,
  contact: 'detected',
  sinceLastBeatS: 0.5,
  score: null,
  scoreSe: null
}

describe('checkInLength', () => {
  it('settles, measures the minimum, then stops as soon as the estimate is confident', () => {
    expect(checkInLength({ ...base, elapsedS: 5 })).toMatchObject({ stop: false, reason: 'settling' })
    expect(checkInLength({ ...base, elapsedS: 40, cleanS: 24, score: 2.5, scoreSe: 0.2 })).toMatchObject({
      stop: false,
      reason: 'measuring',
      extending: false
    })
    const done = checkInLength({ ...base, elapsedS: 76, cleanS: 60, score: 2.5, scoreSe: 0.2 })
    expect(done).toMatchObject({
      stop: true,
      reason: 'enough',
      progress: 1,
      messageKey: 'checkIn.length.enough'
    })
  })

  it('extends while the score sits near a band edge, up to MAX_S, then stops with what it has', () => {
    const near = { ...base, cleanS: 70, score: 1.1, scoreSe: 0.15 }
    expect(checkInLength({ ...near, elapsedS: 90 })).toMatchObject({
      stop: false,
      reason: 'measuring',
      extending: true
    })
    expect(checkInLength({ ...near, elapsedS: CHECKIN_LENGTH.MAX_S })).toMatchObject({
      stop: true,
      reason: 'enough'
    })
  })

  it('a check-in stopped after 10 s with good contact is too short, not lost contact', () => {
    expect(checkInLength({ ...base, elapsedS: 10, cleanS: 0, stopRequested: true })).toMatchObject({
      stop: true,
      reason: 'too-short'
    })
  })

  it('says lost-contact only when the strap or the beats say so', () => {
    expect(checkInLength({ ...base, elapsedS: 30, cleanS: 14, contact: 'not-detected' }).reason).toBe(
      'lost-contact'
    )
    expect(checkInLength({ ...base, elapsedS: 30, cleanS: 14, sinceLastBeatS: 12 }).reason).toBe(
      'lost-contact'
    )
    // With the minimum already in, losing contact ends the check-in normally.
    expect(checkInLength({ ...base, elapsedS: 80, cleanS: 62, contact: 'not-detected' })).toMatchObject({
      stop: true,
      reason: 'enough'
    })
  })

  it('too many artefacts at the end read too-noisy, and are never "confident"', () => {
    const noisy = { ...base, cleanS: 61, artifactRate: 0.15, score: 3, scoreSe: 0.1 }
    expect(checkInLength({ ...noisy, elapsedS: 90 })).toMatchObject({ stop: false, extending: true })
    expect(checkInLength({ ...noisy, elapsedS: CHECKIN_LENGTH.MAX_S }).reason).toBe('too-noisy')
    expect(checkInLength({ ...noisy, elapsedS: 50, stopRequested: true }).reason).toBe('too-noisy')
  })

  it('is consistent for any input (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          elapsedS: fc.double({ min: 0, max: 400, noNaN: true }),
          cleanS: fc.double({ min: 0, max: 300, noNaN: true }),
          artifactRate: fc.double({ min: 0, max: 1, noNaN: true }),
          contact: fc.constantFrom('detected' as const, 'not-detected' as const, null),
          sinceLastBeatS: fc.double({ min: 0, max: 60, noNaN: true }),
          score: fc.option(fc.double({ min: -5, max: 5, noNaN: true })),
          scoreSe: fc.option(fc.double({ min: 0, max: 2, noNaN: true })),
          stopRequested: fc.boolean()
        }),
        (input) => {
          const d = checkInLength(input)
          const lost =
            input.contact === 'not-detected' || input.sinceLastBeatS > CHECKIN_LENGTH.LOST_CONTACT_S
          if (d.reason === 'lost-contact' && !lost) return false
          if (d.reason === 'too-noisy' && !(input.artifactRate > CHECKIN_LENGTH.MAX_ARTIFACT_RATE))
            return false
          if (d.reason === 'too-short' && input.cleanS >= CHECKIN_LENGTH.MIN_USABLE_CLEAN_S) return false
          // Never a confident early stop before the minimum of clean data.
          if (d.stop && !input.stopRequested && !lost && input.elapsedS < CHECKIN_LENGTH.MAX_S)
            if (input.cleanS < CHECKIN_LENGTH.MIN_CLEAN_S) return false
          if (d.stop !== (d.progress === 1)) return false
          return d.progress >= 0 && d.progress <= 1
        }
      )
    )
  })
})

describe('isConfident and scoreStandardError', () => {
  it('combines the HR and lnRMSSD errors as independent, in score units', () => {
    const { W_HR, W_LN } = AROUSAL_CONSTANTS
    const se = scoreStandardError(0.6, 0.09, { hrSdBpm: 3, lnRmssdSd: 0.15 })
    expect(se).toBeCloseTo(Math.sqrt((W_HR * 0.2) ** 2 + (W_LN * 0.6) ** 2) / (W_HR + W_LN), 12)
  })

  it('needs 1.645 standard errors between the score and the nearest band edge', () => {
    expect(isConfident(0, 0.5)).toBe(true) // 1.0 from either edge
    expect(isConfident(0.3, 0.5)).toBe(false) // 0.7 < 0.82
    expect(isConfident(-2, 0.5)).toBe(true)
    expect(isConfident(-1.5, 0.5)).toBe(false)
  })
})
