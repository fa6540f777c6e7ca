import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../../src-main/shared/settings'
import { sighPattern } from '../../../../src-main/shared/breathing'
import {
  elapsedOf,
  pacerView,
  pauseClock,
  phaseAt,
  phaseSpans,
  planProtocol,
  resumeClock,
  sighFromSettings,
  sighTimingOk,
  skipPhase,
  startClock,
  superOxFromSettings,
  superOxTimingOk
} from './pacer'

const sigh = sighPattern(2000, 1000, 6000)

describe('phaseAt', () => {
  it('walks the sigh phases by elapsed time', () => {
    expect(phaseAt(sigh, 0).phase.name).toBe('inhale')
    expect(phaseAt(sigh, 1999).phase.name).toBe('inhale')
    expect(phaseAt(sigh, 2000).phase.name).toBe('top-up')
    expect(phaseAt(sigh, 2500).phaseRemainingMs).toBe(500)
    expect(phaseAt(sigh, 3000).phase.name).toBe('exhale')
    const next = phaseAt(sigh, 9000)
    expect(next.phase.name).toBe('inhale')
    expect(next.cycle).toBe(1)
  })

  it('does not drift over 5 minutes: cycle 33 starts exactly at 297 s', () => {
    const at = phaseAt(sigh, 297_000)
    expect(at.cycle).toBe(33)
    expect(at.index).toBe(0)
    expect(at.phaseElapsedMs).toBe(0)
    expect(phaseAt(sigh, 296_999).phase.name).toBe('exhale')
  })

  it('volume rises on inhale and falls on exhale', () => {
    expect(phaseAt(sigh, 1000).volume).toBeGreaterThan(phaseAt(sigh, 100).volume)
    expect(phaseAt(sigh, 2900).volume).toBeGreaterThan(0.95)
    expect(phaseAt(sigh, 8900).volume).toBeLessThan(0.05)
  })
})

describe('clock with pauses', () => {
  it('excludes paused time and stays put while paused', () => {
    let c = startClock(1000)
    expect(elapsedOf(c, 4000)).toBe(3000)
    c = pauseClock(c, 4000)
    expect(elapsedOf(c, 60_000)).toBe(3000)
    c = resumeClock(c, 10_000)
    expect(elapsedOf(c, 11_000)).toBe(4000)
    // A second pause accumulates.
    c = pauseClock(c, 12_000)
    c = pauseClock(c, 13_000) // ignored: already paused
    c = resumeClock(c, 20_000)
    expect(elapsedOf(c, 21_000)).toBe(6000)
    // Resume when not paused is a no-op.
    expect(resumeClock(c, 99_000)).toBe(c)
  })

  it('skipPhase jumps to the end of the current phase (ending a hold early)', () => {
    let c = startClock(0)
    c = skipPhase(c, sigh, 500) // in the inhale, 1500 ms left
    expect(elapsedOf(c, 500)).toBe(2000)
    expect(phaseAt(sigh, elapsedOf(c, 500)).phase.name).toBe('top-up')
  })
})

