/**
 * What the drill progress charts draw, pure. Level and errors are different kinds of number (a
 * rung on a ladder of six, a count), so they get two charts over the same sessions rather than
 * one chart with two value axes, where "1 error" would sit at the height of "level 6" (chart
 * rule 3 in chartTheme).
 */
import type { SessionPoint } from '../../../../src-main/shared/drillProgression'

/** The errors axis never shows less than 0..MIN_ERRORS_AXIS, so one error is not a full bar. */
export const MIN_ERRORS_AXIS = 3

export interface DrillChartData {
  labels: string[]
  levels: number[]
  errors: number[]
  errorsMax: number
}

export function drillChartData(points: readonly SessionPoint[], locale: string): DrillChartData {
  const date = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' })
  return {
    labels: points.map((p) => date.format(new Date(p.session))),
    levels: points.map((p) => p.bestLevel),
    errors: points.map((p) => p.errors),
    errorsMax: Math.max(MIN_ERRORS_AXIS, ...points.map((p) => p.errors))
  }
}
