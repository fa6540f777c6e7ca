/**
 * Parses RR-interval text files (pure: the caller reads the file). Accepted:
 *  - one interval per line, in ms or in seconds (the unit is detected and reported);
 *  - Polar .hrm files: the [HRData] section of a recording made in R-R mode ([Params] Interval=238);
 *  - tables with a header naming the RR column (Kubios HRV ASCII/.txt exports, CSV from other
 *    tools): e.g. `Time (s)  RR (s)` or `time,rr_ms`; any preamble before the header is skipped.
 *    A header split by commas, tabs or semicolons makes a delimited table in which only the RR
 *    cell must be a number (Limbic's own beats.csv: `t_s,utc,rr_ms,...`, read from `rr_ms`).
 * FIT files are binary: see rrFit.ts, and rrInput.ts for the entry point taking bytes.
 * Comment lines (#, %, //, ;) and blank lines are ignored; `#` also starts a trailing comment.
 * An interval longer than {@link MAX_POSSIBLE_RR_MS} is a gap (a drop-out): it is left out and
 * recorded in `gaps`, and the analysis treats the beats either side as separate segments. A
 * shorter-than-possible, zero or negative value is an error.
 * Every error names the line (1-based) and what was wrong with it.
 */

export interface ParsedRr {
  /** The possible intervals, in file order; gaps (see `gaps`) are left out. */
  rrMs: number[]
  unit: 'ms' | 's'
  format: string
  /** Human-readable remarks about how the file was read (unit detection, skipped lines...). */
  notes: string[]
  /**
   * Intervals longer than {@link MAX_POSSIBLE_RR_MS} (sensor drop-outs, a Holter's lead-off): not
   * beats, so they are left out of `rrMs`, and no successive difference may span one. Empty when
   * the file has none. See `signal/rrSegments.ts`.
   */
  gaps: RrGap[]
}

/** A drop-out in a file: the interval on `line` (ms) is too long to be one beat. */
export interface RrGap {
  line: number
  durationMs: number
  /** Index in `rrMs` of the first interval after the gap (= rrMs.length when the file ends with it). */
  beforeIndex: number
}

/** Shortest interval accepted, ms (400 bpm: beyond any human heart; shorter is not a beat). */
export const MIN_POSSIBLE_RR_MS = 150
/**
 * Longest interval taken as a beat, ms (10 bpm; the BLE plausibility ceiling, see
 * `devices/ble/plausibility.ts` for why): a longer "interval" is a drop-out, read as a gap.
 */
export const MAX_POSSIBLE_RR_MS = RR_PLAUSIBLE_MAX_MS
/** Values whose median is below this are taken to be seconds (no heart beats every < 10 ms). */
export const SECONDS_IF_MEDIAN_BELOW = 10

