/**
 * Closes sessions a crash or kill left open (session.json without `endUtc`, or a
 * `recording.lock`). Run once at launch, before a new recording starts:
 * 1. cut every CSV / raw.log back to its last complete row (a row is complete once its line
 *    terminator is on disk; anything after it is a write cut off mid-way),
 * 2. create a missing/empty CSV with its header,
 * 3. end time = time of the last recorded row (t_s max over all files), stats recounted,
 *    `endReason: 'recovered'`, lock removed, sessions.csv rebuilt.
 */
import { appendFile, open, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { csvHeader } from './csv'
import { completeRecordsLength, readCsvFile } from './csvRead'
import { writeMetaAtomic } from './recorder'
import { fileExists, readSessionMeta, scanSessionStats } from './sessionScan'
import { listSessionDirs, rebuildSessionsIndex } from './sessionsIndex'
import { BEAT_JOURNAL_FILE, LOCK_FILE, META_FILE, RAW_LOG_FILE, SESSION_TABLES, TABLE_NAMES } from './tables'

export interface RecoveredSession {
  id: string
  endUtc: string
  /** Files that had a cut-off tail removed, with the number of bytes dropped. */
  repaired: { file: string; droppedBytes: number }[]
  /** Files that were missing or empty and got a header. */
  recreated: string[]
  /** Beats restored from beats.pending.csv (they were waiting for their cleaned row). */
  journalBeats: number
  problems: string[]
}

export interface RecoveryReport {
  recovered: RecoveredSession[]
  /** Folders that could not be recovered (e.g. session.json unreadable), with the reason. */
  failed: { id: string; problem: string }[]
  /** Open sessions left alone because the process holding the lock is still alive. */
  skippedLive: string[]
}

export interface RecoveryOptions {
  /** Session ids being recorded right now by this process: never touched. */
  activeIds?: Iterable<string>
  /** Treat a lock whose pid is alive as live (default true). False in tests/tools. */
  respectLivePids?: boolean
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function lockPid(dir: string): Promise<number | null> {
  try {
    const lock = JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')) as { pid?: unknown }
    return typeof lock.pid === 'number' ? lock.pid : null
  } catch {
    return null
  }
}

const TAIL_BYTES = 64 * 1024

/** Truncate `path` after its last complete record; returns bytes dropped (0 = intact). */
export async function truncateToCompleteRecords(path: string, quotesPossible: boolean): Promise<number> {
  const fh = await open(path, 'r+')
  try {
    const size = (await fh.stat()).size
    if (size === 0) return 0
    let keep = -1
    if (!quotesPossible) {
      // Balance/beat rows never contain quotes: the tail alone shows where the last row ends.
      const start = Math.max(0, size - TAIL_BYTES)
      const tail = Buffer.alloc(size - start)
      await fh.read(tail, 0, tail.length, start)
      const lastLf = tail.lastIndexOf(10)
      if (lastLf >= 0) keep = start + lastLf + 1
      else if (start === 0) keep = 0
    }
    if (keep < 0) {
      // A quoted field may span lines, so the quote state must be followed from the start.
      const all = Buffer.alloc(size)
      await fh.read(all, 0, size, 0)
      keep = quotesPossible ? completeRecordsLength(all) : all.lastIndexOf(10) + 1
    }
    if (keep < size) {
      await fh.truncate(keep)
      await fh.datasync()
    }
    return size - keep
  } finally {
    await fh.close()
  }
}

/** Append the journal's beats that beats.csv does not have (later than its last row), in order. */
async function restoreJournalBeats(dir: string): Promise<number> {
  const journal = join(dir, BEAT_JOURNAL_FILE)
  const beats = join(dir, SESSION_TABLES.beats.file)
  await truncateToCompleteRecords(journal, false)
  let lastT = -Infinity
  await readCsvFile(beats, (f) => {
    const t = Number(f[0])
    if (f[0] !== '' && t > lastT) lastT = t
  })
  const rows: string[] = []
  await readCsvFile(journal, (f) => {
    const t = Number(f[0])
    if (f[0] !== '' && t > lastT) {
      rows.push(f.join(',') + '\r\n')
      lastT = t
    }
  })
  if (rows.length > 0) await appendFile(beats, rows.join(''))
  await rm(journal, { force: true })
  return rows.length
}

export async function recoverSession(dir: string, id: string): Promise<RecoveredSession> {
  const out: RecoveredSession = { id, endUtc: '', repaired: [], recreated: [], journalBeats: 0, problems: [] }
  // A crash between writing session.json.tmp and the rename leaves only the temp file.
  const tmp = join(dir, `${META_FILE}.tmp`)
  if (!(await fileExists(join(dir, META_FILE))) && (await fileExists(tmp)))
    await rename(tmp, join(dir, META_FILE))
  const { meta } = await readSessionMeta(dir)
  for (const name of TABLE_NAMES) {
    const { file, columns } = SESSION_TABLES[name]
    const path = join(dir, file)
    if (!(await fileExists(path))) {
      await writeFile(path, csvHeader(columns))
      out.recreated.push(file)
      continue
    }
    const dropped = await truncateToCompleteRecords(
      path,
      name === 'events' || name === 'metrics' || name === 'hr'
    )
    if (dropped > 0) out.repaired.push({ file, droppedBytes: dropped })
    if ((await readFile(path)).length === 0) {
      await writeFile(path, csvHeader(columns))
      out.recreated.push(file)
    }
  }
  if (await fileExists(join(dir, BEAT_JOURNAL_FILE))) {
    try {
      out.journalBeats = await restoreJournalBeats(dir)
    } catch (err) {
      out.problems.push(`${BEAT_JOURNAL_FILE}: ${(err as Error).message}`)
    }
  }
  if (await fileExists(join(dir, RAW_LOG_FILE))) {
    const dropped = await truncateToCompleteRecords(join(dir, RAW_LOG_FILE), false)
    if (dropped > 0) out.repaired.push({ file: RAW_LOG_FILE, droppedBytes: dropped })
  }
  const { stats, problems } = await scanSessionStats(dir)
  out.problems.push(...problems)
  const endMs = meta.startMs + stats.lastTMs
  const endUtc = meta.endUtc ?? new Date(endMs).toISOString()
  await writeMetaAtomic(dir, { ...meta, endUtc, endReason: meta.endReason ?? 'recovered', stats })
  await rm(join(dir, LOCK_FILE), { force: true })
  out.endUtc = endUtc
  return out
}

/** Find and close every unfinished session under `rootDir`. Other sessions are not touched. */
export async function recoverSessions(
  rootDir: string,
  options: RecoveryOptions = {}
): Promise<RecoveryReport> {
  const active = new Set(options.activeIds ?? [])
  const report: RecoveryReport = { recovered: [], failed: [], skippedLive: [] }
  for (const id of await listSessionDirs(rootDir)) {
    if (active.has(id)) continue
    const dir = join(rootDir, id)
    const hasLock = await fileExists(join(dir, LOCK_FILE))
    let open = hasLock
    if (!open) {
      try {
        open = (await readSessionMeta(dir)).meta.endUtc === null
      } catch {
        open = (await fileExists(join(dir, `${META_FILE}.tmp`))) && !(await fileExists(join(dir, META_FILE)))
      }
    }
    if (!open) continue
    if (hasLock && options.respectLivePids !== false) {
      const pid = await lockPid(dir)
      if (pid !== null && pidAlive(pid)) {
        report.skippedLive.push(id)
        continue
      }
    }
    try {
      report.recovered.push(await recoverSession(dir, id))
    } catch (err) {
      report.failed.push({ id, problem: (err as Error).message })
    }
  }
  if (report.recovered.length > 0) await rebuildSessionsIndex(rootDir)
  return report
}
