/**
 * Export and import of sessions. Paths always come from main (a dialog or the CLI), never from
 * the renderer.
 *
 * Export (`<dest>` chosen by the user):
 * - 'folder': `<dest>/<id>/` = a copy of the session folder (session.json, the CSVs, raw.log),
 *   plus `<dest>/<id>_rr.txt` (Kubios-compatible RR file) and `<dest>/sessions.csv` for them;
 * - 'zip': the same content in one `<dest>/limbic-sessions-<stamp>.zip`;
 * - 'rr': only the `<id>_rr.txt` files.
 * Import:
 * - 'session': exported session folders (or a folder holding several) come back byte for byte;
 *   an id that already exists gets a new one (the old one is kept as `source.originalId`);
 * - 'zip': a zip that zip export wrote, or a zipped session folder (or a folder of them): unpacked
 *   with every entry checked (zipRead.ts: no path outside the target, no links, size limits),
 *   then imported as folders are;
 * - 'rr': RR files (as `analyze` reads them, signal/rrInput.ts: text layouts and FIT) become
 *   sessions with beats.csv filled in.
 */
import { hrBpmFromRrMs } from '../shared/perMinute'
import {
  copyFile,
  lstat,
  mkdir,
  readdir,
  readFile,
  realpath,
  rename,
  rm,
  stat,
  writeFile
} from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { ManualClock } from '../devices/clock'
import { parseRrBytes } from '../signal/rrInput'
import type { ExportResult, ImportResult } from '../shared/session'
import { formatNumber } from './csv'
import { readCsvFile } from './csvRead'
import { makeSessionId, SessionRecorder, writeMetaAtomic } from './recorder'
import { recoverSession } from './recovery'
import { RefusedRequestError } from '../shared/validate'
import { parseSessionMeta } from './sessionMeta'
import { fileExists, readSessionMeta, scanSessionStats } from './sessionScan'
import { listSessionDirs, rebuildSessionsIndex, summarizeAll } from './sessionsIndex'
import { LOCK_FILE, META_FILE, RR_DECIMALS, SESSION_TABLES } from './tables'
import { writeZip, type ZipEntry } from './zip'
import { extractZip } from './zipRead'

export type ExportFormat = 'folder' | 'zip' | 'rr'

/** Ids as the contract allows them, and never `.`/`..` or a dot-folder. */
const SAFE_ID = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/

/**
 * Import size limits: a session file larger than this is refused rather than copied (a 2-hour
 * session with 100 Hz balance data is about 60 MB in its largest file, raw.log included).
 */
export const MAX_IMPORT_FILE_BYTES = 256 * 1024 * 1024
/** All files of one imported session folder together. */
export const MAX_IMPORT_SESSION_BYTES = 1024 * 1024 * 1024
/** A zip to import (what zip export writes, or a zipped session folder), as stored on disk. */
export const MAX_IMPORT_ZIP_BYTES = 1024 * 1024 * 1024
/** Everything in one zip, unpacked (several sessions may be in it). */
export const MAX_IMPORT_ZIP_UNPACKED_BYTES = 4 * 1024 * 1024 * 1024
/** An RR text file (one beat per line: a day of beats is about 1 MB). */
export const MAX_IMPORT_RR_FILE_BYTES = 16 * 1024 * 1024

