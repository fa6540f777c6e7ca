/**
 * The balance drill on the main side (issue 7): one timed trial at a time.
 *
 * `drill:trial-start` opens a trial of the ladder's current level (main chooses stance and target
 * radius): with a balance board streaming, every balance sample from that board is kept for the
 * trial and fed to the loss-of-balance detector; each loss of balance is sent to the screen
 * (`balance:event`) and recorded in the session (`drill-error`). On the simulated board the
 * simulated body takes the stance when the countdown begins (`drill:prepare`) and steps off when
 * the trial ends. `drill:trial-end` closes the trial and answers the sway metrics (path length,
 * mean velocity, RMS distance, 95 % ellipse) with the board's and the person's error counts
 * (losses within a second of each other are one fall). Without a board the trial still times and
 * counts the person's own reports (`drill:self-error`, recorded here); sway fields are null.
 *
 * Trial start and end are recorded as `drill-trial` events (detail.phase 'start' / 'end'); the
 * session engine (core/session/) owns the drill:* channels and adds the ladder's verdict.
 */
import type { BalanceSample, DataSource } from '../../devices/dataSource'
import type { BalanceEvent, DrillTrialResult, DrillTrialStarted, Stance } from '../../shared/contract'
import { LEVELS, clampLevel } from '../../shared/drillLevels'
import { LossOfBalanceDetector, swayMetrics, type CopPoint } from '../../signal/sway'
import type { FeatureContext } from './featureContext'

/** Below this many loaded samples (a third of a second at 30 Hz) no sway figure is meaningful. */
export const MIN_SWAY_SAMPLES = 10
/**
 * Losses of balance closer together than this are one fall, counted once. Only the merged fall
 * reaches the screen (a balance:event carrying the trial id), so the screen counts those as is.
 */
export const FALL_MERGE_MS = 1000
/** The longest trial the settings allow is 300 s; keep at most ~100 Hz for twice that. */
export const MAX_POINTS = 60_000

/** A source that simulates a person on the board and can be told how they stand. */
interface StanceControl {
  setStance(stance: Stance | null): void
}

function stanceControl(source: DataSource | null): StanceControl | null {
  const candidate = source as (DataSource & Partial<StanceControl>) | null
  // Only a simulated board (SimulatedBoardSource: the real WBB driver over a simulated body).
  return candidate && candidate.status().simulated && typeof candidate.setStance === 'function'
    ? (candidate as StanceControl)
    : null
}

interface Trial {
  id: string
  /** The ladder level (0-based) the trial was for. */
  level: number
  stance: Stance
  targetRadiusMm: number
  startedMs: number
  hasBoard: boolean
  sourceId: string | null
  points: CopPoint[]
  detector: LossOfBalanceDetector | null
  boardErrors: number
  /** The person's own "I lost balance" (only without a board). */
  selfErrors: number
  /** Onset of the latest loss the detector reported (counted or merged). */
  lastLossMs: number | null
  mergedLosses: number
  unsubscribe: () => void
}

function round(x: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null
}

export interface DrillTrials {
  /** The countdown begins (the simulated body takes the stance) or is abandoned (null: steps off). */
  prepare(stance: Stance | null): void
  start(levelIndex: number): DrillTrialStarted
  /** The person's own "I lost balance": counted (and recorded) only when no board measures. */
  selfError(id: string): number
  end(id: string): DrillTrialResult
  dispose(): void
}

