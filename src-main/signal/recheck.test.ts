import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PRIOR_SD, type RestingMeasurement } from './baseline'
import { calibratedBaseline, type CalibratedBaseline } from './calibration'
import {
  changeSpreads,
  expectedDirection,
  gateDecision,
  historySummary,
  recheckChange,
  scoreChange,
  SWC_SCORE,
  Z_CLEAR,
  type MeasuredWindow,
  type RecheckChange
} from './recheck'

const NOW = Date.parse('2026-03-20T12:00:00.000Z')
const DAY = 86_400_000

/** A calibrated person: HR 64 +/- ~2, RMSSD ~40 ms, spreads at the floors (3 bpm, 0.15). */
const calibrated: CalibratedBaseline = calibratedBaseline(
  [0, 1, 2, 3, 4, 5, 6].map((d): RestingMeasurement => ({
    endedUtc: new Date(NOW - d * DAY).toISOString(),
    kind: 'baseline',
    hrBpm: 63 + (d % 3),
    lnRmssd: Math.log(40) + 0.02 * (d % 2),
    respRateBpm: 14
  })),
  { nowMs: NOW }
)
const calibrating: CalibratedBaseline = calibratedBaseline([], { nowMs: NOW })

const win = (hrBpm: number, rmssdMs: number, hrSeBpm = 0.5, lnRmssdSe = 0.08): MeasuredWindow => ({
  hrBpm,
  hrSeBpm,
  lnRmssd: Math.log(rmssdMs),
  lnRmssdSe,
  respRateBpm: null,
  respSeBpm: null
})

describe('expectedDirection', () => {
  it('follows the protocol, else the way back to the zone', () => {
    expect(expectedDirection('high')).toBe('calmer')
    expect(expectedDirection('low')).toBe('more-alert')
    expect(expectedDirection('optimal')).toBe('hold')
    // After super-oxygenation a rise is expected, whatever the start.
    expect(expectedDirection('low', 'energizing')).toBe('more-alert')
    expect(expectedDirection('optimal', 'energizing')).toBe('more-alert')
    expect(expectedDirection('high', 'calming')).toBe('calmer')
    expect(expectedDirection('high', 'neutral')).toBe('calmer')
  })
})

describe('changeSpreads', () => {
  it('uses the person once calibrated, the population within-person prior while calibrating', () => {
    expect(changeSpreads(calibrated)).toMatchObject({ source: 'personal', hrSdBpm: calibrated.stats.hrSdBpm })
    expect(changeSpreads(calibrating)).toEqual({
      hrSdBpm: PRIOR_SD.hrBpm,
      lnRmssdSd: PRIOR_SD.lnRmssd,
      respSdBpm: PRIOR_SD.respRateBpm,
      source: 'population'
    })
  })
})

