/**
 * One session for the history detail view (SessionDetail): the summary, session.json as stored,
 * HR/RMSSD and CoP series decimated for charts, every event, and shaded spans (check-ins,
 * protocols, drill trials, timer phases) derived from events and session.json.
 *
 * Files are streamed and only the needed columns are kept as numbers, so a 2-hour session with
 * 100 Hz balance data loads in a fraction of a second.
 */
import { hrBpmFromRrMs } from '../shared/perMinute'
import { randomBytes } from 'node:crypto'
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { SessionDetail } from '../shared/session'
import type { JsonValue } from '../shared/validate'
import { parseText, readCsvFile } from './csvRead'
import { extremesPerBucket, pick, strideIndices } from './decimate'
import { Float64Column, readNumericColumns } from './fastColumns'
import type { SessionMeta } from './sessionMeta'
import { fileExists, readSessionMeta, scanSessionStats } from './sessionScan'
import { summarizeMeta } from './sessionsIndex'
import { SESSION_TABLES, type TableName } from './tables'

export const CHART_MAX_POINTS = 2000

const num = (s: string | undefined): number => (s === undefined || s === '' ? NaN : Number(s))

/**
 * Stream `table` keeping `columns` (by header name) as numbers (NaN = empty). A missing file
 * gives empty columns plus a problem; a broken one gives what was read before the break.
 */
async function readColumns(
  dir: string,
  table: TableName,
  columns: string[],
  problems: string[]
): Promise<{ cols: Float64Array[]; rows: number }> {
  const file = SESSION_TABLES[table].file
  const out = columns.map(() => new Float64Column())
  const path = join(dir, file)
  if (!(await fileExists(path))) {
    problems.push(`${file} is missing`)
    return { cols: out.map((c) => c.view()), rows: 0 }
  }
  try {
    const fast = await readNumericColumns(path, columns)
    if (fast) {
      if (fast.missing.length) problems.push(`${file} has no column ${fast.missing.join(', ')}`)
      if (fast.droppedPartialRecord) problems.push(`${file}: cut-off last row ignored`)
      return { cols: fast.cols, rows: fast.rows }
    }
  } catch (err) {
    problems.push(`${file}: ${(err as Error).message}`)
    return { cols: out.map((c) => c.view()), rows: 0 }
  }
  let idx: number[] = []
  try {
    const res = await readCsvFile(
      path,
      (f) => {
        for (let k = 0; k < idx.length; k++) out[k]!.push(num(f[idx[k]!]))
      },
      (header) => {
        idx = columns.map((c) => header.indexOf(c))
        const missing = columns.filter((_, k) => idx[k]! < 0)
        if (missing.length) problems.push(`${file} has no column ${missing.join(', ')}`)
      }
    )
    if (res.droppedPartialRecord) problems.push(`${file}: cut-off last row ignored`)
  } catch (err) {
    problems.push(`${file}: ${(err as Error).message}`)
  }
  return { cols: out.map((c) => c.view()), rows: out[0]?.length ?? 0 }
}

async function readEvents(dir: string, problems: string[]): Promise<SessionDetail['events']> {
  const events: SessionDetail['events'] = []
  const path = join(dir, SESSION_TABLES.events.file)
  if (!(await fileExists(path))) {
    problems.push('events.csv is missing')
    return events
  }
  let ti = 0
  let ty = 2
  let de = 3
  try {
    const res = await readCsvFile(
      path,
      (f) => events.push({ tS: num(f[ti]), type: parseText(f[ty]), detail: parseText(f[de]) }),
      (h) => {
        ti = h.indexOf('t_s')
        ty = h.indexOf('type')
        de = h.indexOf('detail')
      }
    )
    if (res.droppedPartialRecord) problems.push('events.csv: cut-off last row ignored')
  } catch (err) {
    problems.push(`events.csv: ${(err as Error).message}`)
  }
  return events
}

