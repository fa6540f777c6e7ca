/**
 * The learning engine's entry points (issue 16): what the session engine calls. Pure: a model in,
 * a new model and data out; storage is store.ts, the CSV row decisionsCsv.ts. Formulas of the
 * estimates are in model.ts, of the rewards in reward.ts, of the options and context in options.ts.
 *
 * Choice (Thompson sampling, with its probabilities logged):
 *   pBest(a)  = P(a has the highest Q | data), by Monte Carlo: MC_DRAWS joint draws of
 *               Q(b, a) ~ N(m_a, sd_a) from a generator seeded with the decision's seed
 *   floor(n)  = max(FLOOR_END, FLOOR_START * 0.5 ^ (n / FLOOR_HALF_SESSIONS))   n = sessions with a
 *               re-check in this state so far: 10 % per option at first, halving every 8 sessions,
 *               never below 2 % (so a poor early start can always still be corrected)
 *   pLearn(a) = floor + (1 - K * floor) * pBest(a)          over the K learner options
 *   p(a)      = (1 - pc) * pLearn(a),  p(sit-quietly) = pc = CONTROL_PROBABILITY (0 when opted out)
 *   proposal  = the option where one more uniform draw u falls in the cumulative p
 * Drawing the proposal from the same estimated distribution that is logged makes the logged
 * probability the one the proposal really had (Thompson sampling picks a with probability
 * pBest(a); this is that rule with the Monte Carlo estimate made explicit), so inverse-probability
 * analyses can be redone from decisions.csv. Deterministic given the model's seed.
 *
 * Why these numbers (1000 simulated people x 40 sessions, two seed blocks the values were not
 * chosen on): against the previous fixed 5 % floor, 12 % control and TAU0 0.6, the truly best
 * option is "most likely best" at session 20 for 76-77 % of people instead of 74-75 %, regret
 * over 40 sessions falls from 16.0 to 14.5, and "still learning" with no real difference rises
 * from 75 % to 80 %. A decaying floor (wide early, 2 % late) spends fewer sessions on options
 * already known to be poor than a fixed 5 %; the control at 10 % (the low end of the issue's
 * 10-15 %) returns 2 % of sessions to the options. Top-two Thompson sampling (a best-arm
 * identification rule) did not find the best more often and raised regret by a third.
 * The 80 % at session 20 is NOT reached, and this simulation leaves little room: the
 * engine's estimates already pick the best as often as an estimator that knows the simulation's
 * true prior and noise does on the same sessions (the bench prints both: 76 % and 76 % at
 * session 20), and by session 20 a person has had about 12
 * over-aroused sessions for three options with re-check noise equal to the spread between people
 * (an even split of 4 per option finds the best about 75 % of the time even with that knowledge).
 *
 * Reasons (message keys, worded by the renderer; values in `reasonValues`):
 *   learning.reason.best-so-far {pct}   the proposal is the option most likely best
 *   learning.reason.exploring          another option, tried to learn
 *   learning.reason.not-enough-data    no outcome in this state yet: the published effects decide
 *   learning.reason.control            the sit-quietly control (measures natural drift)
 *   learning.reason.only-option        one option was possible (e.g. safety removed the others)
 *   learning.reason.rule               adaptive choice is off: the plain rule
 *   learning.reason.person-chose       the person picked it (recorded and learned from too)
 *
 * "Still learning" (the summary screen) until one option is >= STILL_LEARNING_P likely best AND
 * has >= STILL_LEARNING_SESSIONS sessions behind it. That probability (the screen's "likely best")
 * is computed with the SAME prior mean for every option (the mean of the state's literature
 * priors): "best for you" must come from the person's own sessions. With the literature priors
 * kept, a person for whom all options work equally was told "the sigh is best" in 40 % of
 * simulated cases, because Thompson sampling then rarely tries the options the priors rank low.
 */