const mb = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`

/**
 * The folder of an existing session: a real directory directly inside the sessions root (real
 * paths compared, so no symlink leads out of it) holding a readable session.json. Anything else -
 * a path, `..`, a link, a folder that is not a session - is refused, so delete, export and load
 * never act outside the sessions root. Those refusals are RefusedRequestErrors (the request named
 * something that is not a session), which the IPC guard reports like any invalid message.
 */
export async function sessionDir(root: string, id: string): Promise<string> {
  return (await resolveSessionDir(root, id)).dir
}

export async function resolveSessionDir(root: string, id: string): Promise<{ root: string; dir: string }> {
  const refuse = (problem: string): RefusedRequestError =>
    new RefusedRequestError(`session "${String(id).slice(0, 80)}"`, problem)
  if (typeof id !== 'string' || !SAFE_ID.test(id) || id.length > 80) throw refuse('is not a session id')
  const noSession = (): Error => new Error(`There is no session "${id}"`)
  const realRoot = await realpath(root).catch(() => {
    throw noSession()
  })
  const dir = join(realRoot, id)
  const st = await lstat(dir).catch(() => {
    throw noSession()
  })
  if (st.isSymbolicLink()) throw refuse('is a link, not a session folder; it is left alone')
  if (!st.isDirectory()) throw refuse('is not a folder')
  if (dirname(await realpath(dir)) !== realRoot) throw refuse('is not inside the sessions folder')
  const metaPath = join(dir, META_FILE)
  const metaStat = await lstat(metaPath).catch(() => null)
  if (!metaStat || !metaStat.isFile())
    throw refuse('has no session.json, so it is not a session; it is left alone')
  const parsed = parseSessionMeta(await readFile(metaPath, 'utf8'))
  if (!parsed.ok) throw new Error(`Session folder "${id}": ${parsed.problem}; it is left alone`)
  return { root: realRoot, dir }
}

/** Files of a session folder worth copying (not the lock, half-written temp files or caches). */
async function sessionFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  return entries
    .filter((e) => e.isFile() && e.name !== LOCK_FILE && !e.name.endsWith('.tmp') && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort()
}

/**
 * Kubios HRV reads plain text with one RR interval per line (ms or s; non-numeric lines skipped).
 * We write the recorded (uncorrected) RR in ms, exact: Kubios applies its own artefact correction.
 */
export async function kubiosRrText(dir: string): Promise<{ text: string; beats: number }> {
  const lines: string[] = []
  let rrCol = -1
  await readCsvFile(
    join(dir, SESSION_TABLES.beats.file),
    (f) => {
      const v = Number(f[rrCol])
      if (f[rrCol] !== '' && Number.isFinite(v) && v > 0) lines.push(formatNumber(v, RR_DECIMALS))
    },
    (h) => {
      rrCol = h.indexOf('rr_ms')
      if (rrCol < 0) throw new Error('beats.csv has no rr_ms column')
    }
  )
  return { text: lines.length ? lines.join('\r\n') + '\r\n' : '', beats: lines.length }
}

/** A name in `dest` that does not exist yet: `name`, `name-2`, `name-3`... */
async function freeName(dest: string, name: string, ext = ''): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${name}${ext}` : `${name}-${n}${ext}`
    if (!(await fileExists(join(dest, candidate)))) return candidate
  }
}

export async function exportSessions(
  root: string,
  ids: string[],
  dest: string,
  format: ExportFormat,
  nowMs = Date.now()
): Promise<ExportResult> {
  if (ids.length === 0) throw new Error('No sessions selected to export')
  const dirs = await Promise.all(
    [...new Set(ids)].map(async (id) => ({ id, dir: await sessionDir(root, id) }))
  )
  await mkdir(dest, { recursive: true })
  let files = 0
  const zipEntries: ZipEntry[] = []
  for (const { id, dir } of dirs) {
    const rr = await kubiosRrText(dir)
    if (format === 'zip') {
      for (const f of await sessionFiles(dir))
        zipEntries.push({ name: `${id}/${f}`, data: await readFile(join(dir, f)) })
      zipEntries.push({ name: `${id}_rr.txt`, data: Buffer.from(rr.text) })
      continue
    }
    if (format === 'folder') {
      const target = join(dest, await freeName(dest, id))
      await mkdir(target)
      for (const f of await sessionFiles(dir)) {
        await copyFile(join(dir, f), join(target, f))
        files++
      }
    }
    await writeFile(join(dest, await freeName(dest, `${id}_rr`, '.txt')), rr.text)
    files++
  }
  const exported = new Set(dirs.map((d) => d.id))
  const entries = (await summarizeAll(root)).filter((e) => exported.has(e.id))
  if (format === 'zip') {
    const tmp = join(dest, `.sessions-${randomBytes(3).toString('hex')}`)
    await mkdir(tmp)
    try {
      await rebuildSessionsIndex(tmp, entries)
      zipEntries.push({ name: 'sessions.csv', data: await readFile(join(tmp, 'sessions.csv')) })
    } finally {
      await rm(tmp, { recursive: true, force: true })
    }
    const stamp = new Date(nowMs).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')
    const name = await freeName(dest, `limbic-sessions-${stamp}`, '.zip')
    await writeFile(join(dest, name), await writeZip(zipEntries, nowMs))
    return { path: join(dest, name), files: zipEntries.length }
  }
  if (format === 'folder') {
    await rebuildSessionsIndex(dest, entries)
    files++
  }
  return { path: dest, files }
}

/** Folders under `path` that hold a session.json: itself, or its direct subfolders. */
async function sessionFoldersIn(path: string): Promise<string[]> {
  if (await fileExists(join(path, META_FILE))) return [path]
  const entries = await readdir(path, { withFileTypes: true })
  const found: string[] = []
  for (const e of entries) {
    if (e.isDirectory() && (await fileExists(join(path, e.name, META_FILE)))) found.push(join(path, e.name))
  }
  return found.sort()
}