function parseDetail(text: string): Record<string, unknown> {
  if (!text.startsWith('{')) return {}
  try {
    const v = JSON.parse(text) as unknown
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)

/** Shaded spans from events (protocol, drill trials, timer phases) and check-ins in session.json. */
export function spansFrom(
  events: SessionDetail['events'],
  meta: SessionMeta,
  endS: number
): SessionDetail['spans'] {
  const spans: SessionDetail['spans'] = []
  for (const c of meta.checkIns) {
    if (typeof c?.startedMs !== 'number' || typeof c?.endedMs !== 'number') continue
    spans.push({
      kind: 'check-in',
      label: c.kind,
      fromS: (c.startedMs - meta.startMs) / 1000,
      toS: (c.endedMs - meta.startMs) / 1000
    })
  }
  let protocol = null as { fromS: number; label: string } | null
  let phase = null as { fromS: number; label: string } | null
  let pausedPhase: string | null = null
  const trials = new Map<
    string,
    { fromS: number; stance: string | null; span: SessionDetail['spans'][number] | null }
  >()
  const closePhase = (toS: number) => {
    if (phase && toS >= phase.fromS)
      spans.push({ kind: 'timer', label: phase.label, fromS: phase.fromS, toS })
    phase = null
  }
  for (const e of events) {
    if (!Number.isFinite(e.tS)) continue
    const d = parseDetail(e.detail)
    switch (e.type) {
      case 'protocol-start':
        if (protocol)
          spans.push({ kind: 'protocol', label: protocol.label, fromS: protocol.fromS, toS: e.tS })
        protocol = { fromS: e.tS, label: str(d.chosen) ?? str(d.name) ?? 'protocol' }
        break
      case 'protocol-end':
        spans.push({
          kind: 'protocol',
          label: str(d.name) ?? protocol?.label ?? 'protocol',
          fromS: protocol?.fromS ?? (typeof d.doneS === 'number' ? e.tS - d.doneS : e.tS),
          toS: e.tS
        })
        protocol = null
        break
      case 'drill-trial': {
        // Main records phase 'start' and 'end' (with durationS), the renderer adds 'result' (level,
        // verdict) for the same trialId; files without phases have one event per trial.
        const id = str(d.trialId)
        const level = typeof d.level === 'number' ? `level ${d.level}` : null
        if (d.phase === 'start') {
          if (id) trials.set(id, { fromS: e.tS, stance: str(d.stance), span: null })
          break
        }
        const open = id ? trials.get(id) : undefined
        if (d.phase === 'result' && open?.span) {
          if (level) open.span.label = [open.stance, level].filter(Boolean).join(' ')
          break
        }
        const dur = typeof d.durationS === 'number' && d.durationS > 0 ? d.durationS : 0
        const stance = str(d.stance) ?? open?.stance ?? null
        const span = {
          kind: 'drill',
          label: [stance, level].filter(Boolean).join(' ') || 'trial',
          fromS: open?.fromS ?? e.tS - dur,
          toS: e.tS
        }
        spans.push(span)
        if (id) trials.set(id, { fromS: span.fromS, stance, span })
        break
      }
      case 'timer-start':
        closePhase(e.tS)
        break
      case 'timer-phase':
        closePhase(e.tS)
        phase = { fromS: e.tS, label: str(d.phase) ?? 'phase' }
        break
      case 'timer-pause':
        pausedPhase = phase?.label ?? null
        closePhase(e.tS)
        phase = { fromS: e.tS, label: 'pause' }
        break
      case 'timer-resume':
        closePhase(e.tS)
        if (pausedPhase) phase = { fromS: e.tS, label: pausedPhase }
        pausedPhase = null
        break
      case 'timer-stop':
      case 'timer-end':
        closePhase(e.tS)
        pausedPhase = null
        break
    }
  }
  if (protocol) spans.push({ kind: 'protocol', label: protocol.label, fromS: protocol.fromS, toS: endS })
  closePhase(endS)
  return spans.sort((a, b) => a.fromS - b.fromS)
}

/** Finite numbers or null (NaN = empty cell). */
const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null)

