/**
 * The session flow as main runs it, through the real core and the real session recording; the
 * check-ins are a probe that answers the results each test needs (the check-in feature has its
 * own tests with the simulated person). Intents in, snapshots out, session.json and events.csv
 * written by main, flow.json kept, and a relaunch mid-flow going on where the person was.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ArousalState, CheckInKind, CheckInResult } from '../../shared/arousal'
import { result } from '../../shared/testSupport/checkInResult'
import type { CheckIns, FeatureFactory } from '../features/featureContext'
import { sessionFeature } from '../features/sessionFeature'
import { coreRig, disposeCoreRigs, rigTempDir } from '../testSupport/coreRig'
import { sessionEngineFeature } from './sessionEngine'
import { restoreFlow } from './flowEngine'

afterEach(disposeCoreRigs)

/** Check-ins that answer `states[kind]` and record what main asked of them. */
function probe(states: Partial<Record<CheckInKind, ArousalState>>) {
  const asked: string[] = []
  let n = 0
  const kinds = new Map<string, CheckInKind>()
  const starts = new Map<string, { startedMs: number; durationS: number }>()
  let now = (): number => 0
  const checkIns: CheckIns = {
    start: (kind, durationS) => {
      const id = `c${++n}`
      kinds.set(id, kind)
      asked.push(`start ${kind}${durationS === undefined ? '' : ` ${durationS}`}`)
      const started = { id, startedMs: now(), durationS: kind === 're-check' ? 50 : 90 }
      starts.set(id, started)
      return started
    },
    finish: (id): CheckInResult => {
      asked.push(`finish ${id}`)
      const kind = kinds.get(id)!
      return result(kind, states[kind] ?? 'optimal', true, id)
    },
    cancel: (id) => void asked.push(`cancel ${id}`),
    // Enough once its limit is reached (the check-in feature's own rule has its own tests).
    progress: (id) => {
      const s = starts.get(id)
      if (!s) return null
      const elapsedS = (now() - s.startedMs) / 1000
      const stop = elapsedS >= s.durationS
      return {
        stop,
        live: {
          id,
          elapsedS,
          limitS: s.durationS,
          reason: stop ? 'enough' : 'measuring',
          messageKey: stop ? 'checkIn.length.enough' : 'checkIn.length.measuring',
          extending: false,
          progress: Math.min(1, elapsedS / s.durationS),
          cleanS: Math.max(0, elapsedS - 15),
          minCleanS: 60,
          hrBpm: 80,
          rrMs: [750, 760],
          judgedBeats: 40,
          artifactRate: 0,
          quality: 'good'
        }
      }
    },
    selfReport: (id, report) => ({ ...result(kinds.get(id)!, 'low', true, id), selfReport: report })
  }
  const feature: FeatureFactory = (ctx) => {
    now = () => ctx.clock.now()
    return { handlers: {}, checkIns }
  }
  return { feature, asked }
}

async function launch(userDataDir: string, states: Partial<Record<CheckInKind, ArousalState>>) {
  const p = probe(states)
  const rig = coreRig({
    userDataDir,
    features: [sessionFeature, p.feature, sessionEngineFeature],
    simulator: { seed: 2 }
  })
  await rig.settle(rig.core.start())
  return { ...rig, asked: p.asked }
}

