// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../../src-main/shared/settings'
import { planProtocol } from './pacer'
import { GuidedRun } from './guidedRun'

const settings = { ...DEFAULT_SETTINGS, protocols: { ...DEFAULT_SETTINGS.protocols, panoramicVisionS: 120 } }
const panoramic = planProtocol('panoramic-vision', 'full', settings) // parts of 15, 20, 25, 30, 30 s

describe('a guided practice on the clock', () => {
  it('walks through the parts by the clock, chiming where the script says, and completes at the end', () => {
    const run = new GuidedRun(panoramic, 1000)
    expect(run.step(1000)).toEqual({ chime: true, done: null }) // the start chime
    expect(run.step(2000)).toEqual({ chime: false, done: null })
    expect(run.view(1000 + 14_000)).toMatchObject({ index: 0, partRemainingMs: 1000 })
    // Panoramic vision chimes only at its start: the next parts begin silently.
    expect(run.step(1000 + 15_000)).toEqual({ chime: false, done: null })
    expect(run.view(1000 + 15_000)).toMatchObject({ index: 1, remainingMs: 105_000 })
    expect(run.view(1000 + 60_000).progress).toBeCloseTo(0.5, 9)
    const end = run.step(1000 + 120_000)
    expect(end.chime).toBe(true) // the end chime
    expect(end.done).toEqual({ name: 'panoramic-vision', plannedS: 120, doneS: 120, completed: true })
    expect(run.step(1000 + 130_000)).toEqual({ chime: false, done: null })
  })

  it('NSDR chimes at every new part', () => {
    const nsdr = planProtocol('nsdr', 'short', DEFAULT_SETTINGS) // 5 min, 8 parts
    const run = new GuidedRun(nsdr, 0)
    let chimes = 0
    for (let t = 0; t < nsdr.totalMs; t += 250) if (run.step(t).chime) chimes++
    expect(chimes).toBe(8)
    expect(run.step(nsdr.totalMs)).toMatchObject({ chime: true, done: { completed: true, plannedS: 300 } })
  })

  it('a pause stops the clock; stopping early reports how much was done, not completed', () => {
    const run = new GuidedRun(panoramic, 0)
    run.step(0)
    run.toggle(10_000)
    expect(run.paused).toBe(true)
    expect(run.view(50_000).elapsedMs).toBe(10_000)
    run.toggle(50_000)
    expect(run.view(60_000).elapsedMs).toBe(20_000)
    const done = run.finish(60_000)
    expect(done).toEqual({ name: 'panoramic-vision', plannedS: 120, doneS: 20, completed: false })
    // Once finished it stays finished, whatever comes later.
    expect(run.finish(500_000, true)).toBe(done)
    expect(run.step(500_000)).toEqual({ chime: false, done: null })
  })

  it('a part that begins while paused chimes when the practice resumes, not before', () => {
    const nsdr = planProtocol('nsdr', 'full', DEFAULT_SETTINGS) // first part 45 s
    const run = new GuidedRun(nsdr, 0)
    run.step(0)
    run.step(44_000)
    run.toggle(44_000)
    run.toggle(100_000)
    expect(run.step(100_500)).toEqual({ chime: false, done: null }) // still the first part (44.5 s)
    expect(run.step(101_000).chime).toBe(true)
  })

  it('refuses a paced plan', () => {
    expect(() => new GuidedRun(planProtocol('energising-inhale', 'full', DEFAULT_SETTINGS), 0)).toThrow(
      /not a guided practice/
    )
  })
})