import { RR_PLAUSIBLE_MAX_MS } from '../shared/plausibility'

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/
const COMMENT = /^(?:#|%|\/\/|;)/
const SPLIT = /[\s,;]+/
const RR_HEADER =
  /^(?:rr|rri|ibi|nn|nni|rr[_ -]?intervals?|rr[_ -]?interval[_ -]?\(?m?s\)?|rr[_ -]?\(?m?s\)?|ibi[_ -]?\(?m?s\)?|interval)/i

interface Row {
  line: number
  text: string
}

function label(fileName: string | undefined, line: number): string {
  return `${fileName ? fileName + ' ' : ''}line ${line}`
}

/**
 * The value of a trimmed token that is a plain decimal number (what NUMBER matches), or null.
 * Number() alone is quicker than the regex but also accepts "0x1A", "Infinity" and the like.
 */
function plainNumber(t: string): number | null {
  const v = Number(t)
  if (!Number.isFinite(v)) return null
  const c1 = t.length > 1 ? t.charCodeAt(1) | 0x20 : 0 // lower-cased second character
  if (c1 === 0x78 || c1 === 0x6f || c1 === 0x62) return NUMBER.test(t) ? v : null // 0x 0o 0b
  return v
}

/** Space, tab, CR, vertical tab, form feed, NBSP, BOM: what trim() would remove at a line's ends. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff
}

function stripComment(raw: string): string {
  const t = raw.trim()
  if (t === '' || COMMENT.test(t)) return ''
  const hash = t.indexOf('#')
  return (hash >= 0 ? t.slice(0, hash) : t).trim()
}

/**
 * Values read so far with the (1-based) line each came from, as two parallel arrays; lines null
 * means value i came from line i + 1 (a file with no blank or comment lines: the fast path's
 * common case, which then need not record them).
 */
export interface Collected {
  lines: number[] | null
  values: number[]
}

function collected(): { lines: number[]; values: number[] } {
  return { lines: [], values: [] }
}

/**
 * Converts to ms (unit given or detected) and checks each value is a possible interval. `place`
 * names where value i came from in errors (default: the file's line).
 */
export function finish(
  got: Collected,
  fileName: string | undefined,
  format: string,
  notes: string[],
  unitHint: 'ms' | 's' | null,
  place: (line: number) => string = (line) => label(fileName, line)
): ParsedRr {
  const values = got.values
  if (values.length === 0) {
    throw new Error(
      `${fileName ?? 'input'}: no RR intervals found (the file is empty or has only comments/blank lines)`
    )
  }
  let unit: 'ms' | 's'
  if (unitHint) {
    unit = unitHint
    notes.push(`unit: ${unit === 's' ? 'seconds' : 'milliseconds'} (from the column header)`)
  } else {
    // The median is below 10 exactly when more than half the values are: no sort needed.
    // Non-positive values are errors either way; leave them out so they cannot sway the guess.
    let positive = 0
    let small = 0
    for (const value of values) {
      if (value > 0) {
        positive++
        if (value < SECONDS_IF_MEDIAN_BELOW) small++
      }
    }
    unit = small > positive / 2 ? 's' : 'ms'
    notes.push(
      unit === 's'
        ? `unit: seconds detected (median below ${SECONDS_IF_MEDIAN_BELOW}: ${small} of ${positive} values); converted to ms`
        : `unit: milliseconds detected (median ${SECONDS_IF_MEDIAN_BELOW} or more: ${positive - small} of ${positive} values)`
    )
  }
  const factor = unit === 's' ? 1000 : 1
  // The usual case, every value a possible interval in ms already: the list itself is the result
  // (the callers hand over a list of their own; a copy would cost as much as the scan).
  if (factor === 1 && values.every((v) => v >= MIN_POSSIBLE_RR_MS && v <= MAX_POSSIBLE_RR_MS))
    return { rrMs: values, unit, format, notes, gaps: [] }
  const rrMs: number[] = []
  const gaps: RrGap[] = []
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!
    const ms = value * factor
    if (ms >= MIN_POSSIBLE_RR_MS && ms <= MAX_POSSIBLE_RR_MS) {
      rrMs.push(ms)
      continue
    }
    const line = got.lines ? got.lines[i]! : i + 1
    // Too long: a drop-out, the recording goes on after it. Too short, zero or negative: a
    // corrupt value, not a pause in the recording; the file is refused.
    if (ms > MAX_POSSIBLE_RR_MS) {
      gaps.push({ line, durationMs: ms, beforeIndex: rrMs.length })
      continue
    }
    throw new Error(impossible(place(line), value, unit))
  }
  if (rrMs.length === 0) {
    const g = gaps[0]!
    throw new Error(
      `${impossible(place(g.line), g.durationMs / factor, unit)}; every value in the file is a gap, no beat is left`
    )
  }
  if (gaps.length > 0) {
    const totalS = gaps.reduce((a, g) => a + g.durationMs, 0) / 1000
    notes.push(
      `${gaps.length} gap(s) (interval over ${MAX_POSSIBLE_RR_MS} ms, ${totalS.toFixed(1)} s in all; first on line ${gaps[0]!.line}): ` +
        `the recording is split there, no successive difference spans a gap`
    )
  }
  return { rrMs, unit, format, notes, gaps }
}

function impossible(where: string, value: number, unit: 'ms' | 's'): string {
  return (
    `${where}: ${value}${unit === 's' ? ' s' : ' ms'} is not a possible RR interval ` +
    `(must be ${MIN_POSSIBLE_RR_MS}-${MAX_POSSIBLE_RR_MS} ms, i.e. 10-400 bpm)`
  )
}

