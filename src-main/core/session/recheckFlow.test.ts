/**
 * Issue 15 item 4 and 7 through the real core: a simulated person checks in, "breathes" (the
 * simulator is set to where the practice would take them), and the re-check is judged as a
 * measured change against the same session's check-in; the gate opens or stays closed by it, and
 * session.json, events.csv and History's list record the change with its uncertainty.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SessionSnapshot } from '../../shared/contract'
import { checkInFeature } from '../features/checkInFeature'
import { historyFeature } from '../features/historyFeature'
import { sessionFeature } from '../features/sessionFeature'
import { coreRig, disposeCoreRigs, rigTempDir } from '../testSupport/coreRig'
import { sessionEngineFeature } from './sessionEngine'

afterEach(disposeCoreRigs)

async function launch(seed: number, arousal: number) {
  const dir = rigTempDir('limbic-recheck-')
  const rig = coreRig({
    userDataDir: dir,
    features: [sessionFeature, checkInFeature, sessionEngineFeature, historyFeature],
    simulator: { seed, arousal, ectopicProbability: 0, missedProbability: 0 },
    settings: { checkIn: { durationS: 120 } }
  })
  await rig.settle(rig.core.start())
  await rig.run(20_000)
  return { ...rig, dir }
}

type Rig = Awaited<ReturnType<typeof launch>>

async function measure(rig: Rig): Promise<SessionSnapshot> {
  for (let s = 0; s < 200; s++) {
    const snap = await rig.h['session:snapshot']()
    if (snap.flow.step !== 'measuring') return snap
    await rig.run(1000)
  }
  throw new Error('the check-in did not end')
}

/** Check-in at the rig's arousal, sigh "done", the person now at `afterArousal`, re-check. */
async function session(rig: Rig, afterArousal: number, completed = true): Promise<SessionSnapshot> {
  await rig.h['flow:start-check-in']({ kind: 'check-in' })
  const result = await measure(rig)
  expect(result.flow.step).toBe('result')
  await rig.h['flow:continue']()
  await rig.h['flow:choose-protocol']({ protocol: 'sigh', dose: 'full' })
  await rig.h['sim:control']({ arousal: afterArousal, immediately: true })
  await rig.run(30_000)
  await rig.h['flow:protocol-ended']({ name: 'sigh', plannedS: 60, doneS: completed ? 60 : 20, completed })
  return measure(rig)
}

function files(dir: string) {
  const root = join(dir, 'sessions')
  const id = readdirSync(root, { withFileTypes: true }).find(
    (d) => d.isDirectory() && !d.name.startsWith('.')
  )!
  const sdir = join(root, id.name)
  return {
    meta: JSON.parse(readFileSync(join(sdir, 'session.json'), 'utf8')),
    gateEvents: readFileSync(join(sdir, 'events.csv'), 'utf8')
      .split('\r\n')
      .filter((l) => l.split(',')[2] === 'gate')
  }
}

describe('the re-check as a measured change', () => {
  it('wired -> calmer after the sigh: "toward", the gate opens and says why; recorded with its errors', async () => {
    const rig = await launch(3, 0.9)
    const gate = await session(rig, 0.55)
    expect(gate.flow.step).toBe('gate')
    const judged = gate.flow.recheck!
    expect(judged.from).toBe('high')
    expect(judged.change).toMatchObject({ expected: 'calmer', measured: 'calmer', verdict: 'toward' })
    expect(judged.change!.dHrBpm).toBeLessThan(-5)
    expect(judged.change!.dRmssdPct).toBeGreaterThan(20)
    expect(judged.change!.dHrSeBpm).toBeGreaterThan(0)
    expect(judged.change!.swc.source).toBe('population') // no calibration week yet
    expect(judged.gate).toEqual({
      open: true,
      reason: 'completed-toward',
      messageKey: 'gate.open.completed-toward'
    })
    expect(judged.summary).toMatchObject({ from: 'high', to: 'calmer', verdict: 'toward' })
    expect(judged.calibration).toMatchObject({ ready: false })
    expect(gate.flow.gate).toMatchObject({ open: true, outcome: 'protocol-completed' })

    await rig.h['session:end']()
    const f = files(rig.dir)
    expect(f.meta.recheck).toEqual(JSON.parse(JSON.stringify(judged)))
    // Both results carry the measured state, verdict and calibration status.
    expect(f.meta.checkIns.map((c: { kind: string }) => c.kind)).toEqual(['check-in', 're-check'])
    for (const c of f.meta.checkIns) {
      expect(c.verdict.kind).toBe('lean')
      expect(c.calibration).toMatchObject({ ready: false, readingsNeeded: 5 })
      expect(c.window.hrSeBpm).toBeGreaterThan(0)
    }
    expect(f.gateEvents).toHaveLength(1)
    const detail = JSON.parse(
      f.gateEvents[0]!.split(',').slice(3).join(',').replace(/^"|"$/g, '').replace(/""/g, '"')
    )
    expect(detail).toMatchObject({
      reason: 'gate-open-completed-toward',
      gateReason: 'completed-toward',
      change: 'toward'
    })
    expect(detail.dHrBpm).toBeCloseTo(judged.change!.dHrBpm, 2)
    expect(detail.dHrSeBpm).toBeGreaterThan(0)
    // History: "High → calmer (HR −n bpm, RMSSD +n %)".
    const [listed] = await rig.h['history:list']()
    expect(listed!.change).toEqual(judged.summary)
    expect(listed!.gateReason).toBe('completed-toward')
    console.info(JSON.stringify({ towardSummary: judged.summary, dHrSe: judged.change!.dHrSeBpm }))
  })

  it('no real change after a completed sigh: "no clear change", and the gate still opens, saying so', async () => {
    const rig = await launch(4, 0.9)
    const gate = await session(rig, 0.9)
    expect(gate.flow.recheck!.change!.verdict).not.toBe('toward')
    expect(gate.flow.recheck!.change!.verdict).not.toBe('away')
    expect(gate.flow.recheck!.gate.reason).toBe('completed-no-clear-change')
    expect(gate.flow.gate.open).toBe(true)
  })

  it('clearly more wired after the sigh: the gate stays closed ("moved away"); a skip is recorded as the override', async () => {
    const rig = await launch(5, 0.75)
    const gate = await session(rig, 1)
    expect(gate.flow.recheck!.change).toMatchObject({
      expected: 'calmer',
      measured: 'more-alert',
      verdict: 'away'
    })
    expect(gate.flow.recheck!.gate).toMatchObject({ open: false, reason: 'moved-away' })
    expect(gate.flow.gate).toEqual({ open: false, reason: 'protocol-pending' })
    const skipped = await rig.h['flow:skip']()
    expect(skipped.flow.gate).toMatchObject({ open: true, outcome: 'override' })
    await rig.h['session:end']()
    const f = files(rig.dir)
    expect(f.meta.recheck.gate).toEqual({ open: true, reason: 'override', messageKey: 'gate.open.override' })
    expect(f.meta.recheck.change.verdict).toBe('away')
  })
})
