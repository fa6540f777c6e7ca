/** Session records as the renderer sees them (history, flow bookkeeping). */
import type { JsonValue } from './validate'
import type { ArousalState } from './arousal'
import type { HistoryChangeSummary, RecheckOutcome } from './verdict'

/** Every kind of event the flow, drill and timer record (events.csv `type`). */
export const SESSION_EVENT_TYPES = [
  'flow',
  'check-in',
  'result',
  'self-report',
  'prescription',
  'safety',
  'protocol-start',
  'breath-phase',
  'protocol-end',
  're-check',
  'gate',
  'override',
  'drill-trial',
  'drill-error',
  'timer-start',
  'timer-phase',
  'timer-pause',
  'timer-resume',
  'timer-stop',
  'timer-end',
  'error',
  'frustration',
  'reflection',
  'note',
  /** The resonance assessment (detail.phase: start, step-start, step-end, rest, result, cancel...). */
  'resonance'
] as const
export type SessionEventType = (typeof SESSION_EVENT_TYPES)[number]

export interface SessionEventInput {
  type: SessionEventType
  detail: JsonValue
}

/**
 * Every protocol the flow can run (shared/protocols.ts describes each). session.json files from
 * before issue 16 carry only 'sigh' / 'super-oxygenation', which are still members.
 */
export type ProtocolName =
  | 'sigh'
  | 'super-oxygenation'
  | 'panoramic-vision'
  | 'energising-inhale'
  | 'nsdr'
  | 'sit-quietly'
  | 'resonance'

/** Fields of session.json the renderer may set. */
export interface SessionMetaPatch {
  task?: string | null
  reflection?: string | null
  prescription?: {
    state: ArousalState
    prescribed: ProtocolName | null
    chosen: ProtocolName | null
    dose: 'full' | 'short'
  } | null
  protocolDone?: { name: ProtocolName; plannedS: number; doneS: number; completed: boolean } | null
  gate?: { outcome: 'optimal' | 'protocol-completed' | 'override'; atUtc: string } | null
  /** Main only (not accepted from the screen): the re-check judged as a change, and the gate's reason. */
  recheck?: RecheckOutcome | null
}

export interface SessionSummary {
  id: string
  startUtc: string
  endUtc: string | null
  durationS: number
  task: string | null
  preState: ArousalState | null
  postState: ArousalState | null
  protocol: ProtocolName | null
  errors: number
  overridden: boolean
  /**
   * The re-check as a measured change ("High → calmer (HR −8 bpm, RMSSD +35 %)") and the gate's
   * reason; absent or null for sessions recorded before issue 15 (History then shows the states).
   */
  change?: HistoryChangeSummary | null
  gateReason?: RecheckOutcome['gate']['reason'] | null
  /** Set when the folder could not be read; the rest of the list still loads. */
  problem: string | null
}

/** A session loaded for the history detail view; long series come decimated for charts. */
export interface SessionDetail {
  summary: SessionSummary
  /** session.json as stored. */
  meta: JsonValue
  heart: { tS: number[]; hrBpm: number[]; rmssdMs: (number | null)[] }
  beats: number
  events: { tS: number; type: string; detail: string }[]
  /** Shaded spans: protocol, drill trials, timer phases. */
  spans: { kind: string; label: string; fromS: number; toS: number }[]
  balance: { tS: number[]; copXMm: number[]; copYMm: number[] } | null
}

export interface ExportResult {
  /** Where the files went; null when the user cancelled the dialog. */
  path: string | null
  files: number
}

export interface ImportResult {
  imported: string[]
  problems: string[]
}
