/**
 * When a check-in has measured enough: a pure stopping rule the session engine asks about once a
 * second, and again when the person stops early. It returns whether to stop and the reason the
 * screen shows ("settling / measuring / enough data", or why it needs longer or failed).
 *
 * Phases and reasons:
 *   settling      the first SETTLING_S (15 s, as the check-in discards today) after the start.
 *   measuring     collecting the minimum MIN_CLEAN_S (60 s) of clean data - where a 1-minute
 *                 lnRMSSD agrees with 5 minutes (Esco & Flatt 2014, LoA 0.00 +/- 0.22) - and,
 *                 after it, while the estimate is not yet confident (`extending` true).
 *   enough        stop: >= MIN_CLEAN_S of clean data and confident, or the MAX_S limit (180 s)
 *                 reached with a usable amount of data (the verdict is then a lean if not
 *                 confident), or stopped early with >= MIN_USABLE_CLEAN_S.
 *   too-short     stopped (by the person, or at MAX_S) with < MIN_USABLE_CLEAN_S (25 s) of clean
 *                 data while beats were arriving and the signal was clean enough.
 *   too-noisy     stopped (or MAX_S reached) with an artefact share > MAX_ARTIFACT_RATE (10 %,
 *                 AROUSAL_CONSTANTS.ARTIFACT_REJECT), so too little clean data is not the strap's
 *                 contact but its quality.
 *   lost-contact  the strap reports no skin contact, or no beat for > LOST_CONTACT_S (10 s): stop
 *                 now, unless the minimum of clean data is already in (then 'enough').
 * So "lost contact" is only said when the status bar would say it too; a short check-in with good
 * contact says "too short".
 *
 * Confident: the arousal score's band decision would survive the window's own error,
 *   distance from the score to the nearest band edge (+/-ENTER_Z) >= Z_CONFIDENT * scoreSe
 * with scoreSe the score's standard error from the window (see `scoreStandardError`): a person
 * sitting right on an edge is measured longer, up to MAX_S.
 */
import type { CheckInLengthReason } from '../shared/verdict'
import { AROUSAL_CONSTANTS } from './arousal'

export type { CheckInLengthReason }

export const CHECKIN_LENGTH = {
  SETTLING_S: 15,
  MIN_CLEAN_S: 60,
  MAX_S: 180,
  MIN_USABLE_CLEAN_S: 25,
  MAX_ARTIFACT_RATE: AROUSAL_CONSTANTS.ARTIFACT_REJECT,
  LOST_CONTACT_S: 10,
  Z_CONFIDENT: 1.645
} as const

export interface CheckInLengthInput {
  /** Seconds since the check-in started. */
  elapsedS: number
  /** Seconds of clean (unflagged) data after settling. */
  cleanS: number
  /** Artefact share of the judged beats after settling (0..1). */
  artifactRate: number
  /** What the strap says about skin contact (null when it does not report it). */
  contact: 'detected' | 'not-detected' | null
  /** Seconds since the last beat arrived (Infinity when none yet). */
  sinceLastBeatS: number
  /** Current arousal score and its standard error (null until measurable). */
  score: number | null
  scoreSe: number | null
  /** The person (or a fixed-length caller) asked to stop now. */
  stopRequested?: boolean
}

export interface CheckInLengthDecision {
  stop: boolean
  reason: CheckInLengthReason
  /** Measuring beyond the minimum because the estimate is not yet confident. */
  extending: boolean
  /** 0..1 for a progress bar: settling, then clean data toward the minimum, then toward MAX_S. */
  progress: number
  /** 'checkIn.length.<reason>' */
  messageKey: string
}

const K = CHECKIN_LENGTH

/** Standard error of the arousal score from the window's HR and lnRMSSD errors (independent). */
export function scoreStandardError(
  hrSeBpm: number,
  lnRmssdSe: number,
  spreads: { hrSdBpm: number; lnRmssdSd: number }
): number {
  const { W_HR, W_LN } = AROUSAL_CONSTANTS
  return (
    Math.hypot((W_HR * hrSeBpm) / spreads.hrSdBpm, (W_LN * lnRmssdSe) / spreads.lnRmssdSd) / (W_HR + W_LN)
  )
}

/** Whether the band decision for `score` survives its error (see the header). */
export function isConfident(score: number, scoreSe: number): boolean {
  const edge = AROUSAL_CONSTANTS.ENTER_Z
  const distance = Math.min(Math.abs(score - edge), Math.abs(score + edge))
  return distance >= K.Z_CONFIDENT * scoreSe
}

export function checkInLength(input: CheckInLengthInput): CheckInLengthDecision {
  const settlingDone = input.elapsedS >= K.SETTLING_S
  const progress = !settlingDone
    ? (0.1 * input.elapsedS) / K.SETTLING_S
    : input.cleanS < K.MIN_CLEAN_S
      ? 0.1 + (0.8 * input.cleanS) / K.MIN_CLEAN_S
      : 0.9 + 0.1 * Math.min(1, input.elapsedS / K.MAX_S)
  const decide = (stop: boolean, reason: CheckInLengthReason, extending = false): CheckInLengthDecision => ({
    stop,
    reason,
    extending,
    progress: stop ? 1 : Math.max(0, Math.min(0.99, progress)),
    messageKey: `checkIn.length.${reason}`
  })
  const haveMinimum = input.cleanS >= K.MIN_CLEAN_S
  const lost = input.contact === 'not-detected' || input.sinceLastBeatS > K.LOST_CONTACT_S
  if (lost) return haveMinimum ? decide(true, 'enough') : decide(true, 'lost-contact')
  const noisy = input.artifactRate > K.MAX_ARTIFACT_RATE
  const finalReason = (): CheckInLengthReason =>
    noisy ? 'too-noisy' : input.cleanS < K.MIN_USABLE_CLEAN_S ? 'too-short' : 'enough'
  if (input.stopRequested || input.elapsedS >= K.MAX_S) return decide(true, finalReason())
  if (!settlingDone) return decide(false, 'settling')
  if (!haveMinimum) return decide(false, 'measuring')
  const confident =
    !noisy && input.score !== null && input.scoreSe !== null && isConfident(input.score, input.scoreSe)
  return confident ? decide(true, 'enough') : decide(false, 'measuring', true)
}
