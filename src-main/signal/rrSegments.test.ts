import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { analyzeRr } from '../cli/commands/analyze'
import { hrvMetrics } from './hrv'
import { cleanRr } from './rrCleaning'
import { parseRrText } from './rrFile'
import { beatTimesMs, breaksOf, segmentsOf } from './rrSegments'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const fixture = (f: string): string => readFileSync(join(root, 'resources/fixtures/rr', f), 'utf8')
const numbers = (text: string): number[] => text.trim().split(/\s+/).map(Number)

/** The 24-hour case: a real recording with one 7.48 s drop-out in the middle. */
const rest = numbers(fixture('rhenanbartels-hrv_rest_rri.txt'))
const half = 455
const firstHalf = rest.slice(0, half)
const secondHalf = rest.slice(half)
const withGap = [...firstHalf, 7480, ...secondHalf].join('\n') + '\n'

describe('gaps split a recording, never abort it', () => {
  it('a 7.48 s interval is a gap: left out, recorded with its line, noted', () => {
    const p = parseRrText(withGap, 'holter.txt')
    expect(p.rrMs).toEqual(rest)
    expect(p.gaps).toEqual([{ line: half + 1, durationMs: 7480, beforeIndex: half }])
    expect(p.notes.join(' ')).toMatch(/1 gap\(s\).*first on line 456/)
    expect(segmentsOf(p.rrMs.length, p.gaps)).toEqual([
      { from: 0, to: half, gapBeforeMs: 0 },
      { from: half, to: rest.length, gapBeforeMs: 7480 }
    ])
  })

  it('consecutive gaps merge; leading and trailing gaps leave the beats in one segment', () => {
    const p = parseRrText('9000\n800\n810\n820\n10000\n8000\n830\n840\n850\n7000\n')
    expect(p.gaps.map((g) => g.line)).toEqual([1, 5, 6, 10])
    const segs = segmentsOf(p.rrMs.length, p.gaps)
    expect(segs).toEqual([
      { from: 0, to: 3, gapBeforeMs: 9000 },
      { from: 3, to: 6, gapBeforeMs: 18000 }
    ])
    expect([...beatTimesMs(p.rrMs, segs)]).toEqual([9800, 10610, 11430, 30260, 31100, 31950])
  })

  it('raw metrics use only differences within a segment (RMSSD, pNN50, SD1)', () => {
    const a = analyzeRr(withGap, { raw: true, windowS: 0 })
    const m1 = hrvMetrics(firstHalf)
    const m2 = hrvMetrics(secondHalf)
    const sumD2 = m1.rmssdMs ** 2 * (firstHalf.length - 1) + m2.rmssdMs ** 2 * (secondHalf.length - 1)
    const diffs = rest.length - 2
    expect(a.metrics.rmssdMs).toBeCloseTo(Math.sqrt(sumD2 / diffs), 9)
    const nn50 = (m1.pnn50Pct * (firstHalf.length - 1) + m2.pnn50Pct * (secondHalf.length - 1)) / 100
    expect(a.metrics.pnn50Pct).toBeCloseTo((100 * nn50) / diffs, 9)
    // mean and SDNN use every interval (the gap itself is not one)
    expect(a.metrics.meanRrMs).toBeCloseTo(rest.reduce((x, y) => x + y, 0) / rest.length, 9)
    expect(a.metrics.sdnnMs).toBeCloseTo(hrvMetrics(rest).sdnnMs, 9)
    // the per-segment rows carry each half's own figures
    expect(a.segmentRows.map((r) => r.beats)).toEqual([half, rest.length - half])
    expect(a.segmentRows[1]!.hrv!.rmssdMs).toBeCloseTo(m2.rmssdMs, 9)
    const firstS = firstHalf.reduce((x, y) => x + y, 0) / 1000
    expect(a.segmentRows[0]!.endS).toBeCloseTo(firstS, 6)
    expect(a.segmentRows[1]!.startS).toBeCloseTo(firstS + 7.48, 6)
    expect(a.segmentRows[1]!.gapBeforeS).toBe(7.48)
  })

  it('the difference across the gap is really left out (pNN50 0 within, 200 ms across)', () => {
    const seg1 = Array.from({ length: 40 }, (_, i) => 800 + (i % 2) * 10)
    const seg2 = Array.from({ length: 40 }, (_, i) => 1000 + (i % 2) * 10)
    const a = analyzeRr([...seg1, 8000, ...seg2].join('\n'), { raw: true, windowS: 0 })
    expect(a.metrics.pnn50Pct).toBe(0)
    expect(a.metrics.rmssdMs).toBeCloseTo(10, 9)
    expect(a.metrics.sd1Ms).toBeCloseTo(hrvMetrics([...seg1, ...seg2], breaksOf(80, a.segments)).sd1Ms, 12)
    // without the break the 200 ms jump would count
    expect(hrvMetrics([...seg1, ...seg2]).pnn50Pct).toBeGreaterThan(0)
  })

  it('the cleaner runs per segment: its windows never reach across the gap', () => {
    const a = analyzeRr(withGap, { raw: false, windowS: 60 })
    const c1 = cleanRr(firstHalf)
    const c2 = cleanRr(secondHalf)
    expect(a.rrMs).toEqual([...c1.cleanRrMs, ...c2.cleanRrMs])
    expect(a.segments[1]!.from).toBe(c1.cleanRrMs.length)
    for (const t of ['ectopic', 'missed', 'extra', 'long', 'short'] as const)
      expect(a.cleaning.counts[t]).toBe(c1.counts[t] + c2.counts[t])
    expect(a.metrics.beats).toBe(c1.cleanRrMs.length + c2.cleanRrMs.length)
    expect(a.windows.length).toBeGreaterThan(5)
  })

  it('a gap-free file gives exactly the figures of the plain functions', () => {
    for (const f of ['rhenanbartels-hrv_noisy_rri.txt', 'pyhrv_SampleNNISeriesShort.txt']) {
      const text = fixture(f)
      const plain = cleanRr(parseRrText(text).rrMs)
      const a = analyzeRr(text, { raw: false, windowS: 0 })
      expect(a.segments).toHaveLength(1)
      expect(a.rrMs).toEqual(plain.cleanRrMs)
      expect(a.metrics).toEqual(hrvMetrics(plain.cleanRrMs))
      expect(a.cleaning.counts).toEqual(plain.counts)
    }
  })

  it('too few differences within segments is a clear error', () => {
    expect(() => analyzeRr('800\n810\n9000\n820\n9000\n830\n', { raw: true, windowS: 0 })).toThrow(
      /at least 2 successive differences within a segment \(got 1\)/
    )
  })
})
