/**
 * The timer's saved document (`<userData>/timer.json`): main writes it on every change and reads
 * it at launch (the renderer wrote the same format through `state:save` before main owned the
 * timer, so a block running during an update carries on). The file may be old, hand-edited or
 * damaged, so `restore` checks every field and answers null rather than a half-valid timer.
 */
import type { JsonValue } from '../validate'
import { PHASES, type Phase } from './phases'
import { IDLE, type HrPoint, type Mark, type TimerState, type TimerStatus } from './timerModel'

export const TIMER_DOC_VERSION = 1

const STATUSES: readonly TimerStatus[] = ['idle', 'running', 'paused', 'ended']

export function serialize(state: TimerState): JsonValue {
  return {
    version: TIMER_DOC_VERSION,
    status: state.status,
    blockMs: state.blockMs,
    startedAtMs: state.startedAtMs,
    pausedTotalMs: state.pausedTotalMs,
    pausedAtMs: state.pausedAtMs,
    endedAtMs: state.endedAtMs,
    stoppedEarly: state.stoppedEarly,
    task: state.task,
    marks: state.marks.map((m) => ({ kind: m.kind, atMs: m.atMs, wallMs: m.wallMs })),
    phase: state.phase,
    hr: state.hr.map((p) => ({ atMs: p.atMs, hrBpm: p.hrBpm, score: p.score }))
  }
}

type Obj = Record<string, unknown>
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x)
const num = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)
const numOrNull = (x: unknown): x is number | null => x === null || num(x)

function mark(x: unknown): Mark | null {
  if (!isObj(x) || (x.kind !== 'error' && x.kind !== 'frustration') || !num(x.atMs) || !num(x.wallMs))
    return null
  return { kind: x.kind, atMs: x.atMs, wallMs: x.wallMs }
}

function hrPoint(x: unknown): HrPoint | null {
  if (!isObj(x) || !num(x.atMs) || !num(x.hrBpm) || !numOrNull(x.score ?? null)) return null
  return { atMs: x.atMs, hrBpm: x.hrBpm, score: (x.score as number | null | undefined) ?? null }
}

function list<T>(x: unknown, item: (x: unknown) => T | null): T[] | null {
  if (!Array.isArray(x)) return null
  const out: T[] = []
  for (const el of x) {
    const v = item(el)
    if (v === null) return null
    out.push(v)
  }
  return out
}

/** The saved timer, or null when there is none or it cannot be trusted. */
export function restore(doc: JsonValue | null | undefined): TimerState | null {
  if (!isObj(doc) || doc.version !== TIMER_DOC_VERSION) return null
  const status = doc.status as TimerStatus
  if (!STATUSES.includes(status)) return null
  if (!num(doc.blockMs) || doc.blockMs <= 0) return null
  if (!numOrNull(doc.startedAtMs) || !numOrNull(doc.pausedAtMs) || !numOrNull(doc.endedAtMs)) return null
  if (!num(doc.pausedTotalMs) || doc.pausedTotalMs < 0) return null
  if (typeof doc.stoppedEarly !== 'boolean') return null
  if (doc.task !== null && typeof doc.task !== 'string') return null
  if (doc.phase !== null && !PHASES.includes(doc.phase as Phase)) return null
  const marks = list(doc.marks, mark)
  const hr = list(doc.hr, hrPoint)
  if (!marks || !hr) return null
  // The fields each status needs.
  if (status !== 'idle' && doc.startedAtMs === null) return null
  if (status === 'paused' && doc.pausedAtMs === null) return null
  if (status === 'ended' && doc.endedAtMs === null) return null
  if (status === 'idle') return { ...IDLE, blockMs: doc.blockMs }
  return {
    status,
    blockMs: doc.blockMs,
    startedAtMs: doc.startedAtMs as number,
    pausedTotalMs: doc.pausedTotalMs,
    pausedAtMs: status === 'paused' ? (doc.pausedAtMs as number) : null,
    endedAtMs: status === 'ended' ? (doc.endedAtMs as number) : null,
    stoppedEarly: doc.stoppedEarly,
    task: doc.task as string | null,
    marks,
    phase: doc.phase as Phase | null,
    hr
  }
}