function parseHrm(lines: string[], fileName: string | undefined): ParsedRr {
  const notes: string[] = []
  let section = ''
  let interval: string | null = null
  const values = collected()
  let sawData = false
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim()
    const sec = /^\[(.+)\]$/.exec(t)
    if (sec) {
      section = sec[1]!.toLowerCase()
      if (section === 'hrdata') sawData = true
      continue
    }
    if (section === 'params') {
      const kv = /^Interval\s*=\s*(\S+)/i.exec(t)
      if (kv) interval = kv[1]!
      continue
    }
    if (section !== 'hrdata') continue
    const body = stripComment(t)
    if (body === '') continue
    const first = body.split(SPLIT)[0]!
    if (!NUMBER.test(first))
      throw new Error(`${label(fileName, i + 1)}: "${first}" is not a number ([HRData] row)`)
    values.lines.push(i + 1)
    values.values.push(Number(first))
  }
  if (!sawData) throw new Error(`${fileName ?? 'input'}: Polar .hrm file without an [HRData] section`)
  if (interval !== null && interval !== '238') {
    throw new Error(
      `${fileName ?? 'input'}: this Polar .hrm has heart-rate samples every ${interval} s ([Params] Interval=${interval}), ` +
        'not R-R intervals (Interval=238); record in R-R mode'
    )
  }
  notes.push('Polar .hrm: first column of the [HRData] section, R-R mode')
  return finish(values, fileName, 'polar-hrm', notes, 'ms')
}

function unitFromHeader(name: string): 'ms' | 's' | null {
  if (/(?:\(|\[|_|\b)ms(?:\)|\]|\b)/i.test(name)) return 'ms'
  if (/(?:\(|\[|_|\b)s(?:\)|\]|\b)|sec/i.test(name)) return 's'
  return null
}

/** Splits a header into column names, keeping "RR interval (s)" together when tab/comma separated. */
function headerColumns(text: string): string[] {
  if (/[\t,;]/.test(text)) return text.split(/\s*[\t,;]\s*/).filter((c) => c !== '')
  return text.split(/\s{2,}/).length > 1 ? text.split(/\s{2,}/) : text.split(/\s+/)
}

