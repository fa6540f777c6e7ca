import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatNumber } from './csv'
import { isNumberText, parseRecord, parseUtcText } from './rowRepair'

describe('row checks used by recovery', () => {
  it('every number the writer formats is a number; spliced or foreign text is not', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: 0, max: 7 }),
        (x, d) => {
          const text = formatNumber(x, d)
          expect(isNumberText(text), text).toBe(true)
        }
      ),
      { numRuns: 10_000 }
    )
    for (const bad of [
      '',
      '-',
      '00.3',
      '01',
      '1.',
      '.5',
      ' 1',
      '1 ',
      '0x1',
      'Infinity',
      'NaN',
      '1e',
      '1,2',
      '--1'
    ])
      expect(isNumberText(bad), bad).toBe(false)
  })

  it('utc text: the same instant Date.parse gives for toISOString output, NaN for anything else', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(9999, 11, 31) }), (ms) => {
        const iso = new Date(ms).toISOString()
        expect(parseUtcText(iso)).toBe(ms)
      }),
      { numRuns: 10_000 }
    )
    for (const bad of [
      '2026-12-03T14:35',
      '2026-13-03T14:35:00.000Z',
      '2026-12-03 14:35:00.000Z',
      '2026-12-03T14:358.531'
    ])
      expect(parseUtcText(bad), bad).toBeNaN()
  })

  it('records: quoted fields with commas, quotes and line breaks; stray quotes are not a record', () => {
    expect(parseRecord('1,2026-01-01T00:00:00.000Z,note,"{""a"":""b, c""}"')).toEqual([
      '1',
      '2026-01-01T00:00:00.000Z',
      'note',
      '{"a":"b, c"}'
    ])
    expect(parseRecord('1,"x\r\ny",z')).toEqual(['1', 'x\r\ny', 'z'])
    expect(parseRecord('1,"x"y,z')).toBeNull()
    expect(parseRecord('1,x"y,z')).toBeNull()
    expect(parseRecord('1,"open')).toBeNull()
  })
})

describe('repair in chunks', () => {
  it('gives the same file and counts whatever the chunk size (records spanning chunks, spliced rows)', async () => {
    const { mkdtemp, readFile, rm, writeFile } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { repairCsvFile } = await import('./rowRepair')
    const { EVENTS_COLUMNS, eventRecord } = await import('./tables')
    const { nodeSessionFs } = await import('./sessionFs')
    const dir = await mkdtemp(join(tmpdir(), 'limbic-chunks-'))
    try {
      const T0 = Date.UTC(2026, 0, 1)
      const rows = Array.from({ length: 60 }, (_, i) =>
        eventRecord(T0 + i * 100, 'note', i % 3 === 0 ? `line one\nline "two", ${i}` : { i }, T0)
      )
      // The old writer's splice: half of row 19, then row 20 (its only copy).
      rows[19] = rows[19]!.slice(0, 17) + rows[20]
      rows.splice(20, 1)
      rows[40] = rows[40]!.replace('note', 'no"te') // a stray quote: dropped
      const text = 't_s,utc,type,detail\r\n' + rows.join('') + '6,2026-01-01T00:00:06.000Z,no'
      const results: { file: string; counts: unknown }[] = []
      for (const chunk of [1 << 20, 200, 64, 7]) {
        const path = join(dir, `events-${chunk}.csv`)
        await writeFile(path, text)
        const counts = await repairCsvFile(path, EVENTS_COLUMNS, T0, nodeSessionFs, chunk)
        results.push({ file: await readFile(path, 'utf8'), counts })
      }
      expect(results[0]!.counts).toEqual({ droppedBytes: 29, droppedRows: 1, repairedRows: 1 })
      for (const r of results.slice(1)) expect(r).toEqual(results[0])
      const kept = results[0]!.file
      expect(kept).toContain('line ""two"", 57') // a record spanning lines, kept whole
      expect(kept.split('\r\n').filter((l) => l.startsWith('2,2026-01-01T00:00:02.000Z,note,'))).toHaveLength(
        1
      )
      expect(kept).not.toContain('1.9,')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
