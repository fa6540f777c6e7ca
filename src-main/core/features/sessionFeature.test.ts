import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { BeatSample } from '../../devices/dataSource'
import type { EventPayloads } from '../../shared/contract'
import type { LiveMetrics } from '../../shared/arousal'
import { pythonReadCsv } from '../../session/testSupport/pythonCsv'
import { parseRawLog } from '../../session/rawLog'
import { coreRig, disposeCoreRigs, RIG_T0, rigTempDir } from '../testSupport/coreRig'
import type { FeatureContext, FeatureFactory } from './featureContext'
import { ManualLive } from '../testSupport/manualLive'
import { createSessionFeature, sessionFeature } from './sessionFeature'
import { historyFeature } from './historyFeature'
import { FullDisk } from '../../session/testSupport/fullDisk'
import { FEATURE_FACTORIES } from './index'

const T0 = RIG_T0

afterEach(disposeCoreRigs)

/** A core (not started) with the session feature, or `features`, and a probe capturing its context. */
function build(userDataDir?: string, features?: FeatureFactory[], manualLive = false) {
  let captured: FeatureContext | null = null
  let live: ManualLive | null = null
  const probe: FeatureFactory = (ctx) => {
    captured = ctx
    return { handlers: {} }
  }
  const rig = coreRig({
    prefix: 'limbic-sessfeat-',
    userDataDir,
    features: [...(features ?? [sessionFeature, historyFeature]), probe],
    simulator: { seed: 7 },
    ...(manualLive ? { live: (ctx) => (live = new ManualLive(ctx)) } : {})
  })
  return { ...rig, ctx: () => captured!, live: () => live! }
}

/** Let queued file I/O run (the recorder writes asynchronously). */
const settle = () => new Promise((r) => setTimeout(r, 20))