function onlySession(dir: string) {
  const root = join(dir, 'sessions')
  const ids = readdirSync(root, { withFileTypes: true }).filter(
    (d) => d.isDirectory() && !d.name.startsWith('.')
  )
  expect(ids).toHaveLength(1)
  const sdir = join(root, ids[0]!.name)
  return {
    meta: JSON.parse(readFileSync(join(sdir, 'session.json'), 'utf8')),
    events: readFileSync(join(sdir, 'events.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[2]!)
  }
}

describe('the flow in main', () => {
  it('over-aroused: check-in finished by main on time -> sigh -> main starts the re-check -> gate open', async () => {
    const dir = rigTempDir('limbic-flow-')
    const rig = await launch(dir, { 'check-in': 'high', 're-check': 'optimal' })
    const started = await rig.h['flow:start-check-in']({ kind: 'check-in' })
    expect(started.flow.step).toBe('measuring')
    // Main opened the session.
    expect(onlySession(dir).meta.endUtc).toBeNull()
    // Main finishes the check-in when its time is up (not before) and pushes the result.
    await rig.run(89_000)
    expect((await rig.h['session:snapshot']()).flow.step).toBe('measuring')
    await rig.run(2_000)
    const pushed = rig.events('session:state') as { flow: { step: string } }[]
    expect(pushed.at(-1)!.flow.step).toBe('result')
    const prescribed = await rig.h['flow:continue']()
    expect(prescribed.flow.prescription).toMatchObject({ state: 'high', prescribed: 'sigh', chosen: 'sigh' })
    expect((await rig.h['flow:choose-protocol']({ protocol: 'sigh', dose: 'full' })).flow.step).toBe(
      'breathing'
    )
    const rechecking = await rig.h['flow:protocol-ended']({
      name: 'sigh',
      plannedS: 297,
      doneS: 297,
      completed: true
    })
    expect(rechecking.flow.measuring?.kind).toBe('re-check')
    const gate = await rig.h['flow:finish-check-in']()
    expect(gate.flow.step).toBe('gate')
    // The probe's results carry no measured window: the completed sigh opens the gate, and the
    // reason says the change could not be measured (recheckFlow.test.ts measures real ones).
    expect(gate.flow.gate).toMatchObject({ open: true, outcome: 'protocol-completed' })
    expect(gate.flow.recheck).toMatchObject({
      from: 'high',
      change: null,
      gate: { open: true, reason: 'completed-not-measured' }
    })
    // Main chose the lengths (no durationS from the screen) and finished each check-in once.
    expect(rig.asked).toEqual(['start check-in', 'finish c1', 'start re-check', 'finish c2'])
    await rig.h['session:end']()
    const s = onlySession(dir)
    expect(s.meta).toMatchObject({
      prescription: { state: 'high', prescribed: 'sigh', chosen: 'sigh', dose: 'full' },
      protocolDone: { name: 'sigh', completed: true },
      gate: { outcome: 'protocol-completed' },
      recheck: { gate: { reason: 'completed-not-measured' } }
    })
    expect(s.events).toEqual(
      expect.arrayContaining([
        'check-in',
        'result',
        'prescription',
        'protocol-start',
        'protocol-end',
        're-check',
        'gate'
      ])
    )
  })

  it('flat: the opt-in, the breath phases and the seated rest before the drill are checked and recorded by main', async () => {
    const dir = rigTempDir('limbic-flow-supero-')
    const rig = await launch(dir, { 'check-in': 'low', 're-check': 'optimal' })
    await rig.h['flow:start-check-in']({ kind: 'check-in' })
    await rig.h['flow:finish-check-in']()
    await rig.h['flow:continue']()
    const safety = await rig.h['flow:choose-protocol']({ protocol: 'super-oxygenation', dose: 'full' })
    expect(safety.flow.step).toBe('safety')
    const clear = { pregnancy: false, seizures: false, heart: false, glaucoma: false, fainting: false }
    // A screen cannot opt the person in with a contraindication.
    await expect(rig.h['flow:opt-in']({ ...clear, heart: true })).rejects.toThrow(/no/)
    expect(rig.settings.get().superOxygenation.optedIn).toBe(false)
    await rig.h['flow:opt-in'](clear)
    expect(rig.settings.get().superOxygenation.optedIn).toBe(true)
    // Phases are recorded only while the pacer runs.
    await rig.h['flow:breath-phase']({ phase: 'inhale', cycle: 1 })
    await rig.h['flow:safety-passed']()
    await rig.h['flow:breath-phase']({ phase: 'inhale', cycle: 1 })
    await rig.h['flow:breath-phase']({ phase: 'exhale', cycle: 1 })
    await rig.h['flow:protocol-ended']({
      name: 'super-oxygenation',
      plannedS: 93,
      doneS: 93,
      completed: true
    })
    await rig.h['flow:finish-check-in']()
    const rest = await rig.h['flow:request-drill']()
    expect(rest.flow.step).toBe('rest')
    expect(rest.flow.restUntilMs).toBe(rig.clock.now() + 60_000)
    await rig.run(30_000)
    await expect(rig.h['flow:rest-confirmed']()).rejects.toThrow(/Rest a little longer: 30 s/)
    await rig.run(30_000)
    expect((await rig.h['flow:rest-confirmed']()).flow.step).toBe('drill')
    await rig.h['session:end']()
    const lines = readFileSync(
      join(
        dir,
        'sessions',
        readdirSync(join(dir, 'sessions')).find((n) => !n.includes('.'))!,
        'events.csv'
      ),
      'utf8'
    )
    expect(lines.match(/breath-phase/g)).toHaveLength(2)
    expect(lines).toMatch(/safety,.*opted-in/)
    expect(lines).toMatch(/rest-after-super-oxygenation/)
    expect(lines).toMatch(/rested-no-dizziness/)
  })

  it('a skip is an override in a session of its own; a relaunch at the gate stays at the open gate', async () => {
    const dir = rigTempDir('limbic-flow-restart-')
    const first = await launch(dir, {})
    const skipped = await first.h['flow:skip']()
    expect(skipped.flow.gate).toMatchObject({ open: true, outcome: 'override' })
    await first.dispose()
    expect(existsSync(join(dir, 'flow.json'))).toBe(true)
    const second = await launch(dir, {})
    const snap = await second.h['session:snapshot']()
    expect(snap.flow).toMatchObject({ step: 'gate', gate: { open: true, outcome: 'override' } })
    // The block is over (one step: the timer's finish): the gate closes until the next check-in.
    await second.h['timer:start']({ task: null, phoneOut: null })
    const after = await second.h['timer:finish']({ reflection: '' })
    expect(after.flow).toMatchObject({ step: 'start', gate: { open: false, reason: 'no-check-in' } })
    expect(after.timer.state.status).toBe('idle')
    // Main keeps the timer locked now, whatever a screen asks.
    await expect(second.h['timer:start']({ task: null, phoneOut: null })).rejects.toThrow(/locked/)
    expect((await second.h['session:snapshot']()).timer.state.status).toBe('idle')
  })

  it('a relaunch mid-check-in cancels it (its beats are gone) and goes back to the step before', async () => {
    const dir = rigTempDir('limbic-flow-measuring-')
    const first = await launch(dir, { 'check-in': 'high' })
    await first.h['flow:start-check-in']({ kind: 'check-in' })
    await first.dispose()
    const second = await launch(dir, {})
    expect((await second.h['session:snapshot']()).flow).toMatchObject({ step: 'start', measuring: null })
  })

  it('an intent the flow cannot take now changes nothing', async () => {
    const rig = await launch(rigTempDir('limbic-flow-ignored-'), {})
    const before = await rig.h['session:snapshot']()
    const after = await rig.h['flow:another-round']()
    expect(after.flow).toEqual(before.flow)
    expect(after.rev).toBe(before.rev)
  })
})

describe('restoreFlow', () => {
  it('a flow.json saved before issue 15 (no reference, no recheck) still restores', () => {
    const flow = restoreFlow(
      {
        version: 1,
        flow: { step: 'gate', rounds: 1, gate: { open: true, outcome: 'protocol-completed', atMs: 5 } }
      },
      1000
    )
    expect(flow).toMatchObject({ step: 'gate', rounds: 1, reference: null, recheck: null, restUntilMs: null })
  })

  it('a rest saved without its end (the screen timed it then) starts its time again', () => {
    const flow = restoreFlow(
      {
        version: 1,
        flow: { step: 'rest', needsRest: true, gate: { open: true, outcome: 'override', atMs: 5 } }
      },
      1000
    )
    expect(flow).toMatchObject({ step: 'rest', restUntilMs: 61_000 })
  })
})
