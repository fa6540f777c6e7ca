/**
 * Fast numeric column reader for the big session tables (balance.csv at 100 Hz is 720,000 rows in
 * two hours). Works on bytes: no string per row or field, numbers parsed in place, only the wanted
 * columns kept, in Float64Arrays (NaN = empty field).
 *
 * It handles only what our writer produces for these tables: no quotes. A file with a quote byte
 * anywhere is handed back as `null` so the caller uses the full RFC 4180 reader, which also gives
 * the exact error for a broken file. A last row without its terminator (a crash mid-write) is
 * dropped and reported, as the full reader does.
 */
import { open } from 'node:fs/promises'

const COMMA = 44
const LF = 10
const CR = 13
const QUOTE = 34
const MINUS = 45
const DOT = 46
const ZERO = 48

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i)

/** Parse bytes [start, end) as a decimal number; NaN when empty or not a plain decimal. */
function parseNumber(buf: Buffer, start: number, end: number): number {
  if (start >= end) return NaN
  let i = start
  let neg = false
  if (buf[i] === MINUS) {
    neg = true
    i++
  }
  let int = 0
  let digits = 0
  for (; i < end; i++) {
    const d = buf[i]! - ZERO
    if (d < 0 || d > 9) break
    int = int * 10 + d
    digits++
  }
  let fracDigits = 0
  if (i < end && buf[i] === DOT) {
    for (i++; i < end; i++) {
      const d = buf[i]! - ZERO
      if (d < 0 || d > 9) break
      int = int * 10 + d // all digits as one integer N; the value is N / 10^fracDigits
      fracDigits++
    }
  }
  if (i !== end || digits + fracDigits === 0 || digits + fracDigits > 15) {
    return Number(buf.toString('latin1', start, end)) // rare: exponents, long values; NaN if junk
  }
  // N < 2^53 and 10^k are exact, and IEEE division rounds correctly: the same double Number() gives.
  const v = fracDigits ? int / POW10[fracDigits]! : int
  return neg ? -v : v
}

export interface NumericColumns {
  cols: Float64Array[]
  rows: number
  /** Wanted columns the header does not have (their values are all NaN). */
  missing: string[]
  droppedPartialRecord: boolean
}

/**
 * A growable Float64 column (avoids millions of boxed numbers in JS arrays); used here and by the
 * full reader in historyLoad.ts.
 */
export class Float64Column {
  private data: Float64Array
  length = 0
  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity)
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2)
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = v
  }
  /** The values so far (a view, not a copy). */
  view(): Float64Array {
    return this.data.subarray(0, this.length)
  }
}

/** Read `columns` (by header name) as numbers; null when the file has quotes (use the full reader). */
export async function readNumericColumns(
  path: string,
  columns: string[],
  chunkSize = 8 << 20
): Promise<NumericColumns | null> {
  const fh = await open(path, 'r')
  try {
    let carry: Buffer = Buffer.alloc(0)
    let header: string[] | null = null
    let want: Int32Array = new Int32Array(0) // want[fieldIndex] = output column or -1
    const out = columns.map(() => new Float64Column(1 << 14))
    let rows = 0
    let pos = 0
    for (;;) {
      const chunk = Buffer.allocUnsafe(chunkSize)
      const { bytesRead } = await fh.read(chunk, 0, chunkSize, pos)
      pos += bytesRead
      const buf = carry.length
        ? Buffer.concat([carry, chunk.subarray(0, bytesRead)])
        : chunk.subarray(0, bytesRead)
      if (buf.indexOf(QUOTE) >= 0) return null
      const lastLf = buf.lastIndexOf(LF)
      const end = lastLf + 1
      let i = 0
      if (header === null && lastLf >= 0) {
        const nl = buf.indexOf(LF)
        const text = buf
          .toString('utf8', 0, nl > 0 && buf[nl - 1] === CR ? nl - 1 : nl)
          .replace(/^\uFEFF/, '')
        header = text.split(',')
        want = new Int32Array(header.length).fill(-1)
        columns.forEach((c, k) => {
          const idx = header!.indexOf(c)
          if (idx >= 0) want[idx] = k
        })
        i = nl + 1
      }
      const nWant = want.length
      while (i < end) {
        // Blank lines (LF or CR LF) are skipped, as the full reader does.
        if (buf[i] === LF) {
          i++
          continue
        }
        if (buf[i] === CR && buf[i + 1] === LF) {
          i += 2
          continue
        }
        let field = 0
        let start = i
        for (; ; i++) {
          const c = buf[i]!
          if (c === COMMA || c === LF) {
            const fieldEnd = c === LF && i > start && buf[i - 1] === CR ? i - 1 : i
            if (field < nWant) {
              const k = want[field]!
              if (k >= 0) out[k]!.push(parseNumber(buf, start, fieldEnd))
            }
            field++
            start = i + 1
            if (c === LF) break
          }
        }
        i++
        rows++
        // Columns the row is too short for (or the header lacks) get NaN.
        for (const g of out) if (g.length < rows) g.push(NaN)
      }
      carry = Buffer.from(buf.subarray(end))
      if (bytesRead === 0) break
    }
    return {
      cols: out.map((g) => g.view()),
      rows,
      missing: header ? columns.filter((c) => !header!.includes(c)) : columns,
      droppedPartialRecord: carry.length > 0
    }
  } finally {
    await fh.close()
  }
}
