/**
 * The resonance assessment's steps as a pure state machine (issue 17): paced breathing at each
 * rate of the list (6.5 → 4.5/min) for `stepMs`, a rest of `restMs` between steps, inhale shorter
 * than exhale (40 % of the cycle). When a step ends it is analysed (the caller passes the analysis,
 * signal/resonance.ts); a step flagged `repeat` (artefacts, lost contact, not following the pacer,
 * too short) runs once more right after its rest, and the rate is then chosen over each rate's last
 * attempt. Every function takes the clock's time and returns the next state with the session
 * events that record the change; nothing here reads a clock or touches a file.
 *
 * The schedule follows the clock, not the calls: a late `advance` (a timer that fired late, a
 * sleeping machine) ends the step at its planned end and starts the next one at the planned time,
 * so an assessment never drifts and one call can catch up over several phases.
 */
import type {
  ResonanceAttempt,
  ResonanceResult,
  ResonanceStatus,
  ResonanceStepRun,
  StepAnalysis
} from '../../shared/resonance'
import { chooseResonanceRate, resonanceStepTimings } from '../../signal/resonance'

export interface AssessmentTimings {
  stepMs: number
  restMs: number
}

export interface AssessmentState {
  id: string
  startedMs: number
  timings: AssessmentTimings
  ratesBpm: readonly number[]
  status: Exclude<ResonanceStatus, 'idle'>
  /** The running step, or during a rest the next one (its times are those it is planned for). */
  step: ResonanceStepRun | null
  restUntilMs: number | null
  attempts: ResonanceAttempt[]
  endedMs: number | null
  /** The choice, once every step ran (null while running and after a cancel). */
  result: ResonanceResult | null
}

/** A session event (events.csv type `resonance`) with its time. */
export interface AssessmentEvent {
  tMs: number
  detail: { [key: string]: string | number | boolean | null | (string | number)[] }
}

export interface Transition {
  state: AssessmentState
  events: AssessmentEvent[]
  /** Steps that ended in this transition, with their analyses (for resonance.csv). */
  ended: ResonanceAttempt[]
}

/** Analyses a finished step (signal/resonance.ts over the beats recorded meanwhile). */
export type AnalyseStep = (run: ResonanceStepRun) => StepAnalysis

/** Share of each breath spent breathing in (inhale shorter than exhale). */
export const INHALE_SHARE = 0.4

function stepRun(
  ratesBpm: readonly number[],
  index: number,
  attempt: 1 | 2,
  startMs: number,
  stepMs: number
): ResonanceStepRun {
  const breathsPerMin = ratesBpm[index]!
  const { inhaleMs, exhaleMs } = resonanceStepTimings(breathsPerMin, INHALE_SHARE)
  return { index, breathsPerMin, attempt, inhaleMs, exhaleMs, startMs, endMs: startMs + stepMs }
}

const round = (x: number | null, digits: number): number | null =>
  x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits

function stepStarted(s: ResonanceStepRun, id: string): AssessmentEvent {
  return {
    tMs: s.startMs,
    detail: {
      phase: 'step-start',
      id,
      step: s.index + 1,
      rateBpm: s.breathsPerMin,
      attempt: s.attempt,
      inhaleS: round(s.inhaleMs / 1000, 3),
      exhaleS: round(s.exhaleMs / 1000, 3),
      plannedS: round((s.endMs - s.startMs) / 1000, 3)
    }
  }
}

function stepEnded(a: ResonanceAttempt, id: string): AssessmentEvent {
  const x = a.analysis
  return {
    tMs: a.run.endMs,
    detail: {
      phase: 'step-end',
      id,
      step: a.run.index + 1,
      rateBpm: a.run.breathsPerMin,
      attempt: a.run.attempt,
      status: x.status,
      problems: x.problems,
      swingBpm: round(x.swingBpm, 2),
      lfPowerMs2: round(x.lfPowerMs2, 1),
      lfPeakHz: round(x.lfPeakHz, 3),
      phaseDeg: round(x.phaseDeg, 1),
      measuredBpm: round(x.measuredBpm, 2),
      artefactShare: round(x.artefactShare, 3),
      contactLostS: round(x.contactLostS, 1),
      breaths: x.breaths
    }
  }
}

/** Starts an assessment at `nowMs`: the first step begins at once (the screen's intro came before). */
export function startAssessment(
  id: string,
  nowMs: number,
  timings: AssessmentTimings,
  ratesBpm: readonly number[]
): Transition {
  if (!(timings.stepMs > 0) || !(timings.restMs >= 0))
    throw new Error(`invalid assessment timings ${JSON.stringify(timings)}`)
  if (ratesBpm.length === 0) throw new Error('an assessment needs at least one rate')
  const step = stepRun(ratesBpm, 0, 1, nowMs, timings.stepMs)
  const state: AssessmentState = {
    id,
    startedMs: nowMs,
    timings,
    ratesBpm: [...ratesBpm],
    status: 'step',
    step,
    restUntilMs: null,
    attempts: [],
    endedMs: null,
    result: null
  }
  const begin: AssessmentEvent = {
    tMs: nowMs,
    detail: {
      phase: 'start',
      id,
      ratesBpm: [...ratesBpm],
      stepS: timings.stepMs / 1000,
      restS: timings.restMs / 1000
    }
  }
  return { state, events: [begin, stepStarted(step, id)], ended: [] }
}

