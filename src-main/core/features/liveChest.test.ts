/**
 * LiveChest and ChestTables on PMD frames as the strap sends them (encoded to the documented
 * layout, decoded by the real PmdStream): the measured breath, its rate, staleness, a new source,
 * and any mix of damaged frames never breaking either.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeCompressedPmdFrame } from '../../devices/ble/pmdFrame'
import { PMD_ACC } from '../../devices/ble/pmdProtocol'
import { PmdStream, type PmdEvent } from '../../devices/ble/pmdStream'
import { SimulatedChest } from '../../devices/sim/simulatedChest'
import { lungVolumeAt, type BreathPattern } from '../../shared/breathing'
import type { ChestBreathingUpdate } from '../../shared/chest'
import { ChestTables } from '../../session/chestTables'
import { FUZZ_RUNS, FUZZ_TIMEOUT_MS } from '../../testSupport/fuzz'
import { CHEST_STALE_MS, LiveChest } from './liveChest'

const T0 = Date.UTC(2026, 10, 23, 9, 0, 0)
const PACER_6: BreathPattern = {
  effect: 'calming',
  phases: [
    { name: 'inhale', durationMs: 4000, endVolume: 1 },
    { name: 'exhale', durationMs: 6000, endVolume: 0 }
  ]
}

/** ACC frames at 50 Hz, one every 500 ms (25 samples), from a chest breathing PACER_6. */
function frames(seconds: number): { arrivalMs: number; bytes: Uint8Array }[] {
  const chest = new SimulatedChest((t) => lungVolumeAt(PACER_6, t), { seed: 2 })
  const out: { arrivalMs: number; bytes: Uint8Array }[] = []
  for (let t = 500; t <= seconds * 1000; t += 500) {
    const acc = Array.from({ length: 25 }, (_, i) => chest.accMg(t - 500 + (i + 1) * 20).map(Math.round))
    out.push({
      arrivalMs: T0 + t + 5,
      bytes: encodeCompressedPmdFrame(PMD_ACC, 10n ** 15n + BigInt(t) * 1_000_000n, acc)
    })
  }
  return out
}

function streamInto(sink: (e: PmdEvent) => void): PmdStream {
  const stream = new PmdStream(sink)
  stream.configure('acc', { sampleRateHz: 50 })
  return stream
}

describe('LiveChest', () => {
  it('turns chest frames into waveform updates and the pacer rate; stale without new data', () => {
    const live = new LiveChest()
    const updates: ChestBreathingUpdate[] = []
    const stream = streamInto((e) => {
      const u = live.push(e, 'h10')
      if (u) updates.push(u)
    })
    const all = frames(90)
    for (const f of all) stream.push(f.arrivalMs, f.bytes)
    const points = updates.flatMap((u) => u.points)
    // 10 Hz waveform: ~900 points in 90 s, strictly in time order.
    expect(points.length).toBeGreaterThan(880)
    for (let i = 1; i < points.length; i++) expect(points[i]!.tMs).toBeGreaterThan(points[i - 1]!.tMs)
    const lastMs = all.at(-1)!.arrivalMs
    expect(live.rateBpm(lastMs)).toBeGreaterThan(5.7)
    expect(live.rateBpm(lastMs)).toBeLessThan(6.3)
    expect(live.current(lastMs)).toBe(true)
    expect(live.current(lastMs + CHEST_STALE_MS + 100)).toBe(false)
    expect(live.rateBpm(lastMs + CHEST_STALE_MS + 100)).toBeNull()
    expect(updates.flatMap((u) => u.marks).filter((m) => m.kind === 'inhale').length).toBeGreaterThanOrEqual(
      7
    )
    expect(updates.every((u) => u.sourceId === 'h10' && !u.gap)).toBe(true)
  })

  it('a gap or another source restarts the estimate and flags the next update', () => {
    const live = new LiveChest()
    const updates: ChestBreathingUpdate[] = []
    const stream = streamInto((e) => {
      const u = live.push(e, 'h10')
      if (u) updates.push(u)
    })
    const all = frames(40)
    for (const f of all.slice(0, 40)) stream.push(f.arrivalMs, f.bytes)
    stream.markLinkLost()
    const before = updates.length
    for (const f of all.slice(45)) stream.push(f.arrivalMs, f.bytes)
    expect(updates[before]!.gap).toBe(true)
    expect(updates.slice(before + 1).every((u) => !u.gap)).toBe(true)
    // Chest data from another strap: not joined to the first one's line.
    const other = live.push(
      { kind: 'samples', measurement: 'acc', tMs: [T0 + 60_000], values: [0, 0, 1000], channels: 3 },
      'other'
    )
    expect(other).toBeNull() // one sample is not yet a 10 Hz point
    const next = live.push(
      {
        kind: 'samples',
        measurement: 'acc',
        tMs: [T0 + 60_050, T0 + 60_150],
        values: [0, 0, 1000, 0, 0, 1000],
        channels: 3
      },
      'other'
    )
    expect(next).toMatchObject({ sourceId: 'other', gap: true })
  })

  it('ECG is not breathing: ignored', () => {
    const live = new LiveChest()
    expect(
      live.push({ kind: 'samples', measurement: 'ecg', tMs: [T0], values: [120], channels: 1 }, 'h10')
    ).toBeNull()
    expect(live.current(T0)).toBe(false)
  })

  it(
    'fuzz: damaged, cut, reordered and lost frames never break the live estimate or the recorded rows',
    () => {
      const good = frames(30)
      const op = fc.record({
        frame: fc.integer({ min: 0, max: good.length - 1 }),
        mutate: fc.constantFrom('none', 'none', 'cut', 'flip', 'garbage'),
        at: fc.nat(),
        lost: fc.boolean(),
        garbage: fc.uint8Array({ maxLength: 40 })
      })
      fc.assert(
        fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
          const live = new LiveChest()
          const records: string[] = []
          const tables = new ChestTables(T0, (_table, record) => records.push(record))
          const points: number[] = []
          const stream = streamInto((e) => {
            tables.event(e)
            const u = live.push(e, 'h10')
            if (u) points.push(...u.points.map((p) => p.tMs))
          })
          let arrival = T0
          for (const o of ops) {
            const f = good[o.frame]!
            arrival = Math.max(arrival + 1, f.arrivalMs)
            if (o.lost) stream.markLinkLost()
            const bytes = f.bytes.slice()
            const i = o.at % bytes.length
            if (o.mutate === 'cut') stream.push(arrival, bytes.subarray(0, i))
            else if (o.mutate === 'flip') {
              bytes[i] = bytes[i]! ^ 0xff
              stream.push(arrival, bytes)
            } else if (o.mutate === 'garbage') stream.push(arrival, o.garbage)
            else stream.push(arrival, bytes)
          }
          tables.finish()
          for (let k = 1; k < points.length; k++) expect(points[k]!).toBeGreaterThan(points[k - 1]!)
          const rate = live.rateBpm(arrival)
          if (rate !== null) expect(Number.isFinite(rate)).toBe(true)
          // Every recorded row is a complete breathing.csv row: 5 cells, numbers where numbers go.
          for (const r of records) {
            const cells = r.trimEnd().split(',')
            expect(cells).toHaveLength(5)
            expect(Number.isFinite(Number(cells[0]))).toBe(true)
            expect(['', 'inhale', 'exhale', 'gap']).toContain(cells[3])
          }
        }),
        // A tenth of the parser fuzz runs: every case runs the estimator over whole frames.
        { numRuns: Math.ceil(FUZZ_RUNS / 10) }
      )
    },
    FUZZ_TIMEOUT_MS
  )
})
