/**
 * The timing resolution of an RR file. Holter and many straps time beats on a sampling clock
 * (128 Hz: every interval a multiple of 7.8125 ms; 100 Hz: of 10 ms), so each interval carries a
 * quantisation error of up to one step (both of its beat times are rounded). Left alone, the
 * artefact cleaner's thresholds - quartile deviations of the successive differences - shrink in a
 * calm recording until that jitter looks like artefacts, and correcting it removes real
 * variability.
 *
 * Detection: the largest common sampling step (see CANDIDATE_STEPS_MS) on whose grid every
 * interval lies, within the rounding of the file's own decimals (a 128 Hz recording written in
 * whole ms has 804.6875 as 805). Needs at least MIN_VALUES_FOR_RESOLUTION values and 10 distinct
 * ones (a short or constant series fits any grid by chance); otherwise unknown (null).
 *
 * Correction: Th1 and Th2 get a floor of RESOLUTION_THRESHOLD_FLOOR_STEPS steps. An interval's
 * error is at most ±1 step, a successive difference's ±2 steps, and mRR doubles the negative
 * side (Lipponen & Tarvainen), so its jitter reaches ±4 steps: with Th ≥ 4 steps, jitter alone
 * can give neither |dRRs| > 1 nor |mRRs| > 3. Checked on the shared recordings quantised to
 * 7.8125 and 10 ms: the flags return to about the unquantised count (exercise file 39 → 7 and
 * 93 → 7 flags, 16 unquantised; calm 1,000-beat file 16 → 5, 4 unquantised) and RMSSD stays
 * within 1 ms of the unquantised figure. At 1 ms or finer the floor is not applied (the
 * thresholds are far above 4 ms in any real recording, and figures stay exactly as before).
 *
 * Warning: the Task Force of the ESC/NASPE (1996) asks for 250-500 Hz or more (a step of 4 ms or
 * less) for time-domain HRV; a coarser step is reported with how many steps RMSSD spans.
 */

/** Sampling steps (ms) of common recorders, coarsest first: 64, 100, 125, 128, 200, 250, 256, 500, 512, 1000, 1024 Hz. */
export const CANDIDATE_STEPS_MS: readonly number[] = [
  1000 / 64,
  10,
  8,
  1000 / 128,
  5,
  4,
  1000 / 256,
  2,
  1000 / 512,
  1,
  1000 / 1024
]

export const MIN_VALUES_FOR_RESOLUTION = 20
/** Th1/Th2 floor in sampling steps (see the header for why 4). */
export const RESOLUTION_THRESHOLD_FLOOR_STEPS = 4
/** Coarsest step the Task Force (1996) accepts for time-domain HRV (250 Hz), ms. */
export const TASK_FORCE_MAX_STEP_MS = 4

export interface TimingResolution {
  /** The grid every interval lies on, ms; null when unknown or finer than the candidates. */
  stepMs: number | null
  /** The sampling rate of that grid, Hz (1000 / stepMs). */
  samplingHz: number | null
  /** Decimals (in ms) the file's values are written with. */
  decimals: number
}

/** Decimals (0-6) needed to write every value in ms exactly. */
function decimalsOf(rrMs: ArrayLike<number>): number {
  for (let d = 0; d < 6; d++) {
    const f = 10 ** d
    let all = true
    for (let i = 0; i < rrMs.length && all; i++) {
      const x = rrMs[i]! * f
      if (Math.abs(x - Math.round(x)) > 1e-6 * f) all = false
    }
    if (all) return d
  }
  return 6
}

export function detectResolution(rrMs: ArrayLike<number>): TimingResolution {
  const decimals = decimalsOf(rrMs)
  const none: TimingResolution = { stepMs: null, samplingHz: null, decimals }
  if (rrMs.length < MIN_VALUES_FOR_RESOLUTION) return none
  const distinct = new Set<number>()
  for (let i = 0; i < rrMs.length && distinct.size < 10; i++) distinct.add(rrMs[i]!)
  if (distinct.size < 10) return none
  const tol = 0.5 * 10 ** -decimals + 1e-9
  for (const step of CANDIDATE_STEPS_MS) {
    // A grid finer than the file's own rounding cannot be told apart from it.
    if (step < 10 ** -decimals) break
    let onGrid = true
    for (let i = 0; i < rrMs.length && onGrid; i++) {
      const v = rrMs[i]!
      if (Math.abs(v - Math.round(v / step) * step) > tol) onGrid = false
    }
    if (onGrid) return { stepMs: step, samplingHz: 1000 / step, decimals }
  }
  return none
}

/** The Th1/Th2 floor for the cleaner (undefined: keep the default) at this resolution. */
export function resolutionThresholdFloorMs(res: TimingResolution): number | undefined {
  return res.stepMs !== null && res.stepMs > 1 ? RESOLUTION_THRESHOLD_FLOOR_STEPS * res.stepMs : undefined
}

/** How the resolution was read, for the report. */
export function describeResolution(res: TimingResolution): string {
  if (res.stepMs === null) {
    return res.decimals > 0
      ? `timing resolution: finer than 1 ms (values written to ${res.decimals} decimal(s) of a ms)`
      : 'timing resolution: not on a known sampling grid'
  }
  const floor = resolutionThresholdFloorMs(res)
  return (
    `timing resolution: ${res.stepMs} ms (${round2(res.samplingHz!)} Hz sampling)` +
    (floor ? `; artefact thresholds floored at ${round2(floor)} ms so timing jitter is not flagged` : '')
  )
}

/** A warning when the step limits what HRV can mean, or null. */
export function resolutionWarning(res: TimingResolution, rmssdMs: number): string | null {
  if (res.stepMs === null || res.stepMs <= TASK_FORCE_MAX_STEP_MS) return null
  return (
    `warning: timing resolution ${round2(res.stepMs)} ms (${round2(res.samplingHz!)} Hz) is coarser than the 4 ms (250 Hz) ` +
    `the Task Force (1996) asks for: each interval is uncertain by up to ±${round2(res.stepMs)} ms and RMSSD ` +
    `(${rmssdMs.toFixed(1)} ms) spans only ${(rmssdMs / res.stepMs).toFixed(1)} steps; small differences in RMSSD and pNN50 mean little`
  )
}

function round2(v: number): number {
  return Math.round(v * 100) / 100
}