/** The last attempt of each rate, in the order of the rates (what the choice is made over). */
export function finalAnalyses(attempts: readonly ResonanceAttempt[]): StepAnalysis[] {
  const byIndex = new Map<number, StepAnalysis>()
  for (const a of attempts) byIndex.set(a.run.index, a.analysis)
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, x]) => x)
}

/** When the state next changes by itself (the end of the step or rest), or null. */
export function nextDeadline(state: AssessmentState): number | null {
  if (state.status === 'step') return state.step!.endMs
  if (state.status === 'rest') return state.restUntilMs
  return null
}

/** Brings the assessment up to `nowMs`: ends, analyses and repeats steps, ends rests, chooses the rate. */
export function advance(state: AssessmentState, nowMs: number, analyse: AnalyseStep): Transition {
  let s = state
  const events: AssessmentEvent[] = []
  const ended: ResonanceAttempt[] = []
  for (;;) {
    if (s.status === 'step' && s.step!.endMs <= nowMs) {
      const run = s.step!
      const attempt: ResonanceAttempt = { run, analysis: analyse(run) }
      ended.push(attempt)
      events.push(stepEnded(attempt, s.id))
      const attempts = [...s.attempts, attempt]
      // A flagged step runs once more; a flagged repeat stands (the result then says it is unsure).
      const again = attempt.analysis.status === 'repeat' && run.attempt === 1
      const nextIndex = again ? run.index : run.index + 1
      if (nextIndex >= s.ratesBpm.length) {
        const result = chooseResonanceRate(finalAnalyses(attempts))
        s = { ...s, status: 'done', step: null, restUntilMs: null, attempts, endedMs: run.endMs, result }
        events.push({
          tMs: run.endMs,
          detail: {
            phase: 'result',
            id: s.id,
            status: result.status,
            rateBpm: result.rateBpm,
            confidence: round(result.confidence, 3),
            reason: result.reason.key,
            repeatRatesBpm: result.repeatRatesBpm
          }
        })
        break
      }
      const restUntilMs = run.endMs + s.timings.restMs
      const next = stepRun(s.ratesBpm, nextIndex, again ? 2 : 1, restUntilMs, s.timings.stepMs)
      s = { ...s, status: 'rest', step: next, restUntilMs, attempts }
      events.push({
        tMs: run.endMs,
        detail: {
          phase: 'rest',
          id: s.id,
          restS: s.timings.restMs / 1000,
          nextRateBpm: next.breathsPerMin,
          repeat: again
        }
      })
      continue
    }
    if (s.status === 'rest' && s.restUntilMs! <= nowMs) {
      s = { ...s, status: 'step', restUntilMs: null }
      events.push(stepStarted(s.step!, s.id))
      continue
    }
    break
  }
  return { state: s, events, ended }
}

/** The person ends the rest early: the next step starts now. */
export function skipRest(state: AssessmentState, nowMs: number): Transition {
  if (state.status !== 'rest') return { state, events: [], ended: [] }
  const planned = state.step!
  const step = { ...planned, startMs: nowMs, endMs: nowMs + state.timings.stepMs }
  const s: AssessmentState = { ...state, status: 'step', step, restUntilMs: null }
  const skipped: AssessmentEvent = {
    tMs: nowMs,
    detail: { phase: 'rest-skipped', id: s.id, skippedS: round((planned.startMs - nowMs) / 1000, 1) }
  }
  return { state: s, events: [skipped, stepStarted(step, s.id)], ended: [] }
}

/**
 * The person stops the assessment. The steps that ran to their end are kept (and saved); the one
 * running now is left out of the analysis (it is recorded as an event with how far it got).
 */
export function cancelAssessment(state: AssessmentState, nowMs: number): Transition {
  if (state.status !== 'step' && state.status !== 'rest') return { state, events: [], ended: [] }
  const running = state.status === 'step' ? state.step : null
  const s: AssessmentState = {
    ...state,
    status: 'cancelled',
    step: null,
    restUntilMs: null,
    endedMs: nowMs,
    result: null
  }
  const detail: AssessmentEvent['detail'] = {
    phase: 'cancel',
    id: s.id,
    stepsDone: s.attempts.length,
    during: running ? 'step' : 'rest',
    rateBpm: running?.breathsPerMin ?? null,
    stepDoneS: running ? round((nowMs - running.startMs) / 1000, 1) : null
  }
  return { state: s, events: [{ tMs: nowMs, detail }], ended: [] }
}
