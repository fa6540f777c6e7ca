/**
 * Bad input from disk: a session.json with an impossible time names its folder and field (instead
 * of a bare "Invalid time value"), and imports beyond the documented size limits are refused with
 * a clear message before anything is copied.
 */
import { mkdtempSync, symlinkSync } from 'node:fs'
import { mkdir, open, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../devices/clock'
import {
  importPaths,
  MAX_IMPORT_FILE_BYTES,
  MAX_IMPORT_RR_FILE_BYTES,
  MAX_IMPORT_SESSION_BYTES
} from './exportImport'
import { loadSessionDetail } from './historyLoad'
import { SessionRecorder } from './recorder'
import { parseSessionMeta } from './sessionMeta'
import { summarizeAll } from './sessionsIndex'

const T0 = Date.UTC(2026, 11, 3, 9, 0, 0)
const dirs: string[] = []
const tmp = (prefix: string): string => {
  const d = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(d)
  return d
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

async function recordSession(root: string, id: string): Promise<string> {
  const clock = new ManualClock(T0)
  const rec = await SessionRecorder.start({ rootDir: root, appVersion: '0.1.0', clock, id })
  clock.advance(1500)
  rec.recordBeatClean({ tMs: T0 + 1000, rrMs: 1000, rrCleanMs: null, artifact: null, hrBpm: 60 })
  await rec.close()
  return join(root, id)
}

/** A file of `bytes` length that takes no disk space (a hole). */
async function sparseFile(path: string, bytes: number): Promise<void> {
  const fh = await open(path, 'w')
  await fh.truncate(bytes)
  await fh.close()
}

async function setMeta(dir: string, patch: Record<string, unknown>): Promise<void> {
  const meta = JSON.parse(await readFile(join(dir, 'session.json'), 'utf8'))
  await writeFile(join(dir, 'session.json'), JSON.stringify({ ...meta, ...patch }))
}

describe('a session.json with an impossible time', () => {
  it.each([
    [{ startMs: 1e300 }, /invalid "startMs" \(1e\+300\)/],
    [{ startMs: 'yesterday' }, /invalid "startMs" \("yesterday"\)/],
    [{ startUtc: '+999999-01-01T00:00:00Z' }, /invalid "startUtc"/],
    [{ endUtc: 'never' }, /invalid "endUtc" \("never"\)/]
  ])('%j: the parser names the field', (patch, problem) => {
    const text = JSON.stringify({ id: 'X', startUtc: new Date(T0).toISOString(), startMs: T0, ...patch })
    const parsed = parseSessionMeta(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.problem).toMatch(problem)
  })

  it('history names the folder and the field; the other sessions still load', async () => {
    const root = tmp('limbic-badmeta-')
    await recordSession(root, 'GOOD')
    const bad = await recordSession(root, 'ABSURD')
    await setMeta(bad, { startMs: 1e300 })
    const list = await summarizeAll(root)
    expect(list.find((s) => s.id === 'ABSURD')!.problem).toBe(
      'session.json has an invalid "startMs" (1e+300)'
    )
    expect(list.find((s) => s.id === 'GOOD')!.problem).toBeNull()
    await expect(loadSessionDetail(bad)).rejects.toThrow(
      'Session folder "ABSURD": session.json has an invalid "startMs" (1e+300)'
    )
    // Importing such a folder says which one and why, and imports the rest.
    const into = tmp('limbic-badmeta-into-')
    const result = await importPaths(into, [root], 'session', '0.1.0', T0)
    expect(result.imported).toEqual(['GOOD'])
    expect(result.problems).toEqual(['ABSURD: session.json has an invalid "startMs" (1e+300)'])
  })
})

describe('import size limits', () => {
  it('are documented constants: 256 MB a file, 1 GB a session, 16 MB an RR file', () => {
    expect([MAX_IMPORT_FILE_BYTES, MAX_IMPORT_SESSION_BYTES, MAX_IMPORT_RR_FILE_BYTES]).toEqual([
      256 * 1024 * 1024,
      1024 * 1024 * 1024,
      16 * 1024 * 1024
    ])
  })

  it('a 1 GB beats.csv is refused with a message naming it, and nothing is copied', async () => {
    const src = tmp('limbic-big-src-')
    const dir = await recordSession(src, 'HUGE')
    await sparseFile(join(dir, 'beats.csv'), 1024 * 1024 * 1024)
    const root = tmp('limbic-big-root-')
    const result = await importPaths(root, [dir], 'session', '0.1.0', T0)
    expect(result.imported).toEqual([])
    expect(result.problems).toEqual([
      'HUGE: beats.csv is 1024 MB, larger than the 256 MB a session file may be; not imported'
    ])
    expect(await readdir(root)).toEqual([])
  })

  it('a session folder whose files together exceed 1 GB is refused', async () => {
    const src = tmp('limbic-big-src-')
    const dir = await recordSession(src, 'MANY')
    for (const f of ['beats.csv', 'balance.csv', 'hr.csv', 'metrics.csv', 'raw.log'])
      await sparseFile(join(dir, f), 250 * 1024 * 1024)
    const root = tmp('limbic-big-root-')
    const result = await importPaths(root, [dir], 'session', '0.1.0', T0)
    expect(result.imported).toEqual([])
    expect(result.problems[0]).toMatch(/^MANY: its files hold 1250 MB, more than the 1024 MB a session may/)
    expect(await readdir(root)).toEqual([])
  })

  it('an RR file over 16 MB is refused; one under it is imported', async () => {
    const src = tmp('limbic-big-rr-')
    await sparseFile(join(src, 'huge_rr.txt'), 20 * 1024 * 1024)
    await writeFile(join(src, 'ok_rr.txt'), '800\n810\n790\n')
    const root = tmp('limbic-big-root-')
    await mkdir(root, { recursive: true })
    const result = await importPaths(
      root,
      [join(src, 'huge_rr.txt'), join(src, 'ok_rr.txt')],
      'rr',
      '0.1.0',
      T0
    )
    expect(result.imported).toHaveLength(1)
    expect(result.problems).toEqual([
      'huge_rr.txt: 20 MB is larger than the 16 MB an RR file may be; not imported'
    ])
  })
})

describe('import writes only new session folders directly inside the root', () => {
  it('an id that is a path gets a fresh id; linked files and folders in the source are not followed', async () => {
    const base = tmp('limbic-import-escape-')
    const src = join(base, 'src')
    const dir = await recordSession(src, 'ESC')
    await setMeta(dir, { id: '../../escaped' })
    await writeFile(join(base, 'secret.txt'), 'not for the app')
    await rm(join(dir, 'hr.csv'))
    symlinkSync(join(base, 'secret.txt'), join(dir, 'hr.csv'))
    symlinkSync(dir, join(src, 'LINKED'))
    const root = join(base, 'user', 'sessions')
    const result = await importPaths(root, [src], 'session', '0.1.0', T0)
    expect(result.imported).toHaveLength(1)
    const id = result.imported[0]!
    expect(id).toMatch(/^[0-9]{8}-[0-9]{6}-[0-9a-f]{4}$/)
    expect((await readdir(root)).filter((f) => !f.startsWith('.')).sort()).toEqual(
      [id, 'sessions.csv'].sort()
    )
    expect(await readdir(join(root, id))).not.toContain('hr.csv')
    expect((await readdir(base)).sort()).toEqual(['secret.txt', 'src', 'user'])
    const meta = JSON.parse(await readFile(join(root, id, 'session.json'), 'utf8'))
    expect(meta.source.originalId).toBe('../../escaped')
  })
})
