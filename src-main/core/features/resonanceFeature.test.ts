/**
 * The resonance assessment on the real core with the simulated person (ManualClock): main times
 * the steps, the simulated person breathes with each step's pacer, the rate chosen is the
 * person's own, and everything is recorded in the session and saved in resonance.json.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { seededResonanceBpm } from '../../devices/sim/simulatedHeart'
import { pacedBreathPattern } from '../../shared/breathing'
import type { Notice, ResonanceSnapshot } from '../../shared/contract'
import { RESONANCE_FILE, loadResonance } from '../../session/resonanceStore'
import { pythonReadCsv } from '../../session/testSupport/pythonCsv'
import { coreRig, disposeCoreRigs, type CoreRigOptions } from '../testSupport/coreRig'
import { historyFeature } from './historyFeature'
import { resonanceFeature } from './resonanceFeature'
import { sessionFeature } from './sessionFeature'

afterEach(disposeCoreRigs)

const flush = (): Promise<void> => new Promise((r) => setImmediate(r))

/** Lets real file I/O run (the clock stands still) until `done` holds, at most ~5 s. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 10))
  if (!done()) throw new Error('timed out waiting for the files')
}

/** A CSV file's rows as objects keyed by the header (read by Python's csv module). */
function table(path: string): Record<string, string>[] {
  const [header, ...rows] = pythonReadCsv(path)
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])))
}

async function started(seed: number, options: CoreRigOptions = {}) {
  const rig = coreRig({
    prefix: 'limbic-reso-',
    features: [sessionFeature, historyFeature, resonanceFeature],
    simulator: { seed },
    ...options
  })
  await rig.settle(rig.core.start())
  // The simulated strap streams for a while before the test begins (the artefact cleaner warms up).
  await runS(rig, 20)
  return rig
}

/** Simulated seconds in 1 s steps, letting the recorder's writes run. */
async function runS(rig: { clock: { advance(ms: number): void } }, seconds: number): Promise<void> {
  for (let i = 0; i < seconds; i++) {
    rig.clock.advance(1000)
    await flush()
  }
}

const states = (rig: { events(name: 'resonance:state'): unknown[] }): ResonanceSnapshot[] =>
  rig.events('resonance:state') as ResonanceSnapshot[]

