/**
 * Simulated people for judging the learner honestly (issue 16, item 5): `npm run bench -- learning`
 * and learning.test.ts. Each person has their own TRUE mean change toward the zone per option
 * (SWC units, what the re-check would show on average) and a natural drift when just sitting;
 * every session adds noise. Nothing here is seen by the engine except what a real session gives
 * it: the context, the re-check's score change and the block outcome.
 *
 * Person (seeded):
 *   true effect of a learner option = its prior mean + N(0, PERSON_SD)   (people differ)
 *   sit-quietly (natural drift)     = N(0.3, 0.3)
 *   safety check passed with probability 0.6; tired on 30 % of under-aroused days
 *   `noDifference` people: every learner option of a state has the same true effect
 * Session (one per day, random hour, state over-aroused on 60 % of days):
 *   re-check change (SWC)  = true effect + N(0, RECHECK_NOISE_SD)
 *   block: focus = round(3 + 0.4 * true effect + N(0, 1)) in 1..5; 85 % of blocks complete,
 *          else 30-70 % done; 0-4 errors, 0-2 frustrations
 * So the block follows the option's effect only weakly and noisily, as it would in life.
 * Regret is counted in true effect units: sum over sessions of (best eligible effect - chosen effect).
 */
import { SWC_SCORE } from '../signal/recheck'
import { choose, recordOutcome, summary } from './engine'
import { emptyModel, PRIORS, type LearnerModel } from './model'
import {
  CONTROL_OPTION,
  learnerOptions,
  plainRule,
  type ChoiceContext,
  type LearnState,
  type LearnerSettings,
  type OptionId
} from './options'
import { seededRng, type Rng } from './rng'

export const PERSON_SD = 0.8
export const RECHECK_NOISE_SD = 1.0
const DAY_MS = 86_400_000
const START_MS = Date.UTC(2026, 0, 5)

export interface SimPerson {
  effect: Record<OptionId, number>
  safetyPassed: boolean
}

export function simPerson(rng: Rng, noDifference = false): SimPerson {
  const effect = {} as Record<OptionId, number>
  const high = rng.normal() * PERSON_SD
  const low = rng.normal() * PERSON_SD
  for (const o of Object.keys(PRIORS) as OptionId[]) {
    const shared = ['sigh-short', 'sigh-standard', 'panoramic-vision', 'resonance'].includes(o) ? high : low
    effect[o] = noDifference ? 1 + shared : PRIORS[o] + rng.normal() * PERSON_SD
  }
  effect[CONTROL_OPTION] = 0.3 + 0.3 * rng.normal()
  return { effect, safetyPassed: rng.next() < 0.6 }
}

function simContext(rng: Rng, person: SimPerson, onlyState: LearnState | null): ChoiceContext {
  const state: LearnState = onlyState ?? (rng.next() < 0.6 ? 'high' : 'low')
  const distance = 1 + 2 * rng.next()
  return {
    state,
    score: state === 'high' ? distance : -distance,
    localHour: Math.floor(24 * rng.next()),
    drillFollows: rng.next() < 0.5,
    safety: person.safetyPassed ? 'passed' : rng.next() < 0.5 ? 'failed' : 'not-done',
    tired: state === 'low' && rng.next() < 0.3
  }
}

export interface SessionTrace {
  /** Engine's "most likely best" learner option before the session equals the truly best one. */
  recommendsBest: boolean
  /** Logged probability the proposal was the truly best option. */
  pProposeBest: number
  chosen: OptionId
  regretVsBest: number
  regretOfAlwaysSigh: number
  /** True effect of the best eligible learner option minus the runner-up's (SWC units). */
  gap: number
  /**
   * The yardstick: would an estimator that KNOWS the simulation's prior (PRIORS, PERSON_SD) and
   * re-check noise pick the truly best option from the same earlier sessions' re-checks?
   */
  oracleRecommendsBest: boolean
}

/** Posterior-mean argmax with the simulation's true prior and noise, from earlier re-checks. */
function oracleBest(model: LearnerModel, ctx: ChoiceContext, options: OptionId[]): OptionId {
  const post = options.map((o) => {
    let precision = 1 / PERSON_SD ** 2
    let sum = PRIORS[o] / PERSON_SD ** 2
    for (const d of model.decisions)
      if (d.recheck && d.chosen === o && d.context.state === ctx.state) {
        precision += 1 / RECHECK_NOISE_SD ** 2
        sum += d.recheck.reward / RECHECK_NOISE_SD ** 2
      }
    return sum / precision
  })
  return options[post.indexOf(Math.max(...post))]!
}

export interface PersonRun {
  sessions: SessionTrace[]
  /** Summary of the over-aroused state after the last session. */
  stillLearningAtEnd: boolean
  model: LearnerModel
}