async function takeId(root: string, wanted: string | null, startMs: number): Promise<string> {
  const existing = new Set(await listSessionDirs(root))
  if (wanted && SAFE_ID.test(wanted) && wanted.length <= 80 && !existing.has(wanted)) return wanted
  for (;;) {
    const id = makeSessionId(startMs)
    if (!existing.has(id)) return id
  }
}

/** Refuse (before copying anything) a folder with a file or a total beyond the import limits. */
async function checkImportSizes(src: string, files: string[], name: string): Promise<void> {
  let total = 0
  for (const f of files) {
    const size = (await stat(join(src, f))).size
    if (size > MAX_IMPORT_FILE_BYTES)
      throw new Error(
        `${name}: ${f} is ${mb(size)}, larger than the ${mb(MAX_IMPORT_FILE_BYTES)} a session file may be; not imported`
      )
    total += size
  }
  if (total > MAX_IMPORT_SESSION_BYTES)
    throw new Error(
      `${name}: its files hold ${mb(total)}, more than the ${mb(MAX_IMPORT_SESSION_BYTES)} a session may; not imported`
    )
}

async function importSessionFolder(
  root: string,
  src: string,
  nowMs: number
): Promise<{ id: string; notes: string[] }> {
  const name = basename(src)
  const parsed = parseSessionMeta(await readFile(join(src, META_FILE), 'utf8').catch(() => ''))
  if (!parsed.ok) throw new Error(`${name}: ${parsed.problem}`)
  const meta = parsed.meta
  const files = await sessionFiles(src)
  await checkImportSizes(src, files, name)
  const id = await takeId(root, meta.id, meta.startMs)
  const tmp = join(root, `.import-${randomBytes(4).toString('hex')}`)
  await mkdir(tmp, { recursive: true })
  try {
    for (const f of files) await copyFile(join(src, f), join(tmp, f))
    const previous = meta.source
    await writeMetaAtomic(tmp, {
      ...meta,
      id,
      source: {
        kind: 'session-import',
        from: name,
        importedUtc: new Date(nowMs).toISOString(),
        ...(id !== meta.id ? { originalId: meta.id } : {}),
        ...(previous && previous.kind !== 'session-import' ? { original: previous } : {})
      }
    })
    await rename(tmp, join(root, id))
  } catch (err) {
    await rm(tmp, { recursive: true, force: true })
    throw err
  }
  const dir = join(root, id)
  const notes: string[] = []
  if (meta.endUtc === null) {
    const rec = await recoverSession(dir, id)
    notes.push(`${name}: was not finished; closed at ${rec.endUtc}`)
  }
  const { stats, problems } = await scanSessionStats(dir)
  for (const p of problems) notes.push(`${name}: ${p}`)
  if (!meta.stats) {
    const { meta: now } = await readSessionMeta(dir)
    await writeMetaAtomic(dir, { ...now, stats })
  }
  return { id, notes }
}

async function importRrFile(
  root: string,
  path: string,
  appVersion: string,
  nowMs: number
): Promise<{ id: string }> {
  const name = basename(path)
  const size = (await stat(path)).size
  if (size > MAX_IMPORT_RR_FILE_BYTES)
    throw new Error(
      `${name}: ${mb(size)} is larger than the ${mb(MAX_IMPORT_RR_FILE_BYTES)} an RR file may be; not imported`
    )
  const parsed = parseRrBytes(await readFile(path), name)
  if (parsed.rrMs.length === 0) throw new Error(`${name}: no RR intervals found`)
  const gapsMs = parsed.gaps.reduce((a, g) => a + g.durationMs, 0)
  const totalMs = parsed.rrMs.reduce((a, b) => a + b, 0) + gapsMs
  // An RR file has no clock time: the file's modification time is taken as its end.
  const mtimeMs = (await stat(path)).mtimeMs
  const startMs = Math.round((Number.isFinite(mtimeMs) && mtimeMs > 0 ? mtimeMs : nowMs) - totalMs)
  const clock = new ManualClock(startMs)
  const rec = await SessionRecorder.start({
    rootDir: root,
    appVersion,
    clock,
    id: await takeId(root, null, startMs),
    startMs,
    updateIndex: false,
    initialMeta: {
      source: { kind: 'rr-import', from: name, importedUtc: new Date(nowMs).toISOString() },
      rrImport: {
        unit: parsed.unit,
        format: parsed.format,
        notes: parsed.notes,
        startFrom: 'file modification time'
      }
    }
  })
  let t = startMs
  let g = 0
  for (let i = 0; i < parsed.rrMs.length; i++) {
    // A drop-out in the file (an interval too long to be a beat): time runs on, a gap event says so.
    for (; g < parsed.gaps.length && parsed.gaps[g]!.beforeIndex === i; g++) {
      const gap = parsed.gaps[g]!
      rec.recordEvent(t + gap.durationMs, 'gap', {
        channel: 'heart',
        reason: 'rr-implausible',
        fromS: (t - startMs) / 1000,
        toS: (t + gap.durationMs - startMs) / 1000,
        line: gap.line
      })
      t += gap.durationMs
    }
    const rr = parsed.rrMs[i]!
    t += rr
    rec.recordBeatClean({ tMs: t, rrMs: rr, rrCleanMs: null, artifact: null, hrBpm: hrBpmFromRrMs(rr) })
  }
  for (; g < parsed.gaps.length; g++) t += parsed.gaps[g]!.durationMs
  await rec.close({ endMs: t })
  return { id: rec.id }
}

