/** Balance-drill vocabulary shared by the drill screen, the core and the simulated body. */

/** How the person stands; the simulated body sways more (and falls more) on harder stances. */
export const STANCES = [
  'both-feet-eyes-open',
  'both-feet-eyes-closed',
  'tandem',
  'single-leg-eyes-open',
  'single-leg-head-movements',
  'single-leg-eyes-closed'
] as const
export type Stance = (typeof STANCES)[number]

export interface DrillTrialResult {
  id: string
  stance: Stance
  durationS: number
  /** Sway from the board; null without a board. */
  pathLengthMm: number | null
  meanVelocityMmS: number | null
  rmsDistanceMm: number | null
  ellipseAreaMm2: number | null
  /** Losses of balance the board saw (step-off, load drop, CoP leaving the zone). */
  boardErrors: number
  /** Errors the user reported with the key or button. */
  selfReportedErrors: number
  errors: number
  hadBoard: boolean
}
