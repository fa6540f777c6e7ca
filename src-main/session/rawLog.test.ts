import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FUZZ_TIMEOUT_MS, fuzzParams } from '../testSupport/fuzz'
import { formatRawLine, parseRawLine, parseRawLog, readRawLog, type RawPacket } from './rawLog'

const packetArb: fc.Arbitrary<RawPacket> = fc.record({
  tMs: fc.oneof(
    fc.integer({ min: -1_000_000, max: 1e12 }),
    fc.integer({ min: -1e9, max: 1e9 }).map((v) => v / 1000) // up to 3 decimals, as written
  ),
  device: fc.constantFrom('hr' as const, 'wbb' as const),
  bytes: fc.uint8Array({ maxLength: 24 })
})

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i])

describe('raw.log lines', () => {
  it('fuzz: every packet written as a line reads back exactly', { timeout: FUZZ_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(packetArb, (p) => {
        const line = formatRawLine(p.tMs, p.device, p.bytes)
        const back = parseRawLine(line.slice(0, -1))
        return (
          line.endsWith('\n') &&
          back !== null &&
          back.tMs === p.tMs &&
          back.device === p.device &&
          sameBytes(back.bytes, p.bytes)
        )
      }),
      fuzzParams
    )
  })

  // Arbitrary text, and text made of near-miss pieces (cut hex, wrong device, CRs, comments).
  const piece = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ maxLength: 12, unit: 'binary' }),
    fc.constantFrom(
      '1234 hr 163c1104',
      '0 wbb -',
      '-5.5 hr 06',
      '12 hr 0',
      '1 HR 06',
      '# c',
      '\r',
      ' ',
      'hr',
      '1e3 hr 06'
    )
  )
  const text = fc
    .array(piece, { maxLength: 10 })
    .chain((ps) => fc.constantFrom('\n', '\r\n', '').map((eol) => ps.join(eol + '\n')))

  it(
    'fuzz: any text gives packets or per-line problems, never a throw; every packet re-formats to its line',
    { timeout: FUZZ_TIMEOUT_MS },
    () => {
      fc.assert(
        fc.property(text, (t) => {
          const r = parseRawLog(t)
          const lines = t.split('\n')
          const complete = lines.length - 1
          // every complete line is a packet, a comment/blank, or a problem - exactly one of them
          if (r.problems.some((p) => p.line < 1 || p.line > complete)) return false
          if (r.packets.length + r.problems.length > complete) return false
          if (r.droppedPartialLine !== lines[complete]!.length > 0) return false
          for (const p of r.packets) {
            if (!Number.isFinite(p.tMs) || (p.device !== 'hr' && p.device !== 'wbb')) return false
            const again = parseRawLine(formatRawLine(p.tMs, p.device, p.bytes).slice(0, -1))
            if (!again || !sameBytes(again.bytes, p.bytes)) return false
          }
          return true
        }),
        fuzzParams
      )
    }
  )

  it('reading a file streams the same packets and problems as parsing its text, and reports a cut-off last line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'limbic-rawlog-'))
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(packetArb, { maxLength: 20 }),
          fc.array(fc.integer({ min: 0, max: 20 })),
          async (packets, badAt) => {
            const lines = packets.map((p) => formatRawLine(p.tMs, p.device, p.bytes))
            for (const i of badAt) lines.splice(Math.min(i, lines.length), 0, 'garbage\n')
            const text = lines.join('') + '99 hr 06' // cut off by a crash: no line feed
            const path = join(dir, 'raw.log')
            await writeFile(path, text)
            const problems: { line: number; reason: string }[] = []
            const read: RawPacket[] = []
            for await (const p of readRawLog(path, (line, reason) => problems.push({ line, reason })))
              read.push(p)
            const parsed = parseRawLog(text)
            expect(read).toEqual(parsed.packets)
            expect(problems.slice(0, -1)).toEqual(parsed.problems)
            expect(problems.at(-1)).toEqual({
              line: lines.length + 1,
              reason: expect.stringMatching(/cut-off/)
            })
            expect(read).toHaveLength(packets.length)
          }
        ),
        { numRuns: 50 }
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('raw.log pmd lines (Polar Measurement Data frames)', () => {
  it('round-trip a PMD frame; old hr/wbb-only logs parse as before', () => {
    const frame = Uint8Array.from([
      2, 0, 0x94, 0x35, 0x77, 0, 0, 0, 0, 0x01, 0xf7, 0xff, 0xff, 0xff, 0xe7, 0x03
    ])
    const line = formatRawLine(1500, 'pmd', frame)
    expect(line).toBe('1500 pmd 02009435770000000001f7ffffffe703\n')
    const parsed = parseRawLog(line + '10 hr 163c1104\n')
    expect(parsed.problems).toEqual([])
    expect(parsed.packets[0]).toEqual({ tMs: 1500, device: 'pmd', bytes: frame })
    expect(parsed.packets[1]!.device).toBe('hr')
    expect(parseRawLog('12 ecg 0102\n').problems.length).toBe(1)
  })
})

describe('raw.log state lines (the board tare)', () => {
  it('round-trip, are comments to every older reader, and only well-formed ones count', async () => {
    const { formatRawStateLine, parseRawState, isRawLine, parseRawLog } = await import('./rawLog')
    const line = formatRawStateLine(1234.5, [2.498244, 1.5, 1.001, -0.25])
    expect(line).toBe('# state 1234.5 wbb-tare 2.498244 1.5 1.001 -0.25\n')
    expect(parseRawState(line.slice(0, -1))).toEqual({ tMs: 1234.5, tareKg: [2.498244, 1.5, 1.001, -0.25] })
    // a comment: recovery keeps it, the packet parser skips it
    expect(isRawLine(line.slice(0, -1))).toBe(true)
    expect(parseRawLog(`10 hr 1040\n${line}20 hr 1041\n`)).toMatchObject({
      problems: [],
      droppedPartialLine: false
    })
    expect(parseRawState('# state 1 wbb-tare 1 2 3')).toBeNull()
    expect(parseRawState('# a note')).toBeNull()
  })
})
