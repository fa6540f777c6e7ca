/**
 * Issue 16's protocols through the real core with the simulated person: a check-in, the protocol
 * chosen by intent, the person breathing as the protocol makes them (shared/protocols.ts
 * simulatedBreathing, sent with sim:control as the screens do), the protocol ended, and the
 * re-check judged against the check-in with the direction the catalogue gives; session.json and
 * History carry the protocol's name.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ProtocolName, SessionSnapshot } from '../../shared/contract'
import { simulatedBreathing, type GuidedOrNewProtocol } from '../../shared/protocols'
import { checkInFeature } from '../features/checkInFeature'
import { historyFeature } from '../features/historyFeature'
import { sessionFeature } from '../features/sessionFeature'
import { coreRig, disposeCoreRigs, rigTempDir } from '../testSupport/coreRig'
import { protocolEffect } from './flowEngine'
import { sessionEngineFeature } from './sessionEngine'

afterEach(disposeCoreRigs)

async function launch(seed: number, arousal: number) {
  const dir = rigTempDir('limbic-protocols-')
  const rig = coreRig({
    userDataDir: dir,
    features: [sessionFeature, checkInFeature, sessionEngineFeature, historyFeature],
    simulator: { seed, arousal, practiceTauS: 45, ectopicProbability: 0, missedProbability: 0 },
    settings: { checkIn: { durationS: 90 } }
  })
  await rig.settle(rig.core.start())
  await rig.run(20_000)
  return { ...rig, dir }
}

type Rig = Awaited<ReturnType<typeof launch>>

/** A flat or tired person is told apart only against their own resting baseline (taken at 0.5). */
async function launchFlat(seed: number, arousal: number): Promise<Rig> {
  const rig = await launch(seed, 0.5)
  await rig.h['flow:start-check-in']({ kind: 'baseline' })
  expect((await measure(rig)).flow.result).toMatchObject({ kind: 'baseline', usable: true })
  await rig.h['flow:continue']()
  await rig.h['sim:control']({ arousal, immediately: true })
  await rig.run(30_000)
  return rig
}

async function measure(rig: Rig): Promise<SessionSnapshot> {
  for (let s = 0; s < 200; s++) {
    const snap = await rig.h['session:snapshot']()
    if (snap.flow.step !== 'measuring') return snap
    await rig.run(1000)
  }
  throw new Error('the check-in did not end')
}

/** Check-in, `protocol` for `seconds` with the simulated person following it, re-check. */
async function practise(rig: Rig, protocol: GuidedOrNewProtocol, seconds: number): Promise<SessionSnapshot> {
  await rig.h['flow:start-check-in']({ kind: 'check-in' })
  expect((await measure(rig)).flow.step).toBe('result')
  await rig.h['flow:continue']()
  const chosen = await rig.h['flow:choose-protocol']({ protocol, dose: 'full' })
  expect(chosen.flow.step).toBe('breathing')
  await rig.h['sim:control']({ pattern: simulatedBreathing(protocol) })
  await rig.run(seconds * 1000)
  await rig.h['sim:control']({ pattern: null })
  await rig.h['flow:protocol-ended']({ name: protocol, plannedS: seconds, doneS: seconds, completed: true })
  const gate = await measure(rig)
  expect(gate.flow.step).toBe('gate')
  return gate
}

function meta(dir: string) {
  const root = join(dir, 'sessions')
  const id = readdirSync(root, { withFileTypes: true }).find(
    (d) => d.isDirectory() && !d.name.startsWith('.')
  )!
  return JSON.parse(readFileSync(join(root, id.name, 'session.json'), 'utf8'))
}

async function recorded(rig: Rig, protocol: ProtocolName): Promise<void> {
  await rig.h['session:end']()
  expect(meta(rig.dir)).toMatchObject({
    prescription: { chosen: protocol, dose: 'full' },
    protocolDone: { name: protocol, completed: true }
  })
  const [listed] = await rig.h['history:list']()
  expect(listed!.protocol).toBe(protocol)
}

describe('the new protocols, measured on a simulated person', () => {
  it('the re-check expects the catalogue direction: calming, energising, or toward the zone', () => {
    expect(protocolEffect('panoramic-vision')).toBe('calming')
    expect(protocolEffect('energising-inhale')).toBe('energizing')
    expect(protocolEffect('nsdr')).toBe('neutral')
    expect(protocolEffect('sit-quietly')).toBe('neutral')
    expect(protocolEffect('sigh')).toBe('calming')
    expect(protocolEffect('super-oxygenation')).toBe('energizing')
  })

  it('wired: two minutes of panoramic vision calm more than two minutes of sitting quietly', async () => {
    const panoramic = await launch(3, 0.9)
    const afterGaze = (await practise(panoramic, 'panoramic-vision', 120)).flow.recheck!
    expect(afterGaze.from).toBe('high')
    expect(afterGaze.change).toMatchObject({ expected: 'calmer', measured: 'calmer', verdict: 'toward' })
    await recorded(panoramic, 'panoramic-vision')

    const sitting = await launch(3, 0.9)
    const afterSitting = (await practise(sitting, 'sit-quietly', 120)).flow.recheck!
    // Neutral: from a high start the re-check still expects a move toward the zone.
    expect(afterSitting.change!.expected).toBe('calmer')
    expect(afterSitting.change!.dHrBpm).toBeLessThan(0) // the natural drift
    expect(afterGaze.change!.dHrBpm).toBeLessThan(afterSitting.change!.dHrBpm - 3)
    await recorded(sitting, 'sit-quietly')
  })

  it('flat: energising breathing makes the person more alert, as the re-check expects', async () => {
    const rig = await launchFlat(6, 0.05)
    const judged = (await practise(rig, 'energising-inhale', 150)).flow.recheck!
    expect(judged.from).toBe('low')
    expect(judged.change).toMatchObject({ expected: 'more-alert', measured: 'more-alert', verdict: 'toward' })
    expect(judged.change!.dHrBpm).toBeGreaterThan(5)
    await recorded(rig, 'energising-inhale')
  })

  it('tired: after NSDR the re-check expects a move toward the zone (more alert), not "calmer"', async () => {
    const rig = await launchFlat(7, 0.05)
    const gate = await practise(rig, 'nsdr', 300)
    expect(gate.flow.recheck!.change!.expected).toBe('more-alert')
    // A completed rest that did not clearly move the person away opens the gate.
    expect(gate.flow.recheck!.change!.verdict).not.toBe('away')
    expect(gate.flow.gate).toMatchObject({ open: true, outcome: 'protocol-completed' })
    await recorded(rig, 'nsdr')
  })
})
