import { describe, expect, it } from 'vitest'
import type { DrillTrialResult } from './drill'
import { LEVELS, TOP_LEVEL } from './drillLevels'
import {
  HISTORY_CAP,
  applyTrial,
  emptyProgress,
  parseProgress,
  sessionSeries,
  startSession,
  toJson,
  trialPassed,
  type DrillProgress
} from './drillProgression'

function result(
  progress: DrillProgress,
  errors: number,
  ellipseAreaMm2: number | null = null
): DrillTrialResult {
  return {
    id: 'x',
    stance: LEVELS[progress.current].stance,
    durationS: 30,
    pathLengthMm: ellipseAreaMm2 === null ? null : 300,
    meanVelocityMmS: ellipseAreaMm2 === null ? null : 10,
    rmsDistanceMm: null,
    ellipseAreaMm2,
    boardErrors: 0,
    selfReportedErrors: errors,
    errors,
    hadBoard: ellipseAreaMm2 !== null
  }
}

const run = (p: DrillProgress, errors: number, area: number | null = null, session = 's1') =>
  applyTrial(p, result(p, errors, area), session, '2025-01-01T00:00:00.000Z')

describe('pass rule', () => {
  it('allows the level allowance of errors and no more', () => {
    const level = LEVELS[0]
    expect(trialPassed(level, { errors: level.allowedErrors, ellipseAreaMm2: null })).toBe(true)
    expect(trialPassed(level, { errors: level.allowedErrors + 1, ellipseAreaMm2: null })).toBe(false)
  })
  it('with a board, needs the 95 % ellipse inside the target circle', () => {
    const level = LEVELS[2]
    const circle = Math.PI * level.targetRadiusMm ** 2
    expect(trialPassed(level, { errors: 0, ellipseAreaMm2: circle * 0.99 })).toBe(true)
    expect(trialPassed(level, { errors: 0, ellipseAreaMm2: circle * 1.01 })).toBe(false)
  })
  it('the ladder gets harder: target zones widen only as stances get harder, allowances never shrink', () => {
    for (let i = 1; i < LEVELS.length; i++) {
      expect(LEVELS[i].targetRadiusMm).toBeGreaterThan(LEVELS[i - 1].targetRadiusMm)
      expect(LEVELS[i].allowedErrors).toBeGreaterThanOrEqual(LEVELS[i - 1].allowedErrors)
    }
  })
})

describe('progression', () => {
  it('a pass moves one level up and remembers it as last passed', () => {
    const r = run(emptyProgress(), 0)
    expect(r.passed).toBe(true)
    expect(r.step).toBe('up')
    expect(r.progress.current).toBe(1)
    expect(r.progress.lastPassed).toBe(0)
  })

  it('one miss repeats the level, two in a row step one back, then the count restarts', () => {
    let p: DrillProgress = { ...emptyProgress(), current: 3, lastPassed: 2 }
    let r = run(p, 9)
    expect([r.step, r.progress.current, r.progress.failStreak]).toEqual(['repeat', 3, 1])
    p = r.progress
    r = run(p, 9)
    expect([r.step, r.progress.current, r.progress.failStreak]).toEqual(['back', 2, 0])
    p = r.progress
    r = run(p, 9)
    expect([r.step, r.progress.current]).toEqual(['repeat', 2])
    // last passed is not lowered by stepping back
    expect(r.progress.lastPassed).toBe(2)
  })

  it('a pass between misses resets the streak', () => {
    let p: DrillProgress = { ...emptyProgress(), current: 2, lastPassed: 1 }
    p = run(p, 9).progress
    expect(p.failStreak).toBe(1)
    p = run(p, 0).progress
    expect(p.failStreak).toBe(0)
    expect(p.current).toBe(3)
    p = run(p, 9).progress
    expect([p.current, p.failStreak]).toEqual([3, 1])
  })

  it('never steps below level 1 and stays at the top level after passing it', () => {
    let p = emptyProgress()
    p = run(p, 9).progress
    const r = run(p, 9)
    expect(r.step).toBe('repeat')
    expect(r.progress.current).toBe(0)
    const top: DrillProgress = { ...emptyProgress(), current: TOP_LEVEL, lastPassed: TOP_LEVEL - 1 }
    const t = run(top, 0)
    expect(t.step).toBe('top')
    expect(t.progress.current).toBe(TOP_LEVEL)
    expect(t.progress.lastPassed).toBe(TOP_LEVEL)
  })

  it('a new session starts at the level last passed (persisted through JSON)', () => {
    let p = emptyProgress()
    p = run(p, 0).progress // pass 1
    p = run(p, 0).progress // pass 2
    p = run(p, 9).progress // miss 3
    expect(p.current).toBe(2)
    const reloaded = startSession(parseProgress(JSON.parse(JSON.stringify(toJson(p)))))
    expect(reloaded.current).toBe(1)
    expect(reloaded.failStreak).toBe(0)
    expect(reloaded.history).toHaveLength(3)
    expect(startSession(emptyProgress()).current).toBe(0)
  })

  it('keeps every trial in the history, capped', () => {
    let p = emptyProgress()
    for (let i = 0; i < HISTORY_CAP + 5; i++) p = run(p, 9, null, `s${i}`).progress
    expect(p.history).toHaveLength(HISTORY_CAP)
    expect(p.history.at(-1)!.session).toBe(`s${HISTORY_CAP + 4}`)
  })
})

describe('parseProgress', () => {
  it('gives a fresh start for missing, foreign or corrupt documents', () => {
    expect(parseProgress(null)).toEqual(emptyProgress())
    expect(parseProgress('nope')).toEqual(emptyProgress())
    expect(parseProgress({ version: 99, current: 3 })).toEqual(emptyProgress())
  })
  it('clamps levels and drops unreadable history rows', () => {
    const p = parseProgress({
      version: 1,
      lastPassed: 42,
      current: -3,
      failStreak: 7,
      history: [
        { session: 'a', atUtc: 'b', level: 1, stance: 'tandem', errors: 2, passed: true },
        { session: 'a', atUtc: 'b', level: 1, stance: 'handstand', errors: 2 },
        'junk'
      ]
    })
    expect(p.lastPassed).toBe(TOP_LEVEL)
    expect(p.current).toBe(0)
    expect(p.failStreak).toBe(1)
    expect(p.history).toHaveLength(1)
    expect(p.history[0]).toMatchObject({ stance: 'tandem', errors: 2, passed: true, pathLengthMm: null })
  })
})

describe('sessionSeries', () => {
  it('one point per session: best level passed (1-based), total errors, mean velocity', () => {
    let p = emptyProgress()
    p = run(p, 0, 100, '2025-01-02T08:00:00.000Z').progress
    p = run(p, 1, 100, '2025-01-02T08:00:00.000Z').progress
    p = run(p, 3, 100, '2025-01-01T08:00:00.000Z').progress
    const s = sessionSeries(p.history)
    expect(s.map((x) => x.session)).toEqual(['2025-01-01T08:00:00.000Z', '2025-01-02T08:00:00.000Z'])
    expect(s[1]).toMatchObject({ bestLevel: 2, errors: 1, trials: 2, meanVelocityMmS: 10 })
    expect(s[0]).toMatchObject({ bestLevel: 0, errors: 3, trials: 1 })
  })
})
