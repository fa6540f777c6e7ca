import { describe, expect, it } from 'vitest'
import { lungVolumeAt, spontaneousPattern } from '../shared/breathing'
import { SimulatedChest } from '../devices/sim/simulatedChest'
import { ChestTables } from './chestTables'

const T0 = Date.UTC(2026, 0, 1)

function feed(tables: ChestTables, fromS: number, toS: number): void {
  const chest = new SimulatedChest((t) => lungVolumeAt(spontaneousPattern(12), t))
  for (let s = fromS; s < toS; s++) {
    const tMs = Array.from({ length: 50 }, (_, i) => T0 + s * 1000 + i * 20)
    const values = tMs.flatMap((t) => chest.accMg(t - T0))
    tables.event({ kind: 'samples', measurement: 'acc', tMs, values, channels: 3 })
  }
}

describe('ChestTables', () => {
  it('writes the waveform, onsets and a gap in time order; ECG one row per sample', () => {
    const rows: Record<string, string[]> = { breathing: [], ecg: [] }
    const tables = new ChestTables(T0, (table, record) => rows[table]!.push(record))
    feed(tables, 0, 60)
    tables.event({
      kind: 'gap',
      measurement: 'acc',
      fromMs: T0 + 59_980,
      toMs: T0 + 70_000,
      reason: 'link-lost'
    })
    feed(tables, 70, 120)
    tables.event({
      kind: 'samples',
      measurement: 'ecg',
      tMs: [T0 + 1000, T0 + 1007.692],
      values: [-120, 45],
      channels: 1
    })
    tables.finish()
    const cells = rows.breathing!.map((r) => r.trimEnd().split(','))
    const t = cells.map((c) => Number(c[0]))
    for (let i = 1; i < t.length; i++) expect(t[i]!).toBeGreaterThanOrEqual(t[i - 1]!)
    expect(cells.filter((c) => c[3] === 'gap').map((c) => c[0])).toEqual(['59.98'])
    expect(cells.filter((c) => c[3] === 'inhale').length).toBeGreaterThan(15)
    // No breath event is written inside the gap.
    expect(cells.some((c) => c[3] !== '' && Number(c[0]) > 60 && Number(c[0]) < 70)).toBe(false)
    expect(rows.ecg).toEqual(['1,2026-01-01T00:00:01.000Z,-120\r\n', '1.008,2026-01-01T00:00:01.007Z,45\r\n'])
    expect(tables.rows).toEqual({ breathing: rows.breathing!.length, ecg: 2 })
  })
})
