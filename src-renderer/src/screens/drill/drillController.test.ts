// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type {
  BalanceEvent,
  DrillTrialResult,
  SessionSnapshot,
  Stance
} from '../../../../src-main/shared/contract'
import { LEVELS } from '../../../../src-main/shared/drillLevels'
import { DEFAULT_SETTINGS } from '../../../../src-main/shared/settings'
import {
  applyTrial,
  emptyProgress,
  isoUtc,
  startSession,
  type DrillProgress
} from '../../../../src-main/shared/drillProgression'
import { IDLE } from '../../../../src-main/shared/timer/timerModel'
import { initialFlow } from '../../../../src-main/shared/flowMachine'
import { COUNTDOWN_S, DrillController, type DrillApi } from './drillController.svelte'
import type { CuePlayer } from './sound'

const TRIAL_S = 5

interface Fake extends DrillApi {
  /** Main's ladder, as main would keep it (the shared rule). */
  progress: DrillProgress
  /** What main recorded for the person's own errors. */
  selfErrors: { id: string; errorsSoFar: number }[]
  /** What main told the simulated body at each prepare (null: steps off). */
  prepared: (Stance | null)[]
  ends: { id: string; cancelled: boolean }[]
  played: string[]
  emitEvent(e: BalanceEvent): void
}

/**
 * Main's side of the drill, as far as the screen sees it: `board` says what drill:trial-start
 * answers; 'missing' rejects like a main that cannot run the trial. Main chooses the level, counts
 * the person's own errors, and trial-end answers the ladder's verdict (main's rule,
 * shared/drillProgression.ts) and pushes the new ladder (session:state).
 */
function fakeApi(board: boolean | 'missing', boardErrors = () => 0): Fake {
  const eventListeners = new Set<(e: BalanceEvent) => void>()
  const stateListeners = new Set<(s: SessionSnapshot) => void>()
  let n = 0
  let open: { id: string; stance: Stance; startedMs: number; self: number } | null = null
  const missing = () => Promise.reject(new Error('balance drill is not available in this build yet'))
  let rev = 0
  let session: string | null = null
  const snapshot = (): SessionSnapshot => ({
    rev: ++rev,
    flow: initialFlow(),
    timer: { state: IDLE, announced: null },
    drill: { progress: api.progress, session }
  })
  const api: Fake = {
    progress: emptyProgress(),
    selfErrors: [],
    prepared: [],
    ends: [],
    played: [],
    on: ((event: string, listener: (p: never) => void) => {
      const set = (
        event === 'balance:event' ? eventListeners : event === 'session:state' ? stateListeners : null
      ) as Set<(p: never) => void> | null
      if (!set) return () => {}
      set.add(listener)
      return () => set.delete(listener)
    }) as DrillApi['on'],
    emitEvent: (e) => eventListeners.forEach((l) => l(e)),
    drillBegin: async () => {
      if (session === null) {
        session = isoUtc(Date.now())
        api.progress = startSession(api.progress)
      }
      return snapshot()
    },
    drillFinish: async () => {
      session = null
      return snapshot()
    },
    settingsGet: async () => ({ ...DEFAULT_SETTINGS, drill: { trialS: TRIAL_S } }),
    drillPrepare: async ({ ready }) => {
      api.prepared.push(ready ? LEVELS[api.progress.current]!.stance : null)
    },
    drillTrialStart:
      board === 'missing'
        ? missing
        : async () => {
            const level = api.progress.current
            const { stance, targetRadiusMm } = LEVELS[level]!
            open = { id: `t${++n}`, stance, startedMs: Date.now(), self: 0 }
            return { id: open.id, hasBoard: board, level, stance, targetRadiusMm }
          },
    drillSelfError: async ({ id }) => {
      const t = open!
      if (t.id !== id) throw new Error(`no open drill trial "${id}"`)
      if (!board) t.self++
      api.selfErrors.push({ id, errorsSoFar: t.self })
      return { errors: t.self }
    },
    drillTrialEnd:
      board === 'missing'
        ? missing
        : async ({ id, cancelled }) => {
            api.ends.push({ id, cancelled: cancelled ?? false })
            const t = open!
            open = null
            api.prepared.push(null)
            const b = board ? boardErrors() : 0
            const result: DrillTrialResult = {
              id,
              stance: t.stance,
              durationS: (Date.now() - t.startedMs) / 1000,
              pathLengthMm: board ? 300 : null,
              meanVelocityMmS: board ? 60 : null,
              rmsDistanceMm: board ? 4 : null,
              ellipseAreaMm2: board ? 150 : null,
              boardErrors: b,
              selfReportedErrors: t.self,
              errors: b + t.self,
              hadBoard: board
            }
            if (cancelled) return { ...result, progression: null }
            const from = api.progress.current
            const applied = applyTrial(api.progress, result, session!, isoUtc(Date.now()))
            api.progress = applied.progress
            const pushed = snapshot()
            stateListeners.forEach((l) => l(pushed))
            const { record, passed, step } = applied
            return { ...result, progression: { record, passed, step, from, to: applied.progress.current } }
          }
  }
  return api
}

function player(api: Fake): CuePlayer {
  return {
    play: (cue) => void api.played.push(cue),
    speechAvailable: false,
    speech: false,
    volume: 1,
    dispose: () => {}
  }
}

async function ready(api: Fake): Promise<DrillController> {
  const drill = new DrillController({
    api,
    player: player(api),
    spoken: () => null,
    boardStreaming: () => false
  })
  await drill.init()
  expect(drill.phase).toBe('safety')
  drill.startTrial() // refused before the safety checklist
  expect(drill.phase).toBe('safety')
  drill.acceptSafety()
  expect(drill.phase).toBe('ready')
  return drill
}