/**
 * Cached detail of a finished session: `.history-cache.json` in its folder, valid while every file
 * has the size and modification time it had when the cache was written (a dot-file: never
 * exported, copied or imported). A session still being recorded is never cached.
 */
export const DETAIL_CACHE_FILE = '.history-cache.json'
// 2: event text cells are read with parseText (formula guard removed).
const CACHE_VERSION = 2

async function cacheKey(dir: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true })
  const files = entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort()
  const parts = await Promise.all(
    files.map(async (f) => {
      const st = await stat(join(dir, f))
      return `${f}:${st.size}:${st.mtimeMs}`
    })
  )
  return `${CACHE_VERSION}|${parts.join('|')}`
}

export async function loadSessionDetail(dir: string, maxPoints = CHART_MAX_POINTS): Promise<SessionDetail> {
  const key = await cacheKey(dir).catch(() => null)
  if (key) {
    try {
      const cached = JSON.parse(await readFile(join(dir, DETAIL_CACHE_FILE), 'utf8')) as {
        key: string
        maxPoints: number
        detail: SessionDetail
      }
      if (cached.key === key && cached.maxPoints === maxPoints) return cached.detail
    } catch {
      // no cache yet, or unreadable: compute
    }
  }
  const detail = await computeSessionDetail(dir, maxPoints)
  if (key && detail.summary.endUtc !== null && !detail.summary.problem) {
    // Best effort: a read-only folder just means no cache. Written beside and renamed over, so
    // a load running at the same time (History opened while the session closes) never reads
    // half a file.
    const tmp = join(dir, `${DETAIL_CACHE_FILE}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`)
    try {
      await writeFile(tmp, JSON.stringify({ key, maxPoints, detail }))
      await rename(tmp, join(dir, DETAIL_CACHE_FILE))
    } catch {
      await rm(tmp, { force: true }).catch(() => undefined)
    }
  }
  return detail
}

/**
 * Builds the History cache of a finished session now (the recorder calls this when a session
 * closes), so History's first open of it reads one small file instead of streaming every CSV
 * (a 2-hour session with 100 Hz balance data: 45 MB of balance rows). Never throws: without a
 * cache, the first open computes the detail as before.
 */
export async function prepareSessionDetail(dir: string): Promise<void> {
  await loadSessionDetail(dir).catch(() => undefined)
}

