import { describe, expect, it } from 'vitest'
import {
  IDLE,
  MAX_HR_POINTS,
  addHr,
  currentPhase,
  elapsedMs,
  errorCount,
  errorSeries,
  mark,
  pause,
  resume,
  start,
  stop,
  tick,
  type TimerState
} from './timerModel'

const MIN = 60_000
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0)
const at = (min: number): number => T0 + min * MIN

function started(blockMin = 90): TimerState {
  return start(T0, blockMin * MIN, 'chapter 4').state
}

describe('timer model', () => {
  it('start records timer-start and the warm-up phase', () => {
    const step = start(T0, 90 * MIN, 'chapter 4')
    expect(step.state.status).toBe('running')
    expect(step.events.map((e) => e.type)).toEqual(['timer-start', 'timer-phase'])
    expect(step.events[0]!.detail).toEqual({ blockMin: 90, task: 'chapter 4' })
    expect(step.enteredPhase).toBe('warmup')
  })

  it('elapsed time is derived from the wall clock, however rarely it is asked', () => {
    const s = started()
    expect(elapsedMs(s, at(0))).toBe(0)
    expect(elapsedMs(s, at(37))).toBe(37 * MIN)
    expect(elapsedMs(s, at(37) + 500)).toBe(37 * MIN + 500)
  })

  it('records each phase change once, at the tick that crosses it', () => {
    let s = started()
    const changes: string[] = []
    for (const m of [1, 5, 10, 11, 40, 69.9, 70, 71, 80]) {
      const step = tick(s, at(m))
      s = step.state
      for (const e of step.events)
        changes.push(`${m}:${e.type}:${(e.detail as { phase?: string }).phase ?? ''}`)
    }
    expect(changes).toEqual(['10:timer-phase:focus', '70:timer-phase:errors'])
    expect(s.phase).toBe('errors')
  })

  it('pause accounting: paused time does not count, several pauses add up', () => {
    let s = started()
    s = pause(s, at(20)).state
    expect(s.status).toBe('paused')
    expect(elapsedMs(s, at(20))).toBe(20 * MIN)
    expect(elapsedMs(s, at(50))).toBe(20 * MIN) // stands still while paused
    const r = resume(s, at(25))
    expect(r.events[0]).toEqual({ type: 'timer-resume', detail: { atS: 20 * 60, pausedS: 5 * 60 } })
    s = r.state
    expect(s.pausedTotalMs).toBe(5 * MIN)
    expect(elapsedMs(s, at(30))).toBe(25 * MIN)
    s = pause(s, at(40)).state
    s = resume(s, at(42.5)).state
    expect(s.pausedTotalMs).toBe(7.5 * MIN)
    expect(elapsedMs(s, at(50))).toBe(42.5 * MIN)
    // The block ends 7.5 min later than it would have without the pauses.
    expect(tick(s, at(97)).state.status).toBe('running')
    const end = tick(s, at(97.5))
    expect(end.state.status).toBe('ended')
    expect(end.state.endedAtMs).toBe(at(97.5))
  })

  it('pause and resume are no-ops in the wrong state', () => {
    const s = started()
    expect(resume(s, at(1)).state).toBe(s)
    const p = pause(s, at(1)).state
    expect(pause(p, at(2)).state).toBe(p)
    expect(pause(IDLE, at(2)).state).toBe(IDLE)
  })

  it('a 2-hour sleep while running ends the block at its true end time, not at wake-up', () => {
    let s = started()
    s = mark(s, 'error', at(30)).state
    const wake = tick(s, at(30 + 120))
    expect(wake.state.status).toBe('ended')
    expect(wake.state.endedAtMs).toBe(at(90))
    expect(wake.state.stoppedEarly).toBe(false)
    expect(elapsedMs(wake.state, at(500))).toBe(90 * MIN)
    expect(wake.events).toEqual([{ type: 'timer-end', detail: { activeS: 90 * 60, errors: 1, late: true } }])
    expect(currentPhase(wake.state, at(500))).toBe('done')
  })

  it('a 2-hour sleep while paused only adds to the pause', () => {
    let s = started()
    s = pause(s, at(20)).state
    s = tick(s, at(140)).state
    expect(s.status).toBe('paused')
    s = resume(s, at(140)).state
    expect(elapsedMs(s, at(141))).toBe(21 * MIN)
    expect(s.status).toBe('running')
  })

  it('a short sleep inside the block jumps elapsed forward and records the phase it lands in', () => {
    const s = started()
    const step = tick(s, at(75))
    expect(step.state.status).toBe('running')
    expect(step.events).toEqual([{ type: 'timer-phase', detail: { phase: 'errors', atS: 75 * 60 } }])
  })

  it('a clock set backwards never gives negative elapsed time', () => {
    const s = started()
    expect(elapsedMs(s, at(-30))).toBe(0)
    expect(tick(s, at(-30)).events).toEqual([])
  })

  it('stop ends early and records timer-stop; from pause it keeps the paused elapsed time', () => {
    let s = started()
    const stopped = stop(s, at(42))
    expect(stopped.state.status).toBe('ended')
    expect(stopped.state.stoppedEarly).toBe(true)
    expect(stopped.events[0]).toEqual({ type: 'timer-stop', detail: { activeS: 42 * 60, errors: 0 } })
    s = pause(s, at(30)).state
    const fromPause = stop(s, at(60))
    expect(elapsedMs(fromPause.state, at(61))).toBe(30 * MIN)
    expect(fromPause.state.pausedAtMs).toBeNull()
  })

  it('stop after the block ran out records the natural end instead', () => {
    const s = started()
    const step = stop(s, at(95))
    expect(step.state.stoppedEarly).toBe(false)
    expect(step.events.map((e) => e.type)).toEqual(['timer-end'])
  })

  it('marks errors and frustration with active time and count, only while running', () => {
    let s = started()
    let step = mark(s, 'error', at(12))
    // The phase change at 10 min is recorded before the error.
    expect(step.events.map((e) => e.type)).toEqual(['timer-phase', 'error'])
    expect(step.events[1]!.detail).toEqual({
      atS: 720,
      count: 1,
      phase: 'focus',
      atUtc: new Date(at(12)).toISOString()
    })
    s = step.state
    s = mark(s, 'frustration', at(13)).state
    s = mark(s, 'error', at(14)).state
    expect(errorCount(s)).toBe(2)
    expect(s.marks.map((m) => [m.kind, m.atMs])).toEqual([
      ['error', 12 * MIN],
      ['frustration', 13 * MIN],
      ['error', 14 * MIN]
    ])
    const paused = pause(s, at(15)).state
    step = mark(paused, 'error', at(16))
    expect(step.state).toBe(paused)
    expect(step.events).toEqual([])
  })

  it('error series: a running total over active minutes, ending at the block end', () => {
    let s = started(10)
    s = mark(s, 'error', at(2)).state
    s = mark(s, 'frustration', at(3)).state
    s = mark(s, 'error', at(4)).state
    s = stop(s, at(6)).state
    expect(errorSeries(s)).toEqual([
      { x: 0, y: 0 },
      { x: 2, y: 1 },
      { x: 4, y: 2 },
      { x: 6, y: 2 }
    ])
  })

  it('heart rate: one point per gap, only while running, thinned past the cap', () => {
    let s = started()
    s = addHr(s, 70, 0.2, at(0.1))
    s = addHr(s, 71, null, at(0.1) + 1000) // too soon
    s = addHr(s, null, null, at(1))
    s = addHr(s, 72, null, at(1))
    expect(s.hr.map((p) => p.hrBpm)).toEqual([70, 72])
    const paused = pause(s, at(2)).state
    expect(addHr(paused, 80, null, at(3))).toBe(paused)
    for (let i = 0; i < 1000; i++) s = addHr(s, 60 + (i % 20), null, at(2 + i * 0.08))
    expect(s.hr.length).toBeLessThanOrEqual(MAX_HR_POINTS)
    expect(s.hr.length).toBeGreaterThan(MAX_HR_POINTS / 2 - 1)
    for (let i = 1; i < s.hr.length; i++) expect(s.hr[i]!.atMs).toBeGreaterThan(s.hr[i - 1]!.atMs)
  })
})
