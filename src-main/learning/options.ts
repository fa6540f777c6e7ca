/**
 * What the learner may choose from, and the context it learns per (issue 16, item 1). Data only.
 *
 * Options per measured state:
 *   over-aroused ('high'):  sigh-short, sigh-standard, panoramic-vision, resonance (only once the
 *                           resonance protocol exists: `resonanceAvailable`)
 *   under-aroused ('low'):  super-oxygenation (ONLY when the safety check passed - see below),
 *                           energising-inhale, nsdr (only when the person reports being tired
 *                           rather than flat)
 *   both:                   sit-quietly, the "just sit for 2 minutes" control. It is not chosen
 *                           by the learner but offered at random with CONTROL_PROBABILITY (10 %,
 *                           the low end of the 10-15 %) and never when the person opted out.
 * A control is needed because arousal drifts back toward baseline by itself: without one every
 * protocol looks effective (notes: adaptive-and-resonance.md).
 *
 * SAFETY: `eligibleOptions` is the only place options are listed, and super-oxygenation is in it
 * only when `safety === 'passed'`. A failed or never-done contraindication check removes it -
 * the learner, the rule and a replay can never see it then. A person's manual pick goes through
 * the same filter (chooseManually refuses an ineligible option).
 *
 * Context bucket (what an estimate is kept per, pooled across buckets - see model.ts):
 *   state            'high' | 'low' (the option sets differ, so never pooled across)
 *   distance         |arousal score| from the zone: near (< 1.5), mid (1.5-2.5), far (>= 2.5); the
 *                    score is in baseline spreads and |score| >= 1 is outside the zone
 *   timeOfDay        local hour: morning 05-12, afternoon 12-17, evening 17-22, night 22-05
 *   drillFollows     whether a balance drill follows the protocol
 */
import type { LearnState, OptionId } from '../shared/learning'

export { OPTION_IDS, type OptionId } from '../shared/learning'
export const CONTROL_OPTION: OptionId = 'sit-quietly'
/** Probability the control is offered when it is allowed (issue: about 10-15 %). */
export const CONTROL_PROBABILITY = 0.1

export type { LearnState }
export type SafetyCheck = 'passed' | 'failed' | 'not-done'
export type DistanceBucket = 'near' | 'mid' | 'far'
export type TimeOfDay = 'morning' | 'afternoon' | 'evening' | 'night'

/** What the engine is told at the check-in. */
export interface ChoiceContext {
  state: LearnState
  /** The check-in's signed arousal score (its absolute value is the distance from the zone). */
  score: number
  /** Local hour 0-23 of the check-in. */
  localHour: number
  drillFollows: boolean
  /** Super-oxygenation's contraindication check. */
  safety: SafetyCheck
  /** The person said "tired" rather than "flat" (opens NSDR). */
  tired: boolean
}

/** What the person set in Settings (and what exists in this build). */
export interface LearnerSettings {
  /** false = adaptive choice off: the plain rule applies (rule.ts). */
  adaptive: boolean
  /** The person opted out of the sit-quietly control. */
  controlOptOut: boolean
  /** The resonance-breathing protocol exists in this build. */
  resonanceAvailable: boolean
  /**
   * The options whose protocol exists in this build (optionProtocols.ts: availableOptions);
   * absent = every option (the simulation and the benchmark). Nothing outside it is ever
   * proposed, offered as the control, or accepted as the person's pick.
   */
  available?: readonly OptionId[]
}

export const DEFAULT_LEARNER_SETTINGS: LearnerSettings = {
  adaptive: true,
  controlOptOut: false,
  resonanceAvailable: false
}

export interface ContextBucket {
  state: LearnState
  distance: DistanceBucket
  timeOfDay: TimeOfDay
  drillFollows: boolean
}

