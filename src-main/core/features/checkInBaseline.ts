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
import {
  addMeasurement,
  baselineStats,
  emptyBaselineFile,
  parseBaselineFile,
  type BaselineFile,
  type BaselineStats,
  type RestingMeasurement
} from '../../signal/baseline'

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
