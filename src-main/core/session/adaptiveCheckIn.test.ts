/**
 * Issue 15 item 5 through the real core: the session engine asks the real check-in feature about
 * once a second whether it has enough (the simulated heart's 0x2A37 bytes -> parser -> cleaner ->
 * window measure -> stopping rule), pushes `session:measuring` for the screen, and finishes the
 * check-in when the rule says so - not on a fixed timer.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { MeasuringLive, SessionSnapshot } from '../../shared/contract'
import { CHECKIN_LENGTH } from '../../signal/checkInStopping'
import { checkInFeature } from '../features/checkInFeature'
import { sessionFeature } from '../features/sessionFeature'
import { coreRig, disposeCoreRigs, rigTempDir } from '../testSupport/coreRig'
import { sessionEngineFeature } from './sessionEngine'

afterEach(disposeCoreRigs)

async function launch(arousal: number, limitS: number) {
  const rig = coreRig({
    userDataDir: rigTempDir('limbic-adaptive-'),
    features: [sessionFeature, checkInFeature, sessionEngineFeature],
    simulator: { seed: 7, arousal, ectopicProbability: 0, missedProbability: 0 },
    settings: { checkIn: { durationS: limitS } }
  })
  await rig.settle(rig.core.start())
  await rig.run(20_000) // the strap settles before the person starts
  return rig
}

const step = (rig: { events(n: 'session:state'): unknown[] }) =>
  (rig.events('session:state').at(-1) as SessionSnapshot | undefined)?.flow.step

describe('the check-in ends when the estimate has enough, not on a fixed timer', () => {
  it('settling -> measuring -> enough, with HR and RR for the trace; never before the documented minimum', async () => {
    const rig = await launch(0.9, 180)
    await rig.h['flow:start-check-in']({ kind: 'check-in' })
    let s = 0
    while (step(rig) === 'measuring' && s < 200) {
      await rig.run(1000)
      s++
    }
    const live = rig.events('session:measuring') as MeasuringLive[]
    expect(step(rig)).toBe('result')
    // One push a second, settling first, then measuring.
    expect(live.length).toBeGreaterThan(70)
    expect(live[0]!.reason).toBe('settling')
    expect(live.find((l) => l.elapsedS > CHECKIN_LENGTH.SETTLING_S + 1)!.reason).toBe('measuring')
    const mid = live[40]!
    expect(mid.hrBpm!).toBeGreaterThan(60)
    expect(mid.rrMs.length).toBeGreaterThan(20)
    expect(mid.progress).toBeGreaterThan(live[5]!.progress)
    const last = live.at(-1)!
    // A wired person is far from the band's edge: it stopped at the minimum, well before the limit.
    expect(last.reason).toBe('enough')
    expect(last.cleanS).toBeGreaterThanOrEqual(CHECKIN_LENGTH.MIN_CLEAN_S)
    expect(last.elapsedS).toBeLessThan(120)
    const snap = await rig.h['session:snapshot']()
    expect(snap.flow.result).toMatchObject({ ended: 'enough', usable: true })
    console.info(JSON.stringify({ wiredCheckInEndedAtS: last.elapsedS, cleanS: last.cleanS }))
  })

  it('stopped early by the person: judged on what there is (a lean), or too short - never "lost contact"', async () => {
    const rig = await launch(0.5, 180)
    await rig.h['flow:start-check-in']({ kind: 'check-in' })
    await rig.run(12_000)
    const early = await rig.h['flow:finish-check-in']()
    expect(early.flow.result).toMatchObject({ usable: false, ended: 'too-short' })
    await rig.h['flow:continue']()
    await rig.h['flow:start-check-in']({ kind: 'check-in' })
    await rig.run(50_000)
    const short = await rig.h['flow:finish-check-in']()
    expect(short.flow.result).toMatchObject({ usable: true, ended: 'enough' })
    expect(short.flow.result!.verdict!.kind).toBe('lean')
    expect(short.flow.result!.verdict!.why).toContain('low-confidence')
  })

  it('the strap goes quiet: stops about 10 s later and says it lost contact', async () => {
    const rig = await launch(0.5, 180)
    await rig.h['flow:start-check-in']({ kind: 'check-in' })
    await rig.run(30_000)
    await rig.h['devices:disconnect']({ channel: 'heart' })
    let s = 0
    while (step(rig) === 'measuring' && s < 30) {
      await rig.run(1000)
      s++
    }
    expect(s).toBeGreaterThan(8)
    expect(s).toBeLessThan(14)
    const snap = await rig.h['session:snapshot']()
    expect(snap.flow.result).toMatchObject({ usable: false, ended: 'lost-contact' })
    expect((rig.events('session:measuring') as MeasuringLive[]).at(-1)!.reason).toBe('lost-contact')
  })
})