/** Refuse a context the model could not store or learn from (e.g. a NaN score would not survive JSON). */
export function validateContext(c: ChoiceContext): void {
  const bad = (why: string): never => {
    throw new Error(`choice context: ${why}`)
  }
  if (c.state !== 'high' && c.state !== 'low') bad(`state must be 'high' or 'low', got ${String(c.state)}`)
  if (!Number.isFinite(c.score)) bad(`score must be a finite number, got ${c.score}`)
  if (!(Number.isInteger(c.localHour) && c.localHour >= 0 && c.localHour <= 23))
    bad(`localHour must be 0-23, got ${c.localHour}`)
  if (!['passed', 'failed', 'not-done'].includes(c.safety))
    bad(`unknown safety check result ${String(c.safety)}`)
}

export function distanceBucket(score: number): DistanceBucket {
  const d = Math.abs(score)
  if (!(d >= 1.5)) return 'near' // NaN counts as near: the smallest claim
  return d < 2.5 ? 'mid' : 'far'
}

export function timeOfDay(localHour: number): TimeOfDay {
  const h = ((Math.floor(localHour) % 24) + 24) % 24
  if (h >= 5 && h < 12) return 'morning'
  if (h >= 12 && h < 17) return 'afternoon'
  if (h >= 17 && h < 22) return 'evening'
  return 'night'
}

export function contextBucket(c: ChoiceContext): ContextBucket {
  return {
    state: c.state,
    distance: distanceBucket(c.score),
    timeOfDay: timeOfDay(c.localHour),
    drillFollows: c.drillFollows
  }
}

export function bucketKey(b: ContextBucket): string {
  return `${b.state}|${b.distance}|${b.timeOfDay}|${b.drillFollows ? 'drill' : 'no-drill'}`
}

const isAvailable = (s: Pick<LearnerSettings, 'available'>, o: OptionId): boolean =>
  s.available === undefined || s.available.includes(o)

/**
 * The options the learner chooses among (never the control; never an unsafe option; never one
 * whose protocol this build does not have).
 */
export function learnerOptions(c: ChoiceContext, s: LearnerSettings): OptionId[] {
  return stateOptions(c, s).filter((o) => isAvailable(s, o))
}

function stateOptions(c: ChoiceContext, s: LearnerSettings): OptionId[] {
  if (c.state === 'high') {
    return [
      'sigh-short',
      'sigh-standard',
      'panoramic-vision',
      ...(s.resonanceAvailable ? (['resonance'] as const) : [])
    ]
  }
  return [
    ...(c.safety === 'passed' ? (['super-oxygenation'] as const) : []),
    'energising-inhale',
    ...(c.tired ? (['nsdr'] as const) : [])
  ]
}

/** Everything that may be done in this context: the learner's options plus the control when allowed. */
export function eligibleOptions(c: ChoiceContext, s: LearnerSettings): OptionId[] {
  const control = !s.controlOptOut && isAvailable(s, CONTROL_OPTION)
  return [...learnerOptions(c, s), ...(control ? [CONTROL_OPTION] : [])]
}

/** Every option that can ever appear for a state (for the summary screen and the model's priors). */
export function optionsOfState(state: LearnState): OptionId[] {
  return state === 'high'
    ? ['sigh-short', 'sigh-standard', 'panoramic-vision', 'resonance', CONTROL_OPTION]
    : ['super-oxygenation', 'energising-inhale', 'nsdr', CONTROL_OPTION]
}

/**
 * Adaptive choice off: the plain rule from the measured state - the sigh (standard dose) when
 * over-aroused, super-oxygenation when under-aroused and its safety check passed, else the
 * energising pattern. When the build lacks the rule's protocol (settings.available), the first
 * available learner option stands in; null when there is none (e.g. under-aroused, safety check
 * not done, and no energising protocol in this build): then nothing may be proposed.
 */
export function plainRule(c: ChoiceContext): OptionId
export function plainRule(c: ChoiceContext, s: LearnerSettings): OptionId | null
export function plainRule(c: ChoiceContext, s?: LearnerSettings): OptionId | null {
  const rule: OptionId =
    c.state === 'high' ? 'sigh-standard' : c.safety === 'passed' ? 'super-oxygenation' : 'energising-inhale'
  if (!s || isAvailable(s, rule)) return rule
  return learnerOptions(c, s)[0] ?? null
}
