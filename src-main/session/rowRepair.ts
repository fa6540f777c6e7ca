/**
 * Repair of a session file a crash or a full disk left damaged, anywhere in the file (not only
 * at its end). Used by recovery on unfinished sessions only.
 *
 * A CSV record is kept when it has the header's column count and every value parses for its
 * column: `t_s` a number, `utc` an ISO time that agrees with `t_s` (utc = session start + t_s,
 * within TIME_AGREEMENT_MS; every writer derives both from the same instant), numeric columns a
 * number or empty, text columns anything. Anything else is malformed:
 * - a line that is two rows spliced together (the old writer could leave `3.39,2026-12-03T14:35`
 *   and append the next row to it) is *repaired* when a tail of it is a valid row on its own
 *   (the t_s/utc agreement rules out a tail that only looks like one), else *dropped*;
 * - the unterminated end of the file (a write cut off) is dropped.
 * raw.log lines must parse as `<t_ms> <hr|wbb> <hex>`; others are dropped.
 *
 * A file whose only damage is its end is cut in place (needs no free space). Otherwise the
 * repaired copy is written next to it and renamed over it, so on a full disk the original stays
 * as it was and no temp file is left (recovery then fails and runs again at the next launch).
 * Files are read in chunks (CHUNK_BYTES): memory stays bounded however long the recording.
 */
import { open, rename, rm } from 'node:fs/promises'
import { isRawLine } from './rawLog'
import { nodeSessionFs, writeFully, type SessionFs } from './sessionFs'

/** How far `utc` may be from start + `t_s` (ms): t_s is rounded to 1 ms, utc truncated to 1 ms. */
export const TIME_AGREEMENT_MS = 2
/** A quoted field may span lines (event text); a record spanning more than this is malformed. */
const MAX_LINES_PER_RECORD = 64

/**
 * A number as formatNumber writes it: `-?(0|[1-9]\d*)(\.\d+)?(e[+-]?\d+)?`. No leading zeros, so
 * a spliced tail like `00.3` is not a row. Hand-rolled: it runs for every cell of every file.
 */
export function isNumberText(v: string): boolean {
  const n = v.length
  let i = 0
  if (i < n && v.charCodeAt(i) === 45) i++
  const intStart = i
  while (i < n && isDigit(v.charCodeAt(i))) i++
  if (i === intStart || (v.charCodeAt(intStart) === 48 && i - intStart > 1)) return false
  if (i < n && v.charCodeAt(i) === 46) {
    const fracStart = ++i
    while (i < n && isDigit(v.charCodeAt(i))) i++
    if (i === fracStart) return false
  }
  if (i < n && v.charCodeAt(i) === 101) {
    i++
    if (i < n && (v.charCodeAt(i) === 43 || v.charCodeAt(i) === 45)) i++
    const expStart = i
    while (i < n && isDigit(v.charCodeAt(i))) i++
    if (i === expStart) return false
  }
  return i === n
}
const isDigit = (c: number) => c >= 48 && c <= 57
/** Epoch ms of `YYYY-MM-DDTHH:MM:SS.mmmZ` exactly as toISOString writes it, else NaN. */
export function parseUtcText(v: string): number {
  if (v.length !== 24 || v[4] !== '-' || v[7] !== '-' || v[10] !== 'T' || v[13] !== ':' || v[16] !== ':')
    return NaN
  if (v[19] !== '.' || v[23] !== 'Z') return NaN
  const num = (from: number, to: number) => {
    let x = 0
    for (let i = from; i < to; i++) {
      const c = v.charCodeAt(i) - 48
      if (c < 0 || c > 9) return NaN
      x = x * 10 + c
    }
    return x
  }
  const mo = num(5, 7)
  const d = num(8, 10)
  const h = num(11, 13)
  const mi = num(14, 16)
  const sec = num(17, 19)
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h < 24 && mi < 60 && sec < 60)) return NaN
  return Date.UTC(num(0, 4), mo - 1, d, h, mi, sec, num(20, 23))
}
/** Columns holding text (anything goes); every other known column is numeric. */
const TEXT_COLUMNS = new Set(['artifact', 'contact', 'arousal_state', 'quality', 'type', 'detail'])

export interface FileRepair {
  /** Bytes of a cut-off last record removed. */
  droppedBytes: number
  /** Malformed rows removed (not counting the cut-off end). */
  droppedRows: number
  /** Spliced rows of which the valid tail was kept. */
  repairedRows: number
}

const LF = 10

