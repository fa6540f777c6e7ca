/**
 * Incremental progression through the drill levels, pure; main applies it and keeps the progress
 * in `<userData>/drill.json` (core/session/drillLadder.ts), the screen draws it.
 *
 * The rule:
 * - A session starts at the level last passed (the highest level you can already do, as a
 *   warm-up), or at level 1 when nothing was passed yet.
 * - A passed trial (errors <= the level's allowance and, with a board, the 95 % sway ellipse no
 *   larger than the target circle) moves one level up (at the top level you stay there).
 * - A trial that is not passed repeats the same level. Two not-passed trials in a row at the
 *   same level step one level back (never below level 1) and reset the count.
 * - Every trial is kept in `history` (newest last, capped) for the chart over sessions.
 */
import type { DrillTrialResult, Stance } from './drill'
import type { JsonValue } from './validate'
import { LEVELS, TOP_LEVEL, clampLevel, type DrillLevel } from './drillLevels'

export const PROGRESS_VERSION = 1
/** Enough for months of daily drills, well inside the 200 000-character state document limit. */
export const HISTORY_CAP = 600
export const FAILS_BEFORE_STEP_BACK = 2

export interface TrialRecord {
  /** Which drill session (its start, ISO UTC) the trial belongs to. */
  session: string
  atUtc: string
  level: number
  stance: Stance
  passed: boolean
  errors: number
  durationS: number
  pathLengthMm: number | null
  meanVelocityMmS: number | null
  ellipseAreaMm2: number | null
  hadBoard: boolean
}

export interface DrillProgress {
  version: number
  /** Index into LEVELS of the highest level last passed; null before the first pass. */
  lastPassed: number | null
  /** The level the next trial uses. */
  current: number
  /** Not-passed trials in a row at `current`. */
  failStreak: number
  history: TrialRecord[]
}

export type Step = 'up' | 'top' | 'repeat' | 'back'

export function emptyProgress(): DrillProgress {
  return { version: PROGRESS_VERSION, lastPassed: null, current: 0, failStreak: 0, history: [] }
}

/** Where a new session begins: the level last passed, fail streak cleared. */
export function startSession(progress: DrillProgress): DrillProgress {
  return { ...progress, current: progress.lastPassed ?? 0, failStreak: 0 }
}

/** The pass rule for one trial at one level. */
export function trialPassed(
  level: DrillLevel,
  result: Pick<DrillTrialResult, 'errors' | 'ellipseAreaMm2'>
): boolean {
  if (result.errors > level.allowedErrors) return false
  if (result.ellipseAreaMm2 === null) return true
  return result.ellipseAreaMm2 <= Math.PI * level.targetRadiusMm ** 2
}

/** Record one finished trial and move along the ladder. */
export function applyTrial(
  progress: DrillProgress,
  result: DrillTrialResult,
  session: string,
  atUtc: string
): { progress: DrillProgress; passed: boolean; step: Step; record: TrialRecord } {
  const levelIndex = progress.current
  const level = LEVELS[levelIndex]
  const passed = trialPassed(level, result)
  const record: TrialRecord = {
    session,
    atUtc,
    level: levelIndex,
    stance: result.stance,
    passed,
    errors: result.errors,
    durationS: result.durationS,
    pathLengthMm: result.pathLengthMm,
    meanVelocityMmS: result.meanVelocityMmS,
    ellipseAreaMm2: result.ellipseAreaMm2,
    hadBoard: result.hadBoard
  }
  const history = [...progress.history, record].slice(-HISTORY_CAP)
  if (passed) {
    const step: Step = levelIndex >= TOP_LEVEL ? 'top' : 'up'
    return {
      passed,
      step,
      record,
      progress: {
        ...progress,
        history,
        lastPassed: Math.max(levelIndex, progress.lastPassed ?? -1),
        current: clampLevel(levelIndex + 1),
        failStreak: 0
      }
    }
  }
  const streak = progress.failStreak + 1
  if (streak >= FAILS_BEFORE_STEP_BACK && levelIndex > 0) {
    return {
      passed,
      step: 'back',
      record,
      progress: { ...progress, history, current: levelIndex - 1, failStreak: 0 }
    }
  }
  return {
    passed,
    step: 'repeat',
    record,
    progress: { ...progress, history, failStreak: streak >= FAILS_BEFORE_STEP_BACK ? 0 : streak }
  }
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)
const numOrNull = (x: unknown): number | null => (isNum(x) ? x : null)
const STANCE_SET = new Set<string>(LEVELS.map((l) => l.stance))

