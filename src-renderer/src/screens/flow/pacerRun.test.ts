// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../../src-main/shared/settings'
import { planProtocol } from './pacer'
import { PacerRun, breathInRound, clockText } from './pacerRun'
import { phaseKey } from './phaseWords'
import { translate } from '../../lib/i18n/translate'

const sigh = planProtocol('sigh', 'short', DEFAULT_SETTINGS, 3) // 3 x (2 + 1 + 6 s) = 27 s
const so = planProtocol(
  'super-oxygenation',
  'short',
  { ...DEFAULT_SETTINGS, superOxygenation: { ...DEFAULT_SETTINGS.superOxygenation, breathsPerRound: 5 } },
  3
)

describe('PacerRun', () => {
  it('reports each phase start once, in order, and finishes completed by the clock', () => {
    const run = new PacerRun(sigh, 1000)
    const started: string[] = []
    for (let t = 1000; t < 1000 + 9000; t += 100) {
      const s = run.step(t)
      if (s.started) started.push(s.started)
    }
    expect(started).toEqual(['inhale', 'top-up', 'exhale'])
    // A late frame long after the end still finishes exactly once, with the planned time.
    const end = run.step(1000 + 60_000)
    expect(end.done).toEqual({ name: 'sigh', plannedS: 27, doneS: 27, completed: true })
    expect(run.step(1000 + 61_000).done).toBeNull()
  })

  it('pauses without drifting and stops early with the time actually breathed', () => {
    const run = new PacerRun(sigh, 0)
    run.step(0)
    run.toggle(4000)
    expect(run.paused).toBe(true)
    expect(run.view(20_000).elapsedMs).toBe(4000)
    expect(run.step(20_000).started).toBeNull()
    run.toggle(20_000)
    expect(run.view(21_000).elapsedMs).toBe(5000)
    expect(run.view(21_000).phase.name).toBe('exhale')
    expect(run.finish(21_000)).toEqual({ name: 'sigh', plannedS: 27, doneS: 5, completed: false })
  })

  it('ends a breath hold early only during a hold', () => {
    const run = new PacerRun(so, 0)
    const breathing = 5 * 2600
    expect(run.endHold(1000)).toBe(false)
    expect(run.view(breathing + 2000).phase.name).toBe('hold-empty')
    expect(run.endHold(breathing + 2000)).toBe(true)
    expect(run.view(breathing + 2000).done).toBe(true)
  })

  it('counts breaths within a super-oxygenation round', () => {
    expect(breathInRound(0, so.pattern.phases.length)).toEqual({ current: 1, total: 5 })
    expect(breathInRound(9, so.pattern.phases.length)).toEqual({ current: 5, total: 5 })
  })

  it('formats countdowns and names phases per protocol', () => {
    expect(clockText(0)).toBe('0:00')
    expect(clockText(59_001)).toBe('1:00')
    expect(clockText(297_000)).toBe('4:57')
    expect(translate('en', phaseKey('sigh', 'exhale'))).toBe('Exhale — mouth, slowly')
    expect(translate('en', phaseKey('super-oxygenation', 'exhale'))).toBe('Let go — mouth')
    expect(translate('zh-CN', phaseKey('super-oxygenation', 'hold-empty'))).toBe('屏气 —— 肺里空着')
    expect(translate('en', phaseKey('sigh', 'top-up'))).toBe('Top-up — nose')
  })
})
