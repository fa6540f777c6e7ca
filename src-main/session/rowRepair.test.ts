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
