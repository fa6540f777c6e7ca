/** Numbers for the end-of-block summary, pure. */
import { phasePlan } from '../../../../src-main/shared/timer/phases'
import { elapsedMs, type TimerState } from '../../../../src-main/shared/timer/timerModel'
import { MIN_SPAN, paddedRange } from '../../lib/chartTheme'
import { timeStep } from '../history/format'

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

/** What the summary chart draws, in the chart theme's rules (pure, so it is tested). */
export interface SummaryChartData {
  /** Heart rate over the block: x in seconds into the block, y in bpm. */
  hr: { x: number; y: number }[]
  /** Errors and frustration as markers on the time axis (rule 3: no second value axis). */
  errors: number[]
  frustrations: number[]
  /** The bpm axis: fitted to the data, never narrower than MIN_SPAN.hrBpm (±5 bpm); null: no HR. */
  hrRange: { min: number; max: number } | null
  /** Tick step on the bpm axis: the range's own 5 bpm rounding, 10 on a wide range. */
  hrStepBpm: number
  /** The time axis: 0..xMaxS seconds, ticks every xStepS (whole minutes once the block is long). */
  xMaxS: number
  xStepS: number
}

export function summaryChartData(state: TimerState): SummaryChartData {
  const hr = state.hr.map((p) => ({ x: p.atMs / 1000, y: p.hrBpm }))
  // Rounded out to 5 bpm so the axis ends on a tick, not at "101" above "100".
  const hrRange = paddedRange(
    hr.map((p) => p.y),
    MIN_SPAN.hrBpm,
    5
  )
  const activeS = activeDurationMs(state) / 1000
  const xMaxS = Math.max(1, state.stoppedEarly ? activeS : state.blockMs / 1000, hr.at(-1)?.x ?? 0)
  return {
    hr,
    errors: state.marks.filter((m) => m.kind === 'error').map((m) => m.atMs / 1000),
    frustrations: state.marks.filter((m) => m.kind === 'frustration').map((m) => m.atMs / 1000),
    hrRange,
    hrStepBpm: hrRange !== null && hrRange.max - hrRange.min > 40 ? 10 : 5,
    xMaxS,
    xStepS: timeStep(xMaxS)
  }
}
