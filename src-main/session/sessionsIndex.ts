/**
 * One summary per session, and `<root>/sessions.csv` (one row per session, rebuilt from every
 * session.json when a session closes, is imported or deleted). session.json stays the source of
 * truth; sessions.csv is a convenience for spreadsheets.
 */
import { readdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ArousalState } from '../shared/arousal'
import type { ProtocolName, SessionSummary } from '../shared/session'
import type { GateReason, HistoryChangeSummary } from '../shared/verdict'
import { csvHeader, csvRecord, formatNumber, formatText } from './csv'
import { readSessionMeta, scanSessionStats, SessionReadError } from './sessionScan'
import type { SessionMeta, SessionStats } from './sessionMeta'
import { SESSIONS_INDEX_FILE } from './tables'

/** A history row: the shared SessionSummary plus counts the list can show. */
export interface SessionListEntry extends SessionSummary {
  /** Still being recorded (no end time yet) or left unfinished by a crash and not recovered. */
  recording: boolean
  gate: 'optimal' | 'protocol-completed' | 'override' | null
  /** Errors by source: `drillErrors` (losses of balance, self-reports) + `timerErrors` = `errors`. */
  drillErrors: number
  /** "I made an error" marks logged in the study timer (`error` events). */
  timerErrors: number
  beats: number
  artifacts: number
  balanceRows: number
  appVersion: string | null
  source: string | null
}

export const SESSIONS_INDEX_COLUMNS = [
  'id',
  'start_utc',
  'end_utc',
  'duration_s',
  'task',
  'pre_arousal_state',
  'post_arousal_state',
  'protocol',
  'gate_outcome',
  'overridden',
  'errors',
  'drill_errors',
  'timer_errors',
  'beats',
  'artifacts',
  'balance_rows',
  'app_version',
  'source',
  'problem'
] as const

/** Folders that are not sessions: dot-folders (.trash, .import-tmp...) and plain files. */
export async function listSessionDirs(rootDir: string): Promise<string[]> {
  let entries
  try {
    entries = await readdir(rootDir, { withFileTypes: true })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort()
}

/**
 * Learner's drill errors = the sum of `errors` in drill-trial results (their event detail) when
 * trials carried counts; otherwise one per `drill-error` event.
 */
function drillErrors(stats: SessionStats | null): number {
  return stats?.drillErrors ?? stats?.eventsByType['drill-error'] ?? 0
}

/** The learner's "I made an error" marks from the study timer. */
function timerErrors(stats: SessionStats | null): number {
  return stats?.eventsByType['error'] ?? 0
}

export function summarizeMeta(
  meta: SessionMeta,
  stats: SessionStats | null,
  problem: string | null
): SessionListEntry {
  const startMs = meta.startMs
  const endMs = meta.endUtc ? Date.parse(meta.endUtc) : null
  const durationMs = endMs !== null ? endMs - startMs : (stats?.lastTMs ?? 0)
  const pre =
    meta.checkIns.find((c) => c.kind === 'check-in' && c.arousal)?.arousal?.state ??
    meta.prescription?.state ??
    null
  const post =
    [...meta.checkIns].reverse().find((c) => c.kind === 're-check' && c.arousal)?.arousal?.state ?? null
  const protocol = (meta.protocolDone?.name ?? meta.prescription?.chosen ?? null) as ProtocolName | null
  return {
    id: meta.id,
    startUtc: meta.startUtc,
    endUtc: meta.endUtc,
    durationS: Math.max(0, Math.round(durationMs) / 1000),
    task: meta.task ?? null,
    preState: pre as ArousalState | null,
    postState: post as ArousalState | null,
    protocol,
    errors: drillErrors(stats) + timerErrors(stats),
    overridden: meta.gate?.outcome === 'override',
    change: recheckSummary(meta.recheck),
    gateReason: gateReasonOf(meta.recheck),
    problem,
    recording: meta.endUtc === null,
    gate: meta.gate?.outcome ?? null,
    drillErrors: drillErrors(stats),
    timerErrors: timerErrors(stats),
    beats: stats?.rows.beats ?? 0,
    artifacts: stats?.artifacts ?? 0,
    balanceRows: stats?.rows.balance ?? 0,
    appVersion: meta.appVersion || null,
    source: meta.source?.kind ?? null
  }
}

const STATES = new Set(['low', 'optimal', 'high'])
const DIRECTIONS = new Set(['calmer', 'more-alert', 'no-clear-change'])
const VERDICTS = new Set(['toward', 'no-clear-change', 'away'])
const GATE_REASONS = new Set([
  'completed-toward',
  'completed-no-clear-change',
  'completed-not-measured',
  'override',
  'moved-away',
  'protocol-pending'
])
const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x)
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)

