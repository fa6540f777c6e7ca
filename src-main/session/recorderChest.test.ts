/**
 * The recorder's chest tables (breathing.csv, ecg.csv): created with their first row, rows kept
 * in order while the file opens, absent when the strap sent no chest data, and repaired by
 * recovery after a crash like every other table.
 */
import { access, appendFile, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../devices/clock'
import { SessionRecorder } from './recorder'
import { recoverSessions } from './recovery'
import { breathingRecord, ecgRecord } from './tables'
import { pythonReadCsv } from './testSupport/pythonCsv'

let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'limbic-rec-chest-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

const T0 = Date.UTC(2026, 11, 3, 15, 0)

describe('SessionRecorder chest tables', () => {
  it('breathing.csv gets a header and every row in order, also rows sent while it opens', async () => {
    const clock = new ManualClock(T0)
    const rec = await SessionRecorder.start({ rootDir: root, appVersion: 't', clock, id: 's1' })
    // Sent in one go: the file is being created while most of them arrive.
    for (let i = 0; i < 50; i++)
      rec.recordChest(
        'breathing',
        breathingRecord({ tMs: T0 + i * 100, chestMg: i - 25, event: null, rateBpm: null }, T0)
      )
    await rec.flush()
    for (let i = 50; i < 60; i++)
      rec.recordChest(
        'breathing',
        breathingRecord({ tMs: T0 + i * 100, chestMg: null, event: 'inhale', rateBpm: 6 }, T0)
      )
    await rec.close()
    const [header, ...rows] = pythonReadCsv(join(root, 's1', 'breathing.csv'))
    expect(header).toEqual(['t_s', 'utc', 'chest_mg', 'event', 'rate_bpm'])
    expect(rows.map((r) => Number(r[0]))).toEqual(Array.from({ length: 60 }, (_, i) => i / 10))
    expect(rows[0]![2]).toBe('-25')
    expect(rows[59]!.slice(3)).toEqual(['inhale', '6'])
    expect(rec.chestRows).toEqual({ breathing: 60, ecg: 0, resonance: 0 })
    // No ECG row: no ecg.csv.
    await expect(access(join(root, 's1', 'ecg.csv'))).rejects.toThrow()
  })

  it('a session without chest data has neither file', async () => {
    const rec = await SessionRecorder.start({
      rootDir: root,
      appVersion: 't',
      clock: new ManualClock(T0),
      id: 's2'
    })
    rec.recordEvent(T0, 'note', null)
    await rec.close()
    await expect(access(join(root, 's2', 'breathing.csv'))).rejects.toThrow()
    await expect(access(join(root, 's2', 'ecg.csv'))).rejects.toThrow()
  })

  it('recovery cuts a torn last row of ecg.csv and keeps the rest', async () => {
    const clock = new ManualClock(T0)
    const rec = await SessionRecorder.start({ rootDir: root, appVersion: 't', clock, id: 's3' })
    for (let i = 0; i < 130; i++)
      rec.recordChest('ecg', ecgRecord(T0 + (i * 1000) / 130, (i % 7) * 100 - 300, T0))
    await rec.flush()
    // The app dies mid-row: no close, a half row at the end.
    await appendFile(join(root, 's3', 'ecg.csv'), '1.00')
    const report = await recoverSessions(root)
    expect(report.recovered.map((r) => r.id)).toEqual(['s3'])
    const text = await readFile(join(root, 's3', 'ecg.csv'), 'utf8')
    expect(text.endsWith('\n')).toBe(true)
    const [, ...rows] = pythonReadCsv(join(root, 's3', 'ecg.csv'))
    expect(rows).toHaveLength(130)
    expect(rows[129]![2]).toBe(String((129 % 7) * 100 - 300))
  })
})
