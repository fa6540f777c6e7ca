/**
 * `replay` of a raw.log with Polar H10 chest data (`pmd` lines) rebuilds breathing.csv and
 * ecg.csv; a log without them replays exactly as before (no such files).
 */
import { mkdtempSync } from 'node:fs'
import { readFile, rm, writeFile, access } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { encodeHeartRateMeasurement } from '../../devices/ble/heartRateMeasurement'
import { encodeCompressedPmdFrame, encodeRawPmdFrame } from '../../devices/ble/pmdFrame'
import { PMD_ACC, PMD_ECG } from '../../devices/ble/pmdProtocol'
import { SimulatedChest } from '../../devices/sim/simulatedChest'
import { lungVolumeAt, spontaneousPattern } from '../../shared/breathing'
import { formatRawLine } from '../../session/rawLog'
import { pythonReadCsv } from '../../session/testSupport/pythonCsv'
import { replayRawLog } from './replay'

const dirs: string[] = []
const tmp = (p: string): string => {
  const d = mkdtempSync(join(tmpdir(), p))
  dirs.push(d)
  return d
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

const T0 = Date.UTC(2026, 10, 23, 7, 0, 0)

/** 120 s of a strap: HR once a second, ACC at 50 Hz in 0x80 frames every 500 ms, optional ECG. */
function h10Log(seconds: number, withEcg: boolean): string {
  const chest = new SimulatedChest((t) => lungVolumeAt(spontaneousPattern(10), t))
  const lines: string[] = []
  const sensorBase = 800_000_000_000_000n
  for (let t = 0; t <= seconds * 1000; t += 500) {
    if (t % 1000 === 0)
      lines.push(
        formatRawLine(t, 'hr', encodeHeartRateMeasurement({ hrBpm: 60, rrRaw1024: t ? [1024] : [] }))
      )
    if (t === 0) continue
    const acc = Array.from({ length: 25 }, (_, i) => chest.accMg(t - 500 + (i + 1) * 20).map(Math.round))
    lines.push(
      formatRawLine(t + 7, 'pmd', encodeCompressedPmdFrame(PMD_ACC, sensorBase + BigInt(t) * 1_000_000n, acc))
    )
    if (withEcg) {
      const ecg = Array.from({ length: 65 }, (_, i) => [Math.round(300 * Math.sin(i / 5))])
      lines.push(
        formatRawLine(
          t + 9,
          'pmd',
          encodeRawPmdFrame(PMD_ECG, sensorBase + BigInt(t) * 1_000_000n, 0x00, ecg)
        )
      )
    }
  }
  return lines.join('')
}

describe('replay: Polar H10 chest data', () => {
  it('rebuilds breathing.csv (waveform, onsets, rate) and ecg.csv from pmd lines', async () => {
    const dir = tmp('limbic-replay-chest-')
    await writeFile(join(dir, 'raw.log'), h10Log(120, true))
    const r = await replayRawLog(join(dir, 'raw.log'), join(dir, 'out'), { startMs: T0 })
    expect(r.pmdPackets).toBe(2 * 240)
    const [header, ...rows] = pythonReadCsv(join(r.dir, 'breathing.csv'))
    expect(header).toEqual(['t_s', 'utc', 'chest_mg', 'event', 'rate_bpm'])
    expect(rows.filter((x) => x[2] !== '').length).toBeGreaterThan(10 * 115)
    const inhales = rows.filter((x) => x[3] === 'inhale')
    expect(inhales.length).toBeGreaterThanOrEqual(16)
    expect(Number(rows[rows.length - 1]![4])).toBeCloseTo(10, 0)
    // In time order (events are slotted among the held-back waveform rows).
    const t = rows.map((x) => Number(x[0]))
    for (let i = 1; i < t.length; i++) expect(t[i]!).toBeGreaterThanOrEqual(t[i - 1]!)
    const [ecgHeader, ...ecgRows] = pythonReadCsv(join(r.dir, 'ecg.csv'))
    expect(ecgHeader).toEqual(['t_s', 'utc', 'ecg_uv'])
    expect(ecgRows.length).toBe(65 * 240)
    expect(ecgRows[1]![2]).toBe(String(Math.round(300 * Math.sin(1 / 5))))
    expect(r.chestRows).toEqual({ breathing: rows.length, ecg: 65 * 240 })
  })

  it('an old raw.log without pmd lines replays as before: no chest files', async () => {
    const dir = tmp('limbic-replay-chest-')
    const old = h10Log(20, false)
      .split('\n')
      .filter((l) => !l.includes(' pmd '))
      .join('\n')
    await writeFile(join(dir, 'raw.log'), old)
    const r = await replayRawLog(join(dir, 'raw.log'), join(dir, 'out'), { startMs: T0 })
    expect(r.pmdPackets).toBe(0)
    expect(r.hrPackets).toBe(21)
    await expect(access(join(r.dir, 'breathing.csv'))).rejects.toThrow()
    expect(await readFile(join(r.dir, 'hr.csv'), 'utf8')).toMatch(/^t_s,utc,strap_hr_bpm/)
  })
})
