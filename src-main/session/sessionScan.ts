/**
 * Reading a session folder back: session.json + row counts from the CSVs. Used by recovery
 * (to find the last recorded row) and by the history list when session.json carries no stats.
 */
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { readCsvFile, CsvFormatError } from './csvRead'
import { parseSessionMeta, type SessionMeta, type SessionStats } from './sessionMeta'
import { META_FILE, SESSION_TABLES, TABLE_NAMES } from './tables'

export class SessionReadError extends Error {}

/** `errors` of a drill-trial event detail (object, or its JSON text), else null. */
export function drillTrialErrors(type: string, detail: unknown): number | null {
  if (type !== 'drill-trial') return null
  let d = detail
  if (typeof d === 'string') {
    try {
      d = JSON.parse(d)
    } catch {
      return null
    }
  }
  const errors = (d as { errors?: unknown } | null)?.errors
  return typeof errors === 'number' && Number.isFinite(errors) ? errors : null
}

export async function readSessionMeta(dir: string): Promise<{ meta: SessionMeta; notes: string[] }> {
  let text: string
  try {
    text = await readFile(join(dir, META_FILE), 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new SessionReadError(
      code === 'ENOENT' ? 'session.json is missing' : `session.json cannot be read (${code})`
    )
  }
  const parsed = parseSessionMeta(text)
  if (!parsed.ok) throw new SessionReadError(parsed.problem)
  return { meta: parsed.meta, notes: parsed.notes }
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
            const type = f[typeCol] ?? ''
            stats.eventsByType[type] = (stats.eventsByType[type] ?? 0) + 1
            const trialErrors = drillTrialErrors(type, f[detailCol])
            if (trialErrors !== null) stats.drillErrors = (stats.drillErrors ?? 0) + trialErrors
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
  return { stats, problems }
}