describe('resonance feature', () => {
  it("runs the whole assessment, finds the simulated person's rate, records and saves it", async () => {
    // Seed 4's person resonates at 5.59/min, near one of the test's rates (the statistics over 40
    // seeds, some resonating half-way between two rates, are in signal/resonance.test.ts).
    const seed = 4
    const rig = await started(seed)
    const before = await rig.h['resonance:snapshot']()
    expect(before.status).toBe('idle')
    expect(before.personRateBpm).toBeNull()

    const first = await rig.h['resonance:start']()
    expect(first.status).toBe('step')
    expect(first.step).toMatchObject({ index: 0, breathsPerMin: 6.5, attempt: 1, startMs: rig.clock.now() })
    // Starting again while one runs changes nothing.
    expect((await rig.h['resonance:start']()).id).toBe(first.id)

    await runS(rig, 120)
    const resting = await rig.h['resonance:snapshot']()
    expect(resting.status).toBe('rest')
    expect(resting.attempts).toHaveLength(1)
    expect(resting.restUntilMs).toBe(first.step!.endMs + 20_000)

    // 5 steps of 120 s, 4 rests of 20 s, and a repeat (140 s) now and then.
    for (let i = 0; i < 15 && (await rig.h['resonance:snapshot']()).status !== 'done'; i++)
      await runS(rig, 60)
    const done = await rig.h['resonance:snapshot']()
    expect(done.status).toBe('done')
    const record = done.record!
    expect(record.completed).toBe(true)
    expect(record.result?.status).not.toBe('none')
    expect(Math.abs(record.result!.rateBpm! - seededResonanceBpm(seed))).toBeLessThanOrEqual(0.25)
    expect(done.personRateBpm).toBe(record.result!.rateBpm)
    expect(
      record.attempts.map((a) => a.run.breathsPerMin).filter((r, i, all) => all.indexOf(r) === i)
    ).toEqual([6.5, 6.0, 5.5, 5.0, 4.5])
    // The screen heard every change.
    expect(states(rig).map((s) => s.status)).toContain('rest')
    expect(states(rig).at(-1)!.status).toBe('done')

    // Saved, and the person's rate is what the coherence is computed at.
    await until(() => existsSync(join(rig.userDataDir, RESONANCE_FILE)))
    const saved = await loadResonance(rig.userDataDir, rig.clock.now())
    expect(saved.records.map((r) => r.id)).toEqual([record.id])
    const coherence = await rig.h['resonance:coherence']()
    expect(coherence.pacerBpm).toBe(record.result!.rateBpm)
    expect(coherence.coherence).not.toBeNull()

    // Recorded in the session opened for it, which ended with it.
    const sessionDir = join(rig.userDataDir, 'sessions', record.sessionId!)
    await until(() => !existsSync(join(sessionDir, 'recording.lock')))
    const meta = JSON.parse(readFileSync(join(sessionDir, 'session.json'), 'utf8'))
    expect(meta.endUtc).not.toBeNull()
    const events = table(join(sessionDir, 'events.csv')).filter((e) => e.type === 'resonance')
    const phases = events.map((e) => JSON.parse(e.detail!).phase)
    expect(phases[0]).toBe('start')
    expect(phases.filter((p) => p === 'step-end')).toHaveLength(record.attempts.length)
    expect(phases.at(-1)).toBe('result')
    const rows = table(join(sessionDir, 'resonance.csv'))
    const steps = rows.filter((r) => r.row === 'step')
    expect(steps).toHaveLength(record.attempts.length)
    expect(Number(steps[0]!.rate_bpm)).toBe(6.5)
    expect(Number(steps[0]!.swing_bpm)).toBeCloseTo(record.attempts[0]!.analysis.swingBpm!, 2)
    const pacer = rows.filter((r) => r.row === 'pacer' && r.step === '1' && r.attempt === '1')
    // 120 s at 6.5/min: 13 inhales (the last one cut short by the step's end).
    expect(pacer.filter((r) => r.pacer_phase === 'inhale')).toHaveLength(13)
    expect(Number(pacer[0]!.duration_s)).toBeCloseTo((60 / 6.5) * 0.4, 3)
    const result = rows.filter((r) => r.row === 'result')
    expect(result).toHaveLength(1)
    expect(Number(result[0]!.rate_bpm)).toBe(record.result!.rateBpm)

    const history = await rig.h['resonance:history']()
    expect(history.records[0]!.id).toBe(record.id)
    expect(history.personRateBpm).toBe(record.result!.rateBpm)
  }, 60_000)

  it('cancelling keeps the steps done; a re-test after it starts from the first rate', async () => {
    const rig = await started(5, { settings: { resonance: { stepS: 8, restS: 3 } } })
    const a = await rig.h['resonance:start']()
    await runS(rig, 9)
    const rest = await rig.h['resonance:snapshot']()
    expect(rest.status).toBe('rest')
    // 8 s cannot be analysed: the step is repeated.
    expect(rest.attempts[0]!.analysis.problems).toContain('too-short')
    expect(rest.step).toMatchObject({ breathsPerMin: 6.5, attempt: 2 })
    const skipped = await rig.h['resonance:skip-rest']()
    expect(skipped.status).toBe('step')
    expect(skipped.step!.startMs).toBe(rig.clock.now())
    await runS(rig, 3)
    const cancelled = await rig.h['resonance:cancel']()
    expect(cancelled.status).toBe('cancelled')
    expect(cancelled.record?.completed).toBe(false)
    expect(cancelled.record?.attempts).toHaveLength(1)
    expect(cancelled.personRateBpm).toBeNull()
    const sessionDir = join(rig.userDataDir, 'sessions', cancelled.record!.sessionId!)
    await until(
      () =>
        existsSync(join(rig.userDataDir, RESONANCE_FILE)) && !existsSync(join(sessionDir, 'recording.lock'))
    )
    const saved = JSON.parse(readFileSync(join(rig.userDataDir, RESONANCE_FILE), 'utf8'))
    expect(saved.records).toHaveLength(1)
    expect(saved.records[0].id).toBe(a.id)
    const rows = table(join(sessionDir, 'resonance.csv'))
    expect(rows.map((r) => r.row).at(-1)).toBe('cancel')
    // The stopped step's pacer phases up to the cancel are there.
    expect(rows.some((r) => r.row === 'pacer' && r.attempt === '2')).toBe(true)

    const b = await rig.h['resonance:start']()
    expect(b.id).not.toBe(a.id)
    expect(b.step).toMatchObject({ index: 0, attempt: 1 })
    expect(b.attempts).toEqual([])
  }, 30_000)

  it("resonance breathing: coherence at the person's rate, recorded in the open session at most every 10 s", async () => {
    const rig = await started(4)
    const empty = await rig.h['resonance:coherence']()
    expect(empty.pacerBpm).toBe(6) // before any test
    const { id } = await rig.h['session:start']()
    // The simulated person breathes at 6/min (what the pacer asks before any test).
    rig.core.simulator()?.followPattern(pacedBreathPattern(4000, 6000))
    await runS(rig, 70)
    const readings = []
    for (let i = 0; i < 8; i++) {
      readings.push(await rig.h['resonance:coherence']())
      await runS(rig, 2)
    }
    for (const r of readings) {
      expect(r.pacerBpm).toBe(6)
      expect(r.coherence).toBeGreaterThan(0.5)
    }
    await rig.h['session:end']()
    const dir = join(rig.userDataDir, 'sessions', id)
    await until(() => !existsSync(join(dir, 'recording.lock')))
    const recorded = table(join(dir, 'events.csv'))
      .filter((e) => e.type === 'resonance')
      .map((e) => JSON.parse(e.detail!))
    // 16 s of asking every 2 s: 2 records, 10 s apart.
    expect(recorded.map((d) => d.phase)).toEqual(['coherence', 'coherence'])
    expect(recorded[0].coherence).toBeCloseTo(readings[0]!.coherence!, 3)
  }, 30_000)

  it('one thing at a time: no check-in, practice or drill during the test, and no test during a check-in', async () => {
    // Every feature of the app (the session engine with its check-ins included).
    const rig = await started(6, { features: undefined })
    const test = await rig.h['resonance:start']()
    expect(test.status).toBe('step')
    await expect(rig.h['flow:start-check-in']({ kind: 'check-in' })).rejects.toThrow(
      /Cannot start a check-in during the resonance test/
    )
    await expect(rig.h['flow:choose-protocol']({ protocol: 'sigh', dose: 'full' })).rejects.toThrow(
      /during the resonance test/
    )
    await expect(rig.h['drill:begin']()).rejects.toThrow(/Cannot start the drill during the resonance test/)
    expect((await rig.h['session:snapshot']()).flow.step).toBe('start')
    // Stopped, the check-in may start; then the test waits for it.
    await rig.h['resonance:cancel']()
    const checkIn = await rig.h['flow:start-check-in']({ kind: 'check-in' })
    expect(checkIn.flow.step).toBe('measuring')
    await expect(rig.h['resonance:start']()).rejects.toThrow(
      /Cannot start the resonance test during the check-in/
    )
    expect((await rig.h['resonance:snapshot']()).status).toBe('cancelled')
  }, 30_000)

  it('quitting mid-test saves it as stopped, with the steps it finished', async () => {
    const rig = await started(5, { settings: { resonance: { stepS: 6, restS: 2 } } })
    const a = await rig.h['resonance:start']()
    await runS(rig, 10) // step 1 done, step 2 (its repeat) under way
    await rig.dispose()
    const saved = await loadResonance(rig.userDataDir, rig.clock.now())
    expect(saved.records.map((r) => [r.id, r.completed, r.attempts.length])).toEqual([[a.id, false, 1]])
  }, 30_000)

  it('an unreadable resonance.json is set aside with a notice; new results are saved again', async () => {
    const rig0 = coreRig({ prefix: 'limbic-reso-' })
    const dir = rig0.userDataDir
    await rig0.dispose()
    writeFileSync(join(dir, RESONANCE_FILE), 'not json')
    const rig = await started(5, { userDataDir: dir, settings: { resonance: { stepS: 5, restS: 0 } } })
    const notice = (rig.events('app:notice') as Notice[]).find((n) => n.kind === 'resonance-reset')
    expect(notice?.backupPath).toMatch(/resonance\.json\.corrupt-.*\.bak$/)
    expect(readFileSync(notice!.backupPath, 'utf8')).toBe('not json')
    expect((await rig.h['resonance:history']()).records).toEqual([])
    await rig.h['resonance:start']()
    await runS(rig, 60)
    expect((await rig.h['resonance:snapshot']()).status).toBe('done')
    await until(() => existsSync(join(dir, RESONANCE_FILE)))
    expect(readdirSync(dir).filter((f) => f.startsWith(RESONANCE_FILE))).toHaveLength(2)
  }, 30_000)
})
