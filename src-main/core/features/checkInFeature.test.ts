/**
 * The check-in feature driven through the real app core: the simulator's heart (0x2A37 bytes ->
 * parser -> beats) -> artefact correction -> HRV / respiration -> arousal against a baseline the
 * same simulated person measured at rest. A ManualClock runs minutes of simulated time in
 * milliseconds of test time.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../../devices/clock'
import type { SimulatedHeartOptions } from '../../devices/sim/simulatedHeart'
import type { CheckInKind, CheckInResult, LiveMetrics, SelfReport } from '../../shared/arousal'
import { breathsPerMinute, sighPattern, spontaneousPattern } from '../../shared/breathing'
import type { BeatRow } from '../../session/tables'
import { coreRig, disposeCoreRigs, RIG_T0, rigTempDir } from '../testSupport/coreRig'
import {
  CHECKIN_SETTLING_MS,
  MIN_JUDGEABLE_S,
  checkInDurationS,
  checkInFeature,
  effectiveArtifactRate
} from './checkInFeature'
import {
  NO_SESSION,
  type CheckIns,
  type FeatureContext,
  type FeatureFactory,
  type SessionSink
} from './featureContext'
import type { Sample } from '../../devices/dataSource'
import { sessionFeature } from './sessionFeature'
import { createBaselineService } from './checkInBaseline'
import { createLiveFeature } from './liveFeature'

const T0 = RIG_T0

afterEach(disposeCoreRigs)

interface Recorded {
  beats: BeatRow[]
  metrics: LiveMetrics[]
  checkIns: CheckInResult[]
  events: { tMs: number; type: string; detail: unknown }[]
}

/** The check-ins main's session engine uses (no IPC channel: the screens send flow intents). */
function service(get: () => CheckIns) {
  return {
    start: ({ kind, durationS }: { kind: CheckInKind; durationS?: number }) => get().start(kind, durationS),
    finish: ({ id }: { id: string }) => get().finish(id),
    cancel: ({ id }: { id: string }) => get().cancel(id),
    progress: (id: string) => get().progress(id),
    selfReport: ({ id, report }: { id: string; report: SelfReport | null }) => get().selfReport(id, report)
  }
}

/** A feature that only looks: hands the test the check-ins the core offers its features. */
function checkInProbe() {
  let get: (() => CheckIns | null) | null = null
  const probe: FeatureFactory = (ctx) => {
    get = ctx.checkIns
    return { handlers: {} }
  }
  return { probe, ci: service(() => get!()!) }
}

async function build(opts: { userDataDir?: string; simulator?: SimulatedHeartOptions } = {}) {
  const rec: Recorded = { beats: [], metrics: [], checkIns: [], events: [] }
  // Stands in for the session feature: records what the check-in feature sends to the session.
  let checkIns: (() => CheckIns | null) | null = null
  const sessionProbe: FeatureFactory = (ctx) => {
    checkIns = ctx.checkIns
    const sink: SessionSink = {
      ...NO_SESSION,
      event: (tMs, type, detail) => rec.events.push({ tMs, type, detail }),
      checkIn: (r) => rec.checkIns.push(r),
      isOpen: () => true,
      activeId: () => 'probe'
    }
    // What the session feature takes from the live feature.
    ctx.live.onBeat((b) =>
      rec.beats.push({
        tMs: b.tMs,
        rrMs: b.rrMs,
        rrCleanMs: b.cleanRrMs,
        artifact: b.artifact,
        hrBpm: b.cleanRrMs !== null ? 60_000 / b.cleanRrMs : null
      })
    )
    ctx.live.onMetrics((m) => rec.metrics.push(m))
    return { handlers: {}, sessionSink: sink }
  }
  const { core, clock, h, emitted, userDataDir } = coreRig({
    prefix: 'limbic-checkin-',
    userDataDir: opts.userDataDir,
    features: [sessionProbe, checkInFeature],
    simulator: { seed: 42, ...opts.simulator }
  })
  await core.start()
  const ci = service(() => checkIns!()!)
  const run = (seconds: number) => clock.advance(seconds * 1000)
  const checkIn = async (kind: CheckInKind, durationS: number): Promise<CheckInResult> => {
    const { id } = await ci.start({ kind, durationS })
    run(durationS)
    return ci.finish({ id })
  }
  const sim = (arousal: number) => h['sim:control']({ arousal, immediately: true })
  return { core, clock, h, ci, run, checkIn, sim, rec, emitted, userDataDir }
}

