/**
 * The personal baseline on disk: `<userDataDir>/baseline.json` (see signal/baseline.ts for what it
 * holds and how the statistics are computed).
 *
 * - Written atomically (temp file + rename), so a crash mid-write leaves the previous version.
 * - A missing file is an empty history (population baseline).
 * - An unreadable or invalid file never crashes the app: it is moved aside to
 *   `baseline.json.corrupt-<epoch ms>`, the population baseline is used, and `problem` says what
 *   happened (the feature tells the user).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BaselineSummary } from '../../shared/arousal'
import type { Notice } from '../../shared/contract'
import {
  addMeasurement,
  baselineStats,
  baselineSummary,
  emptyBaselineFile,
  parseBaselineFile,
  type BaselineFile,
  type BaselineStats,
  type RestingMeasurement
} from '../../signal/baseline'
import type { BaselineService } from './featureContext'
import { calibrationStatus } from '../../signal/calibration'

export const BASELINE_FILE = 'baseline.json'

export interface BaselineProblem {
  /** Where the unreadable file was moved. */
  backupPath: string
  /** What was wrong (English, for logs). */
  reason: string
}

export class BaselineStore {
  private file: BaselineFile = emptyBaselineFile()
  private cached: BaselineStats
  /** Set when the file on disk was unreadable at load. */
  problem: BaselineProblem | null = null

  constructor(
    private readonly dir: string,
    private readonly nowMs: () => number = Date.now
  ) {
    this.cached = baselineStats([])
  }

  get path(): string {
    return join(this.dir, BASELINE_FILE)
  }

  /** Reads the file (missing = empty; corrupt = moved aside, see `problem`). */
  load(): BaselineStats {
    this.file = emptyBaselineFile()
    this.problem = null
    const path = this.path
    if (existsSync(path)) {
      try {
        this.file = parseBaselineFile(JSON.parse(readFileSync(path, 'utf8')))
      } catch (err) {
        const backupPath = `${path}.corrupt-${this.nowMs()}`
        const reason = err instanceof Error ? err.message : String(err)
        try {
          renameSync(path, backupPath)
          this.problem = { backupPath, reason }
        } catch (moveErr) {
          this.problem = {
            backupPath: path,
            reason: `${reason}; could not move it aside: ${moveErr instanceof Error ? moveErr.message : String(moveErr)}`
          }
        }
      }
    }
    this.cached = baselineStats(this.file.measurements)
    return this.cached
  }

  stats(): BaselineStats {
    return this.cached
  }

  measurements(): readonly RestingMeasurement[] {
    return this.file.measurements
  }

  add(m: RestingMeasurement): BaselineStats {
    this.file = addMeasurement(this.file, m)
    this.cached = baselineStats(this.file.measurements)
    this.write()
    return this.cached
  }

  /** Forget every measurement: back to the population baseline. */
  reset(): BaselineStats {
    this.file = emptyBaselineFile()
    this.cached = baselineStats([])
    this.write()
    return this.cached
  }

  private write(): void {
    mkdirSync(this.dir, { recursive: true })
    const tmp = `${this.path}.tmp`
    writeFileSync(tmp, `${JSON.stringify(this.file, null, 1)}\n`)
    renameSync(tmp, this.path)
  }
}

/**
 * The one place the app reads the personal baseline (check-ins, live metrics and the session
 * record all ask here). Loaded lazily, once: an unreadable file is set aside and the user told.
 */
export function createBaselineService(deps: {
  userDataDir: string
  nowMs: () => number
  notice: (notice: Notice) => void
}): BaselineService {
  const store = new BaselineStore(deps.userDataDir, deps.nowMs)
  let loaded = false
  const stats = (): BaselineStats => {
    if (!loaded) {
      loaded = true
      store.load()
      if (store.problem) {
        // Never a crash: the population baseline is used and the summary carries the problem.
        const reason = `baseline.json unreadable (${store.problem.reason}); kept at ${store.problem.backupPath}`
        console.warn(reason)
        deps.notice({
          id: `baseline-reset-${deps.nowMs()}`,
          kind: 'baseline-reset',
          backupPath: store.problem.backupPath,
          reason
        })
      }
    }
    return store.stats()
  }
  const summary = (): BaselineSummary => {
    const nowMs = deps.nowMs()
    const calibration = calibrationStatus(store.measurements(), {
      nowMs,
      utcOffsetMin: -new Date(nowMs).getTimezoneOffset()
    })
    const s = { ...baselineSummary(stats()), calibration }
    return store.problem ? { ...s, problem: { kind: 'file-unreadable', ...store.problem } } : s
  }
  return {
    stats,
    summary,
    add: (m) => {
      stats()
      store.add(m)
    },
    measurements: () => {
      stats()
      return store.measurements()
    },
    reset: () => {
      stats()
      store.reset()
      store.problem = null
      return summary()
    }
  }
}