/**
 * A zip of sessions: unpacked (checked entry by entry, see zipRead.ts) into a private folder in
 * the sessions root, then imported exactly as folders are (session.json check, size limits,
 * new id on a collision); the unpacked copy is removed whatever happens.
 */
async function importZip(
  root: string,
  path: string,
  nowMs: number
): Promise<{ ids: string[]; problems: string[] }> {
  const name = basename(path)
  const size = (await stat(path)).size
  if (size > MAX_IMPORT_ZIP_BYTES)
    throw new Error(
      `${name}: ${mb(size)} is larger than the ${mb(MAX_IMPORT_ZIP_BYTES)} a zip may be; not imported`
    )
  const staging = join(root, `.zip-import-${randomBytes(4).toString('hex')}`)
  const out = { ids: [] as string[], problems: [] as string[] }
  try {
    await extractZip(await readFile(path), staging, name, {
      maxEntryBytes: MAX_IMPORT_FILE_BYTES,
      maxTotalBytes: MAX_IMPORT_ZIP_UNPACKED_BYTES
    })
    // Sessions at the top (`<id>/session.json`, as zip export writes), or one level down (a
    // zipped folder that holds session folders).
    let folders = await sessionFoldersIn(staging)
    if (folders.length === 0) {
      for (const e of await readdir(staging, { withFileTypes: true }))
        if (e.isDirectory()) folders.push(...(await sessionFoldersIn(join(staging, e.name))))
      folders = folders.sort()
    }
    if (folders.length === 0) {
      out.problems.push(`${name}: no Limbic session in it (no folder holding a session.json)`)
      return out
    }
    for (const folder of folders) {
      try {
        const r = await importSessionFolder(root, folder, nowMs)
        out.ids.push(r.id)
        out.problems.push(...r.notes.map((n) => `${name}: ${n}`))
      } catch (err) {
        out.problems.push(`${name}: ${(err as Error).message}`)
      }
    }
    return out
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
}

export async function importPaths(
  root: string,
  paths: string[],
  kind: 'rr' | 'session' | 'zip',
  appVersion: string,
  nowMs = Date.now()
): Promise<ImportResult> {
  await mkdir(root, { recursive: true })
  const result: ImportResult = { imported: [], problems: [] }
  for (const path of paths) {
    try {
      if (kind === 'rr') {
        // How the file was read (unit, format, skipped lines) is kept in session.json `rrImport`.
        result.imported.push((await importRrFile(root, path, appVersion, nowMs)).id)
        continue
      }
      if (kind === 'zip' || (/\.zip$/i.test(path) && (await stat(path)).isFile())) {
        const z = await importZip(root, path, nowMs)
        result.imported.push(...z.ids)
        result.problems.push(...z.problems)
        continue
      }
      const folders = await sessionFoldersIn(path)
      if (folders.length === 0) {
        result.problems.push(`${basename(path)}: not a Limbic session folder (no session.json in it)`)
        continue
      }
      for (const folder of folders) {
        try {
          const r = await importSessionFolder(root, folder, nowMs)
          result.imported.push(r.id)
          result.problems.push(...r.notes)
        } catch (err) {
          result.problems.push((err as Error).message)
        }
      }
    } catch (err) {
      const msg = (err as Error).message
      result.problems.push(msg.startsWith(basename(path)) ? msg : `${basename(path)}: ${msg}`)
    }
  }
  if (result.imported.length > 0) await rebuildSessionsIndex(root)
  return result
}