describe('check-in feature with the simulated person', () => {
  it('rest -> baseline; rest optimal, wired high, flat low; the self-report is evidence, never a relabelling', async () => {
    const b = await build()
    expect(b.core.simulator()).not.toBeNull()
    b.run(30)

    // First use: the population baseline.
    expect(await b.h['baseline:get']()).toMatchObject({ source: 'population', measurements: 0 })
    const base = await b.checkIn('baseline', 120)
    expect(base.usable).toBe(true)
    expect(base.baselineSource).toBe('population')
    // The simulator's resting person (arousal 0.5): 78 bpm.
    expect(base.hrBpm!).toBeGreaterThan(74)
    expect(base.hrBpm!).toBeLessThan(82)
    const summary = await b.h['baseline:get']()
    expect(summary).toMatchObject({
      source: 'personal',
      measurements: 1,
      hrBpm: base.hrBpm,
      lnRmssd: base.lnRmssd,
      // One reading on one day: the start screen says "Calibrating: 1 of 5 (1 of 3 days)".
      calibration: { ready: false, readings: 1, readingsNeeded: 5, days: 1, daysNeeded: 3 }
    })

    // Same person at rest: optimal, confidently.
    b.run(20)
    const rest = await b.checkIn('check-in', 90)
    expect(rest.usable).toBe(true)
    expect(rest.baselineSource).toBe('personal')
    expect(rest.arousal!.state).toBe('optimal')
    expect(Math.abs(rest.arousal!.score)).toBeLessThan(1)
    expect(rest.arousal!.confidence).toBeGreaterThanOrEqual(0.5)

    // Wired (arousal 1): HR up ~22 bpm, RMSSD down -> high, with the reasons as numbers.
    b.sim(1)
    b.run(30)
    const wired = await b.checkIn('check-in', 90)
    expect(wired.usable).toBe(true)
    expect(wired.arousal!.state).toBe('high')
    expect(wired.arousal!.score).toBeGreaterThan(1)
    const hrReason = wired.arousal!.reasons.find((r) => r.kind === 'hr-vs-baseline')
    const rmssdReason = wired.arousal!.reasons.find((r) => r.kind === 'rmssd-vs-baseline')
    expect(hrReason && hrReason.kind === 'hr-vs-baseline' && hrReason.deltaBpm).toBeGreaterThan(12)
    expect(rmssdReason && rmssdReason.kind === 'rmssd-vs-baseline' && rmssdReason.deltaPct).toBeLessThan(-20)

    // Flat (arousal 0): HR down, RMSSD up -> low, and tired cannot be told from calm.
    b.sim(0)
    b.run(30)
    const flat = await b.checkIn('re-check', 90)
    expect(flat.usable).toBe(true)
    expect(flat.kind).toBe('re-check')
    expect(flat.arousal!.state).toBe('low')
    expect(flat.arousal!.score).toBeLessThan(-1)
    expect(flat.arousal!.reasons).toContainEqual({ kind: 'tired-vs-calm-ambiguous' })
    // Tired or calm: HRV alone cannot tell, so the words are a lean, whatever the calibration.
    expect(flat.verdict).toMatchObject({ kind: 'lean', state: 'low' })
    expect(flat.verdict!.why).toContain('tired-or-calm')
    // The report sits beside the measured state; the state itself never changes.
    const feelsFine = await b.ci.selfReport({ id: flat.id, report: 'fine' })
    expect(feelsFine.selfReport).toBe('fine')
    expect(feelsFine.arousal).toEqual(flat.arousal)
    expect(feelsFine.selfReportEvidence).toEqual({
      evidence: 'disagree',
      measured: 'low',
      felt: 'fine',
      messageKey: 'selfReport.disagree'
    })
    const feelsFlat = await b.ci.selfReport({ id: flat.id, report: 'flat' })
    expect(feelsFlat.arousal).toEqual(flat.arousal)
    expect(feelsFlat.selfReportEvidence).toMatchObject({ evidence: 'agree', measured: 'low', felt: 'flat' })
    const reports = b.rec.events.filter((e) => e.type === 'self-report').map((e) => e.detail)
    expect(reports.at(-1)).toMatchObject({ report: 'flat', measured: 'low', evidence: 'agree', state: 'low' })

    // Two resting readings on one day: still calibrating, so no verdict may be firm.
    for (const r of [rest, wired, flat]) {
      expect(r.calibration).toMatchObject({ ready: false, readingsNeeded: 5, daysNeeded: 3 })
      expect(r.verdict!.kind).toBe('lean')
      expect(r.verdict!.why).toContain('calibrating')
    }
    expect(base.calibration).toMatchObject({ ready: false, readings: 1, days: 1 })
    expect(rest.calibration).toMatchObject({ readings: 1 })
    expect(wired.calibration).toMatchObject({ readings: 2 })
    // Each window carries its uncertainty for the re-check.
    expect(wired.ended).toBe('enough')
    expect(wired.window!.hrSeBpm!).toBeGreaterThan(0)
    expect(wired.window!.hrSeBpm!).toBeLessThan(3)
    expect(wired.window!.lnRmssdSe!).toBeGreaterThan(0.02)
    expect(wired.window!.lnRmssdSe!).toBeLessThan(0.3)

    // Only the baseline and the calm check-in fed the personal baseline (not wired, not the re-check).
    expect((await b.h['baseline:get']()).measurements).toBe(2)

    // Everything went to the session: results, events, cleaned beats, metrics.
    // ...each self-report sends the result again (session.json replaces it by id).
    expect(b.rec.checkIns.map((r) => r.id)).toEqual([base.id, rest.id, wired.id, flat.id, flat.id, flat.id])
    expect(b.rec.checkIns.at(-1)).toMatchObject({ id: flat.id, selfReport: 'flat', arousal: flat.arousal })
    const finishes = b.rec.events.filter((e) => (e.detail as { phase?: string }).phase === 'finish')
    expect(finishes.map((e) => e.type)).toEqual(['check-in', 'check-in', 'check-in', 're-check'])
    expect(b.rec.events.filter((e) => e.type === 'self-report')).toHaveLength(2)
    // ~ (30+120+20+90+30+90+30+90) s of beats at 56-100 bpm, all judged but the last few.
    expect(b.rec.beats.length).toBeGreaterThan(500)
    expect(b.rec.beats.every((r, i) => i === 0 || r.tMs > b.rec.beats[i - 1]!.tMs)).toBe(true)
    expect(b.rec.metrics.length).toBeGreaterThan(400)

    // Figures for the report.
    console.info(
      JSON.stringify({
        baseline: { hr: base.hrBpm, rmssd: base.rmssdMs, resp: base.respRateBpm },
        rest: figures(rest),
        wired: figures(wired),
        flat: figures(flat)
      })
    )
  })

  it('live metrics about once a second: HR, RMSSD, breathing rate, quality, arousal with confidence rising after settling', async () => {
    const b = await build()
    b.run(90)
    const live = b.emitted.filter((e) => e.event === 'metrics:update').map((e) => e.payload as LiveMetrics)
    expect(live.length).toBeGreaterThanOrEqual(85)
    expect(live.length).toBeLessThanOrEqual(91)
    const last = live[live.length - 1]!
    expect(last.hrBpm!).toBeGreaterThan(70)
    expect(last.hrBpm!).toBeLessThan(86)
    expect(last.rmssdMs!).toBeGreaterThan(5)
    expect(last.lnRmssd!).toBeCloseTo(Math.log(last.rmssdMs!), 9)
    expect(last.respRateBpm).not.toBeNull()
    expect(last.quality).toBe('good')
    expect(last.arousal).not.toBeNull()
    // Settling first (confidence 0), then rising.
    expect(live[5]!.arousal!.confidence).toBe(0)
    expect(live[5]!.arousal!.reasons).toContainEqual({ kind: 'settling' })
    expect(last.arousal!.confidence).toBeGreaterThan(live[40]!.arousal!.confidence)
    // The same rows went to the session.
    expect(b.rec.metrics).toEqual(live)
  })

  it('breathing with a slow pacer: the check-in breathing rate is near the pacer rate', async () => {
    const b = await build()
    b.run(20)
    const pacer = sighPattern() // 2 s inhale, 1 s top-up, 6 s exhale: 6.67 breaths/min
    await b.h['sim:control']({ pattern: pacer })
    b.run(20)
    const r = await b.checkIn('re-check', 120)
    expect(r.usable).toBe(true)
    expect(r.respRateBpm).not.toBeNull()
    expect(Math.abs(r.respRateBpm! - breathsPerMinute(pacer))).toBeLessThan(1)
    // Back to spontaneous breathing at 12 /min. Not asserted: at spontaneous rates the simulated
    // heart's 0.1 Hz Mayer wave is larger than its RSA and the estimate often lands on 6 /min.
    await b.h['sim:control']({ pattern: spontaneousPattern(12) })
    b.run(20)
    const r2 = await b.checkIn('check-in', 120)
    console.info(
      JSON.stringify({ pacer: breathsPerMinute(pacer), measured: r.respRateBpm, spont12: r2.respRateBpm })
    )
  })

  it('unusable check-ins say why: too short, too noisy, no beats', async () => {
    const b = await build()
    b.run(30)
    const short = await b.checkIn('check-in', 25)
    expect(short.usable).toBe(false)
    expect(short.ended).toBe('too-short')
    expect(short.verdict).toMatchObject({ kind: 'none', messageKey: 'verdict.none' })
    expect(short.arousal!.confidence).toBe(0)
    expect(short.arousal!.reasons[0]).toEqual({ kind: 'settling' })
    // Issue 15: a 10 s check-in with good contact is too short - not "lost contact" (no beat is
    // past settling yet, which used to read as no contact).
    const tenS = await b.checkIn('check-in', 10)
    expect(tenS.ended).toBe('too-short')
    expect(tenS.arousal!.reasons[0]).toEqual({ kind: 'settling' })
    expect(tenS.quality).not.toBe('poor')

    // No beats: the source is switched off during the check-in.
    const { id } = await b.ci.start({ kind: 'check-in', durationS: 60 })
    await b.h['devices:disconnect']({ channel: 'heart' })
    b.run(60)
    const none = await b.ci.finish({ id })
    expect(none.usable).toBe(false)
    expect(none.ended).toBe('lost-contact')
    expect(none.quality).toBe('poor')
    expect(none.arousal!.reasons[0]).toEqual({ kind: 'no-contact' })
    expect((await b.h['baseline:get']()).measurements).toBe(0)

    // A strap that misses many beats, on a heart with many ectopic beats.
    const noisy = await build({ simulator: { ectopicProbability: 0.06, missedProbability: 0.1 } })
    noisy.run(30)
    const n = await noisy.checkIn('baseline', 90)
    expect(n.usable).toBe(false)
    expect(n.ended).toBe('too-noisy')
    expect(n.arousal!.reasons[0]).toMatchObject({ kind: 'too-noisy' })
    // The cleaner flags only part of it (many missed beats widen its thresholds); what it lets
    // through still jumps by > 20 %, which the feature counts too.
    const said = n.arousal!.reasons[0] as { artifactPct: number }
    expect(said.artifactPct).toBeGreaterThan(5)
    expect(n.quality).toBe('poor')
    // An unusable baseline does not become the baseline.
    expect((await noisy.h['baseline:get']()).source).toBe('population')
  })

  it("the live push carries the check-in's own artefact share and the quality word it maps to, as the result will", async () => {
    for (const [simulator, quality] of [
      [{ ectopicProbability: 0, missedProbability: 0 }, 'good'],
      [{ ectopicProbability: 0.06, missedProbability: 0.1 }, 'poor']
    ] as const) {
      const b = await build({ simulator })
      b.run(30)
      const { id } = await b.ci.start({ kind: 'check-in', durationS: 120 })
      b.run(5)
      // Still settling: nothing judged, so the screen has no share to show yet.
      expect(b.ci.progress(id)!.live.judgedBeats).toBe(0)
      b.run(50)
      const live = b.ci.progress(id)!.live
      expect(live.judgedBeats).toBeGreaterThan(30)
      expect(live.quality, JSON.stringify(simulator)).toBe(quality)
      expect(live.artifactRate > 0.05).toBe(quality === 'poor')
      const result = await b.ci.finish({ id })
      expect(result.artifactRate).toBe(live.artifactRate)
      expect(result.quality).toBe(live.quality)
    }
  })

  it('cancel drops a running check-in; finishing an unknown id is an error', async () => {
    const b = await build()
    const { id, startedMs } = await b.ci.start({ kind: 'check-in', durationS: 60 })
    expect(startedMs).toBe(T0)
    b.run(10)
    await b.ci.cancel({ id })
    expect(() => b.ci.finish({ id })).toThrow(/no running check-in/)
    expect(b.rec.events.map((e) => (e.detail as { phase: string }).phase)).toEqual(['start', 'cancel'])
    expect(() => b.ci.selfReport({ id: 'nope', report: 'fine' })).toThrow()
  })

  it('the baseline persists in baseline.json, survives a restart, resets; a corrupt file falls back to population', async () => {
    const b = await build()
    b.run(20)
    const base = await b.checkIn('baseline', 90)
    expect(base.usable).toBe(true)
    const file = join(b.userDataDir, 'baseline.json')
    const saved = JSON.parse(readFileSync(file, 'utf8'))
    expect(saved.version).toBe(1)
    expect(saved.measurements).toHaveLength(1)
    expect(saved.measurements[0].hrBpm).toBe(base.hrBpm)

    // A new app start reads it.
    const again = await build({ userDataDir: b.userDataDir })
    expect(await again.h['baseline:get']()).toMatchObject({ source: 'personal', measurements: 1 })
    expect(await again.h['baseline:reset']()).toMatchObject({ source: 'population', measurements: 0 })
    expect(JSON.parse(readFileSync(file, 'utf8')).measurements).toEqual([])

    // Corrupt: moved aside, population used, the problem reported; no crash.
    writeFileSync(file, '{"version":1,"measurements":[{"hrBpm":')
    const third = await build({ userDataDir: b.userDataDir })
    const s = await third.h['baseline:get']()
    expect(s.source).toBe('population')
    expect(s.problem?.kind).toBe('file-unreadable')
    expect(existsSync(s.problem!.backupPath)).toBe(true)
    expect(readdirSync(b.userDataDir).some((f) => f.startsWith('baseline.json.corrupt-'))).toBe(true)
    // ...and measuring again writes a fresh, valid file.
    third.run(20)
    expect((await third.checkIn('baseline', 90)).usable).toBe(true)
    expect(JSON.parse(readFileSync(file, 'utf8')).measurements).toHaveLength(1)
  })
})