import {
  CONTROL_OPTION,
  CONTROL_PROBABILITY,
  eligibleOptions,
  learnerOptions,
  optionsOfState,
  plainRule,
  validateContext,
  type ChoiceContext,
  type LearnState,
  type LearnerSettings,
  type OptionId
} from './options'
import {
  GAMMA,
  PRIORS,
  MAX_DECISIONS,
  blockValues,
  bucketOf,
  estimate,
  s1Class,
  type DecisionRecord,
  type Estimate,
  type LearnerModel
} from './model'
import {
  STILL_LEARNING_P,
  STILL_LEARNING_SESSIONS,
  type OptionSummary,
  type WhatWorksSummary
} from '../shared/learning'
import { blockReward, recheckReward, type BlockOutcome } from './reward'
import { nextSeed, seededRng, type Rng } from './rng'

export const FLOOR_START = 0.1
export const FLOOR_END = 0.02
export const FLOOR_HALF_SESSIONS = 8
export const MC_DRAWS = 4000
export { STILL_LEARNING_P, STILL_LEARNING_SESSIONS }
/** 90 % interval: mean +- 1.645 sd. */
export const Z90 = 1.645
/** |observed - predicted| below this (SWC units) reads "as expected". */
export const AS_EXPECTED_BAND = 0.5

/** The exploration floor per learner option after `sessionsInState` learned-from sessions (header). */
export function explorationFloor(sessionsInState: number): number {
  return Math.max(FLOOR_END, FLOOR_START * Math.pow(0.5, sessionsInState / FLOOR_HALF_SESSIONS))
}

/** P(each option is best) by Monte Carlo joint draws from independent normals. */
export function probabilityBest(estimates: readonly Estimate[], rng: Rng, draws = MC_DRAWS): number[] {
  const wins = new Array<number>(estimates.length).fill(0)
  if (estimates.length === 0) return []
  for (let k = 0; k < draws; k++) {
    let best = 0
    let bestValue = -Infinity
    for (let i = 0; i < estimates.length; i++) {
      const v = estimates[i]!.mean + estimates[i]!.sd * rng.normal()
      if (v > bestValue) {
        bestValue = v
        best = i
      }
    }
    wins[best]!++
  }
  return wins.map((w) => w / draws)
}

export interface ChoiceResult {
  model: LearnerModel
  decision: DecisionRecord
}

function argmax(xs: readonly number[]): number {
  let best = 0
  for (let i = 1; i < xs.length; i++) if (xs[i]! > xs[best]!) best = i
  return best
}

/** Choose an option for a check-in; the decision is appended to the model's log. */
export function choose(
  model: LearnerModel,
  context: ChoiceContext,
  settings: LearnerSettings,
  nowMs: number,
  id = `d${nowMs}`
): ChoiceResult {
  if (model.decisions.some((d) => d.id === id)) throw new Error(`choose: decision id ${id} already exists`)
  validateContext(context)
  const rule = plainRule(context, settings)
  if (rule === null || eligibleOptions(context, settings).length === 0)
    throw new Error(`choose: no option is available for this ${context.state} check-in`)
  const seed = model.nextSeed
  const rng = seededRng(seed)
  const bucket = bucketOf(context)
  const learner = learnerOptions(context, settings)
  const v1 = blockValues(model, context.state, nowMs)
  const estimates = learner.map((o) => estimate(model, context.state, o, bucket, nowMs, 'return', v1))
  const pBest = probabilityBest(estimates, rng)
  let options: OptionId[]
  let probabilities: number[]
  if (!settings.adaptive) {
    options = [rule]
    probabilities = [1]
  } else {
    const k = learner.length
    const learnedFrom = model.decisions.filter((d) => d.context.state === context.state && d.recheck).length
    const floor = Math.min(explorationFloor(learnedFrom), 1 / k)
    const pc = settings.controlOptOut ? 0 : CONTROL_PROBABILITY
    options = eligibleOptions(context, settings)
    probabilities = options.map((o) => {
      if (o === CONTROL_OPTION) return pc
      return (1 - pc) * (floor + (1 - k * floor) * pBest[learner.indexOf(o)]!)
    })
  }
  const u = rng.next()
  let acc = 0
  let pick = options.length - 1
  for (let i = 0; i < options.length; i++) {
    acc += probabilities[i]!
    if (u < acc) {
      pick = i
      break
    }
  }
  const proposed = options[pick]!
  const learnedFromInState = model.decisions.filter(
    (d) => d.context.state === context.state && d.recheck
  ).length
  const reasonKey = !settings.adaptive
    ? 'learning.reason.rule'
    : proposed === CONTROL_OPTION
      ? 'learning.reason.control'
      : learner.length === 1
        ? 'learning.reason.only-option'
        : learnedFromInState === 0
          ? 'learning.reason.not-enough-data'
          : learner[argmax(pBest)] === proposed
            ? 'learning.reason.best-so-far'
            : 'learning.reason.exploring'
  const decision: DecisionRecord = {
    id,
    atMs: nowMs,
    context: { ...context },
    bucket,
    options,
    probabilities,
    pBestOptions: learner,
    pBest,
    proposed,
    chosen: proposed,
    chosenBy: settings.adaptive ? 'engine' : 'rule',
    reasonKey,
    seed,
    ...predictions(model, context, proposed, bucket, nowMs),
    recheck: null,
    block: null,
    tdErrorRecheck: null,
    tdErrorBlock: null
  }
  return { model: appendDecision(model, decision, nextSeed(seed)), decision }
}

