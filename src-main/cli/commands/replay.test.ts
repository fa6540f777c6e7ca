import { mkdtempSync } from 'node:fs'
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { JsonSettingsFile } from '../../settings/jsonSettingsFile'
import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../../devices/clock'
import { createAppCore } from '../../core/appCore'
import { openSettingsStore, SettingsService } from '../../settings/openSettingsStore'
import { encodeCalibration, rawForKg, type Calibration } from '../../devices/wbb/calibration'
import { DRM_KEE, encodeBoardReport, encodeReadReply } from '../../devices/wbb/protocol'
import { formatRawLine } from '../../session/rawLog'
import { pythonReadCsv } from '../../session/testSupport/pythonCsv'
import { memoryIo } from '../io'
import { NoPacketsError, replayRawLog, run } from './replay'
import { encodeHeartRateMeasurement } from '../../devices/ble/heartRateMeasurement'
import { BEAT_LEAD_TOLERANCE_MS } from '../../devices/ble/beatTimeline'
import { FakeHid, FAKE_CALIBRATION, staticLoad } from '../../devices/wbb/fakeHid'
import { WbbSource } from '../../devices/wbb/wbbSource'
import { parseRawLog, parseRawState } from '../../session/rawLog'

const dirs: string[] = []
const tmp = (p: string) => {
  const d = mkdtempSync(join(tmpdir(), p))
  dirs.push(d)
  return d
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

const T0 = Date.UTC(2026, 10, 23, 7, 0, 0)

/** Record a simulator session with raw capture on through the app core, as the app does. */
async function recordWithApp(seconds: number): Promise<string> {
  const userDataDir = tmp('limbic-replay-app-')
  const clock = new ManualClock(T0)
  const settings = new SettingsService(openSettingsStore(JsonSettingsFile, userDataDir).kv)
  settings.update({ recording: { rawCapture: true } })
  const core = createAppCore({
    clock,
    settings,
    emit: () => undefined,
    appVersion: '0.1.0',
    platform: 'linux',
    shell: 'harness',
    launchScanMs: 0,
    userDataDir,
    simulator: { seed: 3, arousal: 0.6 }
  })
  await core.start()
  const { id } = await core.handlers['session:start']()
  for (let s = 0; s < seconds; s++) {
    clock.advance(1000)
    if (s % 20 === 0) await new Promise((r) => setTimeout(r, 1))
  }
  clock.advance(1000)
  await core.handlers['session:end']()
  await core.dispose()
  return join(userDataDir, 'sessions', id)
}

describe('replay', () => {
  it('replaying the raw.log of an app session rebuilds the same beats, hr and raw files', async () => {
    const original = await recordWithApp(120)
    const out = tmp('limbic-replay-out-')
    const io = memoryIo()
    expect(await run([join(original, 'raw.log'), '--out', out], io)).toBe(0)
    expect(io.stdout.join('\n')).toMatch(/x real time/)
    const id = /session (\S+) written/.exec(io.stdout[0]!)![1]!
    const replayed = join(out, id)
    for (const f of ['beats.csv', 'hr.csv', 'raw.log']) {
      const a = await readFile(join(original, f), 'utf8')
      const b = await readFile(join(replayed, f), 'utf8')
      expect(b, f).toBe(a)
    }
    const beats = pythonReadCsv(join(replayed, 'beats.csv')).slice(1)
    expect(beats.length).toBeGreaterThan(100)
    // The check-in pipeline judged the beats: most rows carry a clean value.
    expect(beats.filter((r) => r[3] !== '').length).toBeGreaterThan(beats.length * 0.7)
    const mA = pythonReadCsv(join(original, 'metrics.csv'))
    const mB = pythonReadCsv(join(replayed, 'metrics.csv'))
    expect(mB.length).toBeGreaterThan(60)
    expect(Math.abs(mB.length - mA.length)).toBeLessThanOrEqual(2)
    const meta = JSON.parse(await readFile(join(replayed, 'session.json'), 'utf8'))
    expect(meta).toMatchObject({
      startUtc: new Date(T0).toISOString(),
      endReason: 'closed',
      rawCapture: true
    })
    expect(meta.devices[0]).toMatchObject({ kind: 'replay', name: 'Raw log replay' })
  })

  it('decodes balance-board reports with the calibration read from the log; without it they are skipped', async () => {
    const cal: Calibration = {
      kg0: [1000, 1100, 1200, 1300],
      kg17: [3000, 3100, 3200, 3300],
      kg34: [5000, 5100, 5200, 5300]
    }
    const block = encodeCalibration(cal)
    const lines: string[] = ['# a balance board, 100 Hz, someone leaning right\n']
    lines.push(
      formatRawLine(0, 'wbb', encodeReadReply({ error: 0, addressLow: 0x0024, data: block.slice(0, 16) }))
    )
    lines.push(
      formatRawLine(1, 'wbb', encodeReadReply({ error: 0, addressLow: 0x0034, data: block.slice(16) }))
    )
    const kg = [20, 20, 10, 10] // TR BR TL BL: CoP to the right
    for (let i = 0; i < 1000; i++) {
      const raw = kg.map((k, s) => rawForKg(k, cal, s)) as [number, number, number, number]
      lines.push(formatRawLine(10 + i * 10, 'wbb', encodeBoardReport(DRM_KEE, { raw })))
    }
    const dir = tmp('limbic-replay-wbb-')
    await writeFile(join(dir, 'raw.log'), lines.join(''))
    const r = await replayRawLog(join(dir, 'raw.log'), join(dir, 'out'), { startMs: T0 })
    expect(r).toMatchObject({ packets: 1002, wbbPackets: 1002, wbbWithoutCalibration: 0, malformed: 0 })
    const rows = pythonReadCsv(join(r.dir, 'balance.csv'))
    expect(rows).toHaveLength(1001)
    const [tS, , tr, br, tl, bl, total, x, y] = rows[1]!.map(Number)
    expect(tS).toBe(0.01)
    expect([tr, br, tl, bl]).toEqual([20, 20, 10, 10].map((v) => expect.closeTo(v, 2)) as unknown as number[])
    expect(total).toBeCloseTo(60, 1)
    expect(x).toBeCloseTo(((433 / 2) * (40 - 20)) / 60, 0)
    expect(y).toBeCloseTo(0, 0)

    // Without the calibration replies the data reports cannot be decoded: counted, not guessed.
    await writeFile(join(dir, 'nocal.log'), lines.filter((_, i) => i !== 1 && i !== 2).join(''))
    const io = memoryIo()
    await run([join(dir, 'nocal.log'), '--out', join(dir, 'out2'), '--start', new Date(T0).toISOString()], io)
    expect(io.stdout.join('\n')).toMatch(/1000 wbb data reports skipped: no calibration block/)
  })

  it('a balance board connected before the session: its calibration replies head raw.log; replay decodes the same rows', async () => {
    const userDataDir = tmp('limbic-replay-board-')
    const clock = new ManualClock(T0)
    const settings = new SettingsService(openSettingsStore(JsonSettingsFile, userDataDir).kv)
    settings.update({ recording: { rawCapture: true }, devices: { simulatorFallback: false } })
    const hid = new FakeHid({
      clock,
      boards: [
        {
          serialNumber: '00:22:4c:aa:bb:01',
          product: 'Nintendo RVL-WBC-01',
          frames: staticLoad(FAKE_CALIBRATION, [20, 18, 12, 10], { noiseCounts: 0 })
        }
      ]
    })
    const board = new WbbSource({ hid, clock })
    const core = createAppCore({
      clock,
      settings,
      emit: () => undefined,
      appVersion: '0.1.0',
      platform: 'linux',
      shell: 'harness',
      launchScanMs: 0,
      userDataDir,
      providers: [{ name: 'wbb', create: async () => board }]
    })
    const pump = async <T>(p: Promise<T>): Promise<T> => {
      let done = false
      const tracked = p.finally(() => (done = true))
      for (let i = 0; i < 20_000 && !done; i++) {
        clock.advance(2)
        await new Promise((r) => setImmediate(r))
      }
      return tracked
    }
    await pump(core.start())
    const [info] = await pump(core.devices.scan(100))
    await pump(core.devices.connect(info!.id))
    clock.advance(3000) // the board streams before the session starts
    const { id } = await core.handlers['session:start']()
    for (let i = 0; i < 200; i++) {
      clock.advance(10)
      if (i % 20 === 0) await new Promise((r) => setImmediate(r))
    }
    await core.handlers['session:end']()
    await core.dispose()
    const dir = join(userDataDir, 'sessions', id)
    const raw = parseRawLog(await readFile(join(dir, 'raw.log'), 'utf8'))
    const head = raw.packets.filter((p) => p.tMs < 0)
    expect(head.length).toBeGreaterThanOrEqual(2)
    expect(head.every((p) => p.device === 'wbb' && p.bytes[0] === 0x21)).toBe(true)
    const recorded = pythonReadCsv(join(dir, 'balance.csv'))
    expect(recorded.length).toBeGreaterThan(150)

    const r = await replayRawLog(join(dir, 'raw.log'), tmp('limbic-replay-out-'))
    expect(r.wbbWithoutCalibration).toBe(0)
    const replayed = pythonReadCsv(join(r.dir, 'balance.csv'))
    // The same rows: times, loads and centre of pressure (the board was not tared, so neither is the replay).
    expect(replayed).toEqual(recorded)
  })

  it('the board tare is in raw.log: a replay of a tared session writes the same balance.csv; an old log replays untared', async () => {
    const userDataDir = tmp('limbic-replay-tare-')
    const clock = new ManualClock(T0)
    const settings = new SettingsService(openSettingsStore(JsonSettingsFile, userDataDir).kv)
    settings.update({ recording: { rawCapture: true }, devices: { simulatorFallback: false } })
    // an empty board: each sensor reads a little (its offset), which the tare removes
    const hid = new FakeHid({
      clock,
      boards: [
        {
          serialNumber: '00:22:4c:aa:bb:02',
          product: 'Nintendo RVL-WBC-01',
          frames: staticLoad(FAKE_CALIBRATION, [2.5, 1.5, 1, 0.5], { noiseCounts: 0 })
        }
      ]
    })
    const board = new WbbSource({ hid, clock })
    const core = createAppCore({
      clock,
      settings,
      emit: () => undefined,
      appVersion: '0.1.0',
      platform: 'linux',
      shell: 'harness',
      launchScanMs: 0,
      userDataDir,
      providers: [{ name: 'wbb', create: async () => board }]
    })
    const pump = async <T>(p: Promise<T>): Promise<T> => {
      let done = false
      const tracked = p.finally(() => (done = true))
      for (let i = 0; i < 20_000 && !done; i++) {
        clock.advance(2)
        await new Promise((r) => setImmediate(r))
      }
      return tracked
    }
    await pump(core.start())
    const [info] = await pump(core.devices.scan(100))
    await pump(core.devices.connect(info!.id))
    clock.advance(1000)
    await pump(Promise.resolve(core.handlers['balance:tare']())) // tared before the session
    const { id } = await core.handlers['session:start']()
    for (let i = 0; i < 100; i++) {
      clock.advance(10)
      if (i % 20 === 0) await new Promise((r) => setImmediate(r))
    }
    await pump(Promise.resolve(core.handlers['balance:tare']())) // and again during it
    for (let i = 0; i < 100; i++) {
      clock.advance(10)
      if (i % 20 === 0) await new Promise((r) => setImmediate(r))
    }
    await core.handlers['session:end']()
    await core.dispose()
    const dir = join(userDataDir, 'sessions', id)
    const log = await readFile(join(dir, 'raw.log'), 'utf8')
    const tareLines = log.split('\n').filter((l) => l.startsWith('# state '))
    expect(tareLines).toHaveLength(2)
    const firstTare = parseRawState(tareLines[0]!)!
    expect(firstTare.tMs).toBe(0)
    ;[2.5, 1.5, 1, 0.5].forEach((kg, i) => expect(firstTare.tareKg[i]).toBeCloseTo(kg, 1))
    const recorded = pythonReadCsv(join(dir, 'balance.csv'))
    expect(recorded.length).toBeGreaterThan(150)
    // tared: the total load column is about zero
    const totalCol = recorded[0]!.indexOf('total_kg')
    for (const row of recorded.slice(1)) expect(Math.abs(Number(row[totalCol]))).toBeLessThan(0.1)

    const r = await replayRawLog(join(dir, 'raw.log'), tmp('limbic-replay-out-'))
    expect(r.tareLines).toBe(2)
    expect(pythonReadCsv(join(r.dir, 'balance.csv'))).toEqual(recorded)

    // a raw.log from before tare capture: replays, untared, and the output says so
    const oldLog = join(tmp('limbic-replay-old-'), 'raw.log')
    await writeFile(
      oldLog,
      log
        .split('\n')
        .filter((l) => !l.startsWith('# state '))
        .join('\n')
    )
    const io = memoryIo()
    expect(await run([oldLog, '--out', tmp('limbic-replay-out-')], io)).toBe(0)
    expect(io.stdout.join('\n')).toMatch(/board tare: none in the log .*replayed untared/)
    const old = await replayRawLog(oldLog, tmp('limbic-replay-out-'))
    expect(old.tareLines).toBe(0)
    const untared = pythonReadCsv(join(old.dir, 'balance.csv'))
    expect(untared.length).toBe(recorded.length)
    for (const row of untared.slice(1)) expect(Number(row[totalCol])).toBeCloseTo(5.5, 1)
  })

  it('reports unreadable lines and keeps going', async () => {
    const dir = tmp('limbic-replay-bad-')
    await writeFile(join(dir, 'raw.log'), '0 hr 0648\nnot a line\n1000 hr 0649\n2000 hr 06')
    const r = await replayRawLog(join(dir, 'raw.log'), join(dir, 'out'), { startMs: T0 })
    expect(r.packets).toBe(2)
    expect(r.skipped.map((s) => s.line)).toEqual([2, 4])
  })

  it('a few minutes with one RR of 0xFFFF: no beat is written later than the last packet + tolerance', async () => {
    const dir = tmp('limbic-replay-ffff-')
    // 240 s of a strap at ~64 bpm, one notification a second, as the app writes raw.log
    const lines: string[] = []
    let beatMs = 0
    let sentUntilMs = 0
    const rr = (i: number) => 960 + ((i * 37) % 50) // raw 1/1024 s, ~940-985 ms
    let n = 0
    for (let tMs = 1000; tMs <= 240_000; tMs += 1000) {
      const rrRaw1024: number[] = []
      while (beatMs + (rr(n) * 1000) / 1024 <= tMs) {
        beatMs += (rr(n) * 1000) / 1024
        rrRaw1024.push(rr(n++))
      }
      if (tMs === 100_000) rrRaw1024.splice(0, 1, 0xffff) // one saturated RR
      sentUntilMs = tMs
      lines.push(
        formatRawLine(tMs, 'hr', encodeHeartRateMeasurement({ hrBpm: 64, contact: 'detected', rrRaw1024 }))
      )
    }
    await writeFile(join(dir, 'raw.log'), lines.join(''))
    const r = await replayRawLog(join(dir, 'raw.log'), join(dir, 'out'), { startMs: T0 })
    expect(r.hrPackets).toBe(240)
    expect(r.heartQuality.rrImplausible).toBe(1)
    const beats = pythonReadCsv(join(r.dir, 'beats.csv')).slice(1)
    expect(beats.length).toBeGreaterThan(230)
    const lastBeatS = Math.max(...beats.map((row) => Number(row[0])))
    // before the fix: beats up to ~63 s after the end of the log
    expect(lastBeatS).toBeLessThanOrEqual((sentUntilMs + BEAT_LEAD_TOLERANCE_MS) / 1000)
    const events = pythonReadCsv(join(r.dir, 'events.csv')).slice(1)
    const gaps = events.filter((e) => e[2] === 'gap').map((e) => JSON.parse(e[3]!) as { reason: string })
    expect(gaps.map((g) => g.reason)).toEqual(['rr-implausible'])
    const io = memoryIo()
    expect(await run([join(dir, 'raw.log'), '--out', join(dir, 'out2')], io)).toBe(0)
    expect(io.stdout.join('\n')).toMatch(/heart data flagged .*rrImplausible 1/)
  })

  it('a log whose lines are all unreadable: a clear error, no session written', async () => {
    const dir = tmp('limbic-replay-none-')
    await writeFile(join(dir, 'raw.log'), 'not a line\nneither is this\n')
    const out = join(dir, 'out')
    await expect(replayRawLog(join(dir, 'raw.log'), out, { startMs: T0 })).rejects.toThrow(NoPacketsError)
    await expect(run([join(dir, 'raw.log'), '--out', out], memoryIo())).rejects.toThrow(
      /no packet to replay - all 2 line\(s\) are unreadable \(first: line 1: not "<t_ms> <hr\|wbb\|pmd> <hex>"/
    )
    await expect(readdir(out)).rejects.toThrow(/ENOENT/)
    await writeFile(join(dir, 'empty.log'), '# only a comment\n')
    await expect(replayRawLog(join(dir, 'empty.log'), out, { startMs: T0 })).rejects.toThrow(
      /no packet lines; no session written/
    )
  })
})