describe('protocol plans', () => {
  it('full sigh is whole cycles near 5 min, short is 1-3 sighs', () => {
    const full = planProtocol('sigh', 'full', DEFAULT_SETTINGS)
    expect(full.cycles).toBe(33)
    expect(full.totalMs).toBe(297_000)
    expect(full.pacerRateBpm).toBeCloseTo(60 / 9)
    expect(planProtocol('sigh', 'short', DEFAULT_SETTINGS, 1).cycles).toBe(1)
    expect(planProtocol('sigh', 'short', DEFAULT_SETTINGS, 9).cycles).toBe(3)
  })

  it('super-oxygenation: 30 breaths then a 15 s empty hold; rounds for ~5 min', () => {
    const plan = planProtocol('super-oxygenation', 'full', DEFAULT_SETTINGS)
    const phases = plan.pattern.phases
    expect(phases.filter((p) => p.name === 'inhale')).toHaveLength(30)
    expect(phases.at(-1)).toMatchObject({ name: 'hold-empty', durationMs: 15000 })
    expect(plan.cycles).toBe(3)
    expect(plan.pacerRateBpm).toBeCloseTo(60 / 2.6)
    expect(planProtocol('super-oxygenation', 'short', DEFAULT_SETTINGS).cycles).toBe(1)
  })

  it('enforces exhale >= 2x both inhales, and inhale > exhale for super-oxygenation', () => {
    expect(sighTimingOk({ inhaleS: 2, topUpS: 1, exhaleS: 6 })).toBe(true)
    expect(sighTimingOk({ inhaleS: 2, topUpS: 1, exhaleS: 5 })).toBe(false)
    const p = sighFromSettings({ inhaleS: 3, topUpS: 1, exhaleS: 4, durationS: 60 })
    expect(p.phases[2]!.durationMs).toBe(8000)
    expect(superOxTimingOk({ inhaleS: 1, exhaleS: 1.5 })).toBe(false)
    const so = superOxFromSettings({ ...DEFAULT_SETTINGS.superOxygenation, inhaleS: 1, exhaleS: 1.5 })
    expect(so.phases[1]!.durationMs).toBeLessThan(so.phases[0]!.durationMs)
  })

  it('caps the hold at 15 s', () => {
    const so = superOxFromSettings({ ...DEFAULT_SETTINGS.superOxygenation, holdS: 40 })
    expect(so.phases.at(-1)!.durationMs).toBe(15000)
  })
})

describe('pacerView and phaseSpans', () => {
  it('reports remaining time, cycle and done', () => {
    const plan = planProtocol('sigh', 'short', DEFAULT_SETTINGS, 2)
    const mid = pacerView(plan, 10_000)
    expect(mid).toMatchObject({ cycle: 1, totalCycles: 2, remainingMs: 8000, done: false })
    expect(pacerView(plan, 18_000).done).toBe(true)
    expect(pacerView(plan, 25_000).remainingMs).toBe(0)
  })

  it('lists phase spans clipped to the window', () => {
    const spans = phaseSpans(sigh, 8000, 12_000)
    expect(spans).toEqual([
      { name: 'exhale', fromMs: 8000, toMs: 9000 },
      { name: 'inhale', fromMs: 9000, toMs: 11000 },
      { name: 'top-up', fromMs: 11000, toMs: 12000 }
    ])
    expect(phaseSpans(sigh, 5, 5)).toEqual([])
  })
})

describe('resonance breathing plan', () => {
  it("paces at the person's rate, inhale shorter than exhale, for the practice's length", () => {
    const plan = planProtocol('resonance', 'full', DEFAULT_SETTINGS, 3, 5.5)
    expect(plan.pacerRateBpm).toBe(5.5)
    expect(plan.pattern.effect).toBe('calming')
    const [inhale, exhale] = plan.pattern.phases
    expect(inhale!.name).toBe('inhale')
    expect(inhale!.durationMs + exhale!.durationMs).toBeCloseTo(60_000 / 5.5, 6)
    expect(inhale!.durationMs).toBeLessThan(exhale!.durationMs)
    // 300 s at 5.5/min is 27.5 breaths: whole breaths only.
    expect([27, 28]).toContain(plan.cycles)
    expect(plan.totalMs).toBeCloseTo(plan.cycles * (60_000 / 5.5), 6)
    expect(planProtocol('resonance', 'full', DEFAULT_SETTINGS, 3, 5).cycles).toBe(25)
  })

  it('paces at 6/min before any test; the quick dose is 2 minutes', () => {
    const plan = planProtocol('resonance', 'short', { ...DEFAULT_SETTINGS }, 3, null)
    expect(plan.pacerRateBpm).toBe(6)
    expect(plan.cycles).toBe(12)
    expect(plan.totalMs).toBeCloseTo(120_000, 6)
    const longer = planProtocol('resonance', 'full', {
      ...DEFAULT_SETTINGS,
      resonance: { stepS: 120, restS: 20, durationS: 600 }
    })
    expect(longer.cycles).toBe(60)
  })
})
