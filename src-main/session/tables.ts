/**
 * The session files and their columns (units in the names). Columns may be *added at the end* in
 * later versions; readers look columns up by name and ignore ones they do not know.
 */
import { formatNumber, formatText, formatUtc, csvRecord } from './csv'

export const BEATS_COLUMNS = ['t_s', 'utc', 'rr_ms', 'rr_clean_ms', 'artifact', 'hr_bpm'] as const
export const HR_COLUMNS = ['t_s', 'utc', 'strap_hr_bpm', 'contact', 'energy_kj'] as const
export const METRICS_COLUMNS = [
  't_s',
  'utc',
  'hr_bpm',
  'rmssd_ms',
  'ln_rmssd',
  'sdnn_ms',
  'resp_rate_bpm',
  'arousal_score',
  'arousal_state',
  'quality'
] as const
export const BALANCE_COLUMNS = [
  't_s',
  'utc',
  'tr_kg',
  'br_kg',
  'tl_kg',
  'bl_kg',
  'total_kg',
  'cop_x_mm',
  'cop_y_mm'
] as const
export const EVENTS_COLUMNS = ['t_s', 'utc', 'type', 'detail'] as const

export const SESSION_TABLES = {
  beats: { file: 'beats.csv', columns: BEATS_COLUMNS },
  hr: { file: 'hr.csv', columns: HR_COLUMNS },
  metrics: { file: 'metrics.csv', columns: METRICS_COLUMNS },
  balance: { file: 'balance.csv', columns: BALANCE_COLUMNS },
  events: { file: 'events.csv', columns: EVENTS_COLUMNS }
} as const
export type TableName = keyof typeof SESSION_TABLES

/**
 * Chest data of a Polar H10 (PMD), written only when the strap streamed it - so they are not in
 * SESSION_TABLES, which every session gets. See README.md for the columns.
 */
export const BREATHING_COLUMNS = ['t_s', 'utc', 'chest_mg', 'event', 'rate_bpm'] as const
export const ECG_COLUMNS = ['t_s', 'utc', 'ecg_uv'] as const
export const CHEST_TABLES = {
  breathing: { file: 'breathing.csv', columns: BREATHING_COLUMNS },
  ecg: { file: 'ecg.csv', columns: ECG_COLUMNS }
} as const
export type ChestTableName = keyof typeof CHEST_TABLES
/** The resonance assessment's pacer phases, steps and result (resonanceTable.ts; README.md). */
export const RESONANCE_COLUMNS = [
  't_s',
  'utc',
  'assessment_id',
  'row',
  'step',
  'rate_bpm',
  'attempt',
  'pacer_phase',
  'duration_s',
  'swing_bpm',
  'lf_power_ms2',
  'lf_peak_hz',
  'phase_deg',
  'measured_bpm',
  'artefact_share',
  'contact_lost_s',
  'status',
  'problems',
  'confidence'
] as const
/** Files a session gets only when their data exists (chest data, a resonance assessment). */
export const OPTIONAL_TABLES = {
  ...CHEST_TABLES,
  resonance: { file: 'resonance.csv', columns: RESONANCE_COLUMNS }
} as const
export type OptionalTableName = keyof typeof OPTIONAL_TABLES
export const TABLE_NAMES = Object.keys(SESSION_TABLES) as TableName[]

export const META_FILE = 'session.json'
export const LOCK_FILE = 'recording.lock'
export const RAW_LOG_FILE = 'raw.log'
/**
 * Raw beats not yet in beats.csv because they wait for their cleaned row (the cleaner judges a
 * beat 5 beats later). Same columns as beats.csv; deleted on close; recovery appends the rows
 * beats.csv lacks, so a kill loses no beat.
 */
export const BEAT_JOURNAL_FILE = 'beats.pending.csv'
export const SESSIONS_INDEX_FILE = 'sessions.csv'

export type BeatArtifact = 'ectopic' | 'missed' | 'extra' | 'long' | 'short'

/** t_s: seconds since session start, millisecond resolution. */
export function formatTimeCols(tMs: number, startMs: number): string[] {
  return [formatNumber((tMs - startMs) / 1000, 3), formatUtc(tMs)]
}