describe('short check-ins and drop-outs', () => {
  it('a 45 s check-in (15 s settling + 30 s) of an aroused person is usable: the last beats count too', async () => {
    const b = await build({ simulator: { arousal: 0.92 } })
    b.run(20)
    const r = await b.checkIn('check-in', 45)
    expect(r.usable).toBe(true)
    expect(r.hrBpm!).toBeGreaterThan(90)
    // ~30 s of clean data: judged, but with low confidence.
    expect(r.arousal!.confidence).toBeGreaterThan(0)
    expect(r.arousal!.confidence).toBeLessThan(0.5)
  })

  it('first use (population baseline): wired person leans high; flat person and their report side by side', async () => {
    const wired = await build({ simulator: { seed: 11, arousal: 0.92 } })
    wired.run(20)
    const w = await wired.checkIn('check-in', 45)
    expect(w.usable).toBe(true)
    expect(w.baselineSource).toBe('population')
    expect(w.arousal!.state).toBe('high')
    expect(w.arousal!.reasons).toContainEqual({ kind: 'population-baseline' })
    const flat = await build({ simulator: { seed: 5, arousal: 0.08 } })
    flat.run(20)
    const f = await flat.checkIn('check-in', 45)
    expect(f.usable).toBe(true)
    expect(w.verdict).toMatchObject({ kind: 'lean', state: 'high', messageKey: 'verdict.lean.high' })
    expect(w.calibration).toMatchObject({ ready: false, readings: 0 })
    const said = await flat.ci.selfReport({ id: f.id, report: 'flat' })
    // What the body reads stays what it read; the feeling is recorded beside it.
    expect(said.arousal).toEqual(f.arousal)
    expect(said.selfReportEvidence).toMatchObject({ felt: 'flat', measured: f.arousal!.state })
    console.info(
      JSON.stringify({ populationWired: figures(w), populationFlat: figures(f), flatSaid: said.arousal })
    )
  })

  it('a drop-out inside a check-in is not bridged', async () => {
    // A hand-driven context: beats at 75 bpm with RSA, a 5 s drop-out, then 60 bpm.
    const clock = new ManualClock(T0)
    const userDataDir = rigTempDir('limbic-checkin-gap-')
    const listeners: ((s: Sample, id: string) => void)[] = []
    const base = {
      clock,
      emit: () => undefined,
      userDataDir,
      session: () => NO_SESSION,
      baseline: createBaselineService({ userDataDir, nowMs: () => clock.now(), notice: () => undefined }),
      onSample: (l: (s: Sample, id: string) => void) => {
        listeners.push(l)
        return () => undefined
      }
    } as unknown as FeatureContext
    const live = createLiveFeature(base)
    const feature = checkInFeature({ ...base, live })
    const send = (s: Sample) => listeners.forEach((l) => l(s, 'strap'))
    const rrs: number[][] = [[], []]
    let t = T0
    let seq = 0
    const beatsUntil = (endMs: number, meanRr: number, seg: number) => {
      while (t < endMs) {
        const rr = meanRr + 30 * Math.sin((2 * Math.PI * (t - T0)) / 5000)
        t += rr
        clock.advance(Math.max(0, t - clock.now()))
        if (t >= T0 + CHECKIN_SETTLING_MS) rrs[seg]!.push(rr)
        send({ type: 'beat', tMs: t, rrMs: rr, seq: seq++ })
      }
    }
    const { id } = await service(() => feature.checkIns!).start({ kind: 'check-in', durationS: 120 })
    beatsUntil(T0 + 60_000, 800, 0)
    send({ type: 'gap', tMs: t + 5000, channel: 'heart', fromMs: t, toMs: t + 5000, reason: 'link-lost' })
    t += 5000
    beatsUntil(T0 + 125_000, 1000, 1)
    const r = await service(() => feature.checkIns!).finish({ id })
    // RMSSD over both stretches without the difference across the gap.
    const diffs = rrs.flatMap((seg) => seg.slice(1).map((x, i) => x - seg[i]!))
    const expected = Math.sqrt(diffs.reduce((a, d) => a + d * d, 0) / diffs.length)
    expect(r.rmssdMs!).toBeCloseTo(expected, 0)
    expect(r.artifactRate).toBe(0)
    expect(r.usable).toBe(true)
    await feature.dispose?.()
    await live.dispose?.()
  })
})

