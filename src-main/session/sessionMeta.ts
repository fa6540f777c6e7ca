/**
 * session.json: one typed, versioned document per session. Fields this version does not know
 * (written by a newer app or added by hand) are kept: parsing keeps the whole object and
 * updates merge into it, so a round trip through an older app loses nothing.
 */
import type { BaselineSummary, CheckInResult } from '../shared/arousal'
import type { SessionMetaPatch } from '../shared/session'
import type { TableName } from './tables'

export const SESSION_META_SCHEMA = 'limbic-session'
export const SESSION_META_VERSION = 1

export interface SessionDevice {
  kind: string
  name: string
  id?: string
  simulated?: boolean
  /** Epoch ms when it connected / dropped, when known. */
  connectedMs?: number | null
}

/** Counts written at close (and by recovery) so the history list needs no CSV scan. */
export interface SessionStats {
  rows: Record<TableName, number>
  eventsByType: Record<string, number>
  /** Time of the last recorded row, ms since start. */
  lastTMs: number
  artifacts: number
  /** Sum of `errors` from drill-trial event details; null when no trial carried a count. */
  drillErrors: number | null
}

export interface SessionSource {
  kind: 'recorded' | 'rr-import' | 'session-import'
  /** File or folder name it came from (import). */
  from?: string
  /** Original id when an import had to take a new id. */
  originalId?: string
  importedUtc?: string
}

export interface SessionMeta {
  schema: typeof SESSION_META_SCHEMA
  version: number
  id: string
  startUtc: string
  /** Exact start, epoch ms: the origin of every `t_s` column. */
  startMs: number
  endUtc: string | null
  endReason: 'closed' | 'recovered' | null
  appVersion: string
  devices: SessionDevice[]
  baseline: BaselineSummary | null
  checkIns: CheckInResult[]
  prescription: SessionMetaPatch['prescription'] | null
  protocolDone: SessionMetaPatch['protocolDone'] | null
  gate: SessionMetaPatch['gate'] | null
  /** Issue 15: the re-check judged as a change and the gate's reason (absent in older sessions). */
  recheck?: SessionMetaPatch['recheck']
  task: string | null
  reflection: string | null
  rawCapture: boolean
  source: SessionSource
  stats: SessionStats | null
  /** Unknown fields are preserved. */
  [extra: string]: unknown
}

/** What callers may change after start (id/start/schema are fixed). */
export type SessionMetaUpdate = Partial<
  Omit<SessionMeta, 'schema' | 'version' | 'id' | 'startUtc' | 'startMs'>
> & { [extra: string]: unknown }

export function newSessionMeta(init: {
  id: string
  startMs: number
  appVersion: string
  rawCapture?: boolean
  source?: SessionSource
}): SessionMeta {
  return {
    schema: SESSION_META_SCHEMA,
    version: SESSION_META_VERSION,
    id: init.id,
    startUtc: new Date(init.startMs).toISOString(),
    startMs: init.startMs,
    endUtc: null,
    endReason: null,
    appVersion: init.appVersion,
    devices: [],
    baseline: null,
    checkIns: [],
    prescription: null,
    protocolDone: null,
    gate: null,
    task: null,
    reflection: null,
    rawCapture: init.rawCapture ?? false,
    source: init.source ?? { kind: 'recorded' },
    stats: null
  }
}

/** The ECMAScript Date range (±100,000,000 days from 1970): beyond it a time cannot be printed. */
export const MAX_EPOCH_MS = 8.64e15

function isEpochMs(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x) && Math.abs(x) <= MAX_EPOCH_MS
}

const show = (x: unknown): string => (JSON.stringify(x) ?? String(x)).slice(0, 60)

export type MetaParse = { ok: true; meta: SessionMeta; notes: string[] } | { ok: false; problem: string }

/**
 * Parse and check session.json. Missing optional fields get defaults (older or hand-made files);
 * a missing/invalid id or start time is a problem, because nothing else can be placed in time.
 */
export function parseSessionMeta(text: string): MetaParse {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    return { ok: false, problem: `session.json is not valid JSON (${(err as Error).message})` }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problem: 'session.json is not a JSON object' }
  }
  const o = raw as Record<string, unknown>
  const notes: string[] = []
  if (typeof o.id !== 'string' || o.id === '') return { ok: false, problem: 'session.json has no "id"' }
  // Every time must be one a Date can hold: a finite but absurd startMs (1e300) used to surface as
  // a bare "Invalid time value" from toISOString, naming neither the file nor the field.
  if (o.startMs !== undefined && !isEpochMs(o.startMs)) {
    return { ok: false, problem: `session.json has an invalid "startMs" (${show(o.startMs)})` }
  }
  const startMs = isEpochMs(o.startMs)
    ? o.startMs
    : typeof o.startUtc === 'string'
      ? Date.parse(o.startUtc)
      : NaN
  if (!isEpochMs(startMs)) {
    return {
      ok: false,
      problem:
        o.startUtc === undefined
          ? 'session.json has no valid "startUtc"'
          : `session.json has an invalid "startUtc" (${show(o.startUtc)})`
    }
  }
  if (o.startUtc !== undefined && (typeof o.startUtc !== 'string' || !isEpochMs(Date.parse(o.startUtc)))) {
    return { ok: false, problem: `session.json has an invalid "startUtc" (${show(o.startUtc)})` }
  }
  if (o.endUtc !== null && o.endUtc !== undefined && !isEpochMs(Date.parse(String(o.endUtc)))) {
    return { ok: false, problem: `session.json has an invalid "endUtc" (${show(o.endUtc)})` }
  }
  const version = typeof o.version === 'number' ? o.version : SESSION_META_VERSION
  if (version > SESSION_META_VERSION) {
    notes.push(`written by a newer app (version ${version}); unknown fields are kept`)
  }
  const defaults = newSessionMeta({ id: o.id, startMs, appVersion: '' })
  const startUtc = typeof o.startUtc === 'string' ? o.startUtc : new Date(startMs).toISOString()
  const meta = { ...defaults, ...o, startMs, startUtc } as SessionMeta
  if (!Array.isArray(meta.devices)) meta.devices = []
  if (!Array.isArray(meta.checkIns)) meta.checkIns = []
  return { ok: true, meta, notes }
}

export function serializeSessionMeta(meta: SessionMeta): string {
  return JSON.stringify(meta, null, 2) + '\n'
}
