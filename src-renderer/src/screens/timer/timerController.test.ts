import { describe, expect, it } from 'vitest'
import type { SessionSnapshot } from '../../../../src-main/shared/contract'
import { DEFAULT_SETTINGS } from '../../../../src-main/shared/settings'
import * as model from '../../../../src-main/shared/timer/timerModel'
import { emptyProgress } from '../../../../src-main/shared/drillProgression'
import { initialFlow } from '../../../../src-main/shared/flowMachine'
import { TimerController, type TimerApi } from './timerController.svelte'

const T0 = Date.UTC(2026, 10, 23, 8)

function snap(
  rev: number,
  state: model.TimerState,
  announced: SessionSnapshot['timer']['announced']
): SessionSnapshot {
  return {
    rev,
    flow: initialFlow(),
    timer: { state, announced },
    drill: { progress: emptyProgress(), session: null }
  }
}

/** Main's side, reduced to what the screen sees: each intent answers the next snapshot. */
function api(notifications: boolean) {
  const notes: string[] = []
  const calls: string[] = []
  let current = snap(0, model.IDLE, null)
  const reply = (name: string, next: () => SessionSnapshot) => async () => {
    calls.push(name)
    current = next()
    return current
  }
  const fake: TimerApi = {
    sessionSnapshot: async () => current,
    timerStart: reply('start', () =>
      snap(1, model.start(T0, 60_000, 'Proofs').state, { phase: 'warmup', seq: 1 })
    ),
    timerPause: reply('pause', () => current),
    timerResume: reply('resume', () => current),
    timerStop: reply('stop', () => current),
    timerMark: reply('mark', () => current),
    timerFinish: reply('finish', () => snap(10, model.IDLE, null)),
    settingsGet: async () => ({ ...DEFAULT_SETTINGS, timer: { ...DEFAULT_SETTINGS.timer, notifications } }),
    settingsUpdate: async () => DEFAULT_SETTINGS,
    appNotify: async ({ title }) => void notes.push(title),
    on: () => () => undefined
  }
  return { fake, notes, calls }
}

const settle = () => new Promise((r) => setTimeout(r, 0))

describe('the timer screen draws what main sends', () => {
  it('intents go to main; the answer is drawn; a newly entered phase notifies when opted in', async () => {
    const { fake, notes, calls } = api(true)
    const timer = new TimerController(fake, () => T0 + 5000)
    await timer.load()
    timer.start('  Proofs ')
    await settle()
    expect(calls).toEqual(['start'])
    expect(timer.state.status).toBe('running')
    expect(timer.elapsedMs).toBe(5000)
    expect(timer.announced).toBe('warmup')
    expect(notes).toEqual(['Warm-up: the mind drifts'])
    // A pushed snapshot older than the one drawn changes nothing; a newer phase notifies once.
    timer.draw(snap(0, model.IDLE, null))
    expect(timer.state.status).toBe('running')
    const focus = { ...timer.state, phase: 'focus' as const }
    timer.draw(snap(2, focus, { phase: 'focus', seq: 2 }))
    timer.draw(snap(3, focus, { phase: 'focus', seq: 2 }))
    expect(notes).toHaveLength(2)
    await timer.finish('done')
    expect(timer.state.status).toBe('idle')
    expect(timer.finished).toBe(true)
  })

  it('no notification without the opt-in, and none for the phase main had before this window opened', async () => {
    const { fake, notes } = api(false)
    const timer = new TimerController(fake, () => T0)
    await timer.load()
    timer.draw(snap(5, model.start(T0, 60_000, null).state, { phase: 'warmup', seq: 4 }))
    timer.draw(snap(6, model.start(T0, 60_000, null).state, { phase: 'focus', seq: 5 }))
    expect(notes).toEqual([])
  })
})
