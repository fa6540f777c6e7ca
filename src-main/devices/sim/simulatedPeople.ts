/**
 * Simulated people for measuring the verdicts (issue 15, item 6): RR series from the seeded
 * SimulatedHeart (unchanged), so the numbers go through the real cleaning and HRV code.
 *
 * A person is a resting arousal level (their own normal) drawn per seed in
 * [REST_AROUSAL_MIN, REST_AROUSAL_MAX] (resting HR ~74-82 bpm in the heart model), plus a
 * day-to-day wobble of DAY_AROUSAL_SD (~1.3 bpm of resting HR). The three states studied sit
 * STATE_OFFSET away from the person's own normal: wired +0.25 (HR ~+11 bpm, RMSSD down), flat -0.25
 * (HR ~-11 bpm, RMSSD up), calm on it. Only the seed decides everything, so results are repeatable.
 */
import { createRng } from './random'
import { SimulatedHeart } from './simulatedHeart'

export type SimulatedState = 'wired' | 'calm' | 'flat'

export const SIMULATED_STATES: readonly SimulatedState[] = ['wired', 'calm', 'flat']
export const STATE_OFFSET: Record<SimulatedState, number> = { wired: 0.25, calm: 0, flat: -0.25 }
export const REST_AROUSAL_MIN = 0.42
export const REST_AROUSAL_MAX = 0.58
export const DAY_AROUSAL_SD = 0.03

export interface SimBeatTimed {
  tMs: number
  rrMs: number
}

export interface SimulatedPerson {
  seed: number
  /** Their own resting arousal (0..1). */
  restingArousal: number
}

export function simulatedPerson(seed: number): SimulatedPerson {
  const rng = createRng(seed * 7919 + 17)
  return { seed, restingArousal: REST_AROUSAL_MIN + (REST_AROUSAL_MAX - REST_AROUSAL_MIN) * rng.next() }
}

/** Arousal of `person` on day `day` when resting (their normal plus that day's wobble). */
export function restingArousalOnDay(person: SimulatedPerson, day: number): number {
  const rng = createRng(person.seed * 104_729 + day * 31 + 3)
  return person.restingArousal + DAY_AROUSAL_SD * rng.gauss()
}

/** Seconds a person sat before a measurement began: 0..MAX_LEAD_IN_S, from the seed. */
export const MAX_LEAD_IN_S = 60

export function leadInS(seed: number): number {
  return MAX_LEAD_IN_S * createRng(seed * 31 + 11).next()
}

/**
 * Beats for `durationS` seconds from a heart already at `arousal` (seeded) that has been beating
 * for leadInS(seed) before (see simulateCheckInAndRecheck); times from the measurement's start.
 */
export function simulateBeats(seed: number, arousal: number, durationS: number): SimBeatTimed[] {
  const heart = new SimulatedHeart({ seed, arousal })
  const leadMs = leadInS(seed) * 1000
  beatsFor(heart, leadMs, 0)
  return beatsFor(heart, durationS * 1000, -leadMs)
}

/** A heart at `arousal` that has sat for leadInS(seed); beats come from `heart.nextBeat()`, times minus `offsetMs`. */
export function simulatedHeartAfterLeadIn(
  seed: number,
  arousal: number
): { heart: SimulatedHeart; offsetMs: number } {
  const heart = new SimulatedHeart({ seed, arousal })
  const leadMs = leadInS(seed) * 1000
  beatsFor(heart, leadMs, 0)
  return { heart, offsetMs: heart.elapsedMs }
}

function beatsFor(heart: SimulatedHeart, durationMs: number, offsetMs: number): SimBeatTimed[] {
  const out: SimBeatTimed[] = []
  const endMs = heart.elapsedMs + durationMs
  while (heart.elapsedMs < endMs) {
    const b = heart.nextBeat()
    out.push({ tMs: offsetMs + b.tMs, rrMs: b.rrMs })
  }
  return out
}

export interface CheckInAndRecheck {
  checkIn: SimBeatTimed[]
  recheck: SimBeatTimed[]
}

/**
 * One heart, continuously: a check-in of `checkInS` at `startArousal`, then `betweenS` (the
 * practice) during which arousal moves to `endArousal` with the heart's own time constant, then a
 * re-check of `recheckS`. With endArousal = startArousal nothing real changes (the no-change runs).
 */
export function simulateCheckInAndRecheck(opts: {
  seed: number
  startArousal: number
  endArousal: number
  checkInS: number
  betweenS: number
  recheckS: number
}): CheckInAndRecheck {
  const heart = new SimulatedHeart({ seed: opts.seed, arousal: opts.startArousal })
  // The person was sitting for a while before the check-in started: without this every run would
  // meet the heart model's slow drift wave (fixed phase at t = 0) at the same point.
  beatsFor(heart, leadInS(opts.seed) * 1000, 0)
  const checkIn = beatsFor(heart, opts.checkInS * 1000, 0)
  heart.setArousal(opts.endArousal)
  beatsFor(heart, opts.betweenS * 1000, 0)
  const recheck = beatsFor(heart, opts.recheckS * 1000, 0)
  return { checkIn, recheck }
}
