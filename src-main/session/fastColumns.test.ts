import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readCsvFile } from './csvRead'
import { readNumericColumns } from './fastColumns'
import { balanceRecord, BALANCE_COLUMNS } from './tables'
import { csvHeader } from './csv'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'limbic-fast-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** The reference: the full RFC 4180 reader, fields through Number() (empty -> NaN). */
async function reference(path: string, columns: string[]) {
  const cols = columns.map(() => [] as number[])
  let idx: number[] = []
  const res = await readCsvFile(
    path,
    (f) =>
      idx.forEach((c, k) => cols[k]!.push(c < 0 || f[c] === undefined || f[c] === '' ? NaN : Number(f[c]))),
    (h) => (idx = columns.map((c) => h.indexOf(c)))
  )
  return { cols, rows: res.rows, droppedPartialRecord: res.droppedPartialRecord }
}

describe('readNumericColumns', () => {
  it('agrees with the full CSV reader on every value, across chunk boundaries', async () => {
    const T0 = Date.UTC(2026, 0, 1)
    let text = csvHeader(BALANCE_COLUMNS)
    for (let i = 0; i < 3000; i++)
      text += balanceRecord(
        {
          tMs: T0 + i * 10 + (i % 3),
          kg: [i / 7, -i / 9, 0, 1e-3 * i],
          totalKg: 60 + i / 1000,
          copXMm: -123.456 + i / 13,
          copYMm: i % 5 === 0 ? NaN : Math.sin(i) * 100
        },
        T0
      )
    const path = join(dir, 'b.csv')
    await writeFile(path, text)
    const cols = ['t_s', 'cop_x_mm', 'cop_y_mm', 'tr_kg', 'no_such']
    const ref = await reference(path, cols)
    for (const chunk of [7, 100, 4096, 8 << 20]) {
      const fast = (await readNumericColumns(path, cols, chunk))!
      expect(fast.rows).toBe(3000)
      expect(fast.missing).toEqual(['no_such'])
      fast.cols.forEach((c, k) => expect(Array.from(c), `${cols[k]} @${chunk}`).toEqual(ref.cols[k]))
    }
  })

  it('LF or CRLF, blank lines, short rows, exponents, a cut-off last row', async () => {
    const path = join(dir, 'x.csv')
    await writeFile(path, 'a,b,c\n1,2,3\r\n\n-4.5,,1e3\r\n\r\n7\n8,9,1')
    const fast = (await readNumericColumns(path, ['a', 'b', 'c'], 5))!
    const ref = await reference(path, ['a', 'b', 'c'])
    expect(fast.rows).toBe(3)
    expect(fast.droppedPartialRecord).toBe(true)
    expect(ref.droppedPartialRecord).toBe(true)
    fast.cols.forEach((c, k) => expect(Array.from(c)).toEqual(ref.cols[k]))
    expect(Array.from(fast.cols[2]!)).toEqual([3, 1000, NaN])
  })

  it('hands a file with quotes back to the full reader', async () => {
    const path = join(dir, 'q.csv')
    await writeFile(path, 'a,b\r\n1,"2"\r\n')
    expect(await readNumericColumns(path, ['a'])).toBeNull()
  })
})