function predictions(
  model: LearnerModel,
  c: ChoiceContext,
  option: OptionId,
  bucket: string,
  nowMs: number
): { predictedReturn: number; predictedRecheck: number } {
  return {
    predictedReturn: estimate(model, c.state, option, bucket, nowMs, 'return').mean,
    predictedRecheck: estimate(model, c.state, option, bucket, nowMs, 'recheck').mean
  }
}

function appendDecision(model: LearnerModel, d: DecisionRecord, seed: number): LearnerModel {
  const decisions = [...model.decisions, d]
  return {
    ...model,
    nextSeed: seed,
    decisions: decisions.slice(Math.max(0, decisions.length - MAX_DECISIONS))
  }
}

function replaceDecision(model: LearnerModel, d: DecisionRecord): LearnerModel {
  return { ...model, decisions: model.decisions.map((x) => (x.id === d.id ? d : x)) }
}

function find(model: LearnerModel, id: string): DecisionRecord {
  const d = model.decisions.find((x) => x.id === id)
  if (!d) throw new Error(`unknown decision ${id}`)
  return d
}

/** Values for the reason's message ({pct}: the proposal's probability of being best). */
export function reasonValues(d: DecisionRecord): { pct: number } {
  const i = d.pBestOptions.indexOf(d.chosen)
  return { pct: i >= 0 && d.pBest[i] !== undefined ? Math.round(100 * d.pBest[i]!) : 0 }
}

/**
 * The person picked something else. Refused (an Error) for an option not eligible in this context,
 * so the safety filter holds for manual choices too. The engine's probabilities stay logged.
 */
export function chooseManually(
  model: LearnerModel,
  decisionId: string,
  option: OptionId,
  settings: LearnerSettings,
  nowMs: number
): ChoiceResult {
  const d = find(model, decisionId)
  const allowed = eligibleOptions(d.context, { ...settings, controlOptOut: false })
  if (!allowed.includes(option)) throw new Error(`option ${option} is not available in this context`)
  const updated: DecisionRecord = {
    ...d,
    chosen: option,
    chosenBy: 'person',
    reasonKey: 'learning.reason.person-chose',
    ...predictions(
      { ...model, decisions: model.decisions.filter((x) => x.id !== d.id) },
      d.context,
      option,
      d.bucket,
      nowMs
    )
  }
  return { model: replaceDecision(model, updated), decision: updated }
}

export type Outcome = ({ stage: 'recheck' } & { dScore: number }) | ({ stage: 'block' } & BlockOutcome)

/** The after-session line: a message key and its values. */
export interface Feedback {
  key: string
  values: { option: OptionId; predicted: number; observed: number }
}

/**
 * Record a stage's outcome and return the prediction-error line. Keys:
 *   re-check, over-aroused:  learning.pe.calmer-than-expected | learning.pe.less-calm-than-expected
 *   re-check, under-aroused: learning.pe.more-alert-than-expected | learning.pe.less-alert-than-expected
 *   either:                  learning.pe.as-expected
 *   block:                   learning.pe.block.better | learning.pe.block.worse | learning.pe.block.as-expected
 * `predicted`/`observed` are in SWC units (re-check: r1; block: r2 vs V1 of the re-check reached).
 */