/** RFC 4180 fields of one record (text without its terminator), or null if it is not well formed. */
export function parseRecord(text: string): string[] | null {
  if (!text.includes('"')) return text.includes('\r') || text.includes('\n') ? null : text.split(',')
  const fields: string[] = []
  let i = 0
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      let field = ''
      i++
      for (;;) {
        const q = text.indexOf('"', i)
        if (q < 0) return null
        field += text.slice(i, q)
        if (text.charCodeAt(q + 1) === 34) {
          field += '"'
          i = q + 2
        } else {
          i = q + 1
          break
        }
      }
      fields.push(field)
      if (i === text.length) return fields
      if (text.charCodeAt(i) !== 44) return null
      i++
    } else {
      const comma = text.indexOf(',', i)
      const end = comma < 0 ? text.length : comma
      const field = text.slice(i, end)
      if (field.includes('"') || field.includes('\r') || field.includes('\n')) return null
      fields.push(field)
      if (comma < 0) return fields
      i = comma + 1
    }
  }
}

function validRow(fields: string[] | null, columns: readonly string[], startMs: number): boolean {
  if (!fields || fields.length !== columns.length) return false
  let tS = NaN
  let utcMs = NaN
  for (let c = 0; c < columns.length; c++) {
    const name = columns[c]!
    const v = fields[c]!
    if (name === 't_s') {
      if (!isNumberText(v)) return false
      tS = Number(v)
    } else if (name === 'utc') {
      utcMs = parseUtcText(v)
      if (!Number.isFinite(utcMs)) return false
    } else if (TEXT_COLUMNS.has(name) || !KNOWN_NUMERIC.has(name)) {
      continue // text, or a column a newer version added: not judged
    } else if (v !== '' && !isNumberText(v)) return false
  }
  if (Number.isFinite(tS) && Number.isFinite(utcMs)) {
    return Math.abs(utcMs - startMs - tS * 1000) <= TIME_AGREEMENT_MS
  }
  return true
}

const KNOWN_NUMERIC = new Set([
  'rr_ms',
  'rr_clean_ms',
  'hr_bpm',
  'strap_hr_bpm',
  'energy_kj',
  'rmssd_ms',
  'ln_rmssd',
  'sdnn_ms',
  'resp_rate_bpm',
  'arousal_score',
  'tr_kg',
  'br_kg',
  'tl_kg',
  'bl_kg',
  'total_kg',
  'cop_x_mm',
  'cop_y_mm'
])

const stripCr = (s: string) => (s.endsWith('\r') ? s.slice(0, -1) : s)
const quotesOdd = (s: string) => {
  let n = 0
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) n++
  return n % 2 === 1
}

/** Longer lines are not searched for a spliced row (they are garbage, not a splice). */
const MAX_SALVAGE_CHARS = 16 * 1024

/** The longest tail of a malformed line that is a valid row by itself (a spliced row), or null. */
function salvage(line: string, columns: readonly string[], startMs: number): string | null {
  if (line.length > MAX_SALVAGE_CHARS) return null
  for (let p = 1; p < line.length - 1; p++) {
    const c = line.charCodeAt(p)
    if (c !== 45 && (c < 48 || c > 57)) continue // every row starts with t_s, a number
    const tail = line.slice(p)
    if (validRow(parseRecord(tail), columns, startMs)) return tail
  }
  return null
}

/** Bytes read at a time, so memory stays bounded however long the recording was. */
const CHUNK_BYTES = 8 * 1024 * 1024

/** Byte length up to and including the last LF (what is after it is a cut-off write). */
async function completeLength(path: string): Promise<{ size: number; complete: number }> {
  const handle = await open(path, 'r')
  try {
    const size = (await handle.stat()).size
    const buf = Buffer.alloc(64 * 1024)
    for (let end = size; end > 0;) {
      const start = Math.max(0, end - buf.length)
      await handle.read(buf, 0, end - start, start)
      const lf = buf.subarray(0, end - start).lastIndexOf(LF)
      if (lf >= 0) return { size, complete: start + lf + 1 }
      end = start
    }
    return { size, complete: 0 }
  } finally {
    await handle.close()
  }
}

/**
 * Hand the file's lines (text without LF) up to byte `length` to `take`, a chunk at a time.
 * `take(lines, final)` returns how many it used; the others (a record that may go on in the next
 * chunk) come again at the front of the next call. Chunks end at an LF, so no UTF-8 character
 * and no line is split.
 */
async function forEachLines(
  path: string,
  length: number,
  chunkBytes: number,
  take: (lines: string[], final: boolean) => Promise<number>
): Promise<void> {
  const handle = await open(path, 'r')
  try {
    let carry: string[] = []
    let pos = 0
    let buf = Buffer.alloc(Math.max(1, Math.min(chunkBytes, length)))
    while (pos < length) {
      const n = Math.min(buf.length, length - pos)
      await handle.read(buf, 0, n, pos)
      const cut = buf.subarray(0, n).lastIndexOf(LF) + 1
      if (cut === 0) {
        buf = Buffer.alloc(buf.length * 2) // one line longer than a chunk (garbage): read more
        continue
      }
      pos += cut
      const lines = buf.toString('utf8', 0, cut).split('\n')
      lines.pop() // after the last LF: empty
      const all = carry.length > 0 ? carry.concat(lines) : lines
      const used = await take(all, pos >= length)
      carry = all.slice(used)
    }
  } finally {
    await handle.close()
  }
}

