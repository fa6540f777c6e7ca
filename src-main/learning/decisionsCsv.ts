/**
 * `decisions.csv`, one row per learner decision of a session (issue 16, item 6), written with the
 * session CSV helpers (RFC 4180, CRLF, formula-safe text, locale-free numbers). Columns are
 * documented in src-main/session/README.md ("decisions.csv"). Lists (options, probabilities,
 * p-best) are `;`-separated in the order of `options`; probabilities have 4 decimals.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { csvHeader, csvRecord, formatNumber, formatText, formatUtc } from '../session/csv'
import type { DecisionRecord } from './model'

export const DECISIONS_FILE = 'decisions.csv'

export const DECISIONS_COLUMNS = [
  'utc',
  'decision_id',
  'state',
  'score',
  'distance',
  'time_of_day',
  'drill_follows',
  'safety',
  'tired',
  'options',
  'probabilities',
  'p_best_options',
  'p_best',
  'proposed',
  'chosen',
  'chosen_by',
  'reason',
  'seed',
  'predicted_return',
  'predicted_recheck',
  'recheck_d_score',
  'recheck_reward',
  'focus',
  'minutes_done',
  'minutes_planned',
  'errors',
  'frustrations',
  'block_reward',
  'td_error_recheck',
  'td_error_block'
] as const

const bool = (b: boolean): string => (b ? '1' : '0')

export function decisionRow(d: DecisionRecord): string {
  const [state, distance, timeOfDay, drill] = d.bucket.split('|')
  return csvRecord([
    formatUtc(d.atMs),
    formatText(d.id),
    formatText(state),
    formatNumber(d.context.score, 3),
    formatText(distance),
    formatText(timeOfDay),
    bool(drill === 'drill'),
    formatText(d.context.safety),
    bool(d.context.tired),
    formatText(d.options.join(';')),
    formatText(d.probabilities.map((p) => formatNumber(p, 4)).join(';')),
    formatText(d.pBestOptions.join(';')),
    formatText(d.pBest.map((p) => formatNumber(p, 4)).join(';')),
    formatText(d.proposed),
    formatText(d.chosen),
    formatText(d.chosenBy),
    formatText(d.reasonKey),
    formatNumber(d.seed, 0),
    formatNumber(d.predictedReturn, 4),
    formatNumber(d.predictedRecheck, 4),
    formatNumber(d.recheck?.dScore, 4),
    formatNumber(d.recheck?.reward, 4),
    formatNumber(d.block?.focus, 0),
    formatNumber(d.block?.minutesDone, 2),
    formatNumber(d.block?.minutesPlanned, 2),
    formatNumber(d.block?.errors, 0),
    formatNumber(d.block?.frustrations, 0),
    formatNumber(d.block?.reward, 4),
    formatNumber(d.tdErrorRecheck, 4),
    formatNumber(d.tdErrorBlock, 4)
  ])
}

export function decisionsCsv(decisions: readonly DecisionRecord[]): string {
  return csvHeader(DECISIONS_COLUMNS) + decisions.map(decisionRow).join('')
}

/** Write a session's decisions.csv atomically (temp + rename) into its folder. */
export async function writeDecisionsCsv(
  sessionDir: string,
  decisions: readonly DecisionRecord[]
): Promise<string> {
  await mkdir(sessionDir, { recursive: true })
  const path = join(sessionDir, DECISIONS_FILE)
  const tmp = `${path}.${process.pid}.tmp`
  await writeFile(tmp, decisionsCsv(decisions), 'utf8')
  await rename(tmp, path)
  return path
}