/**
 * History's "High → calmer (HR −8 bpm, RMSSD +35 %)" from session.json `recheck` (issue 15), or
 * null: sessions from before it have none, and a hand-edited one that does not fit is ignored.
 */
export function recheckSummary(recheck: unknown): HistoryChangeSummary | null {
  if (!isObject(recheck) || !isObject(recheck.summary)) return null
  const s = recheck.summary
  if (!STATES.has(s.from as string) || !DIRECTIONS.has(s.to as string) || !VERDICTS.has(s.verdict as string))
    return null
  if (!isNum(s.dHrBpm) || !isNum(s.dRmssdPct) || !(s.dRespBpm === null || isNum(s.dRespBpm))) return null
  return {
    from: s.from as HistoryChangeSummary['from'],
    to: s.to as HistoryChangeSummary['to'],
    verdict: s.verdict as HistoryChangeSummary['verdict'],
    dHrBpm: s.dHrBpm,
    dRmssdPct: s.dRmssdPct,
    dRespBpm: s.dRespBpm
  }
}

function gateReasonOf(recheck: unknown): GateReason | null {
  if (!isObject(recheck) || !isObject(recheck.gate)) return null
  const r = recheck.gate.reason
  return typeof r === 'string' && GATE_REASONS.has(r) ? (r as GateReason) : null
}

/** A row for a folder that cannot be read: id = folder name, the problem says why. */
export function brokenEntry(id: string, problem: string): SessionListEntry {
  return {
    id,
    startUtc: '',
    endUtc: null,
    durationS: 0,
    task: null,
    preState: null,
    postState: null,
    protocol: null,
    errors: 0,
    overridden: false,
    change: null,
    gateReason: null,
    problem,
    recording: false,
    gate: null,
    drillErrors: 0,
    timerErrors: 0,
    beats: 0,
    artifacts: 0,
    balanceRows: 0,
    appVersion: null,
    source: null
  }
}

/** Summaries of every session folder, newest first; unreadable folders come with `problem`. */
export async function summarizeAll(rootDir: string): Promise<SessionListEntry[]> {
  const ids = await listSessionDirs(rootDir)
  const out = await Promise.all(
    ids.map(async (id) => {
      const dir = join(rootDir, id)
      try {
        const { meta, notes } = await readSessionMeta(dir)
        let stats = meta.stats
        const problems = [...notes]
        if (!stats) {
          const scan = await scanSessionStats(dir)
          stats = scan.stats
          problems.push(...scan.problems)
        }
        return summarizeMeta(meta, stats, problems.length ? problems.join('; ') : null)
      } catch (err) {
        // The row is the folder already: its problem need not repeat the folder's name.
        return brokenEntry(id, err instanceof SessionReadError ? err.problem : (err as Error).message)
      }
    })
  )
  return out.sort((a, b) =>
    a.startUtc < b.startUtc ? 1 : a.startUtc > b.startUtc ? -1 : a.id < b.id ? 1 : -1
  )
}

function indexRecord(s: SessionListEntry): string {
  return csvRecord([
    formatText(s.id),
    formatText(s.startUtc),
    formatText(s.endUtc),
    formatNumber(s.durationS, 3),
    formatText(s.task),
    formatText(s.preState),
    formatText(s.postState),
    formatText(s.protocol),
    formatText(s.gate),
    s.problem && !s.startUtc ? '' : s.overridden ? 'true' : 'false',
    formatNumber(s.errors, 0),
    formatNumber(s.drillErrors, 0),
    formatNumber(s.timerErrors, 0),
    formatNumber(s.beats, 0),
    formatNumber(s.artifacts, 0),
    formatNumber(s.balanceRows, 0),
    formatText(s.appVersion),
    formatText(s.source),
    formatText(s.problem)
  ])
}

/** Rewrite `<root>/sessions.csv` atomically, oldest session first. */
export async function rebuildSessionsIndex(rootDir: string, entries?: SessionListEntry[]): Promise<void> {
  const list = [...(entries ?? (await summarizeAll(rootDir)))].reverse()
  const text = csvHeader(SESSIONS_INDEX_COLUMNS) + list.map(indexRecord).join('')
  const tmp = join(rootDir, `${SESSIONS_INDEX_FILE}.tmp`)
  await writeFile(tmp, text)
  await rename(tmp, join(rootDir, SESSIONS_INDEX_FILE))
}
