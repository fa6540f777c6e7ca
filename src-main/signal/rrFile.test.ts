import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_POSSIBLE_RR_MS, MIN_POSSIBLE_RR_MS, parseRrText } from './rrFile'
import { FUZZ_TIMEOUT_MS, fuzzParams } from '../testSupport/fuzz'

describe('parseRrText: one interval per line', () => {
  it('reads milliseconds, ignoring comments and blank lines, and says which unit it detected', () => {
    const p = parseRrText(
      '# recorded 2026-01-01\n\n812\n 845 \n% matlab comment\n// js comment\n; ini comment\n790 # trailing\n'
    )
    expect(p.rrMs).toEqual([812, 845, 790])
    expect(p.unit).toBe('ms')
    expect(p.format).toBe('one-per-line')
    expect(p.notes.join(' ')).toMatch(/milliseconds detected/)
    expect(p.notes.join(' ')).toMatch(/ignored 4 comment line/)
  })

  it('detects seconds and converts to ms', () => {
    const p = parseRrText('0.812\r\n0.845\r\n.790\r\n1.0e0\r\n')
    expect(p.unit).toBe('s')
    expect(p.rrMs).toEqual([812, 845, 790, 1000])
    expect(p.notes.join(' ')).toMatch(/seconds detected \(median/)
  })

  it('keeps fractional milliseconds (PPG / 1/1024 s data)', () => {
    expect(parseRrText('985.3333333333333\n1001.3333333333334\n').rrMs).toEqual([
      985.3333333333333, 1001.3333333333334
    ])
  })

  it('accepts a UTF-8 BOM and old Mac line ends', () => {
    expect(parseRrText('\uFEFF800\r900\r').rrMs).toEqual([800, 900])
  })
})

describe('parseRrText: errors name the line', () => {
  it('empty file or only comments', () => {
    expect(() => parseRrText('', 'empty.txt')).toThrow(/empty\.txt: no RR intervals found/)
    expect(() => parseRrText('# nothing\n\n  \n')).toThrow(/input: no RR intervals found/)
  })

  it('a non-number', () => {
    expect(() => parseRrText('800\n810\nabc\n820\n', 'rec.txt')).toThrow(
      /^rec\.txt line 3: "abc" is not a number$/
    )
    expect(() => parseRrText('800\n8l0\n')).toThrow(/^line 2: "8l0" is not a number$/)
  })

  it('impossible intervals (zero, negative, too short, too long), in the file unit', () => {
    expect(() => parseRrText('800\n0\n')).toThrow(
      /line 2: 0 ms is not a possible RR interval \(must be 150-6000 ms/
    )
    expect(() => parseRrText('800\n-790\n')).toThrow(/line 2: -790 ms is not a possible/)
    expect(() => parseRrText('800\n810\n100\n')).toThrow(/line 3: 100 ms/)
    // too long is a gap (see below) unless nothing else is left
    expect(() => parseRrText('7000\n')).toThrow(
      /^line 1: 7000 ms is not a possible.*every value in the file is a gap/
    )
    expect(() => parseRrText('9\n')).toThrow(/^line 1: 9 s is not a possible RR interval/)
  })

  it('names the right line after blank and comment lines, wherever they are', () => {
    expect(() => parseRrText('\n800\n810\n100\n')).toThrow(/^line 4: 100 ms/)
    expect(() => parseRrText('800\n810\n# note\n\n820\n100\n830\n')).toThrow(/^line 6: 100 ms/)
    expect(() => parseRrText('800\n100\n\n# note\n')).toThrow(/^line 2: 100 ms/)
    expect(() => parseRrText('\n# x\n 7000 \n')).toThrow(/^line 3: 7000 ms/)
  })

  it('several values on a line without a header', () => {
    expect(() => parseRrText('800\n1.2 810\n')).toThrow(
      /line 2: expected one RR interval per line, found 2 values/
    )
  })
})

describe('parseRrText: Polar .hrm', () => {
  const hrm = (interval: string, data: string): string =>
    [
      '[Params]',
      'Version=106',
      'Monitor=22',
      'SMode=000000000',
      `Interval=${interval}`,
      '',
      '[Note]',
      'morning test',
      '',
      '[HRZones]',
      '180',
      '150',
      '',
      '[HRData]',
      data
    ].join('\r\n')

  it('reads the [HRData] section of an R-R recording, skipping the other sections', () => {
    const p = parseRrText(hrm('238', '1012\n998\n1003\t72\n'), 'morning.hrm')
    expect(p.rrMs).toEqual([1012, 998, 1003])
    expect(p.format).toBe('polar-hrm')
    expect(p.unit).toBe('ms')
  })

  it('refuses an .hrm with heart-rate samples instead of RR intervals', () => {
    expect(() => parseRrText(hrm('5', '72\n73\n'), 'run.hrm')).toThrow(
      /run\.hrm: .*Interval=5.*not R-R intervals/
    )
  })

  it('names the line of a bad [HRData] row, counting every line of the file', () => {
    expect(() => parseRrText(hrm('238', '1012\nxx\n'), 'bad.hrm')).toThrow(
      /^bad\.hrm line 16: "xx" is not a number/
    )
  })

  it('an .hrm without [HRData]', () => {
    expect(() => parseRrText('[Params]\nInterval=238\n')).toThrow(/without an \[HRData\] section/)
  })
})

describe('parseRrText: tables with a header (Kubios exports, CSV)', () => {
  it('Kubios-style: preamble, then "Time (s)  RR (s)" columns, in seconds', () => {
    const text = [
      'Kubios HRV Analysis',
      'Subject: anonymous',
      '',
      '   Time (s)\tRR (s)',
      '   0.812\t0.812',
      '   1.657\t0.845',
      '   2.447\t0.790',
      ''
    ].join('\n')
    const p = parseRrText(text, 'kubios.txt')
    expect(p.rrMs).toEqual([812, 845, 790])
    expect(p.unit).toBe('s')
    expect(p.format).toBe('table')
    expect(p.notes.join(' ')).toMatch(/column "RR \(s\)" \(column 2\) under the header on line 4/)
    expect(p.notes.join(' ')).toMatch(/unit: seconds \(from the column header\)/)
  })

  it('CSV with an rr_ms column among others; the table ends at the first non-numeric row', () => {
    const p = parseRrText('timestamp,hr,rr_ms\n1,72,833\n2,71,845.5\n\nSummary,,\nmean,,839\n')
    expect(p.rrMs).toEqual([833, 845.5])
    expect(p.unit).toBe('ms')
    expect(p.notes.join(' ')).toMatch(/table ends at line 5/)
  })

  it('semicolon-separated with an IBI column, unit detected', () => {
    expect(parseRrText('ibi;quality\n0.9;1\n0.95;1\n').rrMs).toEqual([900, 950])
  })

  it('errors name the row', () => {
    expect(() => parseRrText('time,rr\n1,800\n2\n', 'x.csv')).toThrow(
      /x\.csv line 3: has 1 column\(s\), the RR column is number 2/
    )
    expect(() => parseRrText('time,rr\n1,oops\n')).toThrow(
      /line 2: "oops" is not a number \(expected a row of the RR table\)/
    )
    expect(() => parseRrText('time,rr\n1,0\n')).toThrow(/line 2: 0 ms is not a possible RR interval/)
  })

  it('text without a recognisable RR column is not guessed at', () => {
    expect(() => parseRrText('foo bar\n800\n')).toThrow(
      /line 1: "foo" is not a number|line 1: expected one RR interval/
    )
  })
})

describe('parseRrText: what is not a plain decimal number', () => {
  it('refuses hex, binary, octal and Infinity even though Number() would take them', () => {
    for (const bad of ['0x320', '0b1100100000', '0o1440', 'Infinity', '1_000', '8OO']) {
      expect(() => parseRrText(`800\n${bad}\n`), bad).toThrow(new RegExp(`line 2: "${bad}" is not a number`))
    }
  })
})

describe('parseRrText: the fast path reads exactly what Number() reads', () => {
  it('integers, decimals, padding and CRLF, with comments in between (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 200, max: 3000, noNaN: true }),
            fc.constantFrom('int', 'fixed1', 'fixed3', 'full', 'exp'),
            fc.constantFrom('', ' ', '\t', '  '),
            fc.boolean()
          ),
          { minLength: 1, maxLength: 60 }
        ),
        fc.constantFrom('\n', '\r\n'),
        (rows, eol) => {
          const texts = rows.map(([v, style]) =>
            style === 'int'
              ? String(Math.round(v))
              : style === 'fixed1'
                ? v.toFixed(1)
                : style === 'fixed3'
                  ? v.toFixed(3)
                  : style === 'exp'
                    ? v.toExponential(6)
                    : String(v)
          )
          const lines = rows.flatMap(([, , pad, comment], i) => [
            ...(comment ? ['# note'] : []),
            `${pad}${texts[i]}${pad}`
          ])
          const p = parseRrText(lines.join(eol) + eol)
          expect(p.rrMs).toEqual(texts.map(Number))
          expect(p.unit).toBe('ms')
        }
      )
    )
  })
})

