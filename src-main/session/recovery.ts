/**
 * Closes sessions a crash or kill left open (session.json without `endUtc`, or a
 * `recording.lock`). Run once at launch, before a new recording starts:
 * 1. check every CSV / raw.log row by row (rowRepair.ts): the cut-off end of a file is dropped,
 *    malformed rows anywhere are dropped, and a spliced row keeps its valid tail,
 * 2. create a missing/empty CSV with its header,
 * 3. end time = time of the last recorded row (t_s max over all files), stats recounted,
 *    `endReason: 'recovered'` (+ `recovery` counts when rows were dropped or repaired), lock
 *    removed, sessions.csv rebuilt.
 * The lock is removed last: if any step fails (a full disk), the session stays open, its files
 * and session.json are as they were or validly repaired, and the next launch tries again.
 */
import { readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { csvHeader } from './csv'
import { readCsvFile } from './csvRead'
import { writeMetaAtomic } from './recorder'
import { repairCsvFile, repairRawLog, type FileRepair } from './rowRepair'
import { nodeSessionFs, writeFully, writeWholeFile, type SessionFs } from './sessionFs'
import { parseSessionMeta } from './sessionMeta'
import { fileExists, readSessionMeta, scanSessionStats } from './sessionScan'
import { listSessionDirs, rebuildSessionsIndex } from './sessionsIndex'
import {
  BEAT_JOURNAL_FILE,
  BEATS_COLUMNS,
  LOCK_FILE,
  META_FILE,
  RAW_LOG_FILE,
  SESSIONS_INDEX_FILE,
  SESSION_TABLES,
  TABLE_NAMES,
  OPTIONAL_TABLES
} from './tables'

export interface RecoveredSession {
  id: string
  endUtc: string
  /**
   * Files that were damaged: the bytes of a cut-off end removed, malformed rows dropped, and
   * spliced rows whose valid tail was kept.
   */
  repaired: ({ file: string } & FileRepair)[]
  /** Totals over `repaired` (the cut-off end of a file is not counted as a row). */
  droppedRows: number
  repairedRows: number
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
  /** sessions.csv could not be rebuilt (it is rebuilt again when a session closes). */
  indexProblem: string | null
}

export interface RecoveryOptions {
  /** Session ids being recorded right now by this process: never touched. */
  activeIds?: Iterable<string>
  /** Treat a lock whose pid is alive as live (default true). False in tests/tools. */
  respectLivePids?: boolean
  /** File operations that can run out of space (tests inject a full disk). */
  fs?: SessionFs
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

/**
 * Append the journal's beats that beats.csv does not have (later than its last row), in order.
 * A failed append is cut back, so beats.csv never ends in half a row; the journal is removed
 * only after the append, so a retry appends exactly the missing beats again.
 */
async function restoreJournalBeats(dir: string, startMs: number, fs: SessionFs): Promise<number> {
  const journal = join(dir, BEAT_JOURNAL_FILE)
  const beats = join(dir, SESSION_TABLES.beats.file)
  await repairCsvFile(journal, BEATS_COLUMNS, startMs, fs)
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
  if (rows.length > 0) {
    const handle = await fs.open(beats, 'a')
    try {
      const size = (await handle.stat()).size
      try {
        await writeFully(handle, Buffer.from(rows.join(''), 'utf8'))
      } catch (err) {
        await handle.truncate(size).catch(() => undefined)
        throw err
      }
    } finally {
      await handle.close()
    }
  }
  await rm(journal, { force: true })
  return rows.length
}

export async function recoverSession(
  dir: string,
  id: string,
  fs: SessionFs = nodeSessionFs
): Promise<RecoveredSession> {
  const out: RecoveredSession = {
    id,
    endUtc: '',
    repaired: [],
    droppedRows: 0,
    repairedRows: 0,
    recreated: [],
    journalBeats: 0,
    problems: []
  }
  const note = (file: string, r: FileRepair) => {
    if (r.droppedBytes === 0 && r.droppedRows === 0 && r.repairedRows === 0) return
    out.repaired.push({ file, ...r })
    out.droppedRows += r.droppedRows
    out.repairedRows += r.repairedRows
  }
  // A crash between writing session.json.tmp and its rename leaves the temp file: complete, it is
  // the newest session.json; cut short (a crash mid-write, or a full disk in an older version), it
  // is removed and session.json stays as it was.
  const tmp = join(dir, `${META_FILE}.tmp`)
  if (await fileExists(tmp)) {
    const hasMeta = await fileExists(join(dir, META_FILE))
    if (!hasMeta || parseSessionMeta(await readFile(tmp, 'utf8')).ok) await rename(tmp, join(dir, META_FILE))
    else await rm(tmp, { force: true })
  }
  const { meta } = await readSessionMeta(dir)
  for (const name of TABLE_NAMES) {
    const { file, columns } = SESSION_TABLES[name]
    const path = join(dir, file)
    if (!(await fileExists(path))) {
      await writeWholeFile(fs, path, csvHeader(columns))
      out.recreated.push(file)
      continue
    }
    note(file, await repairCsvFile(path, columns, meta.startMs, fs))
    if ((await readFile(path)).length === 0) {
      await writeWholeFile(fs, path, csvHeader(columns))
      out.recreated.push(file)
    }
  }
  // Chest data (Polar H10) exists only when the strap streamed it, resonance.csv only with an
  // assessment: repaired when there, never made.
  for (const { file, columns } of Object.values(OPTIONAL_TABLES)) {
    const path = join(dir, file)
    if (await fileExists(path)) note(file, await repairCsvFile(path, columns, meta.startMs, fs))
  }
  // I/O errors here (disk full) fail the recovery, which then runs again at the next launch.
  if (await fileExists(join(dir, BEAT_JOURNAL_FILE)))
    out.journalBeats = await restoreJournalBeats(dir, meta.startMs, fs)
  if (await fileExists(join(dir, RAW_LOG_FILE)))
    note(RAW_LOG_FILE, await repairRawLog(join(dir, RAW_LOG_FILE), fs))
  const { stats, problems } = await scanSessionStats(dir)
  out.problems.push(...problems)
  const endMs = meta.startMs + stats.lastTMs
  const endUtc = meta.endUtc ?? new Date(endMs).toISOString()
  const counts =
    out.droppedRows > 0 || out.repairedRows > 0
      ? { recovery: { droppedRows: out.droppedRows, repairedRows: out.repairedRows } }
      : {}
  await writeMetaAtomic(
    dir,
    { ...meta, endUtc, endReason: meta.endReason ?? 'recovered', stats, ...counts },
    fs
  )
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
  const report: RecoveryReport = { recovered: [], failed: [], skippedLive: [], indexProblem: null }
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
      report.recovered.push(await recoverSession(dir, id, options.fs))
    } catch (err) {
      report.failed.push({ id, problem: (err as Error).message })
    }
  }
  if (report.recovered.length > 0) {
    try {
      await rebuildSessionsIndex(rootDir)
    } catch (err) {
      // A full disk must not stop the app from starting: sessions.csv is rebuilt at every close.
      report.indexProblem = (err as Error).message
      await rm(join(rootDir, `${SESSIONS_INDEX_FILE}.tmp`), { force: true }).catch(() => undefined)
    }
  }
  return report
}
