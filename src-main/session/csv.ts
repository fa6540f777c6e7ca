/**
 * CSV as the session files use it (RFC 4180):
 * - UTF-8 without BOM, a header row, CRLF record terminator (RFC 4180 and Excel's default);
 *   readers here accept LF too.
 * - A field is quoted when it contains `,` `"` CR or LF; inner quotes are doubled.
 * - Numbers always use `.` as decimal separator (never `toLocaleString`), fixed decimals per column
 *   with trailing zeros trimmed, so no float noise (0.30000000000000004 -> 0.3).
 * - A missing value (null, undefined, NaN, +-Infinity) is an empty field.
 * - Text cells are neutralised against formula injection (OWASP "CSV injection"): a text value
 *   starting with `=`, `+`, `-`, `@`, tab or CR - which Excel, LibreOffice or Sheets may run as a
 *   formula - is written with a leading `'`. So that reading back is lossless, a text value that
 *   itself starts with `'` gets one more `'`, and readers (`parseText` in csvRead.ts) strip exactly
 *   one leading `'` from a text cell. Numbers (`formatNumber`) are never prefixed: `-3.5` in a
 *   numeric column stays a number.
 */

export const CSV_EOL = '\r\n'

const NEEDS_QUOTES = /[",\r\n]/

export function escapeCsvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/**
 * A number with at most `decimals` decimals and no trailing zeros. `toFixed` is locale-free.
 * RR intervals are k*1000/1024 ms, exact in binary with at most 7 decimals, so 7 decimals keep
 * them bit-exact through a write/read round trip.
 */
export function formatNumber(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return ''
  if (decimals === 0) {
    const r = Math.round(value)
    return r === 0 ? '0' : String(r)
  }
  let s = value.toFixed(decimals)
  if (s.includes('e')) return String(value) // |value| >= 1e21: toFixed gives exponent form anyway
  s = s.replace(/\.?0+$/, '')
  return s === '-0' ? '0' : s
}

/** First characters a spreadsheet may treat as a formula, plus `'` (the escape itself). */
const FORMULA_START = /^[=+\-@\t\r']/

/** `'` before a text value a spreadsheet could run as a formula (or one starting with `'`). */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

/** A text cell: neutralised against formulas, then quoted as needed. */
export function formatText(value: string | null | undefined): string {
  return value === null || value === undefined ? '' : escapeCsvField(neutralizeFormula(value))
}

/** ISO 8601 UTC with milliseconds, e.g. 2026-01-01T10:00:00.123Z. */
export function formatUtc(epochMs: number): string {
  return new Date(epochMs).toISOString()
}

export function csvRecord(fields: string[]): string {
  return fields.join(',') + CSV_EOL
}

export function csvHeader(columns: readonly string[]): string {
  return csvRecord(columns.map(escapeCsvField))
}
