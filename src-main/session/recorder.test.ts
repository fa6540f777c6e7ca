import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../devices/clock'
import { SessionRecorder } from './recorder'
import { parseSessionMeta } from './sessionMeta'
import { pythonReadCsv } from './testSupport/pythonCsv'
import { parseRawLog } from './rawLog'

let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'limbic-rec-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

const T0 = Date.UTC(2026, 0, 1, 9, 0, 0)

async function start(clock: ManualClock, extra: Partial<Parameters<typeof SessionRecorder.start>[0]> = {}) {
  return SessionRecorder.start({ rootDir: root, appVersion: '0.1.0', clock, id: 'S1', ...extra })
}

describe('SessionRecorder', () => {
  it('writes headers at start and rows within one flush interval, not before', async () => {
    const clock = new ManualClock(T0)
    const rec = await start(clock)
    const beats = join(rec.dir, 'beats.csv')
    expect(await readFile(beats, 'utf8')).toBe('t_s,utc,rr_ms,rr_clean_ms,artifact,hr_bpm\r\n')
    clock.advance(250)
    rec.recordBeatClean({
      tMs: clock.now(),
      rrMs: 1016.6015625,
      rrCleanMs: 1016.6015625,
      artifact: null,
      hrBpm: 59.02
    })
    await rec.flush() // the explicit flush is what tests use; below, the timer does it
    expect(pythonReadCsv(beats)[1]).toEqual([
      '0.25',
      '2026-01-01T09:00:00.250Z',
      '1016.6015625',
      '1016.6015625',
      '',
      '59.02'
    ])
    rec.recordBeatClean({
      tMs: clock.now() + 10,
      rrMs: 800,
      rrCleanMs: 812.5,
      artifact: 'ectopic',
      hrBpm: 73.85
    })
    expect(pythonReadCsv(beats)).toHaveLength(2) // buffered
    clock.advance(500)
    await rec.flush() // waits for the timer's flush already queued
    expect(pythonReadCsv(beats)[2]).toEqual([
      '0.26',
      '2026-01-01T09:00:00.260Z',
      '800',
      '812.5',
      'ectopic',
      '73.85'
    ])
    await rec.close()
  })

  it('flushes on the injected clock even when nobody calls flush', async () => {
    const clock = new ManualClock(T0)
    const rec = await start(clock)
    rec.recordSample({ type: 'hr', tMs: T0 + 100, hrBpm: 61, contact: 'detected', energyKj: null, rrMs: [] })
    clock.advance(600)
    // Let the queued async write finish without calling flush().
    for (let i = 0; i < 50 && pythonReadCsv(join(rec.dir, 'hr.csv')).length < 2; i++) {
      await new Promise((r) => setTimeout(r, 5))
    }
    expect(pythonReadCsv(join(rec.dir, 'hr.csv'))[1]).toEqual([
      '0.1',
      '2026-01-01T09:00:00.100Z',
      '61',
      'detected',
      ''
    ])
    await rec.close()
  })

  it('records every sample kind and event details with commas, quotes and newlines', async () => {
    const clock = new ManualClock(T0)
    const rec = await start(clock, { rawCapture: true })
    rec.recordSample({
      type: 'balance',
      tMs: T0 + 10,
      kg: [1.5, 2, 3.25, 4],
      totalKg: 10.75,
      copXMm: -12.345,
      copYMm: 0.1 + 0.2
    })
    rec.recordSample({ type: 'beat', tMs: T0 + 20, rrMs: 1000, seq: 1 })
    rec.recordSample({
      type: 'gap',
      tMs: T0 + 30,
      channel: 'heart',
      fromMs: T0,
      toMs: T0 + 2000,
      reason: 'link-lost'
    })
    rec.recordMetrics({
      tMs: T0 + 1000,
      hrBpm: 60,
      rmssdMs: 42.123456,
      lnRmssd: Math.log(42.123456),
      sdnnMs: null,
      respRateBpm: 6.1,
      arousalScore: -0.5,
      arousalState: 'optimal',
      quality: 'good'
    })
    const detail = { text: 'a, "b"\nc', n: 1 }
    rec.recordEvent(T0 + 1500, 'note', detail)
    rec.recordRaw(T0 + 5, 'hr', new Uint8Array([0x16, 0x3c, 0x11, 0x04]))
    await rec.close({ endMs: T0 + 2000 })

    expect(pythonReadCsv(join(rec.dir, 'balance.csv'))[1]).toEqual([
      '0.01',
      '2026-01-01T09:00:00.010Z',
      '1.5',
      '2',
      '3.25',
      '4',
      '10.75',
      '-12.35',
      '0.3'
    ])
    expect(pythonReadCsv(join(rec.dir, 'beats.csv'))[1]).toEqual([
      '0.02',
      '2026-01-01T09:00:00.020Z',
      '1000',
      '',
      '',
      '60'
    ])
    const events = pythonReadCsv(join(rec.dir, 'events.csv'))
    expect(events[1]!.slice(2)).toEqual(['gap', '{"channel":"heart","reason":"link-lost","fromS":0,"toS":2}'])
    expect(JSON.parse(events[2]![3]!)).toEqual(detail)
    expect(pythonReadCsv(join(rec.dir, 'metrics.csv'))[1]).toEqual([
      '1',
      '2026-01-01T09:00:01.000Z',
      '60',
      '42.123',
      '3.7406',
      '',
      '6.1',
      '-0.5',
      'optimal',
      'good'
    ])
    expect(parseRawLog(await readFile(join(rec.dir, 'raw.log'), 'utf8')).packets).toEqual([
      { tMs: 5, device: 'hr', bytes: new Uint8Array([0x16, 0x3c, 0x11, 0x04]) }
    ])
  })

  it('closes: end time, stats, no lock, sessions.csv row; later records are ignored', async () => {
    const clock = new ManualClock(T0)
    const rec = await start(clock)
    rec.updateMeta({ task: 'Read chapter 3, "Kinetics"', extraField: { kept: true } })
    rec.recordEvent(T0 + 100, 'drill-trial', { errors: 2 })
    rec.recordEvent(T0 + 200, 'error', 'boom')
    rec.recordBeatClean({ tMs: T0 + 300, rrMs: 900, rrCleanMs: null, artifact: 'missed', hrBpm: null })
    clock.advance(90_000)
    const meta = await rec.close()
    rec.recordEvent(T0 + 999_999, 'note', 'too late')
    expect(meta.endUtc).toBe('2026-01-01T09:01:30.000Z')
    expect(meta.endReason).toBe('closed')
    expect(await readdir(rec.dir)).not.toContain('recording.lock')
    const onDisk = parseSessionMeta(await readFile(join(rec.dir, 'session.json'), 'utf8'))
    expect(onDisk.ok && onDisk.meta.extraField).toEqual({ kept: true })
    expect(onDisk.ok && onDisk.meta.stats).toMatchObject({
      rows: { events: 2, beats: 1 },
      artifacts: 1,
      drillErrors: 2
    })
    const index = pythonReadCsv(join(root, 'sessions.csv'))
    const row = Object.fromEntries(index[0]!.map((k, i) => [k, index[1]![i]]))
    expect(row).toMatchObject({
      id: 'S1',
      duration_s: '90',
      task: 'Read chapter 3, "Kinetics"',
      // 2 drill errors + 1 "I made an error" mark from the timer.
      errors: '3',
      drill_errors: '2',
      timer_errors: '1',
      beats: '1',
      artifacts: '1'
    })
    expect(pythonReadCsv(join(rec.dir, 'events.csv'))).toHaveLength(3)
  })
})
