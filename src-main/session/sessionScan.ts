/**
 * Reading a session folder back: session.json + row counts from the CSVs. Used by recovery
 * (to find the last recorded row) and by the history list when session.json carries no stats.
 */
import { readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { readCsvFile, CsvFormatError, parseText } from './csvRead'
import { parseSessionMeta, type SessionMeta, type SessionStats } from './sessionMeta'
import { META_FILE, SESSION_TABLES, TABLE_NAMES } from './tables'

/** session.json of one folder cannot be used; the message names the folder, `problem` the field. */
export class SessionReadError extends Error {
  constructor(
    readonly folder: string,
    readonly problem: string
  ) {
    super(`Session folder "${folder}": ${problem}`)
    this.name = 'SessionReadError'
  }
}

/**
 * Learner's drill errors from drill-trial events. One trial is recorded by several events (main's
 * `phase: 'end'` with its sway, then the renderer's `phase: 'result'` with the ladder verdict), and
 * both carry the trial's `errors`: the first event per `trialId` that carries a count is the one
 * counted. Events without a trialId (older files) count each.
 */
export class DrillErrorTally {
  total: number | null = null
  private readonly counted = new Set<string>()

  add(type: string, detail: unknown): void {
    if (type !== 'drill-trial') return
    let d = detail
    if (typeof d === 'string') {
      try {
        d = JSON.parse(d)
      } catch {
        return
      }
    }
    const o = d as { errors?: unknown; trialId?: unknown } | null
    const errors = o?.errors
    if (typeof errors !== 'number' || !Number.isFinite(errors)) return
    if (typeof o?.trialId === 'string') {
      if (this.counted.has(o.trialId)) return
      this.counted.add(o.trialId)
    }
    this.total = (this.total ?? 0) + errors
  }
}

/**
 * A session's session.json, parsed (SessionReadError when missing, unreadable or invalid), with the
 * parser's notes and the file's text as read (the history detail shows it verbatim).
 */
export async function readSessionMeta(
  dir: string
): Promise<{ meta: SessionMeta; notes: string[]; text: string }> {
  let text: string
  try {
    text = await readFile(join(dir, META_FILE), 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new SessionReadError(
      basename(dir),
      code === 'ENOENT' ? 'session.json is missing' : `session.json cannot be read (${code})`
    )
  }
  const parsed = parseSessionMeta(text)
  if (!parsed.ok) throw new SessionReadError(basename(dir), parsed.problem)
  return { meta: parsed.meta, notes: parsed.notes, text }
}

export async function fileExists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

/** Count rows per file, events per type, artifacts, drill errors and the last t_s. */
export async function scanSessionStats(dir: string): Promise<{ stats: SessionStats; problems: string[] }> {
  const stats: SessionStats = {
    rows: { beats: 0, hr: 0, metrics: 0, balance: 0, events: 0 },
    eventsByType: {},
    lastTMs: 0,
    artifacts: 0,
    drillErrors: null
  }
  const problems: string[] = []
  const tally = new DrillErrorTally()
  for (const name of TABLE_NAMES) {
    const file = SESSION_TABLES[name].file
    const path = join(dir, file)
    if (!(await fileExists(path))) {
      problems.push(`${file} is missing`)
      continue
    }
    let tCol = 0
    let typeCol = -1
    let detailCol = -1
    let artifactCol = -1
    try {
      const res = await readCsvFile(
        path,
        (f) => {
          const tS = Number(f[tCol])
          if (f[tCol] !== '' && Number.isFinite(tS) && tS * 1000 > stats.lastTMs)
            stats.lastTMs = Math.round(tS * 1000)
          if (typeCol >= 0) {
            const type = parseText(f[typeCol])
            stats.eventsByType[type] = (stats.eventsByType[type] ?? 0) + 1
            tally.add(type, detailCol >= 0 ? parseText(f[detailCol]) : undefined)
          }
          if (artifactCol >= 0 && f[artifactCol]) stats.artifacts++
        },
        (header) => {
          tCol = header.indexOf('t_s')
          if (tCol < 0)
            throw new CsvFormatError(`header has no t_s column (${header.join(',').slice(0, 80)})`, 1)
          if (name === 'events') typeCol = header.indexOf('type')
          if (name === 'events') detailCol = header.indexOf('detail')
          if (name === 'beats') artifactCol = header.indexOf('artifact')
        }
      )
      stats.rows[name] = res.rows
      if (res.droppedPartialRecord) problems.push(`${file}: cut-off last row ignored`)
    } catch (err) {
      problems.push(`${file}: ${(err as Error).message}`)
    }
  }
  stats.drillErrors = tally.total
  return { stats, problems }
}