/** Countdown, then the trial runs; resolves once it is running. */
async function begin(drill: DrillController): Promise<void> {
  drill.startTrial()
  expect(drill.phase).toBe('countdown')
  await vi.advanceTimersByTimeAsync(COUNTDOWN_S * 1000)
  expect(drill.phase).toBe('running')
}

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(Date.UTC(2026, 10, 23, 9))
})
afterEach(() => vi.useRealTimers())

describe('drill controller', () => {
  it('without a board: the person reports errors, main counts and records them with the trial', async () => {
    const api = fakeApi(false)
    const drill = await ready(api)
    await begin(drill)
    expect(drill.hasBoard).toBe(false)
    expect(drill.noBoardReason).toBe('no-board')
    drill.reportError()
    await vi.advanceTimersByTimeAsync(1000)
    drill.reportError()
    expect(drill.errors).toBe(2)
    expect(drill.errorTick).toBe(2)
    // A board event is ignored when there is no board.
    api.emitEvent({ tMs: Date.now(), kind: 'step-off' })
    expect(drill.errors).toBe(2)
    await vi.advanceTimersByTimeAsync(TRIAL_S * 1000)
    expect(drill.phase).toBe('result')
    expect(api.ends).toEqual([{ id: 't1', cancelled: false }])
    // Level 1 allows one loss of balance: the same level again.
    expect(drill.outcome).toMatchObject({ from: 0, to: 0, passed: false, step: 'repeat' })
    expect(drill.outcome!.result).toMatchObject({ selfReportedErrors: 2, errors: 2 })
    expect(api.selfErrors).toEqual([
      { id: 't1', errorsSoFar: 1 },
      { id: 't1', errorsSoFar: 2 }
    ])
    // The ladder is main's: the screen draws what main pushed.
    expect(api.progress).toMatchObject({ current: 0, failStreak: 1 })
    expect(drill.progress).toEqual(api.progress)
    expect(api.played).toContain('error')
  })

  it('with a board: each fall main reports for this trial is one error; main records them', async () => {
    const api = fakeApi(true, () => 2)
    const drill = await ready(api)
    await begin(drill)
    expect(drill.hasBoard).toBe(true)
    const t = Date.now()
    api.emitEvent({ tMs: t + 1000, kind: 'step-off', trialId: 't1' }) // a fall, merged by main
    api.emitEvent({ tMs: t + 1040, kind: 'step-off' }) // the board driver's own step detection
    api.emitEvent({ tMs: t + 2000, kind: 'step-on' }) // not a loss
    expect(drill.errors).toBe(1)
    api.emitEvent({ tMs: t + 3500, kind: 'load-drop', trialId: 't1' })
    api.emitEvent({ tMs: t + 3600, kind: 'cop-out', trialId: 't0' }) // another trial's: late, ignored
    expect(drill.errors).toBe(2)
    drill.reportError() // the board counts; the key does nothing
    expect(drill.errors).toBe(2)
    expect(api.selfErrors).toEqual([])
    await vi.advanceTimersByTimeAsync(TRIAL_S * 1000)
    expect(drill.outcome!.result).toMatchObject({ boardErrors: 2, errors: 2, hadBoard: true })
    // Two losses are more than level 1 allows.
    expect(drill.outcome).toMatchObject({ passed: false, step: 'repeat' })
  })

  it('passing moves up a level, and the next session starts from the level last passed', async () => {
    const api = fakeApi(true)
    const drill = await ready(api)
    await begin(drill)
    await vi.advanceTimersByTimeAsync(TRIAL_S * 1000)
    expect(drill.outcome).toMatchObject({ passed: true, step: 'up', from: 0, to: 1 })
    drill.nextTrial()
    expect(drill.levelIndex).toBe(1)
    await begin(drill)
    await vi.advanceTimersByTimeAsync(TRIAL_S * 1000)
    expect(drill.outcome).toMatchObject({ passed: true, step: 'up', from: 1, to: 2 })
    drill.finish()
    expect(drill.phase).toBe('summary')
    expect(drill.summary()).toEqual({ trials: 2, errors: 0 })
    drill.dispose()

    const later = await ready(api)
    expect(later.levelIndex).toBe(1) // the highest level passed, as a warm-up
    expect(later.progress.history).toHaveLength(2)
  })

  it('when main cannot run the trial nothing counts: back to the same level, no made-up verdict', async () => {
    const api = fakeApi('missing')
    const drill = await ready(api)
    await begin(drill)
    expect(drill.noBoardReason).toBe('unavailable')
    await vi.advanceTimersByTimeAsync(TRIAL_S * 1000)
    expect(drill.phase).toBe('ready')
    expect(drill.outcome).toBeNull()
    expect(drill.levelIndex).toBe(0)
  })

  it('main positions the simulated person at the countdown and steps them off after a trial, a stop or an abandoned countdown', async () => {
    const api = fakeApi(true)
    const drill = await ready(api)
    await begin(drill)
    expect(api.prepared).toEqual(['both-feet-eyes-open'])
    await vi.advanceTimersByTimeAsync(TRIAL_S * 1000)
    expect(api.prepared).toEqual(['both-feet-eyes-open', null])
    drill.nextTrial()
    await begin(drill)
    await drill.cancelTrial()
    expect(drill.phase).toBe('ready')
    expect(api.prepared).toEqual(['both-feet-eyes-open', null, 'both-feet-eyes-closed', null])
    drill.startTrial()
    await drill.cancelTrial()
    expect(api.prepared.slice(-2)).toEqual(['both-feet-eyes-closed', null])
    // A stopped trial is closed on main but does not count for progression.
    expect(api.ends).toHaveLength(2)
    expect(drill.sessionTrials).toHaveLength(1)
  })
})
