/**
 * The learner's model: a log of decisions with their outcomes, and the estimates computed from it.
 * Keeping the log (not running sums) means every estimate can be recomputed and explained, the
 * half-life needs no bookkeeping, and `npm run cli -- learn` can replay old sessions through
 * exactly this code. Formulas (issue 16, item 3); rewards r1 (re-check) and r2 (end of block) are
 * in reward.ts.
 *
 * TD chain. A session is s0 (check-in, option a chosen in context bucket b) -> s1 (re-check) ->
 * end of block. s1 is summarised as the re-check's class: toward (r1 >= 1), away (r1 <= -1) or
 * flat (otherwise), per state. Values:
 *   V1(state, class)  = predicted r2 after reaching s1 (a normal estimate of r2, prior N(0, 1),
 *                       noise sd SIGMA_BLOCK, over all options' sessions in that state and class)
 *   Q(b, a)           = predicted return of choosing a in b (the estimate below)
 * TD errors (logged per session; the after-session line words the first):
 *   delta_recheck = r1 + GAMMA * V1(s1) - Q(b, a)      at the re-check
 *   delta_block   = r2 - V1(s1)                         at the end of the block
 * TD(lambda) target of a session for Q (GAMMA = 1, LAMBDA = 0.5):
 *   y = r1 + GAMMA * (LAMBDA * r2 + (1 - LAMBDA) * V1(s1))     when the block outcome is known
 *   y = r1 + GAMMA * V1(s1)                                     before it (TD(0) bootstrap)
 * i.e. Q moves by delta_recheck + GAMMA * LAMBDA * delta_block, so the delayed outcome also
 * teaches the earlier choice, and through V1 a choice is credited with how blocks usually go
 * after the re-check it produced. Targets are recomputed from the log with the current V1
 * (batch TD): the step size is the Bayesian one below, not a hand-set alpha.
 *
 * Bayesian normal estimate of Q(b, a), with partial pooling across context buckets:
 *   prior              N(mu0(a), TAU0^2)                 mu0 from the literature, see PRIORS
 *   weight of session  w_i = 0.5 ^ (age_i / HALF_LIFE_DAYS)       older sessions count less
 *   noise variance     s_i^2 = SIGMA^2 for sessions in bucket b,
 *                      SIGMA^2 + TAU_BUCKET^2 for the same option in other buckets of the same
 *                      state (they tell about this bucket too, less precisely: buckets differ
 *                      by about TAU_BUCKET)
 *   precision          P = 1 / TAU0^2 + sum_i w_i / s_i^2
 *   mean               m = (mu0 / TAU0^2 + sum_i w_i * y_i / s_i^2) / P,  sd = 1 / sqrt(P)
 * (the "other buckets" term is the usual approximation to a two-level normal model; with no
 * bucket given, e.g. for the summary screen, all sessions count as own.) The same estimate with
 * y = r1 gives the predicted immediate effect, used for the after-session line.
 * Sessions without a usable re-check do not teach (the first link of the chain is missing).
 *
 * Priors (in SWC units of change toward the zone; Balban et al. 2023, Cell Rep Med 4:100895:
 * in a 28-day randomised trial cyclic sighing improved affect and lowered resting breathing
 * rate most among breathwork and mindfulness arms; cyclic hyperventilation with retention -
 * "super-oxygenation" - is the energising arm). The ORDER follows that trial and the notes; the
 * sizes are assumptions. TAU0 = 1.0 is how much people are assumed to differ from those means:
 * about 0.8 SWC in the re-check effect (the simulation's PERSON_SD, the same assumption), times
 * about 1.25 because the return adds half the block outcome, which follows the effect too. A
 * tighter prior (0.6) let the literature's ranking outvote a person's first sessions: the best
 * option was found less often at session 20 (see engine.ts for the figures). Panoramic vision and NSDR have no trial behind them here: lower means.
 * sit-quietly's prior is the natural drift back toward baseline.
 */
import type { BlockOutcome } from './reward'
import {
  CONTROL_OPTION,
  bucketKey,
  contextBucket,
  type ChoiceContext,
  type LearnState,
  type OptionId
} from './options'

export const LEARNING_SCHEMA = 'limbic-learning'
export const LEARNING_VERSION = 1

export const GAMMA = 1
export const LAMBDA = 0.5
export const HALF_LIFE_DAYS = 60
export const TAU0 = 1.0
export const TAU_BUCKET = 0.5
/** Noise sd of one session's return (r1 + r2 partly) and of r1 alone, in SWC units. */
export const SIGMA_RETURN = 1.2
export const SIGMA_RECHECK = 1.0
export const SIGMA_BLOCK = 1.0
/** r1 at or beyond +-1 SWC puts the re-check in the toward / away class of s1. */
export const S1_CLASS_EDGE = 1
/** The log keeps this many most recent decisions (older ones weigh < 1 % after 400 days anyway). */
export const MAX_DECISIONS = 2000

