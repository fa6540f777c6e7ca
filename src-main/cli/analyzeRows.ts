/**
 * `analyze --rows csv|json`: the recording as rows (one per fixed window of --window-s seconds,
 * one per hour with --hourly, or one per segment between gaps with --segments) instead of the
 * report. The columns are WINDOW_TABLE_COLUMNS (signal/rrWindows.ts); CSV has a header line and
 * empty cells where a window has no figure, JSON is one object {"windowS"|"per","columns","rows"}
 * with rows as objects keyed by column.
 */
import { beatTimesMs, type RrSegment } from '../signal/rrSegments'
import {
  fixedWindows,
  segmentRanges,
  WINDOW_TABLE_COLUMNS,
  windowRowValues,
  windowTable
} from '../signal/rrWindows'

/**
 * What the rows need of an analysis (commands/analyze.ts's Analysis has it; structural, so this
 * file does not import the command that imports it).
 */
export interface RowsInput {
  rrMs: readonly number[]
  segments: RrSegment[]
}

export type RowsFormat = 'csv' | 'json'

export function formatRows(
  a: RowsInput,
  opts: { format: RowsFormat; windowS: number; perSegment: boolean; minBreathConfidence: number }
): string[] {
  const times = beatTimesMs(a.rrMs, a.segments)
  const totalMs = times.length > 0 ? times[times.length - 1]! : 0
  const ranges = opts.perSegment
    ? segmentRanges(a.rrMs, a.segments)
    : fixedWindows(totalMs, opts.windowS * 1000)
  const rows = windowTable(a.rrMs, a.segments, ranges, opts.minBreathConfidence).map(windowRowValues)
  if (opts.format === 'csv') {
    return [
      WINDOW_TABLE_COLUMNS.join(','),
      ...rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join(','))
    ]
  }
  const objects = rows.map((r) => Object.fromEntries(WINDOW_TABLE_COLUMNS.map((c, i) => [c, r[i]])))
  return [
    JSON.stringify({
      per: opts.perSegment ? 'segment' : 'window',
      windowS: opts.perSegment ? null : opts.windowS,
      columns: WINDOW_TABLE_COLUMNS,
      rows: objects
    })
  ]
}
