/**
 * The Polar H10 chest path through the whole app core: the "Simulated Polar H10" is offered next
 * to the simulator, connecting it streams heart rate AND chest accelerometer frames through the
 * real BLE driver and PMD parser; the measured breath reaches the screens ('breathing:chest',
 * metrics `respSource: 'chest'`), a session records breathing.csv and raw.log `pmd` lines, and
 * `replay` rebuilds breathing.csv from that raw.log. The plain simulator changes nothing.
 */
import { access, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SIM_H10_ID, SIM_H10_NAME } from '../../devices/sim/simulatedH10'
import type { BreathPattern } from '../../shared/breathing'
import type { ChestBreathingUpdate, LiveMetrics, SourceStatus } from '../../shared/contract'
import { parseRawLog } from '../../session/rawLog'
import { BREATHING_COLUMNS } from '../../session/tables'
import { pythonReadCsv } from '../../session/testSupport/pythonCsv'
import { replayRawLog } from '../../cli/commands/replay'
import { coreRig, disposeCoreRigs, RIG_T0, rigTempDir } from '../testSupport/coreRig'
import { historyFeature } from './historyFeature'
import { sessionFeature } from './sessionFeature'

afterEach(disposeCoreRigs)

/** 6 breaths a minute: 4 s in, 6 s out. */
const PACER_6: BreathPattern = {
  effect: 'calming',
  phases: [
    { name: 'inhale', durationMs: 4000, endVolume: 1 },
    { name: 'exhale', durationMs: 6000, endVolume: 0 }
  ]
}

function build() {
  const rig = coreRig({
    prefix: 'limbic-chest-',
    features: [sessionFeature, historyFeature],
    simulator: { seed: 3 },
    settings: { recording: { rawCapture: true } }
  })
  return rig
}

