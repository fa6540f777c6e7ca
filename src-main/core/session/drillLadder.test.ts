/**
 * The drill's ladder as main runs it, through the real core: counted trials move along the
 * ladder, a cancelled one does not, the progress is on disk, a relaunch mid-drill goes on at the
 * level the person was at, and the document the previous version saved (state:save) still loads.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LEVELS } from '../../shared/drillLevels'
import { coreRig, disposeCoreRigs, rigTempDir } from '../testSupport/coreRig'

afterEach(disposeCoreRigs)

async function launch(userDataDir: string) {
  const rig = coreRig({ userDataDir, simulator: { seed: 4 } })
  await rig.settle(rig.core.start())
  // No board streaming: the trial counts the person's own reports.
  await rig.h['devices:disconnect']({ channel: 'balance' })
  return rig
}

async function trial(rig: Awaited<ReturnType<typeof launch>>, errors: number, cancelled = false) {
  const snap = await rig.h['session:snapshot']()
  const started = await rig.h['drill:trial-start']()
  // Main chose the trial from its ladder.
  expect(started).toMatchObject({
    level: snap.drill.progress.current,
    ...stanceOf(snap.drill.progress.current)
  })
  const { id } = started
  for (let i = 0; i < errors; i++) {
    rig.clock.advance(1_000)
    await rig.h['drill:self-error']({ id })
  }
  rig.clock.advance(20_000)
  return rig.h['drill:trial-end']({ id, cancelled })
}

function stanceOf(index: number) {
  const { stance, targetRadiusMm } = LEVELS[index]!
  return { stance, targetRadiusMm }
}

describe('the drill ladder in main', () => {
  it('moves up on a pass, repeats, steps back after two misses; a cancelled trial does not count', async () => {
    const dir = rigTempDir('limbic-ladder-')
    const rig = await launch(dir)
    const begun = await rig.h['drill:begin']()
    expect(begun.drill.session).not.toBeNull()
    expect((await trial(rig, 0)).progression).toMatchObject({ passed: true, step: 'up', from: 0, to: 1 })
    expect((await trial(rig, 0, true)).progression).toBeNull()
    expect((await trial(rig, 5)).progression).toMatchObject({ passed: false, step: 'repeat', from: 1, to: 1 })
    expect((await trial(rig, 5)).progression).toMatchObject({ passed: false, step: 'back', from: 1, to: 0 })
    const doc = JSON.parse(readFileSync(join(dir, 'drill.json'), 'utf8'))
    expect(doc).toMatchObject({ version: 1, lastPassed: 0, current: 0, openSession: begun.drill.session })
    expect(doc.history).toHaveLength(3)
    const pushed = rig.events('session:state') as { drill: { progress: { current: number } } }[]
    expect(pushed.at(-1)!.drill.progress.current).toBe(0)
    const done = await rig.h['drill:finish']()
    expect(done.drill.session).toBeNull()
  })

  it('a relaunch mid-drill goes on at the level the person was at; a new drill session starts at the level last passed', async () => {
    const dir = rigTempDir('limbic-ladder-restart-')
    const first = await launch(dir)
    await first.h['drill:begin']()
    await trial(first, 0) // level 1 passed -> level 2
    await trial(first, 0) // level 2 passed -> level 3
    await trial(first, 9) // level 3 missed once
    await first.dispose()
    const second = await launch(dir)
    const snap = await second.h['drill:begin']()
    expect(snap.drill.progress).toMatchObject({ current: 2, lastPassed: 1, failStreak: 1 })
    await second.h['drill:finish']()
    const next = await second.h['drill:begin']()
    expect(next.drill.progress).toMatchObject({ current: 1, lastPassed: 1, failStreak: 0 })
  })

  it('reads the progress document the previous version wrote through state:save', async () => {
    const dir = rigTempDir('limbic-ladder-old-')
    writeFileSync(
      join(dir, 'drill.json'),
      JSON.stringify({
        version: 1,
        lastPassed: 3,
        current: 4,
        failStreak: 1,
        history: [
          {
            session: '2026-11-20T08:00:00.000Z',
            atUtc: '2026-11-20T08:01:00.000Z',
            level: 3,
            stance: 'single-leg-eyes-open',
            passed: true,
            errors: 0,
            durationS: 30,
            pathLengthMm: null,
            meanVelocityMmS: null,
            ellipseAreaMm2: null,
            hadBoard: false
          }
        ]
      })
    )
    const rig = await launch(dir)
    const snap = await rig.h['drill:begin']()
    expect(snap.drill.progress).toMatchObject({ lastPassed: 3, current: 3, failStreak: 0 })
    expect(snap.drill.progress.history).toHaveLength(1)
  })
})
