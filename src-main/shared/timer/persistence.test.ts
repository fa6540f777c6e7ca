import { describe, expect, it } from 'vitest'
import { restore, serialize } from './persistence'
import { IDLE, addHr, elapsedMs, mark, pause, start, stop, tick, type TimerState } from './timerModel'

const MIN = 60_000
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0)
const at = (min: number): number => T0 + min * MIN

/** A document as it comes back from disk: through JSON text. */
const roundTrip = (s: TimerState): TimerState | null => restore(JSON.parse(JSON.stringify(serialize(s))))

function busy(): TimerState {
  let s = start(T0, 90 * MIN, 'proofs').state
  s = addHr(s, 64, -0.3, at(1))
  s = mark(s, 'error', at(12)).state
  s = mark(s, 'frustration', at(20)).state
  return s
}

describe('timer persistence', () => {
  it('round-trips every status', () => {
    const running = busy()
    const paused = pause(running, at(25)).state
    const ended = stop(running, at(30)).state
    for (const s of [running, paused, ended, IDLE]) expect(roundTrip(s)).toEqual(s)
  })

  it('restart mid-block: elapsed keeps following the wall clock and the tally survives', () => {
    const before = busy()
    const restored = roundTrip(before)!
    expect(elapsedMs(restored, at(33))).toBe(33 * MIN)
    expect(restored.marks.filter((m) => m.kind === 'error')).toHaveLength(1)
    // The app was closed across the start of the error-rich window: one phase event on catch-up.
    const caught = tick(restored, at(72))
    expect(caught.events.map((e) => e.type)).toEqual(['timer-phase'])
    expect(tick(caught.state, at(72)).events).toEqual([])
  })

  it('restart while paused: still paused at the same elapsed time', () => {
    const paused = pause(busy(), at(25)).state
    const restored = roundTrip(paused)!
    expect(restored.status).toBe('paused')
    expect(elapsedMs(restored, at(300))).toBe(25 * MIN)
  })

  it('a restart after the block ran out restores it as ended at its true end', () => {
    const restored = roundTrip(busy())!
    const caught = tick(restored, at(90 + 120))
    expect(caught.state.status).toBe('ended')
    expect(caught.state.endedAtMs).toBe(at(90))
  })

  it('rejects documents it cannot trust', () => {
    const good = serialize(busy()) as Record<string, unknown>
    const bad: unknown[] = [
      null,
      'timer',
      [],
      { ...good, version: 2 },
      { ...good, status: 'sprinting' },
      { ...good, blockMs: -1 },
      { ...good, blockMs: '90' },
      { ...good, startedAtMs: null },
      { ...good, status: 'paused', pausedAtMs: null },
      { ...good, status: 'ended', endedAtMs: null },
      { ...good, pausedTotalMs: -5 },
      { ...good, marks: [{ kind: 'error', atMs: 'x', wallMs: 1 }] },
      { ...good, marks: [{ kind: 'oops', atMs: 1, wallMs: 1 }] },
      { ...good, hr: [{ atMs: 1 }] },
      { ...good, phase: 'nap' },
      { ...good, task: 42 },
      { ...good, stoppedEarly: 'no' }
    ]
    for (const doc of bad) expect(restore(doc as never), JSON.stringify(doc)).toBeNull()
  })

  it('ignores a stray pause time outside the paused state', () => {
    const doc = { ...(serialize(busy()) as Record<string, unknown>), pausedAtMs: at(5) }
    expect(restore(doc as never)!.pausedAtMs).toBeNull()
  })
})
