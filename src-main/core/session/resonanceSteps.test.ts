import { describe, expect, it } from 'vitest'
import type { ResonanceStepRun, StepAnalysis } from '../../shared/resonance'
import {
  INHALE_SHARE,
  advance,
  cancelAssessment,
  finalAnalyses,
  nextDeadline,
  skipRest,
  startAssessment,
  type AnalyseStep,
  type AssessmentState
} from './resonanceSteps'

const T0 = Date.UTC(2026, 11, 3, 9, 0, 0)
const RATES = [6.5, 6.0, 5.5, 5.0, 4.5]
const TIMINGS = { stepMs: 120_000, restMs: 20_000 }

/** An analysis with a swing per rate; `repeat` lists the rates whose steps fail (every attempt). */
function analyser(
  swingByRate: Record<number, number>,
  repeat: (run: ResonanceStepRun) => boolean = () => false
) {
  const calls: ResonanceStepRun[] = []
  const fn: AnalyseStep = (run) => {
    calls.push(run)
    const bad = repeat(run)
    const a: StepAnalysis = {
      breathsPerMin: run.breathsPerMin,
      beats: 130,
      analysedS: (run.endMs - run.startMs) / 1000 - 15,
      breaths: 9,
      artefactShare: bad ? 0.2 : 0,
      contactLostS: 0,
      measuredBpm: run.breathsPerMin,
      measuredConfidence: 0.9,
      followedPacer: true,
      swingBpm: swingByRate[run.breathsPerMin] ?? 5,
      lfPowerMs2: (swingByRate[run.breathsPerMin] ?? 5) * 100,
      lfPeakHz: run.breathsPerMin / 60,
      lfPeakDensityMs2PerHz: (swingByRate[run.breathsPerMin] ?? 5) * 1000,
      phaseDeg: 0,
      status: bad ? 'repeat' : 'ok',
      problems: bad ? ['artefacts'] : []
    }
    return a
  }
  return { fn, calls }
}

/** Runs the machine to the end, calling advance at every deadline. */
function runToEnd(state: AssessmentState, analyse: AnalyseStep): AssessmentState {
  let s = state
  for (let guard = 0; guard < 100; guard++) {
    const at = nextDeadline(s)
    if (at === null) return s
    s = advance(s, at, analyse).state
  }
  throw new Error('the assessment never ended')
}