export const PRIORS: Readonly<Record<OptionId, number>> = {
  'sigh-standard': 1.2,
  'sigh-short': 1.0,
  resonance: 1.0,
  'panoramic-vision': 0.7,
  'super-oxygenation': 1.2,
  'energising-inhale': 0.8,
  nsdr: 0.5,
  'sit-quietly': 0.3
}

export type ChosenBy = 'engine' | 'person' | 'rule'
export type S1Class = 'toward' | 'flat' | 'away'

export interface DecisionRecord {
  id: string
  atMs: number
  context: ChoiceContext
  bucket: string
  /** Options offered, and the probability each had of being proposed (same order; sum 1). */
  options: OptionId[]
  probabilities: number[]
  /** The learner's options (never the control) and the probability each was this person's best (Monte Carlo). */
  pBestOptions: OptionId[]
  pBest: number[]
  proposed: OptionId
  chosen: OptionId
  chosenBy: ChosenBy
  reasonKey: string
  /** Seed of the draws behind probabilities and proposal: the decision replays from it. */
  seed: number
  predictedReturn: number | null
  predictedRecheck: number | null
  recheck: { dScore: number; reward: number } | null
  block: (BlockOutcome & { reward: number }) | null
  tdErrorRecheck: number | null
  tdErrorBlock: number | null
}

export interface LearnerModel {
  schema: typeof LEARNING_SCHEMA
  version: number
  createdUtc: string
  /** Seed for the next decision. */
  nextSeed: number
  decisions: DecisionRecord[]
}

export function emptyModel(nowMs: number, seed = 1): LearnerModel {
  return {
    schema: LEARNING_SCHEMA,
    version: LEARNING_VERSION,
    createdUtc: new Date(nowMs).toISOString(),
    nextSeed: seed >>> 0,
    decisions: []
  }
}

export interface Estimate {
  mean: number
  sd: number
  /** Sessions of this option (in this state) behind it, unweighted. */
  sessions: number
}

const DAY_MS = 86_400_000

export function recencyWeight(ageMs: number): number {
  return Math.pow(0.5, Math.max(0, ageMs) / (HALF_LIFE_DAYS * DAY_MS))
}

export function s1Class(r1: number): S1Class {
  if (r1 >= S1_CLASS_EDGE) return 'toward'
  if (r1 <= -S1_CLASS_EDGE) return 'away'
  return 'flat'
}

/** V1 per s1 class for a state (see the header). */
export function blockValues(model: LearnerModel, state: LearnState, nowMs: number): Record<S1Class, number> {
  const out: Record<S1Class, number> = { toward: 0, flat: 0, away: 0 }
  for (const cls of ['toward', 'flat', 'away'] as const) {
    let precision = 1
    let sum = 0
    for (const d of model.decisions) {
      if (d.context.state !== state || !d.recheck || !d.block || s1Class(d.recheck.reward) !== cls) continue
      const w = recencyWeight(nowMs - d.atMs) / SIGMA_BLOCK ** 2
      precision += w
      sum += w * d.block.reward
    }
    out[cls] = sum / precision
  }
  return out
}

export type Target = 'return' | 'recheck'

function targetOf(d: DecisionRecord, target: Target, v1: Record<S1Class, number>): number | null {
  if (!d.recheck) return null
  const r1 = d.recheck.reward
  if (target === 'recheck') return r1
  const v = v1[s1Class(r1)]
  return r1 + GAMMA * (d.block ? LAMBDA * d.block.reward + (1 - LAMBDA) * v : v)
}

/**
 * Posterior of Q (target 'return') or of the immediate effect (target 'recheck') for one option in
 * one state; `bucket` null pools everything as own data.
 */
export function estimate(
  model: LearnerModel,
  state: LearnState,
  option: OptionId,
  bucket: string | null,
  nowMs: number,
  target: Target = 'return',
  v1: Record<S1Class, number> = blockValues(model, state, nowMs),
  priorMean: number = PRIORS[option]
): Estimate {
  const sigma2 = (target === 'return' ? SIGMA_RETURN : SIGMA_RECHECK) ** 2
  let precision = 1 / TAU0 ** 2
  let sum = priorMean / TAU0 ** 2
  let sessions = 0
  for (const d of model.decisions) {
    if (d.context.state !== state || d.chosen !== option) continue
    const y = targetOf(d, target, v1)
    if (y === null) continue
    sessions++
    const s2 = bucket === null || d.bucket === bucket ? sigma2 : sigma2 + TAU_BUCKET ** 2
    const w = recencyWeight(nowMs - d.atMs) / s2
    precision += w
    sum += w * y
  }
  return { mean: sum / precision, sd: 1 / Math.sqrt(precision), sessions }
}

export function bucketOf(c: ChoiceContext): string {
  return bucketKey(contextBucket(c))
}

export function isControl(o: OptionId): boolean {
  return o === CONTROL_OPTION
}
