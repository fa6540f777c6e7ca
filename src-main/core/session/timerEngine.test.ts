/**
 * The study timer as main runs it, through the real app core (ManualClock, simulator, real
 * session recording): intents in, snapshots out, the state on disk, a relaunch mid-block, and the
 * document the previous version (the renderer, through state:save) left behind.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SessionSnapshot } from '../../shared/contract'
import { coreRig, disposeCoreRigs, rigTempDir, RIG_T0 } from '../testSupport/coreRig'

afterEach(disposeCoreRigs)

const BLOCK_MIN = 2

async function launch(userDataDir: string, startMs = RIG_T0) {
  const rig = coreRig({
    userDataDir,
    startMs,
    settings: { timer: { blockMin: BLOCK_MIN } },
    simulator: { seed: 11 }
  })
  await rig.settle(rig.core.start())
  return rig
}

function sessions(userDataDir: string) {
  const root = join(userDataDir, 'sessions')
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort()
    .map((id) => ({
      meta: JSON.parse(readFileSync(join(root, id, 'session.json'), 'utf8')) as Record<string, unknown>,
      events: readFileSync(join(root, id, 'events.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[2]!)
    }))
}

describe('the timer in main', () => {
  it('runs a block: intents answer snapshots, events are recorded in order, the document is on disk', async () => {
    const dir = rigTempDir('limbic-timer-')
    const rig = await launch(dir)
    // The gate first (a recorded skip here): main keeps the timer locked until it is open.
    await rig.h['flow:skip']()
    const started = await rig.h['timer:start']({ task: '  Chapter 4  ', phoneOut: true })
    expect(started.timer.state).toMatchObject({ status: 'running', task: 'Chapter 4', phase: 'warmup' })
    expect(started.timer.announced).toEqual({ phase: 'warmup', seq: 1 })
    await rig.run(20_000)
    const marked = await rig.h['timer:mark']({ kind: 'error' })
    const startedAt = started.timer.state.startedAtMs!
    expect(marked.timer.state.marks).toEqual([
      { kind: 'error', atMs: rig.clock.now() - startedAt, wallMs: rig.clock.now() }
    ])
    expect(marked.rev).toBeGreaterThan(started.rev)
    // Heart rate from the live feature's metrics, one point per 5 s at most.
    expect(marked.timer.state.hr.length).toBeGreaterThanOrEqual(2)
    const paused = await rig.h['timer:pause']()
    expect(paused.timer.state.status).toBe('paused')
    await rig.run(10_000)
    const resumed = await rig.h['timer:resume']()
    expect(resumed.timer.state.pausedTotalMs).toBe(10_000)
    // The document is what the screen used to save: same format, read back by the next launch.
    const doc = JSON.parse(readFileSync(join(dir, 'timer.json'), 'utf8'))
    expect(doc).toMatchObject({
      version: 1,
      status: 'running',
      task: 'Chapter 4',
      marks: [{ kind: 'error' }]
    })
    // Every change was pushed as one snapshot event, in order.
    const pushed = rig.events('session:state') as SessionSnapshot[]
    expect(pushed.length).toBeGreaterThan(4)
    expect(pushed.map((s) => s.rev)).toEqual([...pushed.map((s) => s.rev)].sort((a, b) => a - b))
    // The block runs out by itself (main's clock timer), entering each phase once.
    await rig.run(BLOCK_MIN * 60_000)
    const ended = await rig.h['session:snapshot']()
    expect(ended.timer.state).toMatchObject({ status: 'ended', stoppedEarly: false })
    expect(ended.timer.announced?.phase).toBe('errors')
    const after = await rig.h['timer:finish']({ reflection: 'base case first' })
    expect(after.timer.state.status).toBe('idle')
    expect((await rig.h['history:list']()).filter((x) => x.endUtc === null)).toHaveLength(0)
    const [s] = sessions(dir)
    expect(s!.meta).toMatchObject({ task: 'Chapter 4', reflection: 'base case first' })
    expect(s!.events.filter((e) => e.startsWith('timer-') || e === 'error' || e === 'reflection')).toEqual([
      'timer-start',
      'timer-phase', // warm-up
      'timer-phase', // deep focus from 13.3 s of a 2-min block
      'error',
      'timer-pause',
      'timer-resume',
      'timer-phase', // error-rich window
      'timer-end',
      'reflection'
    ])
  })

  it('a relaunch mid-block resumes where the wall clock says and records the rest in a new session', async () => {
    const dir = rigTempDir('limbic-timer-restart-')
    const first = await launch(dir)
    await first.h['flow:skip']()
    await first.h['timer:start']({ task: 'Proofs', phoneOut: null })
    await first.run(30_000)
    await first.h['timer:mark']({ kind: 'frustration' })
    const before = await first.h['session:snapshot']()
    await first.dispose()

    // 15 s later the app is back.
    const second = await launch(dir, RIG_T0 + 45_000)
    const snap = await second.h['session:snapshot']()
    expect(snap.timer.state).toMatchObject({
      status: 'running',
      task: 'Proofs',
      startedAtMs: before.timer.state.startedAtMs,
      marks: before.timer.state.marks
    })
    expect(snap.timer.announced?.phase).toBe(before.timer.state.phase)
    expect((await second.h['history:list']()).filter((x) => x.endUtc === null)).toHaveLength(1)
    await second.h['timer:stop']()
    await second.h['timer:finish']({ reflection: '' })
    const [a, b] = sessions(dir)
    expect(a!.meta.endUtc).not.toBeNull()
    expect(b!.meta.task).toBe('Proofs')
    expect(b!.events[b!.events.findIndex((e) => e.startsWith('timer-'))]).toBe('timer-start')
    expect(b!.events).toContain('timer-stop')
  })

  it('reads the timer document the previous version wrote (state:save) and carries on', async () => {
    const dir = rigTempDir('limbic-timer-old-')
    // Exactly what the renderer's serialize() wrote before main owned the timer: paused block.
    writeFileSync(
      join(dir, 'timer.json'),
      JSON.stringify({
        version: 1,
        status: 'paused',
        blockMs: 90 * 60_000,
        startedAtMs: RIG_T0 - 600_000,
        pausedTotalMs: 0,
        pausedAtMs: RIG_T0 - 300_000,
        endedAtMs: null,
        stoppedEarly: false,
        task: 'Old block',
        marks: [{ kind: 'error', atMs: 100_000, wallMs: RIG_T0 - 500_000 }],
        phase: 'warmup',
        hr: [{ atMs: 5000, hrBpm: 61.5, score: null }]
      })
    )
    const rig = await launch(dir)
    const snap = await rig.h['session:snapshot']()
    expect(snap.timer.state).toMatchObject({ status: 'paused', task: 'Old block', blockMs: 90 * 60_000 })
    const resumed = await rig.h['timer:resume']()
    expect(resumed.timer.state.pausedTotalMs).toBe(rig.clock.now() - (RIG_T0 - 300_000))
    expect(resumed.timer.state.marks).toHaveLength(1)
  })

  it('a damaged document starts idle, set aside instead of crashing', async () => {
    const dir = rigTempDir('limbic-timer-bad-')
    writeFileSync(join(dir, 'timer.json'), '{ "version": 1, "status": ')
    const rig = await launch(dir)
    expect((await rig.h['session:snapshot']()).timer.state.status).toBe('idle')
    expect(readdirSync(dir).some((f) => f.startsWith('timer.json.corrupt-'))).toBe(true)
  })
})
