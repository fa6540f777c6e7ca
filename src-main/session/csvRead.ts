/**
 * Streaming RFC 4180 reader for the session CSVs. Strict about structure (a stray quote or
 * text after a closing quote is an error with a line number) but accepts CRLF or LF.
 * A last record with no terminator is *not* emitted: in our append-only files that can only be
 * a row cut off by a crash, so it is counted and dropped (see `CsvReadResult`).
 */
import { createReadStream } from 'node:fs'

/**
 * The text a writer's `formatText` cell holds: one leading `'` (the formula guard, see csv.ts) is
 * removed. Only for text columns; numeric cells are never prefixed.
 */
export function parseText(field: string | undefined): string {
  if (field === undefined) return ''
  return field.charCodeAt(0) === 39 ? field.slice(1) : field
}

export class CsvFormatError extends Error {
  constructor(
    message: string,
    readonly line: number
  ) {
    super(`line ${line}: ${message}`)
  }
}

const QUOTE = 34
const COMMA = 44
const LF = 10
const CR = 13

export class CsvStreamParser {
  private buf = ''
  private pending = false
  private record: string[] = []
  private field = ''
  private inQuotes = false
  private afterQuote = false
  /** Physical line where the current record started (1-based). */
  private recordLine = 1
  private line = 1

  constructor(private readonly onRecord: (fields: string[], line: number) => void) {}

  push(chunk: string): void {
    const s = this.buf + chunk
    let pos = 0
    while (pos < s.length) {
      if (!this.pending) {
        const nl = s.indexOf('\n', pos)
        if (nl < 0) {
          // No full line yet; a quoted field may still span lines, so only the slow path knows.
          const q = s.indexOf('"', pos)
          if (q < 0) break
        } else {
          const q = s.indexOf('"', pos)
          if (q < 0 || q > nl) {
            // Fast path: a whole line with no quotes (every balance/beat row).
            const end = nl > pos && s.charCodeAt(nl - 1) === CR ? nl - 1 : nl
            const text = s.slice(pos, end)
            if (text.includes('\r')) throw new CsvFormatError('bare CR inside a record', this.line)
            if (text.length > 0) this.onRecord(text.split(','), this.line)
            this.line++
            pos = nl + 1
            continue
          }
        }
        this.pending = true
        this.recordLine = this.line
      }
      const next = this.slow(s, pos)
      if (next === pos) break // needs more input to decide
      pos = next
    }
    this.buf = s.slice(pos)
  }

  /** Finish; returns whether a cut-off (unterminated) last record was dropped. */
  end(): { droppedPartialRecord: boolean } {
    const partial = this.pending || this.buf.length > 0
    this.buf = ''
    this.pending = false
    this.record = []
    this.field = ''
    this.inQuotes = false
    this.afterQuote = false
    return { droppedPartialRecord: partial }
  }

  /** Character state machine for records containing quotes; resumable across chunks. */
  private slow(s: string, start: number): number {
    let i = start
    let runStart = i
    while (i < s.length) {
      const c = s.charCodeAt(i)
      if (this.inQuotes) {
        if (c === QUOTE) {
          if (i + 1 >= s.length) break // is it "" or the end quote? need the next char
          this.field += s.slice(runStart, i)
          if (s.charCodeAt(i + 1) === QUOTE) {
            this.field += '"'
            i += 2
          } else {
            this.inQuotes = false
            this.afterQuote = true
            i += 1
          }
          runStart = i
          continue
        }
        if (c === LF) this.line++
        i++
        continue
      }
      if (c === COMMA) {
        this.record.push(this.field + s.slice(runStart, i))
        this.field = ''
        this.afterQuote = false
        i++
        runStart = i
      } else if (c === LF || c === CR) {
        if (c === CR) {
          if (i + 1 >= s.length) break
          if (s.charCodeAt(i + 1) !== LF) throw new CsvFormatError('bare CR inside a record', this.line)
        }
        this.record.push(this.field + s.slice(runStart, i))
        const fields = this.record
        this.record = []
        this.field = ''
        this.afterQuote = false
        this.pending = false
        this.onRecord(fields, this.recordLine)
        this.line++
        return i + (c === CR ? 2 : 1)
      } else if (c === QUOTE) {
        if (this.afterQuote || i > runStart || this.field !== '') {
          throw new CsvFormatError('quote inside an unquoted field', this.line)
        }
        this.inQuotes = true
        i++
        runStart = i
      } else {
        if (this.afterQuote) throw new CsvFormatError('text after a closing quote', this.line)
        i++
      }
    }
    // Out of input mid-record: keep what we have (the unconsumed tail stays in `buf`).
    this.field += s.slice(runStart, i)
    return i === start ? start : i
  }
}

export interface CsvReadResult {
  header: string[]
  rows: number
  /** A cut-off last row (crash mid-write) was dropped. */
  droppedPartialRecord: boolean
}

/** Stream a CSV file, calling `onRow` for each data row (the header is returned, not passed). */
export async function readCsvFile(
  path: string,
  onRow: (fields: string[], line: number) => void,
  onHeader?: (header: string[]) => void
): Promise<CsvReadResult> {
  let header: string[] | null = null
  let rows = 0
  const parser = new CsvStreamParser((fields, line) => {
    if (header === null) {
      header = fields
      onHeader?.(fields)
      return
    }
    rows++
    onRow(fields, line)
  })
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })
  for await (const chunk of stream) parser.push((chunk as string).replace(/^\uFEFF/, ''))
  const { droppedPartialRecord } = parser.end()
  if (header === null) throw new CsvFormatError('empty file (no header row)', 1)
  return { header, rows, droppedPartialRecord }
}

/**
 * Byte length of the complete records at the start of `bytes`: everything after the last record
 * terminator that is outside quotes is a cut-off write. Safe on UTF-8 because `"` and LF bytes
 * never occur inside multi-byte sequences.
 */
export function completeRecordsLength(bytes: Uint8Array): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (buf.indexOf(QUOTE) < 0) return buf.lastIndexOf(LF) + 1
  let inQuotes = false
  let lastEnd = 0
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i]
    if (c === QUOTE)
      inQuotes = !inQuotes // "" toggles twice: same state, as it should
    else if (c === LF && !inQuotes) lastEnd = i + 1
  }
  return lastEnd
}