/** One person through `sessions` sessions with the engine proposing (no manual overrides). */
export function runPerson(
  seed: number,
  sessions: number,
  settings: LearnerSettings,
  opts: { noDifference?: boolean; onlyState?: LearnState } = {}
): PersonRun {
  const rng = seededRng(seed)
  const person = simPerson(rng, opts.noDifference ?? false)
  let model = emptyModel(START_MS, seed)
  const traces: SessionTrace[] = []
  for (let i = 0; i < sessions; i++) {
    const nowMs = START_MS + i * DAY_MS
    const ctx = simContext(rng, person, opts.onlyState ?? null)
    const learner = learnerOptions(ctx, settings)
    const trueBest = learner.reduce((a, b) => (person.effect[b] > person.effect[a] ? b : a))
    const runnerUp = Math.max(
      -Infinity,
      ...learner.filter((o) => o !== trueBest).map((o) => person.effect[o])
    )
    const oracle = oracleBest(model, ctx, learner)
    const chosen = choose(model, ctx, settings, nowMs, `s${i}`)
    model = chosen.model
    const d = chosen.decision
    const recommended = d.pBestOptions[d.pBest.indexOf(Math.max(...d.pBest))] ?? d.chosen
    const bestIdx = d.options.indexOf(trueBest)
    const effect = person.effect[d.chosen] + RECHECK_NOISE_SD * rng.normal()
    const dScore = (ctx.state === 'high' ? -effect : effect) * SWC_SCORE
    model = recordOutcome(model, d.id, { stage: 'recheck', dScore }, nowMs + 600_000).model
    const complete = rng.next() < 0.85
    const focus = Math.max(1, Math.min(5, Math.round(3 + 0.4 * person.effect[d.chosen] + rng.normal())))
    model = recordOutcome(
      model,
      d.id,
      {
        stage: 'block',
        focus,
        minutesPlanned: 45,
        minutesDone: complete ? 45 : 45 * (0.3 + 0.4 * rng.next()),
        errors: Math.floor(5 * rng.next()),
        frustrations: Math.floor(3 * rng.next())
      },
      nowMs + 3_600_000
    ).model
    traces.push({
      recommendsBest: recommended === trueBest,
      pProposeBest: bestIdx >= 0 ? d.probabilities[bestIdx]! : 0,
      chosen: d.chosen,
      regretVsBest: person.effect[trueBest] - person.effect[d.chosen],
      regretOfAlwaysSigh: person.effect[trueBest] - person.effect[plainRule(ctx)],
      gap: person.effect[trueBest] - runnerUp,
      oracleRecommendsBest: oracle === trueBest
    })
  }
  const end = summary(model, opts.onlyState ?? 'high', settings, START_MS + sessions * DAY_MS, seed)
  return { sessions: traces, stillLearningAtEnd: end.stillLearning, model }
}

export interface StudyResult {
  people: number
  sessions: number
  /** Fraction of people whose engine recommends their truly best option, at session k (1-based). */
  recommendsBestAt: Record<number, number>
  /** The same among sessions where the best is >= CLEAR_GAP better than the runner-up. */
  recommendsBestClearAt: Record<number, number>
  /** The same for the estimator that knows the simulation's prior and noise (SessionTrace). */
  oracleRecommendsBestAt: Record<number, number>
  /** Mean logged probability of proposing the truly best option at session k. */
  proposesBestAt: Record<number, number>
  meanRegretVsBest: number
  meanRegretOfAlwaysSigh: number
  /** Part of meanRegretVsBest spent on the sit-quietly control (the price of measuring drift). */
  meanRegretFromControl: number
  controlShare: number
}

/** A difference worth finding: half a smallest worthwhile change of the re-check (SWC units). */
export const CLEAR_GAP = 0.5

export function runStudy(
  people: number,
  sessions: number,
  checkpoints: number[],
  settings: LearnerSettings,
  firstSeed = 1
): StudyResult {
  const recommendsBestAt: Record<number, number> = {}
  const oracleRecommendsBestAt: Record<number, number> = {}
  const proposesBestAt: Record<number, number> = {}
  const clearHits: Record<number, [number, number]> = {}
  for (const k of checkpoints) {
    recommendsBestAt[k] = 0
    oracleRecommendsBestAt[k] = 0
    proposesBestAt[k] = 0
    clearHits[k] = [0, 0]
  }
  let regret = 0
  let regretControl = 0
  let regretSigh = 0
  let control = 0
  for (let p = 0; p < people; p++) {
    const run = runPerson(firstSeed + p, sessions, settings)
    for (const k of checkpoints) {
      const t = run.sessions[k - 1]!
      recommendsBestAt[k]! += (t.recommendsBest ? 1 : 0) / people
      oracleRecommendsBestAt[k]! += (t.oracleRecommendsBest ? 1 : 0) / people
      proposesBestAt[k]! += t.pProposeBest / people
      if (t.gap >= CLEAR_GAP) {
        clearHits[k]![0] += t.recommendsBest ? 1 : 0
        clearHits[k]![1]++
      }
    }
    for (const t of run.sessions) {
      regret += t.regretVsBest / people
      if (t.chosen === CONTROL_OPTION) regretControl += t.regretVsBest / people
      regretSigh += t.regretOfAlwaysSigh / people
      control += t.chosen === CONTROL_OPTION ? 1 / (people * sessions) : 0
    }
  }
  return {
    people,
    sessions,
    recommendsBestAt,
    oracleRecommendsBestAt,
    recommendsBestClearAt: Object.fromEntries(
      checkpoints.map((k) => [k, clearHits[k]![0] / Math.max(1, clearHits[k]![1])])
    ),
    proposesBestAt,
    meanRegretVsBest: regret,
    meanRegretOfAlwaysSigh: regretSigh,
    meanRegretFromControl: regretControl,
    controlShare: control
  }
}

/** How often "still learning" shows after `sessions` over-aroused sessions when all options are equal. */
export function stillLearningWhenEqual(
  people: number,
  sessions: number,
  settings: LearnerSettings,
  firstSeed = 1
): number {
  let n = 0
  for (let p = 0; p < people; p++)
    if (
      runPerson(firstSeed + p, sessions, settings, { noDifference: true, onlyState: 'high' })
        .stillLearningAtEnd
    )
      n++
  return n / people
}