describe('effectiveArtifactRate', () => {
  it('counts a premature beat and its compensatory pause once', () => {
    expect(effectiveArtifactRate({ judged: 50, flagged: 5, ectopic: 4 })).toBeCloseTo(3 / 50, 9)
    expect(effectiveArtifactRate({ judged: 50, flagged: 5, ectopic: 0 })).toBeCloseTo(5 / 50, 9)
    expect(effectiveArtifactRate({ judged: 50, flagged: 3, ectopic: 3 })).toBeCloseTo(2 / 50, 9)
    expect(effectiveArtifactRate({ judged: 0, flagged: 0, ectopic: 0 })).toBe(0)
  })
})

describe('with the real session feature', () => {
  it('the check-in lands in session.json, events.csv, beats.csv (cleaned) and metrics.csv', async () => {
    const { probe, ci } = checkInProbe()
    const { core, clock, h, userDataDir } = coreRig({
      prefix: 'limbic-checkin-sess-',
      features: [checkInFeature, sessionFeature, probe],
      simulator: { seed: 5, arousal: 0.7 }
    })
    await core.start()
    const session = await h['session:start']()
    const ioTurn = () => new Promise((r) => setTimeout(r, 2))
    const run = async (s: number) => {
      for (let i = 0; i < s; i++) {
        clock.advance(1000)
        await ioTurn()
      }
    }
    await run(20)
    const { id } = await ci.start({ kind: 'check-in', durationS: 90 })
    await run(90)
    const result = await ci.finish({ id })
    await ci.selfReport({ id, report: 'wired' })
    await h['session:end']()
    const dir = join(userDataDir, 'sessions', session.id)
    const meta = JSON.parse(readFileSync(join(dir, 'session.json'), 'utf8'))
    expect(meta.checkIns).toHaveLength(1)
    expect(meta.checkIns[0]).toMatchObject({ id, usable: result.usable, hrBpm: result.hrBpm })
    // The report is kept beside the measured state, which it did not change.
    expect(meta.checkIns[0]).toMatchObject({
      selfReport: 'wired',
      selfReportEvidence: { felt: 'wired', measured: result.arousal!.state },
      arousal: JSON.parse(JSON.stringify(result.arousal))
    })
    const events = readFileSync(join(dir, 'events.csv'), 'utf8')
    expect(events.split('\n').filter((l) => l.includes(',check-in,'))).toHaveLength(2) // start + finish
    const beats = readFileSync(join(dir, 'beats.csv'), 'utf8').trim().split('\n').slice(1)
    const cleaned = beats.filter((l) => l.split(',')[3] !== '')
    // HR ~87 bpm: past the cleaner's warm-up nearly every beat carries its cleaned interval.
    expect(beats.length).toBeGreaterThan(140)
    expect(cleaned.length / beats.length).toBeGreaterThan(0.6)
    const metrics = readFileSync(join(dir, 'metrics.csv'), 'utf8').trim().split('\n')
    expect(metrics.length).toBeGreaterThan(100)
  })
})