describe('fuzz: parseRrText on any text', () => {
  // Lines built from the pieces real files have, so the deeper paths (tables, .hrm, units) run,
  // mixed with arbitrary text.
  const token = fc.oneof(
    fc.double({ noNaN: false }).map(String),
    fc.integer({ min: -10, max: 10_000 }).map(String),
    fc.double({ min: 0.1, max: 7, noNaN: true }).map((v) => v.toFixed(3)),
    fc.constantFrom(
      '#',
      '% c',
      '// x',
      ';',
      'RR (s)',
      'rr_ms',
      'Time (s)',
      'IBI',
      '[HRData]',
      '[Params]',
      'Interval=238',
      'Interval=1',
      '0x1A',
      'Infinity',
      '1e3',
      '',
      '\uFEFF'
    ),
    fc.string({ maxLength: 6 })
  )
  const line = fc
    .array(token, { maxLength: 4 })
    .chain((ts) => fc.constantFrom(' ', '\t', ',', ';', '  ').map((sep) => ts.join(sep)))
  const text = fc.oneof(
    fc
      .tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'))
      .map(([ls, eol]) => ls.join(eol)),
    fc.string({ maxLength: 80, unit: 'binary' })
  )

  it(
    'fuzz: returns intervals within the documented range, or throws a plain Error naming the input',
    { timeout: FUZZ_TIMEOUT_MS },
    () => {
      fc.assert(
        fc.property(text, (t) => {
          let p
          try {
            p = parseRrText(t, 'f.txt')
          } catch (err) {
            // the documented failure: an Error whose message names the file (and line), nothing else
            return (
              Object.getPrototypeOf(err) === Error.prototype && (err as Error).message.startsWith('f.txt')
            )
          }
          return (
            p.rrMs.length > 0 &&
            p.rrMs.every((v) => v >= MIN_POSSIBLE_RR_MS && v <= MAX_POSSIBLE_RR_MS) &&
            (p.unit === 'ms' || p.unit === 's')
          )
        }),
        fuzzParams
      )
    }
  )

  it(
    'fuzz: intervals written one per line read back exactly (ms and seconds)',
    { timeout: FUZZ_TIMEOUT_MS },
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: MIN_POSSIBLE_RR_MS, max: MAX_POSSIBLE_RR_MS }), {
            minLength: 1,
            maxLength: 30
          }),
          fc.boolean(),
          (rr, seconds) => {
            const p = parseRrText(rr.map((v) => (seconds ? String(v / 1000) : String(v))).join('\n'))
            const back = seconds ? rr.map((v) => (v / 1000) * 1000) : rr
            return (
              p.unit === (seconds ? 's' : 'ms') &&
              p.rrMs.length === rr.length &&
              p.rrMs.every((v, i) => v === back[i])
            )
          }
        ),
        fuzzParams
      )
    }
  )
})
