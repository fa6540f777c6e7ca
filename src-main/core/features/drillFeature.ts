/**
 * The balance drill on the main side (issue 7): one timed trial at a time.
 *
 * `drill:trial-start` opens a trial: with a balance board streaming, every balance sample from that
 * board is kept for the trial and fed to the loss-of-balance detector; each loss of balance is
 * sent to the screen (`balance:event`) and recorded in the session (`drill-error`). On the
 * simulated board the simulated body takes the trial's stance. `drill:trial-end` closes the trial
 * and answers the sway metrics (path length, mean velocity, RMS distance, 95 % ellipse) with the
 * board's and the user's error counts (losses within a second of each other are one fall).
 * Without a board the trial still times and counts the user's own reports; sway fields are null.
 *
 * Trial start and end are recorded as `drill-trial` events (detail.phase 'start' / 'end'); the
 * session engine (core/session/) owns the drill:* channels and adds the ladder's verdict.
 */
import type { BalanceSample, DataSource } from '../../devices/dataSource'
import type { BalanceEvent, DrillTrialResult, Stance } from '../../shared/contract'
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
  stance: Stance
  targetRadiusMm: number
  startedMs: number
  hasBoard: boolean
  sourceId: string | null
  points: CopPoint[]
  detector: LossOfBalanceDetector | null
  boardErrors: number
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
  start(stance: Stance, targetRadiusMm: number): { id: string; hasBoard: boolean }
  end(id: string, selfReportedErrors: number): DrillTrialResult
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

  function start(stance: Stance, targetRadiusMm: number): { id: string; hasBoard: boolean } {
    // One trial at a time: a trial left open (screen closed, crash) is dropped, not counted.
    if (trial) close(trial)
    const source = boardSource()
    const startedMs = ctx.clock.now()
    const t: Trial = {
      id: `trial-${startedMs}-${++counter}`,
      stance,
      targetRadiusMm,
      startedMs,
      hasBoard: source !== null,
      sourceId: source?.id ?? null,
      points: [],
      detector: source ? new LossOfBalanceDetector({ targetRadiusMm }) : null,
      boardErrors: 0,
      lastLossMs: null,
      mergedLosses: 0,
      unsubscribe: () => undefined
    }
    if (source) {
      t.unsubscribe = ctx.onSample((sample, sourceId) => {
        if (sample.type === 'balance' && sourceId === t.sourceId) onBalance(t, sample)
      })
      stanceControl(source)?.setStance(stance)
    }
    trial = t
    ctx.session().event(startedMs, 'drill-trial', {
      phase: 'start',
      trialId: t.id,
      stance,
      targetRadiusMm,
      hasBoard: t.hasBoard
    })
    return { id: t.id, hasBoard: t.hasBoard }
  }

  function end(id: string, selfReportedErrors: number): DrillTrialResult {
    const t = trial
    if (!t || t.id !== id) throw new Error(`no open drill trial "${id}"`)
    close(t)
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
    start,
    end,
    dispose: () => {
      if (trial) close(trial)
    }
  }
}
