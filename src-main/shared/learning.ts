/**
 * What the learner (src-main/learning/) shows the person, as the renderer sees it: the option ids
 * and the "What works for you" summary sent on `learning:summary`. Types and constants only, so
 * the renderer may import it like the rest of shared/.
 */
import type { ArousalState } from './arousal'

export const OPTION_IDS = [
  'sigh-short',
  'sigh-standard',
  'panoramic-vision',
  'resonance',
  'super-oxygenation',
  'energising-inhale',
  'nsdr',
  'sit-quietly'
] as const
export type OptionId = (typeof OPTION_IDS)[number]

/**
 * "Still learning" until one option is at least STILL_LEARNING_P likely this person's best AND has
 * at least STILL_LEARNING_SESSIONS sessions behind it (issue 16, item 4).
 */
export const STILL_LEARNING_P = 0.8
export const STILL_LEARNING_SESSIONS = 8

/** The two states the learner chooses for (in the zone there is nothing to choose). */
export type LearnState = Extract<ArousalState, 'high' | 'low'>

export interface OptionSummary {
  option: OptionId
  /** Estimated return (SWC units) with its 90 % interval. */
  mean: number
  low90: number
  high90: number
  /** Estimated immediate change toward the zone at the re-check (SWC units). */
  recheckMean: number
  sessions: number
  /** Probability it is this person's best (null for the control, which is never "best"). */
  pBest: number | null
}

export interface WhatWorksSummary {
  state: LearnState
  options: OptionSummary[]
  stillLearning: boolean
  /** The option >= 80 % likely best with >= 8 sessions, when there is one. */
  best: OptionId | null
  /** 'learning.summary.still-learning' or 'learning.summary.best' (values: option, pct). */
  messageKey: 'learning.summary.still-learning' | 'learning.summary.best'
}

/** `learning:summary`: both states, and whether adaptive choice is on. */
export interface LearningSummary {
  adaptive: boolean
  allowControl: boolean
  /** Decisions in the model (sessions the learner has seen, with or without outcomes). */
  decisions: number
  states: WhatWorksSummary[]
}