describe('recheckChange', () => {
  it('reports the deltas with errors combined as independent', () => {
    const c = recheckChange(win(80, 30, 0.5, 0.08), win(72, 40.5, 0.6, 0.06), calibrated, 'calmer')!
    expect(c.dHrBpm).toBeCloseTo(-8, 12)
    expect(c.dHrSeBpm).toBeCloseTo(Math.hypot(0.5, 0.6), 12)
    expect(c.dLnRmssd).toBeCloseTo(Math.log(40.5 / 30), 12)
    expect(c.dLnRmssdSe).toBeCloseTo(0.1, 12)
    expect(c.dRmssdPct).toBeCloseTo(35, 9)
    expect(c.dRmssdPctLow).toBeLessThan(35)
    expect(c.dRmssdPctHigh).toBeGreaterThan(35)
    expect(c.swc.source).toBe('personal')
    expect(c.swc.hrBpm).toBeCloseTo(0.5 * calibrated.stats.hrSdBpm, 12)
    expect(c).toMatchObject({ measured: 'calmer', verdict: 'toward', messageKey: 'recheck.toward.calmer' })
    expect(c.dRespBpm).toBeNull()
  })

  it('a rise after super-oxygenation from a flat start is "toward", and an overshoot says so', () => {
    const c = recheckChange(
      win(58, 60),
      win(70, 40),
      calibrated,
      expectedDirection('low', 'energizing'),
      'high'
    )!
    expect(c).toMatchObject({
      measured: 'more-alert',
      verdict: 'toward',
      overshoot: true,
      messageKey: 'recheck.toward.more-alert.overshoot'
    })
  })

  it('a clear move the other way is "away"; any clear move when holding is "away"', () => {
    expect(recheckChange(win(70, 40), win(80, 28), calibrated, 'calmer')).toMatchObject({
      verdict: 'away',
      messageKey: 'recheck.away.more-alert'
    })
    expect(recheckChange(win(70, 40), win(62, 55), calibrated, 'hold')!.verdict).toBe('away')
  })

  it('small or noisy differences are no clear change', () => {
    expect(recheckChange(win(70, 40), win(69, 42), calibrated, 'calmer')!.verdict).toBe('no-clear-change')
    // -8 bpm but from windows so short their errors swamp it.
    const noisy = recheckChange(win(80, 30, 4, 0.4), win(72, 40, 4, 0.4), calibrated, 'calmer')!
    expect(noisy).toMatchObject({ verdict: 'no-clear-change', messageKey: 'recheck.no-clear-change' })
  })

  it('is clear exactly when the change exceeds the SWC by 1.645 standard errors (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 50, max: 100, noNaN: true }),
        fc.double({ min: 50, max: 100, noNaN: true }),
        fc.double({ min: 10, max: 100, noNaN: true }),
        fc.double({ min: 10, max: 100, noNaN: true }),
        fc.double({ min: 0.05, max: 3, noNaN: true }),
        fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        (hrA, hrB, rmA, rmB, seHr, seLn) => {
          const a = win(hrA, rmA, seHr, seLn)
          const b = win(hrB, rmB, seHr, seLn)
          const c = recheckChange(a, b, calibrated, 'calmer')!
          const s = scoreChange(a, b, changeSpreads(calibrated))!
          const clear = Math.abs(s.dScore) - SWC_SCORE >= Z_CLEAR * s.dScoreSe
          if (clear !== (c.measured !== 'no-clear-change')) return false
          // Measured direction follows the sign of the score change; the verdict never contradicts it.
          if (c.measured === 'calmer' && !(s.dScore < 0)) return false
          if (c.verdict === 'toward' && c.measured !== 'calmer') return false
          return true
        }
      )
    )
  })

  it('uses breathing rate only when both windows have one, and null without HR or lnRMSSD', () => {
    const a = { ...win(80, 30), respRateBpm: 16, respSeBpm: 2.4 }
    const b = { ...win(72, 40), respRateBpm: 11, respSeBpm: 2.4 }
    const c = recheckChange(a, b, calibrated, 'calmer')!
    expect(c.dRespBpm).toBeCloseTo(-5, 12)
    expect(c.dRespSeBpm).toBeCloseTo(2.4 * Math.SQRT2, 12)
    expect(recheckChange(a, { ...b, hrBpm: null }, calibrated, 'calmer')).toBeNull()
    expect(recheckChange({ ...a, lnRmssdSe: null }, b, calibrated, 'calmer')).toBeNull()
  })

  it('while calibrating judges change with the population within-person spreads', () => {
    const c = recheckChange(win(80, 30), win(74, 39), calibrating, 'calmer')!
    expect(c.swc).toEqual({ hrBpm: 2, lnRmssd: 0.125, respBpm: 1.25, source: 'population' })
    expect(c.verdict).toBe('toward')
  })
})

describe('gateDecision', () => {
  const change = (verdict: RecheckChange['verdict']): RecheckChange =>
    ({ ...recheckChange(win(80, 30), win(72, 40), calibrated, 'calmer')!, verdict }) as RecheckChange

  it('opens on a completed protocol that did not clearly move the person away, and says which', () => {
    expect(
      gateDecision({ protocolCompleted: true, change: change('toward'), overrideRecorded: false })
    ).toEqual({
      open: true,
      reason: 'completed-toward',
      messageKey: 'gate.open.completed-toward'
    })
    expect(
      gateDecision({ protocolCompleted: true, change: change('no-clear-change'), overrideRecorded: false })
        .reason
    ).toBe('completed-no-clear-change')
    expect(gateDecision({ protocolCompleted: true, change: null, overrideRecorded: false })).toMatchObject({
      open: true,
      reason: 'completed-not-measured'
    })
  })

  it('stays closed after a clear move away or without a completed protocol, unless overridden', () => {
    expect(
      gateDecision({ protocolCompleted: true, change: change('away'), overrideRecorded: false })
    ).toEqual({
      open: false,
      reason: 'moved-away',
      messageKey: 'gate.closed.moved-away'
    })
    expect(
      gateDecision({ protocolCompleted: false, change: change('toward'), overrideRecorded: false })
    ).toMatchObject({ open: false, reason: 'protocol-pending' })
    expect(
      gateDecision({ protocolCompleted: true, change: change('away'), overrideRecorded: true })
    ).toMatchObject({
      open: true,
      reason: 'override'
    })
    // An override that was not needed does not hide the measured reason.
    expect(
      gateDecision({ protocolCompleted: true, change: change('toward'), overrideRecorded: true }).reason
    ).toBe('completed-toward')
  })
})

describe('historySummary', () => {
  it('gives History "High -> calmer (HR -8 bpm, RMSSD +35 %)"', () => {
    const c = recheckChange(win(80.2, 30), win(71.8, 40.4), calibrated, 'calmer')!
    expect(historySummary('high', c)).toEqual({
      from: 'high',
      to: 'calmer',
      verdict: 'toward',
      dHrBpm: -8,
      dRmssdPct: 35,
      dRespBpm: null
    })
  })

  it('never shows -0', () => {
    const c = recheckChange(win(70, 40), win(69.8, 40.1), calibrated, 'calmer')!
    const h = historySummary('optimal', c)
    expect(Object.is(h.dHrBpm, -0)).toBe(false)
    expect(h.to).toBe('no-clear-change')
  })
})