/** The trials of the drill; the session engine owns their channels and the level progression. */
export function createDrillTrials(ctx: FeatureContext): DrillTrials {
  let trial: Trial | null = null
  let counter = 0

  function boardSource(): DataSource | null {
    const source = ctx.devices.activeSource('balance')
    return source && source.status().state === 'streaming' ? source : null
  }

  function onBalance(t: Trial, sample: BalanceSample): void {
    if (t.points.length >= MAX_POINTS) return
    const point: CopPoint = {
      tMs: sample.tMs,
      // No CoP (too little load) is NaN here, which the detector and sway skip; the load still counts.
      copXMm: sample.copXMm ?? NaN,
      copYMm: sample.copYMm ?? NaN,
      totalKg: sample.totalKg
    }
    t.points.push(point)
    const loss = t.detector?.push(point) ?? null
    if (!loss) return
    // One fall is one error: what follows within FALL_MERGE_MS of a loss (a foot touches down,
    // then the person steps off; the CoP swings out as they step back on) belongs to it.
    const sameFall = t.lastLossMs !== null && loss.tMs - t.lastLossMs < FALL_MERGE_MS
    t.lastLossMs = loss.tMs
    if (sameFall) {
      t.mergedLosses++
      return
    }
    t.boardErrors++
    const event: BalanceEvent = { tMs: loss.tMs, kind: loss.kind, trialId: t.id }
    ctx.emit('balance:event', event)
    ctx.session().event(loss.tMs, 'drill-error', {
      trialId: t.id,
      source: 'board',
      kind: loss.kind,
      stance: t.stance,
      tS: round((loss.tMs - t.startedMs) / 1000, 3),
      errorsSoFar: t.boardErrors
    })
  }

  /** Stops listening; the trial's data stays for the result. */
  function close(t: Trial): void {
    t.unsubscribe()
    if (trial === t) trial = null
  }

  function prepare(stance: Stance | null): void {
    const source = boardSource()
    if (source) stanceControl(source)?.setStance(stance)
  }

  function start(levelIndex: number): DrillTrialStarted {
    // One trial at a time: a trial left open (screen closed, crash) is dropped, not counted.
    if (trial) close(trial)
    const level = clampLevel(levelIndex)
    const { stance, targetRadiusMm } = LEVELS[level]!
    const source = boardSource()
    const startedMs = ctx.clock.now()
    const t: Trial = {
      id: `trial-${startedMs}-${++counter}`,
      level,
      stance,
      targetRadiusMm,
      startedMs,
      hasBoard: source !== null,
      sourceId: source?.id ?? null,
      points: [],
      detector: source ? new LossOfBalanceDetector({ targetRadiusMm }) : null,
      boardErrors: 0,
      selfErrors: 0,
      lastLossMs: null,
      mergedLosses: 0,
      unsubscribe: () => undefined
    }
    if (source) {
      t.unsubscribe = ctx.onSample((sample, sourceId) => {
        if (sample.type === 'balance' && sourceId === t.sourceId) onBalance(t, sample)
      })
      prepare(stance)
    }
    trial = t
    ctx.session().event(startedMs, 'drill-trial', {
      phase: 'start',
      trialId: t.id,
      stance,
      targetRadiusMm,
      level: level + 1,
      hasBoard: t.hasBoard
    })
    return { id: t.id, hasBoard: t.hasBoard, level, stance, targetRadiusMm }
  }

  function openTrial(id: string): Trial {
    const t = trial
    if (!t || t.id !== id) throw new Error(`no open drill trial "${id}"`)
    return t
  }

  function selfError(id: string): number {
    const t = openTrial(id)
    // With a board, the board counts: a tap would count the same fall twice.
    if (t.hasBoard) return t.boardErrors
    t.selfErrors++
    const now = ctx.clock.now()
    ctx.session().event(now, 'drill-error', {
      trialId: t.id,
      source: 'self',
      stance: t.stance,
      level: t.level + 1,
      tS: round((now - t.startedMs) / 1000, 3),
      errorsSoFar: t.selfErrors
    })
    return t.selfErrors
  }

  function end(id: string): DrillTrialResult {
    const t = openTrial(id)
    const selfReportedErrors = t.selfErrors
    close(t)
    prepare(null)
    const endedMs = ctx.clock.now()
    // swayMetrics leaves out unloaded samples (stepped off) and does not bridge drop-outs.
    const measured = t.hasBoard ? swayMetrics(t.points) : null
    const sway = measured && measured.samples >= MIN_SWAY_SAMPLES ? measured : null
    const result: DrillTrialResult = {
      id: t.id,
      stance: t.stance,
      durationS: round(Math.max(0, endedMs - t.startedMs) / 1000, 3),
      pathLengthMm: sway ? finite(round(sway.pathLengthMm, 1)) : null,
      meanVelocityMmS: sway ? finite(round(sway.meanVelocityMmS, 2)) : null,
      rmsDistanceMm: sway ? finite(round(sway.rmsDistanceMm, 2)) : null,
      ellipseAreaMm2: sway ? finite(round(sway.ellipseAreaMm2, 1)) : null,
      boardErrors: t.boardErrors,
      selfReportedErrors,
      errors: t.boardErrors + selfReportedErrors,
      hadBoard: t.hasBoard
    }
    ctx.session().event(endedMs, 'drill-trial', {
      phase: 'end',
      trialId: t.id,
      stance: t.stance,
      durationS: result.durationS,
      samples: measured?.samples ?? 0,
      pathLengthMm: result.pathLengthMm,
      meanVelocityMmS: result.meanVelocityMmS,
      rmsDistanceMm: result.rmsDistanceMm,
      ellipseAreaMm2: result.ellipseAreaMm2,
      boardErrors: result.boardErrors,
      mergedLosses: t.mergedLosses,
      selfReportedErrors,
      errors: result.errors,
      hadBoard: result.hadBoard
    })
    return result
  }

  return {
    prepare,
    start,
    selfError,
    end,
    dispose: () => {
      if (trial) close(trial)
    }
  }
}