describe('session feature through createAppCore with the simulator', () => {
  it('records a session: beats once each in order, cleaned rows merged, hr, metrics, events, meta', async () => {
    const b = build(undefined, undefined, true)
    b.settings.update({ recording: { rawCapture: true } })
    await b.core.start()
    const started = await b.core.handlers['session:start']()
    expect(started.startUtc).toBe(new Date(T0).toISOString())
    expect(b.ctx().session().activeId()).toBe(started.id)

    // The live signal, by hand: judges every third beat right away, and reports metrics.
    const beats: BeatSample[] = []
    const sink = b.ctx().session()
    expect(sink.isOpen()).toBe(true)
    b.ctx().onSample((s) => {
      if (s.type !== 'beat') return
      beats.push(s)
      if (s.seq % 3 === 0)
        b.live().judged({
          tMs: s.tMs,
          rrMs: s.rrMs,
          cleanRrMs: s.rrMs + 1,
          cleanParts: 1,
          artifact: 'ectopic'
        })
    })
    for (let i = 0; i < 30; i++) {
      b.clock.advance(1000)
      const m: LiveMetrics = {
        tMs: b.clock.now(),
        hrBpm: 62.5,
        rmssdMs: 40 + i,
        lnRmssd: Math.log(40 + i),
        sdnnMs: 50,
        respRateBpm: 6,
        respConfidence: 0.9,
        artifactRate: 0,
        quality: 'good',
        arousal: { state: 'optimal', score: 0.25, confidence: 0.8, reasons: [] }
      }
      b.live().metrics(m)
      await settle()
    }
    // The features record through the sink (the renderer no longer writes events or meta).
    sink.event(b.clock.now(), 'protocol-start', { chosen: 'sigh' })
    sink.event(b.clock.now(), 'reflection', { text: 'went "well", mostly' })
    sink.update({ task: 'Chapter 4', gate: { outcome: 'optimal', atUtc: 'x' } })
    await b.core.handlers['session:end']()
    expect(sink.activeId()).toBeNull()
    expect(sink.isOpen()).toBe(false)

    const dir = join(b.userDataDir, 'sessions', started.id)
    const beatRows = pythonReadCsv(join(dir, 'beats.csv'))
    expect(beatRows[0]).toEqual(['t_s', 'utc', 'rr_ms', 'rr_clean_ms', 'artifact', 'hr_bpm'])
    expect(beats.length).toBeGreaterThan(20)
    // One row per beat, in order, the same RR; cleaned beats carry their clean value.
    expect(beatRows.length - 1).toBe(beats.length)
    // The very first cleaned row arrives after its raw beat was written (no cleaner was active
    // yet, so nothing waited); from then on raw beats wait for their cleaned rows.
    const firstCleaned = beats.findIndex((beat) => beat.seq % 3 === 0)
    beats.forEach((beat, i) => {
      const row = beatRows[i + 1]!
      expect(Number(row[0])).toBeCloseTo((beat.tMs - T0) / 1000, 3)
      expect(Number(row[2])).toBe(beat.rrMs)
      if (beat.seq % 3 === 0 && i !== firstCleaned)
        expect(row.slice(3, 5)).toEqual([String(beat.rrMs + 1), 'ectopic'])
      else expect(row.slice(3, 5)).toEqual(['', ''])
    })
    const hrRows = pythonReadCsv(join(dir, 'hr.csv'))
    expect(hrRows.length).toBeGreaterThan(25)
    const metrics = pythonReadCsv(join(dir, 'metrics.csv'))
    expect(metrics).toHaveLength(31)
    expect(metrics[1]!.slice(2)).toEqual(['62.5', '40', '3.6889', '50', '6', '0.25', 'optimal', 'good'])
    const events = pythonReadCsv(join(dir, 'events.csv')).slice(1)
    expect(events.map((e) => e[2])).toEqual(
      expect.arrayContaining(['device', 'protocol-start', 'reflection'])
    )
    const meta = JSON.parse(await readFile(join(dir, 'session.json'), 'utf8'))
    expect(meta).toMatchObject({
      id: started.id,
      appVersion: '9.9.9',
      task: 'Chapter 4',
      reflection: 'went "well", mostly',
      gate: { outcome: 'optimal' },
      endReason: 'closed',
      rawCapture: true,
      baseline: { source: 'population' },
      devices: [{ kind: 'simulator', simulated: true }]
    })
    // Raw capture: the simulator's 0x2A37 bytes, one line per notification.
    const raw = parseRawLog(await readFile(join(dir, 'raw.log'), 'utf8'))
    expect(raw.problems).toEqual([])
    expect(raw.packets.length).toBe(hrRows.length - 1)
    expect(raw.packets.every((p) => p.device === 'hr' && p.bytes.length >= 2)).toBe(true)
  })

  it('start -> events -> end, then history:list and history:load show it', async () => {
    const b = build()
    // A personal baseline from an earlier day: the session records it as the one used.
    await writeFile(
      join(b.userDataDir, 'baseline.json'),
      JSON.stringify({
        version: 1,
        measurements: [
          { endedUtc: '2026-11-22T08:00:00Z', kind: 'baseline', hrBpm: 58, lnRmssd: 4.1, respRateBpm: 12 }
        ]
      })
    )
    await b.core.start()
    const { id } = await b.core.handlers['session:start']()
    b.clock.advance(5000)
    const sink = b.ctx().session()
    sink.event(b.clock.now(), 'protocol-start', { chosen: 'sigh' })
    b.clock.advance(60_000)
    sink.event(b.clock.now(), 'protocol-end', { name: 'sigh', plannedS: 60, doneS: 60, completed: true })
    sink.update({ protocolDone: { name: 'sigh', plannedS: 60, doneS: 60, completed: true } })
    b.clock.advance(5000)
    // While recording, the list already shows the session as recording.
    const during = await b.core.handlers['history:list']()
    expect(during.find((s) => s.id === id)).toMatchObject({ endUtc: null, recording: true })
    await expect(b.core.handlers['history:delete']({ id })).rejects.toThrow(/being recorded/)
    await b.core.handlers['session:end']()
    const list = await b.core.handlers['history:list']()
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ id, durationS: 70, protocol: 'sigh', problem: null })
    const detail = await b.core.handlers['history:load']({ id })
    expect((detail.meta as { baseline: unknown }).baseline).toMatchObject({
      source: 'personal',
      measurements: 1,
      hrBpm: 58
    })
    expect(detail.beats).toBeGreaterThan(60)
    expect(detail.heart.tS.length).toBe(detail.beats)
    expect(detail.spans).toEqual([{ kind: 'protocol', label: 'sigh', fromS: 5, toS: 65 }])
    expect(detail.events.map((e) => e.type)).toContain('device')
  })

  it('with the real app features (the live cleaner): one row per beat, judged rows merged', async () => {
    const b = build(undefined, FEATURE_FACTORIES)
    await b.core.start()
    const beats: BeatSample[] = []
    b.ctx().onSample((s) => s.type === 'beat' && beats.push(s))
    const { id } = await b.core.handlers['session:start']()
    for (let i = 0; i < 120; i++) {
      b.clock.advance(1000)
      if (i % 10 === 0) await settle()
    }
    await b.core.handlers['session:end']()
    const rows = pythonReadCsv(join(b.userDataDir, 'sessions', id, 'beats.csv')).slice(1)
    expect(rows.length).toBe(beats.length)
    rows.forEach((r, i) => expect(Number(r[2])).toBe(beats[i]!.rrMs))
    // The cleaner judges a beat 5 beats later (after a 30-beat warm-up): nearly every row after
    // the warm-up carries its judged value, the last few (never judged) are raw.
    const judged = rows.filter((r) => r[3] !== '' || r[4] !== '').length
    expect(judged).toBeGreaterThan(rows.length - 45)
    const meta = JSON.parse(await readFile(join(b.userDataDir, 'sessions', id, 'session.json'), 'utf8'))
    expect(meta.stats.rows.metrics).toBeGreaterThan(60)
  })

  it('writes raw beats when no cleaner ever speaks, and closes an open session on dispose', async () => {
    const b = build()
    await b.core.start()
    const { id } = await b.core.handlers['session:start']()
    b.clock.advance(10_000)
    await settle()
    // Within a flush interval the rows are on disk although the session is still open.
    const dir = join(b.userDataDir, 'sessions', id)
    const open = pythonReadCsv(join(dir, 'beats.csv'))
    expect(open.length).toBeGreaterThan(5)
    await b.dispose()
    const meta = JSON.parse(await readFile(join(dir, 'session.json'), 'utf8'))
    expect(meta.endReason).toBe('closed')
    expect(meta.stats.rows.beats).toBeGreaterThanOrEqual(open.length - 1)
  })

  it('recovers an unfinished session at launch and says so in an app:notice', async () => {
    const userDataDir = rigTempDir('limbic-sessfeat-')
    const dir = join(userDataDir, 'sessions', '20261123-070000-abcd')
    await mkdir(dir, { recursive: true })
    const startMs = Date.UTC(2026, 10, 23, 7, 0, 0)
    await writeFile(
      join(dir, 'session.json'),
      JSON.stringify({
        id: '20261123-070000-abcd',
        startMs,
        startUtc: new Date(startMs).toISOString(),
        endUtc: null
      })
    )
    await writeFile(join(dir, 'recording.lock'), JSON.stringify({ pid: 999999999 }))
    await writeFile(
      join(dir, 'hr.csv'),
      't_s,utc,strap_hr_bpm,contact,energy_kj\r\n12.5,2026-11-23T07:00:12.500Z,60,detected,\r\n13.5,2026-11-23T07:00:1'
    )
    const b = build(userDataDir)
    await b.core.start()
    const notice = b.emitted.find((e) => e.event === 'app:notice')?.payload as EventPayloads['app:notice']
    expect(notice).toMatchObject({ kind: 'sessions-recovered', sessions: ['20261123-070000-abcd'] })
    expect(notice.reason).toMatch(/1 unfinished session was closed/)
    // Kept for a window that loads after launch.
    expect(await b.core.handlers['app:notices']()).toContainEqual(notice)
    const meta = JSON.parse(await readFile(join(dir, 'session.json'), 'utf8'))
    expect(meta).toMatchObject({ endReason: 'recovered', endUtc: '2026-11-23T07:00:12.500Z' })
  })

  it('a full disk during recording: a notice says it paused, the same notice says it resumed, nothing is lost', async () => {
    const disk = new FullDisk()
    const unhandled: unknown[] = []
    const onUnhandled = (r: unknown) => unhandled.push(r)
    process.on('unhandledRejection', onUnhandled)
    try {
      const b = build(undefined, [(ctx) => createSessionFeature(ctx, { fs: disk.fs })])
      await b.core.start()
      const { id } = await b.core.handlers['session:start']()
      let beatsSeen = 0
      b.ctx().onSample((smp) => {
        if (smp.type === 'beat') beatsSeen++
      })
      const notices = async () =>
        (await b.core.handlers['app:notices']()).filter((n) => n.id === `recording-${id}`)
      for (let i = 0; i < 5; i++) {
        b.clock.advance(1000)
        await settle()
      }
      disk.freeBytes = 0
      for (let i = 0; i < 20 && (await notices()).length === 0; i++) {
        b.clock.advance(1000)
        await settle()
      }
      expect(await notices()).toEqual([
        expect.objectContaining({ kind: 'recording-paused', errorCode: 'ENOSPC', droppedRows: 0 })
      ])
      for (let i = 0; i < 20; i++) {
        b.clock.advance(1000)
        await settle()
      }
      disk.freeBytes = Infinity
      for (let i = 0; i < 20 && (await notices())[0]!.kind === 'recording-paused'; i++) {
        b.clock.advance(1000)
        await settle()
      }
      expect(await notices()).toEqual([
        expect.objectContaining({ kind: 'recording-resumed', droppedRows: 0 })
      ])
      const pushed = b.emitted
        .filter((e) => e.event === 'app:notice')
        .map((e) => (e.payload as { kind: string }).kind)
      expect(pushed).toEqual(['recording-paused', 'recording-resumed'])
      await b.core.handlers['session:end']()
      // Every beat of the ~45 s is in beats.csv, once, in order (none lost while the disk was full).
      const dir = join(b.userDataDir, 'sessions', id)
      const times = pythonReadCsv(join(dir, 'beats.csv'))
        .slice(1)
        .map((r) => Number(r[0]))
      expect(beatsSeen).toBeGreaterThan(30)
      expect(times).toHaveLength(beatsSeen)
      expect(times).toEqual([...times].sort((x, y) => x - y))
      expect(new Set(times).size).toBe(times.length)
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })
})
