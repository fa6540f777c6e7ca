import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { csvHeader, csvRecord, escapeCsvField, formatNumber, formatText } from './csv'
import { CsvStreamParser, completeRecordsLength, parseText, readCsvFile } from './csvRead'
import { pythonReadCsv } from './testSupport/pythonCsv'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'limbic-csv-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const AWKWARD = [
  'plain',
  '',
  'a,b',
  'say "hi"',
  '"',
  'line\nbreak',
  'crlf\r\nbreak',
  '{"phase":"inhale","ms":4000}',
  'ünïcødé ✓',
  ' leading space'
]

describe('csv writer', () => {
  it('quotes only fields that need it and doubles inner quotes', () => {
    expect(escapeCsvField('abc')).toBe('abc')
    expect(escapeCsvField('a,b')).toBe('"a,b"')
    expect(escapeCsvField('say "hi"')).toBe('"say ""hi"""')
    expect(escapeCsvField('x\ny')).toBe('"x\ny"')
    expect(formatText(null)).toBe('')
  })

  it('prints numbers without float noise, with . and without -0', () => {
    expect(formatNumber(0.1 + 0.2, 3)).toBe('0.3')
    expect(formatNumber(1016.6015625, 7)).toBe('1016.6015625')
    expect(formatNumber(-0.0001, 3)).toBe('0')
    expect(formatNumber(1234567.5, 2)).toBe('1234567.5')
    expect(formatNumber(72, 2)).toBe('72')
    expect(formatNumber(NaN, 2)).toBe('')
    expect(formatNumber(null, 2)).toBe('')
    expect(formatNumber(Infinity, 2)).toBe('')
  })

  it('keeps every RR value k*1000/1024 ms exact through text', () => {
    for (let k = 1; k <= 4096; k++) {
      const rr = (k * 1000) / 1024
      expect(Number(formatNumber(rr, 7))).toBe(rr)
    }
  })

  it("writes files Python's strict csv module reads back field for field", async () => {
    const path = join(dir, 'awkward.csv')
    const rows = AWKWARD.map((v, i) => [String(i), v, formatNumber(i / 3, 4)])
    await writeFile(
      path,
      csvHeader(['n', 'text', 'x']) + rows.map((r) => csvRecord(r.map(escapeCsvField))).join('')
    )
    expect(pythonReadCsv(path)).toEqual([['n', 'text', 'x'], ...rows])
  })
})

describe('csv reader', () => {
  it('reads what the writer wrote, in chunks of any size', async () => {
    const rows = AWKWARD.map((v, i) => [String(i), v])
    const text = csvHeader(['n', 'text']) + rows.map((r) => csvRecord(r.map(escapeCsvField))).join('')
    for (const size of [1, 2, 3, 7, 1000]) {
      const got: string[][] = []
      const p = new CsvStreamParser((f) => got.push(f))
      for (let i = 0; i < text.length; i += size) p.push(text.slice(i, i + size))
      expect(p.end().droppedPartialRecord).toBe(false)
      expect(got).toEqual([['n', 'text'], ...rows])
    }
  })

  it('drops a cut-off last row instead of returning half of it', async () => {
    const path = join(dir, 'cut.csv')
    await writeFile(path, 'a,b\r\n1,2\r\n3,"unfinished')
    const rows: string[][] = []
    const res = await readCsvFile(path, (f) => rows.push(f))
    expect(rows).toEqual([['1', '2']])
    expect(res.droppedPartialRecord).toBe(true)
  })

  it('rejects garbage with a line number', async () => {
    const path = join(dir, 'bad.csv')
    await writeFile(path, 'a,b\n1,2\n3,x"y\n')
    await expect(readCsvFile(path, () => {})).rejects.toThrow(/line 3: quote inside an unquoted field/)
    await writeFile(path, 'a,b\n"1"x,2\n')
    await expect(readCsvFile(path, () => {})).rejects.toThrow(/line 2: text after a closing quote/)
  })

  it('finds the end of the last complete record, ignoring newlines inside quotes', () => {
    const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
    expect(completeRecordsLength(enc('a,b\r\n1,2\r\n3,4'))).toBe(10)
    expect(completeRecordsLength(enc('a,b\r\n1,"x\r\ny'))).toBe(5)
    expect(completeRecordsLength(enc('a,b\r\n1,"x\r\ny"\r\n'))).toBe(15)
    expect(completeRecordsLength(enc('a,b'))).toBe(0)
  })
})

/** Parse CSV text fed in chunks of `chunk` characters. */
function parseAll(text: string, chunk: number): string[][] {
  const got: string[][] = []
  const p = new CsvStreamParser((f) => got.push(f))
  for (let i = 0; i < text.length; i += chunk) p.push(text.slice(i, i + chunk))
  expect(p.end().droppedPartialRecord).toBe(false)
  return got
}

const FORMULA_START = /^[=+\-@\t\r]/

describe('formula injection (OWASP): text cells are neutralised, numbers are not', () => {
  it('prefixes = + - @ tab CR and the escape mark itself with one quote', () => {
    expect(formatText("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0")
    expect(formatText('+1')).toBe("'+1")
    expect(formatText('-1')).toBe("'-1")
    expect(formatText('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(formatText('\tx')).toBe("'\tx")
    expect(formatText('\rx')).toBe('"\'\rx"')
    expect(formatText("'quoted'")).toBe("''quoted'")
    expect(formatText('=a,b')).toBe('"\'=a,b"')
    expect(formatText('plain = fine')).toBe('plain = fine')
    expect(formatText('')).toBe('')
    // Numeric columns stay numbers a spreadsheet can sum.
    expect(formatNumber(-3.5, 2)).toBe('-3.5')
    expect(formatNumber(-1016.6015625, 7)).toBe('-1016.6015625')
  })

  it('write -> read is lossless for arbitrary strings, and no written cell starts a formula (property)', () => {
    const starts = fc.constantFrom('', '=', '+', '-', '@', '\t', '\r', "'", "''", "'=", '"', ',', '\n', ' ')
    const text = fc.tuple(starts, fc.string({ unit: 'binary', maxLength: 40 })).map(([a, b]) => a + b)
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 17 }),
        (cells, chunk) => {
          // Every table starts with a numeric column (t_s), as here: a lone empty cell would be a blank line.
          const csv =
            csvHeader(['t_s', ...cells.map((_, i) => `c${i}`)]) +
            csvRecord(['-1.5', ...cells.map(formatText)])
          const [, row] = parseAll(csv, chunk)
          expect(row).toHaveLength(cells.length + 1)
          expect(row![0]).toBe('-1.5')
          const text = row!.slice(1)
          for (const raw of text) expect(FORMULA_START.test(raw)).toBe(false)
          expect(text.map(parseText)).toEqual(cells)
        }
      ),
      { numRuns: 10_000 }
    )
  })

  it("Python's csv module sees the guarded cells (what a spreadsheet imports)", async () => {
    const path = join(dir, 'guarded.csv')
    const cells = ["=cmd|' /C calc'!A0", '-5', "'kept", 'plain']
    await writeFile(path, csvHeader(['a', 'b', 'c', 'd']) + csvRecord(cells.map(formatText)))
    const [, row] = pythonReadCsv(path)
    expect(row).toEqual(["'=cmd|' /C calc'!A0", "'-5", "''kept", 'plain'])
    expect(row!.map(parseText)).toEqual(cells)
  })
})