export function parseRrText(text: string, fileName?: string): ParsedRr {
  // Split into lines only off the fast path below (splitting costs as much as the scan itself).
  const splitLines = (): string[] => text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  // Each pattern needs one character; looking for it first is far cheaper than the regex scan.
  if (text.includes('[') && /^\s*\[(?:HRData|Params)\]\s*$/im.test(text))
    return parseHrm(splitLines(), fileName)

  // Fast path: every line a bare number, a comment or blank (the common case, and the big files),
  // scanned in place: whole numbers are read digit by digit, anything else on a line is sliced
  // out and checked like the general path does.
  const fastValues: number[] = []
  let fastLines: number[] | null = null // see Collected
  let fastSkipped = 0
  let plain = !(text.includes('\r') && /\r(?!\n)/.test(text)) // a lone CR (old Mac line ends) takes the general path
  const len = text.length
  for (let pos = 0, line = 1; plain && pos <= len; line++) {
    let end = text.indexOf('\n', pos)
    if (end < 0) end = len
    let a = pos
    let b = end
    pos = end + 1
    while (a < b && isSpace(text.charCodeAt(a))) a++
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--
    if (a === b) continue
    let k = a
    let whole = 0
    while (k < b) {
      const d = text.charCodeAt(k) - 48
      if (d < 0 || d > 9) break
      whole = whole * 10 + d
      k++
    }
    let v: number | null = k === b && k - a <= 15 ? whole : null // digits only: exact
    if (v === null) {
      const t = text.slice(a, b)
      v = plainNumber(t)
      if (v === null) {
        if (COMMENT.test(t)) fastSkipped++
        else plain = false
        continue
      }
    }
    if (fastLines) fastLines.push(line)
    else if (line !== fastValues.length + 1) {
      fastLines = Array.from({ length: fastValues.length }, (_, i) => i + 1)
      fastLines.push(line)
    }
    fastValues.push(v)
  }
  if (plain) {
    const notes = fastSkipped > 0 ? [`ignored ${fastSkipped} comment line(s)`] : []
    return finish({ lines: fastLines, values: fastValues }, fileName, 'one-per-line', notes, null)
  }

  const lines = splitLines()
  const rows: Row[] = []
  let skipped = 0
  for (let i = 0; i < lines.length; i++) {
    const body = stripComment(lines[i]!)
    if (body === '') {
      if (lines[i]!.trim() !== '') skipped++
      continue
    }
    rows.push({ line: i + 1, text: body })
  }
  const numericRow = (r: Row): boolean => r.text.split(SPLIT).every((c) => NUMBER.test(c))

  // A header naming the RR column (Kubios exports, CSV): take that column from the rows below.
  const headerIdx = rows.findIndex(
    (r) => !numericRow(r) && headerColumns(r.text).some((c) => RR_HEADER.test(c.trim()))
  )
  if (headerIdx >= 0 && rows.slice(0, headerIdx).every((r) => !numericRow(r))) {
    const header = rows[headerIdx]!
    const cols = headerColumns(header.text).map((c) => c.trim())
    const col = cols.findIndex((c) => RR_HEADER.test(c))
    const notes = [`table: column "${cols[col]}" (column ${col + 1}) under the header on line ${header.line}`]
    if (headerIdx > 0) notes.push(`skipped ${headerIdx} preamble line(s) before the header`)
    const values = collected()
    // A header split on commas/tabs/semicolons is a delimited table (CSV, Limbic's beats.csv):
    // cells keep their positions (empty cells too) and only the RR cell must be a number, so
    // text columns such as a UTC time or an artefact label may sit beside it.
    const delimiter = /[\t,;]/.exec(header.text)?.[0] ?? null
    if (delimiter !== null) notes.push(`delimited by "${delimiter === '\t' ? 'tab' : delimiter}"`)
    for (const r of rows.slice(headerIdx + 1)) {
      const cells = delimiter !== null ? r.text.split(delimiter).map((c) => c.trim()) : r.text.split(SPLIT)
      const ok = delimiter !== null ? NUMBER.test(cells[col] ?? '') : cells.every((c) => NUMBER.test(c))
      if (cells.length <= col && cells.every((c) => NUMBER.test(c))) {
        throw new Error(
          `${label(fileName, r.line)}: has ${cells.length} column(s), the RR column is number ${col + 1}`
        )
      }
      if (!ok) {
        if (values.values.length > 0) {
          notes.push(`table ends at line ${r.line}`)
          break
        }
        if (cells.length <= col) {
          throw new Error(
            `${label(fileName, r.line)}: has ${cells.length} column(s), the RR column is number ${col + 1}`
          )
        }
        const bad = delimiter !== null ? cells[col]! : cells.find((c) => !NUMBER.test(c))!
        throw new Error(
          `${label(fileName, r.line)}: "${bad}" is not a number (expected a row of the RR table)`
        )
      }
      if (cells.length <= col) {
        throw new Error(
          `${label(fileName, r.line)}: has ${cells.length} column(s), the RR column is number ${col + 1}`
        )
      }
      values.lines.push(r.line)
      values.values.push(Number(cells[col]))
    }
    return finish(values, fileName, 'table', notes, unitFromHeader(cols[col]!))
  }

  // Plain: one interval per line.
  const values = collected()
  for (const r of rows) {
    const cells = r.text.split(SPLIT)
    if (cells.length > 1) {
      throw new Error(
        `${label(fileName, r.line)}: expected one RR interval per line, found ${cells.length} values ` +
          '("' +
          r.text +
          '"); for a table, name the RR column in a header line (rr, rr_ms, "RR (ms)", RRI, IBI, NN or ' +
          'interval, in ms or s); other layouts read: Polar .hrm (R-R mode), Kubios text export, ' +
          "Limbic's beats.csv, FIT files with hrv messages"
      )
    }
    if (!NUMBER.test(cells[0]!)) throw new Error(`${label(fileName, r.line)}: "${cells[0]}" is not a number`)
    values.lines.push(r.line)
    values.values.push(Number(cells[0]))
  }
  const notes: string[] = []
  if (skipped > 0) notes.push(`ignored ${skipped} comment line(s)`)
  return finish(values, fileName, 'one-per-line', notes, null)
}
