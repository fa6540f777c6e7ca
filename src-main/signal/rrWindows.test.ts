import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { analyzeRr } from '../cli/commands/analyze'
import { formatRows } from '../cli/analyzeRows'
import { hrvMetrics } from './hrv'
import { fixedWindows, segmentRanges, windowTable } from './rrWindows'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const rest = readFileSync(join(root, 'resources/fixtures/rr/rhenanbartels-hrv_rest_rri.txt'), 'utf8')
  .trim()
  .split(/\s+/)
  .map(Number)

describe('per-window rows', () => {
  it('fixed windows: every beat in exactly one row, each row the HRV of its own beats', () => {
    const a = analyzeRr(rest.join('\n'), { raw: true, windowS: 0 })
    const rows = windowTable(
      a.rrMs,
      a.segments,
      fixedWindows(
        rest.reduce((x, y) => x + y, 0),
        120_000
      ),
      0.3
    )
    expect(rows.reduce((s, r) => s + r.beats, 0)).toBe(rest.length)
    let t = 0
    const times = rest.map((v) => (t += v))
    for (const r of rows.slice(0, -1)) {
      const own = rest.filter((_, i) => times[i]! > r.startS * 1000 && times[i]! <= r.endS * 1000)
      expect(r.beats).toBe(own.length)
      expect(r.hrv).toEqual(hrvMetrics(own))
      expect(r.gaps).toBe(0)
    }
    expect(rows[0]!.startS).toBe(0)
    expect(rows[0]!.endS).toBe(120)
  })

  it('a gap inside a window is counted and its difference left out', () => {
    const seg1 = Array.from({ length: 60 }, (_, i) => 800 + (i % 2) * 10)
    const seg2 = Array.from({ length: 60 }, (_, i) => 1000 + (i % 2) * 10)
    const a = analyzeRr([...seg1, 7480, ...seg2].join('\n'), { raw: true, windowS: 0 })
    const [row] = windowTable(a.rrMs, a.segments, [{ startMs: 0, endMs: 1e9 }], 0.3)
    expect(row!.beats).toBe(120)
    expect(row!.gaps).toBe(1)
    expect(row!.hrv!.rmssdMs).toBeCloseTo(10, 9)
    expect(row!.hrv!.pnn50Pct).toBe(0)
    // per segment: two rows, each segment on its own
    const segs = windowTable(a.rrMs, a.segments, segmentRanges(a.rrMs, a.segments), 0.3)
    expect(segs.map((r) => r.beats)).toEqual([60, 60])
    expect(segs.map((r) => r.gaps)).toEqual([0, 1])
    expect(segs[1]!.startS).toBeCloseTo((seg1.reduce((x, y) => x + y, 0) + 7480) / 1000, 9)
    expect(segs[1]!.hrv).toEqual(hrvMetrics(seg2))
  })

  it('hourly rows of a 3-hour recording with a drop-out, as CSV and JSON', () => {
    // three hours: the real recording repeated, with a 7.48 s drop-out after the first hour
    const beats: number[] = []
    let t = 0
    while (t < 3 * 3600_000) {
      for (const v of rest) {
        beats.push(v)
        t += v
      }
    }
    const text = [...beats.slice(0, 3500), 7480, ...beats.slice(3500)].join('\n')
    const a = analyzeRr(text, { raw: false, windowS: 0 })
    const csv = formatRows(a, { format: 'csv', windowS: 3600, perSegment: false, minBreathConfidence: 0.3 })
    expect(csv[0]).toBe(
      'start_s,end_s,beats,gaps,mean_hr_bpm,mean_rr_ms,sdnn_ms,rmssd_ms,pnn50_pct,sd1_ms,sd2_ms,breaths_per_min'
    )
    expect(csv).toHaveLength(1 + 4) // 3 h and a few seconds: the fourth row is partial
    const cells = csv.slice(1).map((l) => l.split(','))
    expect(cells.map((c) => Number(c[0]))).toEqual([0, 3600, 7200, 10800])
    expect(cells.reduce((s, c) => s + Number(c[2]), 0)).toBe(a.rrMs.length)
    expect(cells.map((c) => Number(c[3]))).toEqual([0, 1, 0, 0])
    for (const c of cells.slice(0, 3)) {
      expect(Number(c[7])).toBeGreaterThan(40)
      expect(Number(c[7])).toBeLessThan(65)
      expect(Number(c[11])).toBeGreaterThan(3)
    }
    const json = JSON.parse(
      formatRows(a, { format: 'json', windowS: 3600, perSegment: false, minBreathConfidence: 0.3 })[0]!
    )
    expect(json.windowS).toBe(3600)
    expect(json.rows).toHaveLength(4)
    expect(json.rows[1].rmssd_ms).toBe(Number(cells[1]![7]))
  })
})
