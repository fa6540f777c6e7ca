/** Numbers for the end-of-block summary, pure. */
import { phasePlan } from '../../../../src-main/shared/timer/phases'
import { elapsedMs, type TimerState } from '../../../../src-main/shared/timer/timerModel'

export interface HrTrend {
  /** Mean HR during the warm-up (or the first points, when none fell in it). */
  startBpm: number
  /** Mean HR during the error-rich window (or the last points). */
  endBpm: number
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length

export function hrTrend(state: TimerState): HrTrend | null {
  if (state.hr.length < 2) return null
  const plan = phasePlan(state.blockMs)
  const early = state.hr.filter((p) => p.atMs < plan.focusFromMs).map((p) => p.hrBpm)
  const late = state.hr.filter((p) => p.atMs >= plan.errorsFromMs).map((p) => p.hrBpm)
  const k = Math.max(1, Math.floor(state.hr.length / 10))
  const start = early.length > 0 ? early : state.hr.slice(0, k).map((p) => p.hrBpm)
  const end = late.length > 0 ? late : state.hr.slice(-k).map((p) => p.hrBpm)
  return { startBpm: Math.round(mean(start)), endBpm: Math.round(mean(end)) }
}

/** Active time the block lasted (its full length when it ran out). */
export function activeDurationMs(state: TimerState): number {
  return state.endedAtMs === null
    ? elapsedMs(state, state.startedAtMs ?? 0)
    : elapsedMs(state, state.endedAtMs)
}
