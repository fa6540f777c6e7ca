/**
 * Saved resonance assessments (issue 17): `resonance.json` in a folder the caller gives (the app's
 * user-data folder), a versioned list, oldest first, that only grows: a re-test adds a record and
 * keeps the older ones. "The person's rate" is the latest finished assessment's chosen rate.
 * Written atomically (a temporary file in the same folder, then rename: a crash leaves the old or
 * the new list, never half of one).
 *
 * Loading never loses data and never throws on a bad file: an unreadable or corrupt file, or one
 * written by a newer Limbic, is renamed to `resonance.json.<corrupt|newer>-<UTC stamp>.bak`, the
 * list starts empty, and the result says why (a notice for the person). A missing file is an
 * empty list. A file that cannot be opened at all (permissions) is reported by a throw: it is not
 * corrupt and is left where it is.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ResonanceRecord } from '../shared/resonance'

export const RESONANCE_FILE = 'resonance.json'
export const RESONANCE_SCHEMA = 'limbic-resonance'
export const RESONANCE_VERSION = 1

export interface ResonanceDoc {
  schema: typeof RESONANCE_SCHEMA
  version: number
  records: ResonanceRecord[]
}

export interface ResonanceLoad {
  records: ResonanceRecord[]
  /** Set when the file was set aside (corrupt or newer); the list then starts empty. */
  setAside: { kind: 'corrupt' | 'newer'; backupPath: string; reason: string } | null
}

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x)
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)

function checkRecord(r: unknown, i: number): ResonanceRecord {
  const bad = (why: string): never => {
    throw new Error(`record ${i}: ${why}`)
  }
  if (!isObj(r)) return bad('not an object')
  if (typeof r.id !== 'string' || typeof r.startUtc !== 'string' || typeof r.endUtc !== 'string')
    bad('id/startUtc/endUtc')
  if (typeof r.completed !== 'boolean') bad('completed')
  if (r.sessionId !== null && typeof r.sessionId !== 'string') bad('sessionId')
  if (!isObj(r.timings) || !isNum(r.timings.stepS) || !isNum(r.timings.restS)) bad('timings')
  if (!Array.isArray(r.attempts)) bad('attempts')
  for (const a of r.attempts as unknown[]) {
    if (!isObj(a) || !isObj(a.run) || !isObj(a.analysis) || !isNum(a.run.breathsPerMin))
      bad('an attempt without run/analysis')
  }
  if (r.result !== null) {
    const res = r.result
    if (!isObj(res) || !['found', 'unsure', 'none'].includes(res.status as string)) bad('result.status')
    const x = res as Record<string, unknown>
    if (x.rateBpm !== null && !isNum(x.rateBpm)) bad('result.rateBpm')
    if (!isNum(x.confidence) || !isObj(x.reason) || !Array.isArray(x.steps)) bad('result')
  }
  return r as unknown as ResonanceRecord
}

/** Parses the document; throws with the reason (`newer` set for a version this app cannot read). */
export function parseResonanceDoc(text: string): ResonanceRecord[] {
  const raw: unknown = JSON.parse(text)
  if (!isObj(raw) || raw.schema !== RESONANCE_SCHEMA) throw new Error('not a Limbic resonance file')
  if (!isNum(raw.version)) throw new Error('no version')
  if (raw.version > RESONANCE_VERSION)
    throw Object.assign(new Error(`version ${raw.version} is newer than ${RESONANCE_VERSION}`), {
      newer: true
    })
  if (!Array.isArray(raw.records)) throw new Error('no records')
  return raw.records.map(checkRecord)
}

const stamp = (nowMs: number): string => new Date(nowMs).toISOString().replace(/[:.]/g, '-')

export async function loadResonance(folder: string, nowMs: number): Promise<ResonanceLoad> {
  const path = join(folder, RESONANCE_FILE)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], setAside: null }
    throw err
  }
  try {
    return { records: parseResonanceDoc(text), setAside: null }
  } catch (err) {
    const kind = (err as { newer?: boolean }).newer === true ? 'newer' : 'corrupt'
    const backupPath = `${path}.${kind}-${stamp(nowMs)}.bak`
    await rename(path, backupPath)
    return { records: [], setAside: { kind, backupPath, reason: (err as Error).message } }
  }
}

/** Writes the whole list atomically (temporary file + rename). */
export async function saveResonance(folder: string, records: readonly ResonanceRecord[]): Promise<void> {
  await mkdir(folder, { recursive: true })
  const path = join(folder, RESONANCE_FILE)
  const tmp = `${path}.${process.pid}.tmp`
  const doc: ResonanceDoc = { schema: RESONANCE_SCHEMA, version: RESONANCE_VERSION, records: [...records] }
  await writeFile(tmp, JSON.stringify(doc, null, 1) + '\n', 'utf8')
  await rename(tmp, path)
}

/** The person's rate: the chosen rate of the latest finished assessment that chose one. */
export function personRateBpm(records: readonly ResonanceRecord[]): number | null {
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i]!
    if (r.completed && r.result?.rateBpm != null) return r.result.rateBpm
  }
  return null
}
