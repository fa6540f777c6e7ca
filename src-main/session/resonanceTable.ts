/**
 * resonance.csv rows (columns in tables.ts, meaning in README.md): the pacer's phases of each
 * assessment step (from main's schedule, the same one the screen draws), each step's criteria when
 * it ends, rests, and the chosen rate.
 */
import { formatNumber, formatText, csvRecord } from './csv'
import { formatTimeCols } from './tables'
import type { ResonanceAttempt, ResonanceResult, ResonanceStepRun } from '../shared/resonance'

export interface ResonanceRow {
  tMs: number
  assessmentId: string
  row: 'pacer' | 'step' | 'rest' | 'result' | 'cancel'
  step: number | null
  rateBpm: number | null
  attempt: number | null
  pacerPhase: 'inhale' | 'exhale' | null
  durationS: number | null
  swingBpm: number | null
  lfPowerMs2: number | null
  lfPeakHz: number | null
  phaseDeg: number | null
  measuredBpm: number | null
  artefactShare: number | null
  contactLostS: number | null
  status: string | null
  problems: string | null
  confidence: number | null
}

const EMPTY = {
  step: null,
  rateBpm: null,
  attempt: null,
  pacerPhase: null,
  durationS: null,
  swingBpm: null,
  lfPowerMs2: null,
  lfPeakHz: null,
  phaseDeg: null,
  measuredBpm: null,
  artefactShare: null,
  contactLostS: null,
  status: null,
  problems: null,
  confidence: null
} as const

export function resonanceRecord(r: ResonanceRow, startMs: number): string {
  return csvRecord([
    ...formatTimeCols(r.tMs, startMs),
    formatText(r.assessmentId),
    formatText(r.row),
    formatNumber(r.step, 0),
    formatNumber(r.rateBpm, 2),
    formatNumber(r.attempt, 0),
    formatText(r.pacerPhase),
    formatNumber(r.durationS, 3),
    formatNumber(r.swingBpm, 3),
    formatNumber(r.lfPowerMs2, 1),
    formatNumber(r.lfPeakHz, 4),
    formatNumber(r.phaseDeg, 1),
    formatNumber(r.measuredBpm, 3),
    formatNumber(r.artefactShare, 4),
    formatNumber(r.contactLostS, 1),
    formatText(r.status),
    formatText(r.problems),
    formatNumber(r.confidence, 3)
  ])
}

/** The pacer's phases of a step up to `untilMs` (its end, or where it was stopped). */
export function pacerRows(id: string, run: ResonanceStepRun, untilMs = run.endMs): ResonanceRow[] {
  const rows: ResonanceRow[] = []
  const cycleMs = run.inhaleMs + run.exhaleMs
  const base = { ...EMPTY, assessmentId: id, row: 'pacer' as const }
  const common = { step: run.index + 1, rateBpm: run.breathsPerMin, attempt: run.attempt }
  const end = Math.min(untilMs, run.endMs)
  for (let c0 = run.startMs; c0 < end; c0 += cycleMs) {
    const ex = c0 + run.inhaleMs
    rows.push({
      ...base,
      ...common,
      tMs: c0,
      pacerPhase: 'inhale',
      durationS: (Math.min(ex, end) - c0) / 1000
    })
    if (ex < end)
      rows.push({
        ...base,
        ...common,
        tMs: ex,
        pacerPhase: 'exhale',
        durationS: (Math.min(ex + run.exhaleMs, end) - ex) / 1000
      })
  }
  return rows
}

/** A finished step's criteria. */
export function stepRow(id: string, a: ResonanceAttempt): ResonanceRow {
  const x = a.analysis
  return {
    ...EMPTY,
    tMs: a.run.endMs,
    assessmentId: id,
    row: 'step',
    step: a.run.index + 1,
    rateBpm: a.run.breathsPerMin,
    attempt: a.run.attempt,
    durationS: (a.run.endMs - a.run.startMs) / 1000,
    swingBpm: x.swingBpm,
    lfPowerMs2: x.lfPowerMs2,
    lfPeakHz: x.lfPeakHz,
    phaseDeg: x.phaseDeg,
    measuredBpm: x.measuredBpm,
    artefactShare: x.artefactShare,
    contactLostS: x.contactLostS,
    status: x.status,
    problems: x.problems.join(' ')
  }
}

export function restRow(id: string, fromMs: number, untilMs: number, next: ResonanceStepRun): ResonanceRow {
  return {
    ...EMPTY,
    tMs: fromMs,
    assessmentId: id,
    row: 'rest',
    step: next.index + 1,
    rateBpm: next.breathsPerMin,
    attempt: next.attempt,
    durationS: (untilMs - fromMs) / 1000
  }
}

export function resultRow(id: string, tMs: number, result: ResonanceResult): ResonanceRow {
  return {
    ...EMPTY,
    tMs,
    assessmentId: id,
    row: 'result',
    rateBpm: result.rateBpm,
    status: result.status,
    problems: result.reason.key,
    confidence: result.confidence
  }
}

export function cancelRow(id: string, tMs: number, stepsDone: number): ResonanceRow {
  return { ...EMPTY, tMs, assessmentId: id, row: 'cancel', step: stepsDone, status: 'cancelled' }
}