export function recordOutcome(
  model: LearnerModel,
  decisionId: string,
  outcome: Outcome,
  nowMs: number
): { model: LearnerModel; decision: DecisionRecord; feedback: Feedback } {
  const d = find(model, decisionId)
  const state = d.context.state
  const v1 = blockValues(model, state, nowMs)
  if (outcome.stage === 'recheck') {
    if (d.recheck) throw new Error(`decision ${decisionId} already has its re-check`)
    const reward = recheckReward(state, outcome.dScore)
    const predicted = d.predictedRecheck ?? 0
    const updated: DecisionRecord = {
      ...d,
      recheck: { dScore: outcome.dScore, reward },
      tdErrorRecheck: reward + GAMMA * v1[s1Class(reward)] - (d.predictedReturn ?? 0)
    }
    const diff = reward - predicted
    const key =
      Math.abs(diff) < AS_EXPECTED_BAND
        ? 'learning.pe.as-expected'
        : state === 'high'
          ? diff > 0
            ? 'learning.pe.calmer-than-expected'
            : 'learning.pe.less-calm-than-expected'
          : diff > 0
            ? 'learning.pe.more-alert-than-expected'
            : 'learning.pe.less-alert-than-expected'
    return {
      model: replaceDecision(model, updated),
      decision: updated,
      feedback: { key, values: { option: d.chosen, predicted, observed: reward } }
    }
  }
  if (d.block) throw new Error(`decision ${decisionId} already has its block outcome`)
  const { stage: _stage, ...block } = outcome
  const reward = blockReward(block)
  const predicted = d.recheck ? v1[s1Class(d.recheck.reward)] : 0
  const updated: DecisionRecord = {
    ...d,
    block: { ...block, reward },
    tdErrorBlock: d.recheck ? reward - predicted : null
  }
  const diff = reward - predicted
  const key =
    Math.abs(diff) < AS_EXPECTED_BAND
      ? 'learning.pe.block.as-expected'
      : diff > 0
        ? 'learning.pe.block.better'
        : 'learning.pe.block.worse'
  return {
    model: replaceDecision(model, updated),
    decision: updated,
    feedback: { key, values: { option: d.chosen, predicted, observed: reward } }
  }
}

export type { OptionSummary, WhatWorksSummary }

/** What the "What works for you" screen shows for one state (all context buckets pooled). */
export function summary(
  model: LearnerModel,
  state: LearnState,
  settings: Pick<LearnerSettings, 'resonanceAvailable'>,
  nowMs: number,
  seed = 1
): WhatWorksSummary {
  const all = optionsOfState(state).filter((o) => o !== 'resonance' || settings.resonanceAvailable)
  const learner = all.filter((o) => o !== CONTROL_OPTION)
  const v1 = blockValues(model, state, nowMs)
  const est = all.map((o) => estimate(model, state, o, null, nowMs, 'return', v1))
  const neutral = learner.reduce((a, o) => a + PRIORS[o], 0) / Math.max(1, learner.length)
  const pBest = probabilityBest(
    learner.map((o) => estimate(model, state, o, null, nowMs, 'return', v1, neutral)),
    seededRng(seed)
  )
  const options = all.map((o, i): OptionSummary => {
    const e = est[i]!
    const li = learner.indexOf(o)
    return {
      option: o,
      mean: e.mean,
      low90: e.mean - Z90 * e.sd,
      high90: e.mean + Z90 * e.sd,
      recheckMean: estimate(model, state, o, null, nowMs, 'recheck').mean,
      sessions: e.sessions,
      pBest: li >= 0 ? pBest[li]! : null
    }
  })
  const top = learner.length ? argmax(pBest) : -1
  const confident =
    top >= 0 &&
    pBest[top]! >= STILL_LEARNING_P &&
    options[all.indexOf(learner[top]!)]!.sessions >= STILL_LEARNING_SESSIONS
  return {
    state,
    options,
    stillLearning: !confident,
    best: confident ? learner[top]! : null,
    messageKey: confident ? 'learning.summary.best' : 'learning.summary.still-learning'
  }
}