describe('resonance assessment steps', () => {
  it('paces each rate for the step length, inhale shorter than exhale, with rests between', () => {
    const { state, events } = startAssessment('a1', T0, TIMINGS, RATES)
    expect(state.status).toBe('step')
    expect(state.step).toMatchObject({
      index: 0,
      breathsPerMin: 6.5,
      attempt: 1,
      startMs: T0,
      endMs: T0 + 120_000
    })
    expect(state.step!.inhaleMs + state.step!.exhaleMs).toBeCloseTo(60_000 / 6.5, 6)
    expect(state.step!.inhaleMs / (60_000 / 6.5)).toBeCloseTo(INHALE_SHARE, 9)
    expect(state.step!.inhaleMs).toBeLessThan(state.step!.exhaleMs)
    expect(events.map((e) => e.detail.phase)).toEqual(['start', 'step-start'])

    const { fn, calls } = analyser({ 5.5: 14 })
    // Before the end nothing changes.
    expect(advance(state, T0 + 119_999, fn).events).toEqual([])
    const rest = advance(state, T0 + 120_000, fn)
    expect(rest.state.status).toBe('rest')
    expect(rest.state.restUntilMs).toBe(T0 + 140_000)
    expect(rest.state.step).toMatchObject({ index: 1, breathsPerMin: 6.0, startMs: T0 + 140_000 })
    expect(rest.ended).toHaveLength(1)
    expect(rest.events.map((e) => e.detail.phase)).toEqual(['step-end', 'rest'])

    const done = runToEnd(rest.state, fn)
    expect(done.status).toBe('done')
    expect(calls.map((c) => c.breathsPerMin)).toEqual(RATES)
    // Five steps and four rests: 5·120 + 4·20 s.
    expect(done.endedMs! - T0).toBe(680_000)
    expect(done.result?.rateBpm).toBe(5.5)
    expect(done.result?.reason).toEqual({
      key: 'resonance.reason.largestSwing',
      values: { rateBpm: 5.5, swingBpm: 14 }
    })
  })

  it('repeats a flagged step once, right after its rest, and chooses over the last attempt of each rate', () => {
    // 5.0/min fails the first time only.
    const seen = new Set<number>()
    const { fn, calls } = analyser({ 5.0: 12, 5.5: 9 }, (run) => {
      if (run.breathsPerMin !== 5.0 || seen.has(5.0)) return false
      seen.add(5.0)
      return true
    })
    const done = runToEnd(startAssessment('a2', T0, TIMINGS, RATES).state, fn)
    expect(calls.map((c) => `${c.breathsPerMin}/${c.attempt}`)).toEqual([
      '6.5/1',
      '6/1',
      '5.5/1',
      '5/1',
      '5/2',
      '4.5/1'
    ])
    expect(done.attempts).toHaveLength(6)
    expect(finalAnalyses(done.attempts).map((a) => [a.breathsPerMin, a.status])).toEqual([
      [6.5, 'ok'],
      [6.0, 'ok'],
      [5.5, 'ok'],
      [5.0, 'ok'],
      [4.5, 'ok']
    ])
    expect(done.result?.status).toBe('found')
    expect(done.result?.rateBpm).toBe(5.0)
  })

  it('a step that fails twice is not run a third time: the result says it is unsure', () => {
    const { fn, calls } = analyser({ 6.0: 10 }, (run) => run.breathsPerMin === 4.5)
    const done = runToEnd(startAssessment('a3', T0, TIMINGS, RATES).state, fn)
    expect(calls.filter((c) => c.breathsPerMin === 4.5).map((c) => c.attempt)).toEqual([1, 2])
    expect(calls).toHaveLength(6)
    expect(done.result?.status).toBe('unsure')
    expect(done.result?.repeatRatesBpm).toEqual([4.5])
    expect(done.result?.reason.key).toBe('resonance.reason.repeatSteps')
  })

  it('a late advance catches up over several phases at their planned times', () => {
    const { fn } = analyser({})
    const start = startAssessment('a4', T0, TIMINGS, RATES).state
    // 300 s later: steps 1 and 2 ended at 120 s and 260 s; step 3 started at 280 s.
    const t = advance(start, T0 + 300_000, fn)
    expect(t.ended.map((a) => [a.run.startMs - T0, a.run.endMs - T0])).toEqual([
      [0, 120_000],
      [140_000, 260_000]
    ])
    expect(t.state.status).toBe('step')
    expect(t.state.step).toMatchObject({ index: 2, startMs: T0 + 280_000, endMs: T0 + 400_000 })
    expect(t.events.map((e) => [e.detail.phase, e.tMs - T0])).toEqual([
      ['step-end', 120_000],
      ['rest', 120_000],
      ['step-start', 140_000],
      ['step-end', 260_000],
      ['rest', 260_000],
      ['step-start', 280_000]
    ])
  })

  it('skipping a rest starts the next step now; outside a rest it does nothing', () => {
    const { fn } = analyser({})
    const start = startAssessment('a5', T0, TIMINGS, RATES).state
    expect(skipRest(start, T0 + 1000).state).toBe(start)
    const rest = advance(start, T0 + 120_000, fn).state
    const skipped = skipRest(rest, T0 + 125_000)
    expect(skipped.state.status).toBe('step')
    expect(skipped.state.step).toMatchObject({ index: 1, startMs: T0 + 125_000, endMs: T0 + 245_000 })
    expect(skipped.events.map((e) => e.detail.phase)).toEqual(['rest-skipped', 'step-start'])
  })

  it('a rest of 0 s goes straight on to the next step', () => {
    const { fn } = analyser({})
    const start = startAssessment('a6', T0, { stepMs: 60_000, restMs: 0 }, RATES).state
    const t = advance(start, T0 + 60_000, fn)
    expect(t.state.status).toBe('step')
    expect(t.state.step).toMatchObject({ index: 1, startMs: T0 + 60_000 })
  })

  it('cancelling keeps every step that ran to its end and chooses nothing', () => {
    const { fn } = analyser({ 6.0: 11 })
    let s = startAssessment('a7', T0, TIMINGS, RATES).state
    s = advance(s, T0 + 270_000, fn).state // two steps done, in the second rest
    expect(s.status).toBe('rest')
    const c = cancelAssessment(s, T0 + 270_000)
    expect(c.state.status).toBe('cancelled')
    expect(c.state.attempts.map((a) => a.run.breathsPerMin)).toEqual([6.5, 6.0])
    expect(c.state.result).toBeNull()
    expect(c.state.endedMs).toBe(T0 + 270_000)
    expect(c.events[0]!.detail).toMatchObject({ phase: 'cancel', stepsDone: 2, during: 'rest' })
    // A cancelled assessment stays cancelled.
    expect(advance(c.state, T0 + 10_000_000, fn).events).toEqual([])
    expect(cancelAssessment(c.state, T0 + 300_000).state).toBe(c.state)
    expect(nextDeadline(c.state)).toBeNull()
  })

  it('cancelling during a step records how far it got', () => {
    const s = startAssessment('a8', T0, TIMINGS, RATES).state
    const c = cancelAssessment(s, T0 + 45_500)
    expect(c.events[0]!.detail).toMatchObject({ during: 'step', rateBpm: 6.5, stepDoneS: 45.5, stepsDone: 0 })
  })

  it('a re-test is a new assessment from the first rate', () => {
    const { fn } = analyser({ 6.5: 20 })
    const first = runToEnd(startAssessment('b1', T0, TIMINGS, RATES).state, fn)
    expect(first.result?.rateBpm).toBe(6.5)
    const again = startAssessment('b2', first.endedMs! + 60_000, TIMINGS, RATES).state
    expect(again.id).toBe('b2')
    expect(again.attempts).toEqual([])
    expect(again.step).toMatchObject({ index: 0, attempt: 1, startMs: first.endedMs! + 60_000 })
  })

  it('refuses timings that cannot run', () => {
    expect(() => startAssessment('x', T0, { stepMs: 0, restMs: 0 }, RATES)).toThrow(/timings/)
    expect(() => startAssessment('x', T0, { stepMs: 1000, restMs: -1 }, RATES)).toThrow(/timings/)
    expect(() => startAssessment('x', T0, TIMINGS, [])).toThrow(/at least one rate/)
  })
})