describe('Simulated Polar H10 in the app core', () => {
  it('is offered by a scan, streams chest data, records breathing.csv and pmd raw lines', async () => {
    const rig = build()
    await rig.settle(rig.core.start())
    const found = await rig.settle(rig.h['devices:scan']({ timeoutMs: 1000 }))
    const h10 = found.find((d) => d.id === SIM_H10_ID)
    expect(h10).toMatchObject({ name: SIM_H10_NAME, kind: 'ble-hr', simulated: true, channels: ['heart'] })

    const status = await rig.settle(rig.h['devices:connect']({ deviceId: SIM_H10_ID }))
    expect(status).toMatchObject({ state: 'streaming', simulated: true, device: { id: SIM_H10_ID } })
    expect((await rig.h['app:info']()).simulated).toBe(true)
    // The simulated person wearing the H10 follows the pacer, like the plain simulator.
    await rig.h['sim:control']({ pattern: PACER_6 })
    const session = await rig.settle(rig.h['session:start']())
    await rig.run(100_000)

    const statuses = rig.events('device:status') as SourceStatus[]
    expect(statuses.filter((s) => s.device?.id === SIM_H10_ID).at(-1)?.breathingSource).toBe('chest')
    const updates = rig.events('breathing:chest') as ChestBreathingUpdate[]
    expect(updates.length).toBeGreaterThan(150)
    const points = updates.flatMap((u) => u.points)
    for (let i = 1; i < points.length; i++) expect(points[i]!.tMs).toBeGreaterThan(points[i - 1]!.tMs)
    expect(updates.flatMap((u) => u.marks).filter((m) => m.kind === 'inhale').length).toBeGreaterThan(6)
    const metrics = rig.events('metrics:update') as LiveMetrics[]
    const last = metrics.at(-1)!
    expect(last.respSource).toBe('chest')
    expect(last.chestRateBpm).toBeGreaterThan(5.7)
    expect(last.chestRateBpm).toBeLessThan(6.3)

    await rig.settle(rig.h['session:end']())
    const dir = join(rig.userDataDir, 'sessions', session.id)
    const [header, ...rows] = pythonReadCsv(join(dir, 'breathing.csv'))
    expect(header).toEqual([...BREATHING_COLUMNS])
    // ~10 waveform rows a second from the session's start (the strap streamed before it).
    expect(rows.filter((r) => r[2] !== '').length).toBeGreaterThan(10 * 95)
    // A breath every 10 s, as the pacer breathes (onsets jitter by up to a second each, so the
    // count and the estimator's rate over the last breaths are checked, not single spacings).
    const inhales = rows.filter((r) => r[3] === 'inhale').map((r) => Number(r[0]))
    expect(inhales.length).toBeGreaterThanOrEqual(8)
    expect(inhales.length).toBeLessThanOrEqual(11)
    const lastRate = Number(rows.filter((r) => r[4] !== '').at(-1)![4])
    expect(lastRate).toBeGreaterThan(5.6)
    expect(lastRate).toBeLessThan(6.4)
    // No ECG was asked for: no ecg.csv.
    await expect(access(join(dir, 'ecg.csv'))).rejects.toThrow()

    // raw.log carries each PMD frame; replay turns it back into breathing rows of the same breaths.
    const raw = parseRawLog(await readFile(join(dir, 'raw.log'), 'utf8'))
    const pmd = raw.packets.filter((p) => p.device === 'pmd')
    expect(pmd.length).toBeGreaterThan(190) // a frame every 500 ms
    expect(pmd.every((p) => p.bytes[0] === 0x02)).toBe(true) // ACC
    const out = rigTempDir('limbic-chest-replay-')
    const replayed = await replayRawLog(join(dir, 'raw.log'), out, { startMs: RIG_T0 })
    expect(replayed.pmdPackets).toBe(pmd.length)
    const [, ...replayRows] = pythonReadCsv(join(replayed.dir, 'breathing.csv'))
    const replayInhales = replayRows.filter((r) => r[3] === 'inhale')
    expect(Math.abs(replayInhales.length - inhales.length)).toBeLessThanOrEqual(1)
  }, 60_000)

  it('with the ECG setting on, the next connection streams ECG too and ecg.csv records it', async () => {
    const rig = build()
    rig.settings.update({ devices: { chestEcg: true } })
    await rig.settle(rig.core.start())
    await rig.settle(rig.h['devices:scan']({ timeoutMs: 1000 }))
    await rig.settle(rig.h['devices:connect']({ deviceId: SIM_H10_ID }))
    const session = await rig.settle(rig.h['session:start']())
    await rig.run(10_000)
    await rig.settle(rig.h['session:end']())
    const dir = join(rig.userDataDir, 'sessions', session.id)
    const [header, ...rows] = pythonReadCsv(join(dir, 'ecg.csv'))
    expect(header).toEqual(['t_s', 'utc', 'ecg_uv'])
    // 130 Hz for the 10 s of the session (frames every 500 ms; the last may still be on its way).
    expect(rows.length).toBeGreaterThan(130 * 9)
    expect(rows.length).toBeLessThanOrEqual(130 * 10 + 1)
    const t = rows.map((r) => Number(r[0]))
    for (let i = 1; i < t.length; i++) expect(t[i]!).toBeGreaterThan(t[i - 1]!)
    // A heartbeat in it: the QRS-like spike of the simulated ECG.
    expect(Math.max(...rows.map((r) => Number(r[2])))).toBeGreaterThan(800)
    // The ECG is recorded, never taken for breathing.
    expect(rig.events('breathing:chest').length).toBeGreaterThan(0)
  })

  it('the strap vanishes mid-session and comes back; damaged frames are dropped: nothing else is lost', async () => {
    const rig = build()
    await rig.settle(rig.core.start())
    await rig.settle(rig.h['devices:scan']({ timeoutMs: 1000 }))
    await rig.settle(rig.h['devices:connect']({ deviceId: SIM_H10_ID }))
    await rig.h['sim:control']({ pattern: PACER_6 })
    const session = await rig.settle(rig.h['session:start']())
    await rig.run(40_000)
    const strap = rig.core.simulatedH10()!.noble.strap(SIM_H10_ID)
    // Damaged chest frames: a cut one and one of an unknown frame type.
    expect(strap.pmd!.inject(Uint8Array.from([2, 1, 2, 3]))).toBe(true)
    expect(strap.pmd!.inject(Uint8Array.from([2, 0, 0, 0, 0, 0, 0, 0, 0, 0x33, 1, 2, 3]))).toBe(true)
    await rig.run(5000)
    const dropAtMs = rig.clock.now()
    strap.dropLink({ comeBackAfterMs: 4000 })
    await rig.run(60_000)
    await rig.settle(rig.h['session:end']())

    const statuses = (rig.events('device:status') as SourceStatus[]).filter(
      (s) => s.device?.id === SIM_H10_ID
    )
    const after = statuses.filter((s) => s.tMs >= dropAtMs)
    expect(after.some((s) => s.state === 'reconnecting' && s.problem === 'link-lost')).toBe(true)
    expect(after.at(-1)).toMatchObject({ state: 'streaming', breathingSource: 'chest', problem: null })
    expect(statuses.some((s) => /PMD frame dropped: too-short/.test(s.detail ?? ''))).toBe(true)

    const dir = join(rig.userDataDir, 'sessions', session.id)
    const [, ...rows] = pythonReadCsv(join(dir, 'breathing.csv'))
    const gapRows = rows.filter((r) => r[3] === 'gap').map((r) => Number(r[0]))
    // The cut frame and the drop-out are each marked where the chest data broke off.
    expect(gapRows.length).toBeGreaterThanOrEqual(2)
    const startMs = Date.parse(session.startUtc)
    const dropS = (dropAtMs - startMs) / 1000
    expect(gapRows.some((t) => Math.abs(t - dropS) < 1.5)).toBe(true)
    // Breathing goes on after the strap is back: waveform and breaths in the last 40 s.
    const endS = Number(rows.at(-1)![0])
    expect(rows.filter((r) => r[2] !== '' && Number(r[0]) > endS - 40).length).toBeGreaterThan(350)
    expect(rows.filter((r) => r[3] === 'inhale' && Number(r[0]) > endS - 40).length).toBeGreaterThanOrEqual(2)
    // Heart rate was recorded on both sides of the drop-out.
    const [, ...hr] = pythonReadCsv(join(dir, 'hr.csv'))
    expect(hr.filter((r) => Number(r[0]) < dropS).length).toBeGreaterThan(30)
    expect(hr.filter((r) => Number(r[0]) > dropS + 5).length).toBeGreaterThan(30)
  }, 60_000)

  it('the plain simulator has no chest: breathing stays inferred from heart rate, no breathing.csv', async () => {
    const rig = build()
    await rig.settle(rig.core.start())
    const status = (await rig.h['devices:status']()).find((s) => s.device?.channels.includes('heart'))
    expect(status?.kind).toBe('simulator')
    const session = await rig.settle(rig.h['session:start']())
    await rig.run(20_000)
    expect(rig.events('breathing:chest')).toEqual([])
    const metrics = rig.events('metrics:update') as LiveMetrics[]
    expect(metrics.length).toBeGreaterThan(10)
    expect(metrics.every((m) => m.respSource === 'rsa' && m.chestRateBpm === null)).toBe(true)
    await rig.settle(rig.h['session:end']())
    const dir = join(rig.userDataDir, 'sessions', session.id)
    await expect(access(join(dir, 'breathing.csv'))).rejects.toThrow()
    const rawText = await readFile(join(dir, 'raw.log'), 'utf8')
    expect(rawText).not.toMatch(/ pmd /)
  })
})
