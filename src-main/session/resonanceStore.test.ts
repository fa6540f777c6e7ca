import { mkdtempSync, readFileSync, readdirSync, writeFileSync, chmodSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ResonanceRecord } from '../shared/resonance'
import {
  RESONANCE_FILE,
  RESONANCE_VERSION,
  loadResonance,
  parseResonanceDoc,
  personRateBpm,
  saveResonance
} from './resonanceStore'

const fresh = () => mkdtempSync(join(tmpdir(), 'limbic-resonance-'))
const NOW = Date.UTC(2026, 11, 3, 10, 0, 0)

function record(id: string, rateBpm: number | null, completed = true): ResonanceRecord {
  return {
    id,
    startUtc: '2026-12-03T09:00:00.000Z',
    endUtc: '2026-12-03T09:12:00.000Z',
    completed,
    sessionId: '20261203-090000-abcd',
    timings: { stepS: 120, restS: 20 },
    attempts: [],
    result: completed
      ? {
          status: rateBpm === null ? 'none' : 'found',
          rateBpm,
          confidence: 0.8,
          reason: { key: 'resonance.reason.largestSwing', values: { rateBpm: rateBpm ?? 0, swingBpm: 14 } },
          repeatRatesBpm: [],
          steps: []
        }
      : null
  }
}

describe('resonance.json', () => {
  it('a missing file is an empty list; saved records load back, older ones kept', async () => {
    const dir = fresh()
    expect(await loadResonance(dir, NOW)).toEqual({ records: [], setAside: null })
    await saveResonance(dir, [record('r1', 5.5)])
    await saveResonance(dir, [record('r1', 5.5), record('r2', 6)])
    const loaded = await loadResonance(dir, NOW)
    expect(loaded.setAside).toBeNull()
    expect(loaded.records.map((r) => r.id)).toEqual(['r1', 'r2'])
    expect(loaded.records[0]).toEqual(record('r1', 5.5))
    const doc = JSON.parse(readFileSync(join(dir, RESONANCE_FILE), 'utf8'))
    expect(doc.schema).toBe('limbic-resonance')
    expect(doc.version).toBe(RESONANCE_VERSION)
    // Written through a temporary file that is gone afterwards.
    expect(readdirSync(dir)).toEqual([RESONANCE_FILE])
  })

  it.each([
    ['not JSON', '{"schema": "limbic-resonance", '],
    ['another document', JSON.stringify({ schema: 'something-else', version: 1, records: [] })],
    [
      'a record without its result shape',
      JSON.stringify({ schema: 'limbic-resonance', version: 1, records: [{ id: 'x' }] })
    ]
  ])('a corrupt file (%s) is kept as a backup and the list starts empty', async (_label, text) => {
    const dir = fresh()
    writeFileSync(join(dir, RESONANCE_FILE), text)
    const loaded = await loadResonance(dir, NOW)
    expect(loaded.records).toEqual([])
    expect(loaded.setAside?.kind).toBe('corrupt')
    expect(loaded.setAside?.backupPath).toBe(
      join(dir, `${RESONANCE_FILE}.corrupt-2026-12-03T10-00-00-000Z.bak`)
    )
    expect(readFileSync(loaded.setAside!.backupPath, 'utf8')).toBe(text)
    expect(readdirSync(dir)).toEqual([`${RESONANCE_FILE}.corrupt-2026-12-03T10-00-00-000Z.bak`])
  })

  it('a file from a newer Limbic is kept untouched as a backup, never overwritten', async () => {
    const dir = fresh()
    const text = JSON.stringify({ schema: 'limbic-resonance', version: RESONANCE_VERSION + 1, records: [] })
    writeFileSync(join(dir, RESONANCE_FILE), text)
    const loaded = await loadResonance(dir, NOW)
    expect(loaded.setAside?.kind).toBe('newer')
    expect(loaded.setAside?.reason).toMatch(/newer/)
    expect(readFileSync(loaded.setAside!.backupPath, 'utf8')).toBe(text)
    expect(() => parseResonanceDoc(text)).toThrow(/version 2 is newer than 1/)
  })

  it.skipIf(process.getuid?.() === 0)('a file that cannot be opened is reported, not moved', async () => {
    const dir = fresh()
    const path = join(dir, RESONANCE_FILE)
    writeFileSync(path, JSON.stringify({ schema: 'limbic-resonance', version: 1, records: [] }))
    chmodSync(path, 0o000)
    await expect(loadResonance(dir, NOW)).rejects.toThrow(/EACCES/)
    chmodSync(path, 0o600)
    expect(readdirSync(dir)).toEqual([RESONANCE_FILE])
  })

  it("the person's rate is the latest finished assessment's chosen rate", () => {
    expect(personRateBpm([])).toBeNull()
    expect(personRateBpm([record('a', 5.5), record('b', 6)])).toBe(6)
    // A cancelled test or one that found nothing does not replace the rate.
    expect(personRateBpm([record('a', 5.5), record('b', null), record('c', null, false)])).toBe(5.5)
  })
})