function figures(r: CheckInResult) {
  return {
    hr: r.hrBpm,
    rmssd: r.rmssdMs,
    resp: r.respRateBpm,
    art: r.artifactRate,
    state: r.arousal?.state,
    score: r.arousal?.score,
    conf: r.arousal?.confidence,
    reasons: r.arousal?.reasons
  }
}

describe('how long a measurement runs when main chooses', () => {
  it('the re-check is half the check-in but never shorter than main can judge, nor longer than the check-in', () => {
    expect(MIN_JUDGEABLE_S).toBe(50)
    expect(checkInDurationS('re-check', 90)).toBe(50)
    expect(checkInDurationS('re-check', 300)).toBe(150)
    expect(checkInDurationS('re-check', 60)).toBe(50)
    expect(checkInDurationS('re-check', 20)).toBe(20)
    expect(checkInDurationS('check-in', 120)).toBe(120)
    expect(checkInDurationS('baseline', 120)).toBe(120)
  })

  it('a check-in started without a length uses the settings and answers the length it chose', async () => {
    const { probe, ci } = checkInProbe()
    coreRig({
      prefix: 'limbic-checkin-len-',
      settings: { checkIn: { durationS: 120 } },
      features: [checkInFeature, probe]
    })
    expect((await ci.start({ kind: 'check-in' })).durationS).toBe(120)
    expect((await ci.start({ kind: 're-check' })).durationS).toBe(60)
    expect((await ci.start({ kind: 're-check', durationS: 30 })).durationS).toBe(30)
  })
})