async function computeSessionDetail(dir: string, maxPoints: number): Promise<SessionDetail> {
  const { meta, notes, text } = await readSessionMeta(dir)
  const problems = [...notes]

  const [beats, metrics, hr, balance, events] = await Promise.all([
    readColumns(dir, 'beats', ['t_s', 'rr_ms', 'rr_clean_ms', 'hr_bpm'], problems),
    readColumns(dir, 'metrics', ['t_s', 'hr_bpm', 'rmssd_ms'], problems),
    readColumns(dir, 'hr', ['t_s', 'strap_hr_bpm'], problems),
    readColumns(dir, 'balance', ['t_s', 'cop_x_mm', 'cop_y_mm'], problems),
    readEvents(dir, problems)
  ])

  // HR over time: per beat when there are beats (the full record), else the metrics rows, else
  // the strap's own HR. RMSSD comes from metrics rows, held for up to 5 s after each row.
  let tS: Float64Array
  let hrBpm: Float64Array
  if (beats.rows > 0) {
    const [bt, rr, rrClean, bhr] = beats.cols as [Float64Array, Float64Array, Float64Array, Float64Array]
    tS = bt
    hrBpm = new Float64Array(beats.rows)
    for (let i = 0; i < beats.rows; i++) {
      const fromRr = rrClean[i]! > 0 ? hrBpmFromRrMs(rrClean[i]!) : rr[i]! > 0 ? hrBpmFromRrMs(rr[i]!) : NaN
      hrBpm[i] = Number.isFinite(bhr[i]!) ? bhr[i]! : fromRr
    }
  } else if (metrics.rows > 0) {
    tS = metrics.cols[0]!
    hrBpm = metrics.cols[1]!
  } else {
    tS = hr.cols[0]!
    hrBpm = hr.cols[1]!
  }
  const rmssd = new Float64Array(tS.length).fill(NaN)
  const [mt, , mr] = metrics.cols as [Float64Array, Float64Array, Float64Array]
  for (let i = 0, j = -1; i < tS.length; i++) {
    while (j + 1 < mt.length && mt[j + 1]! <= tS[i]!) j++
    if (j >= 0 && tS[i]! - mt[j]! <= 5) rmssd[i] = mr[j]!
  }
  // Charts need an HR value per point (the contract's hrBpm is number[]): rows without one are left out.
  const hIdx = extremesPerBucket(tS, [hrBpm, rmssd], maxPoints).filter((i) => Number.isFinite(hrBpm[i]!))

  let stats = meta.stats
  if (!stats) {
    const scan = await scanSessionStats(dir)
    stats = scan.stats
  }
  const endS = meta.endUtc ? (Date.parse(meta.endUtc) - meta.startMs) / 1000 : stats.lastTMs / 1000
  const spans = spansFrom(events, meta, endS)

  let balanceOut: SessionDetail['balance'] = null
  if (balance.rows > 0) {
    const [bt, bx, by] = balance.cols as [Float64Array, Float64Array, Float64Array]
    const bIdx = balanceIndices(bt, spans, maxPoints)
    balanceOut = {
      tS: pick(bt, bIdx),
      copXMm: pick(bx, bIdx),
      copYMm: pick(by, bIdx)
    }
  }

  const summary = summarizeMeta(meta, stats, problems.length ? problems.join('; ') : null)
  return {
    summary,
    meta: JSON.parse(text) as JsonValue,
    heart: {
      tS: pick(tS, hIdx),
      hrBpm: pick(hrBpm, hIdx),
      rmssdMs: hIdx.map((i) => orNull(rmssd[i]!))
    },
    beats: beats.rows,
    events,
    spans,
    balance: balanceOut
  }
}

/** CoP points kept per drill trial: 25 Hz over a 60 s trial. */
export const BALANCE_POINTS_PER_TRIAL = 1500

/**
 * Balance rows for the CoP trace and sway ellipse. The ellipse is a statistic of the trace, so
 * rows are thinned by an even stride (extremes per bucket would bias it outward), and only inside
 * drill trials, each on its own budget: a 30 s trial in a 2-hour session keeps its shape. Without
 * trials (e.g. an imported folder), or with no rows inside them, the whole record is thinned to
 * `maxPoints`.
 */
export function balanceIndices(
  tS: Float64Array,
  spans: readonly { kind: string; fromS: number; toS: number }[],
  maxPoints: number
): number[] {
  const trials = spans.filter((s) => s.kind === 'drill')
  if (trials.length === 0) return strideIndices(0, tS.length, maxPoints)
  const keep = new Set<number>()
  for (const trial of trials) {
    const from = lowerBound(tS, trial.fromS)
    const to = lowerBound(tS, trial.toS)
    for (const i of strideIndices(from, to, BALANCE_POINTS_PER_TRIAL)) keep.add(i)
  }
  // Trials without board data (no board at the time): show the record as a whole instead.
  if (keep.size === 0) return strideIndices(0, tS.length, maxPoints)
  return [...keep].sort((a, b) => a - b)
}

/** First index with tS[i] >= value (tS ascending). */
function lowerBound(tS: Float64Array, value: number): number {
  let lo = 0
  let hi = tS.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (tS[mid]! < value) lo = mid + 1
    else hi = mid
  }
  return lo
}