/** 7 decimals: RR = k*1000/1024 ms is then exact (1016.6015625). */
export const RR_DECIMALS = 7

export interface BeatRow {
  tMs: number
  rrMs: number
  rrCleanMs: number | null
  artifact: BeatArtifact | null
  hrBpm: number | null
}

export function beatRecord(r: BeatRow, startMs: number): string {
  return csvRecord([
    ...formatTimeCols(r.tMs, startMs),
    formatNumber(r.rrMs, RR_DECIMALS),
    formatNumber(r.rrCleanMs, RR_DECIMALS),
    formatText(r.artifact),
    formatNumber(r.hrBpm, 2)
  ])
}

export interface HrRow {
  tMs: number
  /** Null when the strap's value was not a plausible heart rate (written as an empty cell). */
  strapHrBpm: number | null
  contact: string
  energyKj: number | null
}

export function hrRecord(r: HrRow, startMs: number): string {
  return csvRecord([
    ...formatTimeCols(r.tMs, startMs),
    formatNumber(r.strapHrBpm, 0),
    formatText(r.contact),
    formatNumber(r.energyKj, 0)
  ])
}

export interface MetricsRow {
  tMs: number
  hrBpm: number | null
  rmssdMs: number | null
  lnRmssd: number | null
  sdnnMs: number | null
  respRateBpm: number | null
  arousalScore: number | null
  arousalState: string | null
  quality: string | null
}

export function metricsRecord(r: MetricsRow, startMs: number): string {
  return csvRecord([
    ...formatTimeCols(r.tMs, startMs),
    formatNumber(r.hrBpm, 2),
    formatNumber(r.rmssdMs, 3),
    formatNumber(r.lnRmssd, 4),
    formatNumber(r.sdnnMs, 3),
    formatNumber(r.respRateBpm, 2),
    formatNumber(r.arousalScore, 3),
    formatText(r.arousalState),
    formatText(r.quality)
  ])
}

export interface BalanceRow {
  tMs: number
  /** [top-right, bottom-right, top-left, bottom-left] kg, as BalanceSample. */
  kg: readonly [number, number, number, number]
  totalKg: number
  /** Null when there is no CoP (too little load; written as empty cells). */
  copXMm: number | null
  copYMm: number | null
}

export function balanceRecord(r: BalanceRow, startMs: number): string {
  return csvRecord([
    ...formatTimeCols(r.tMs, startMs),
    formatNumber(r.kg[0], 3),
    formatNumber(r.kg[1], 3),
    formatNumber(r.kg[2], 3),
    formatNumber(r.kg[3], 3),
    formatNumber(r.totalKg, 3),
    formatNumber(r.copXMm, 2),
    formatNumber(r.copYMm, 2)
  ])
}

/** `detail`: a string is written as is; anything else as compact JSON text. */
export function eventRecord(tMs: number, type: string, detail: unknown, startMs: number): string {
  const text =
    detail === undefined || detail === null
      ? ''
      : typeof detail === 'string'
        ? detail
        : JSON.stringify(detail)
  return csvRecord([...formatTimeCols(tMs, startMs), formatText(type), formatText(text)])
}

/**
 * One breathing.csv row: a waveform point (`chestMg`, 10 Hz) or an event at its own time
 * ('inhale' / 'exhale' onset, or 'gap' where the chest data broke off), with the rate then.
 */
export interface BreathingRow {
  tMs: number
  chestMg: number | null
  event: 'inhale' | 'exhale' | 'gap' | null
  rateBpm: number | null
}

export function breathingRecord(r: BreathingRow, startMs: number): string {
  return csvRecord([
    ...formatTimeCols(r.tMs, startMs),
    formatNumber(r.chestMg, 3),
    formatText(r.event),
    formatNumber(r.rateBpm, 2)
  ])
}

/** One ecg.csv row: a sample in µV (integer, as the strap sends it). */
export function ecgRecord(tMs: number, ecgUv: number, startMs: number): string {
  return csvRecord([...formatTimeCols(tMs, startMs), formatNumber(ecgUv, 0)])
}