function parseRecord(x: unknown): TrialRecord | null {
  if (!x || typeof x !== 'object') return null
  const r = x as Record<string, unknown>
  if (typeof r.session !== 'string' || typeof r.atUtc !== 'string' || !isNum(r.level) || !isNum(r.errors))
    return null
  if (typeof r.stance !== 'string' || !STANCE_SET.has(r.stance)) return null
  return {
    session: r.session,
    atUtc: r.atUtc,
    level: clampLevel(r.level),
    stance: r.stance as Stance,
    passed: r.passed === true,
    errors: Math.max(0, Math.trunc(r.errors)),
    durationS: isNum(r.durationS) ? r.durationS : 0,
    pathLengthMm: numOrNull(r.pathLengthMm),
    meanVelocityMmS: numOrNull(r.meanVelocityMmS),
    ellipseAreaMm2: numOrNull(r.ellipseAreaMm2),
    hadBoard: r.hadBoard === true
  }
}

/** Read a stored document defensively: anything unreadable gives a fresh start, never a crash. */
export function parseProgress(value: JsonValue | null | undefined): DrillProgress {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return emptyProgress()
  const v = value as Record<string, unknown>
  if (v.version !== PROGRESS_VERSION) return emptyProgress()
  const history = Array.isArray(v.history)
    ? v.history.map(parseRecord).filter((r): r is TrialRecord => r !== null)
    : []
  return {
    version: PROGRESS_VERSION,
    lastPassed: isNum(v.lastPassed) ? clampLevel(v.lastPassed) : null,
    current: isNum(v.current) ? clampLevel(v.current) : 0,
    failStreak: isNum(v.failStreak)
      ? Math.min(FAILS_BEFORE_STEP_BACK - 1, Math.max(0, Math.trunc(v.failStreak)))
      : 0,
    history: history.slice(-HISTORY_CAP)
  }
}

export function toJson(progress: DrillProgress): JsonValue {
  return progress as unknown as JsonValue
}

export interface SessionPoint {
  session: string
  /** Highest level passed in that session, 1-based for display; 0 when none was passed. */
  bestLevel: number
  errors: number
  trials: number
  /** Mean of the trials' mean CoP velocity (board trials only), mm/s. */
  meanVelocityMmS: number | null
}

/** One point per drill session, oldest first, the last `limit` sessions. */
export function sessionSeries(history: readonly TrialRecord[], limit = 20): SessionPoint[] {
  const bySession = new Map<string, TrialRecord[]>()
  for (const r of history) {
    const list = bySession.get(r.session)
    if (list) list.push(r)
    else bySession.set(r.session, [r])
  }
  const points = [...bySession.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([session, trials]): SessionPoint => {
      const passed = trials.filter((r) => r.passed).map((r) => r.level + 1)
      const velocities = trials.map((r) => r.meanVelocityMmS).filter(isNum)
      return {
        session,
        bestLevel: passed.length ? Math.max(...passed) : 0,
        errors: trials.reduce((s, r) => s + r.errors, 0),
        trials: trials.length,
        meanVelocityMmS: velocities.length ? velocities.reduce((s, x) => s + x, 0) / velocities.length : null
      }
    })
  return points.slice(-limit)
}

/** ISO UTC timestamp for an epoch time (session keys, record times). */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString()
}

/** What one counted trial did to the ladder (main applies it; the screen shows it). */
export interface TrialProgression {
  record: TrialRecord
  passed: boolean
  step: Step
  /** Level index the trial used, and the one the next trial uses. */
  from: number
  to: number
}

/** The drill as the session engine holds it. */
export interface DrillSnapshot {
  progress: DrillProgress
  /** The drill session under way (its start, ISO UTC), null between sessions. */
  session: string | null
}