/**
 * Run `pass` over the file once to judge it; if it changes anything inside the file, run it again
 * writing what it keeps to a temp file that replaces the original (removed on any failure).
 */
async function repairFile(
  path: string,
  makePass: () => {
    take: (lines: string[], final: boolean, keep: ((line: string) => void) | null) => number
    result: () => FileRepair & { changedInside: boolean }
  },
  fs: SessionFs,
  chunkBytes: number
): Promise<FileRepair> {
  const { size, complete } = await completeLength(path)
  const judge = makePass()
  if (complete > 0)
    await forEachLines(path, complete, chunkBytes, async (lines, final) => judge.take(lines, final, null))
  const { changedInside, ...counts } = judge.result()
  const out: FileRepair = { ...counts, droppedBytes: size - complete }
  if (changedInside) {
    const tmp = path + '.repair.tmp'
    const handle = await fs.open(tmp, 'w')
    try {
      const write = makePass()
      await forEachLines(path, complete, chunkBytes, async (lines, final) => {
        const kept: string[] = []
        const used = write.take(lines, final, (line) => kept.push(line))
        if (kept.length > 0) await writeFully(handle, Buffer.from(kept.join('\n') + '\n', 'utf8'))
        return used
      })
      await handle.datasync()
      await handle.close()
    } catch (err) {
      await handle.close().catch(() => undefined)
      await rm(tmp, { force: true }).catch(() => undefined)
      throw err
    }
    await rename(tmp, path)
  } else if (complete < size) await cutTo(path, complete, fs)
  return out
}

/** Check and, if needed, repair one session CSV (see the top of this file). */
export function repairCsvFile(
  path: string,
  columns: readonly string[],
  startMs: number,
  fs: SessionFs = nodeSessionFs,
  chunkBytes = CHUNK_BYTES
): Promise<FileRepair> {
  return repairFile(path, () => csvPass(columns, startMs), fs, chunkBytes)
}

function csvPass(columns: readonly string[], startMs: number) {
  let droppedRows = 0
  let repairedRows = 0
  let changedInside = false
  let header: readonly string[] | null = null
  const take = (lines: string[], final: boolean, keep: ((line: string) => void) | null): number => {
    let i = 0
    if (header === null && lines.length > 0) {
      const firstFields = parseRecord(stripCr(lines[0]!))
      if (firstFields && columns.every((c, k) => firstFields[k] === c)) {
        header = firstFields // a newer version may have added columns at the end
        keep?.(lines[0]!)
        i = 1
      } else {
        // The header itself is damaged: write the expected one; the line is judged as a row.
        header = columns
        keep?.(columns.join(',') + '\r')
        changedInside = true
        repairedRows++
      }
    }
    const cols = header ?? columns
    while (i < lines.length) {
      let text = stripCr(lines[i]!)
      let j = i
      // A quoted field may hold line breaks: extend until the quotes balance (or give up).
      while (quotesOdd(text) && j + 1 < lines.length && j - i < MAX_LINES_PER_RECORD) {
        j++
        text = text + '\r\n' + stripCr(lines[j]!)
      }
      if (!final && quotesOdd(text) && j - i < MAX_LINES_PER_RECORD) return i // goes on in the next chunk
      if (text === '') {
        i++
        continue
      }
      if (validRow(parseRecord(text), cols, startMs)) {
        for (let k = i; k <= j; k++) keep?.(lines[k]!)
        i = j + 1
        continue
      }
      changedInside = true
      const fixed = salvage(stripCr(lines[i]!), cols, startMs)
      if (fixed !== null) {
        keep?.(fixed + '\r')
        repairedRows++
      } else droppedRows++
      i++
    }
    return lines.length
  }
  return { take, result: () => ({ droppedBytes: 0, droppedRows, repairedRows, changedInside }) }
}

/** Check and, if needed, repair raw.log: malformed lines anywhere are dropped. */
export function repairRawLog(
  path: string,
  fs: SessionFs = nodeSessionFs,
  chunkBytes = CHUNK_BYTES
): Promise<FileRepair> {
  return repairFile(
    path,
    () => {
      let droppedRows = 0
      return {
        take: (lines, _final, keep) => {
          for (const line of lines) {
            if (isRawLine(line)) keep?.(line)
            else droppedRows++
          }
          return lines.length
        },
        result: () => ({ droppedBytes: 0, droppedRows, repairedRows: 0, changedInside: droppedRows > 0 })
      }
    },
    fs,
    chunkBytes
  )
}

async function cutTo(path: string, length: number, fs: SessionFs): Promise<void> {
  const handle = await fs.open(path, 'r+')
  try {
    await handle.truncate(length)
    await handle.datasync()
  } finally {
    await handle.close()
  }
}
