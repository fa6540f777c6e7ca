/**
 * The study timer as pure state transitions. The timer follows the wall clock: it stores when it
 * started and how long it has been paused, and derives elapsed time from `now` - it never counts
 * ticks, so an app restart or a sleep/wake of the computer cannot make it drift. Every transition
 * returns the new state plus the session events to record; the controller sends them.
 */
import type { SessionEventInput } from '../session'
import { phaseAt, type Phase, type PhaseOrDone } from './phases'

export type TimerStatus = 'idle' | 'running' | 'paused' | 'ended'

export interface Mark {
  kind: 'error' | 'frustration'
  /** Active (un-paused) time into the block. */
  atMs: number
  /** Wall clock, for the timeline. */
  wallMs: number
}

export interface HrPoint {
  /** Active time into the block. */
  atMs: number
  hrBpm: number
  /** Arousal score from metrics:update when known (negative = under-aroused). */
  score: number | null
}

export interface TimerState {
  status: TimerStatus
  blockMs: number
  /** Wall-clock start; null while idle. */
  startedAtMs: number | null
  /** Sum of completed pauses. */
  pausedTotalMs: number
  /** Wall clock when the current pause began; null unless paused. */
  pausedAtMs: number | null
  /** Wall clock of the end (natural or stopped); null until ended. */
  endedAtMs: number | null
  /** True when the user stopped before the block was over. */
  stoppedEarly: boolean
  task: string | null
  marks: Mark[]
  /** The last phase recorded, so a change is recorded once (also across a restart). */
  phase: Phase | null
  hr: HrPoint[]
}

export interface Step {
  state: TimerState
  events: SessionEventInput[]
  /** Set when this step entered a new phase (to show it and maybe notify). */
  enteredPhase: Phase | null
}

export const IDLE: TimerState = {
  status: 'idle',
  blockMs: 90 * 60_000,
  startedAtMs: null,
  pausedTotalMs: 0,
  pausedAtMs: null,
  endedAtMs: null,
  stoppedEarly: false,
  task: null,
  marks: [],
  phase: null,
  hr: []
}

/** At most this many HR points are kept (older ones are thinned), to keep the saved state small. */
export const MAX_HR_POINTS = 360

const same = (state: TimerState): Step => ({ state, events: [], enteredPhase: null })

/** Active time into the block at wall time `nowMs`, clamped to [0, block]. */
export function elapsedMs(state: TimerState, nowMs: number): number {
  if (state.startedAtMs === null) return 0
  const until =
    state.status === 'paused' && state.pausedAtMs !== null
      ? state.pausedAtMs
      : state.status === 'ended' && state.endedAtMs !== null
        ? state.endedAtMs
        : nowMs
  const active = until - state.startedAtMs - state.pausedTotalMs
  return Math.min(state.blockMs, Math.max(0, active))
}

export function remainingMs(state: TimerState, nowMs: number): number {
  return state.blockMs - elapsedMs(state, nowMs)
}

export function currentPhase(state: TimerState, nowMs: number): PhaseOrDone | null {
  if (state.status === 'idle') return null
  if (state.status === 'ended') return 'done'
  return phaseAt(elapsedMs(state, nowMs), state.blockMs)
}

/** ISO UTC text of a wall-clock time (session event details). */
export function isoUtc(wallMs: number): string {
  return new Date(wallMs).toISOString()
}

export function errorCount(state: TimerState): number {
  return state.marks.filter((m) => m.kind === 'error').length
}

/** The optional pre-block checklist, recorded with the start (`null` = not asked). */
export interface Checklist {
  phoneOut: boolean
}

export function start(
  nowMs: number,
  blockMs: number,
  task: string | null,
  checklist: Checklist | null = null
): Step {
  const state: TimerState = {
    ...IDLE,
    status: 'running',
    blockMs,
    startedAtMs: nowMs,
    task,
    phase: 'warmup'
  }
  return {
    state,
    events: [
      {
        type: 'timer-start',
        detail: checklist
          ? { blockMin: blockMs / 60_000, task, phoneOut: checklist.phoneOut }
          : { blockMin: blockMs / 60_000, task }
      },
      { type: 'timer-phase', detail: { phase: 'warmup', atS: 0 } }
    ],
    enteredPhase: 'warmup'
  }
}

/**
 * Brings the state up to `nowMs`: records a phase change, or ends the block when its time is up.
 * Call it on every display tick and after restoring; calling it twice changes nothing.
 */
export function tick(state: TimerState, nowMs: number): Step {
  if (state.status !== 'running' || state.startedAtMs === null) return same(state)
  const active = nowMs - state.startedAtMs - state.pausedTotalMs
  if (active >= state.blockMs) {
    // The end is when the block ran out, not when we noticed (e.g. after a 2-hour sleep).
    const endedAtMs = state.startedAtMs + state.pausedTotalMs + state.blockMs
    return {
      state: { ...state, status: 'ended', endedAtMs, stoppedEarly: false },
      events: [
        {
          type: 'timer-end',
          detail: { activeS: state.blockMs / 1000, errors: errorCount(state), late: nowMs > endedAtMs + 5000 }
        }
      ],
      enteredPhase: null
    }
  }
  const phase = phaseAt(Math.max(0, active), state.blockMs)
  if (phase === 'done' || phase === state.phase) return same(state)
  return {
    state: { ...state, phase },
    events: [{ type: 'timer-phase', detail: { phase, atS: Math.round(Math.max(0, active) / 1000) } }],
    enteredPhase: phase
  }
}

export function pause(state: TimerState, nowMs: number): Step {
  const caught = tick(state, nowMs)
  if (caught.state.status !== 'running') return caught
  const s = caught.state
  return {
    state: { ...s, status: 'paused', pausedAtMs: nowMs },
    events: [
      ...caught.events,
      { type: 'timer-pause', detail: { atS: Math.round(elapsedMs(s, nowMs) / 1000) } }
    ],
    enteredPhase: caught.enteredPhase
  }
}

export function resume(state: TimerState, nowMs: number): Step {
  if (state.status !== 'paused' || state.pausedAtMs === null) return same(state)
  const pausedMs = Math.max(0, nowMs - state.pausedAtMs)
  const s: TimerState = {
    ...state,
    status: 'running',
    pausedAtMs: null,
    pausedTotalMs: state.pausedTotalMs + pausedMs
  }
  return {
    state: s,
    events: [
      {
        type: 'timer-resume',
        detail: { atS: Math.round(elapsedMs(s, nowMs) / 1000), pausedS: Math.round(pausedMs / 1000) }
      }
    ],
    enteredPhase: null
  }
}

/** The user ends the block early. */
export function stop(state: TimerState, nowMs: number): Step {
  if (state.status !== 'paused') {
    const caught = tick(state, nowMs)
    if (caught.state.status !== 'running') return caught
    state = caught.state
  }
  const endedAtMs = state.status === 'paused' && state.pausedAtMs !== null ? state.pausedAtMs : nowMs
  const ended: TimerState = { ...state, status: 'ended', endedAtMs, stoppedEarly: true, pausedAtMs: null }
  return {
    state: ended,
    events: [
      {
        type: 'timer-stop',
        detail: { activeS: Math.round(elapsedMs(ended, nowMs) / 1000), errors: errorCount(ended) }
      }
    ],
    enteredPhase: null
  }
}

/** "I made an error" or "frustrated": only while the block runs. */
export function mark(state: TimerState, kind: Mark['kind'], nowMs: number): Step {
  const caught = tick(state, nowMs)
  if (caught.state.status !== 'running') return caught
  const s = caught.state
  const atMs = elapsedMs(s, nowMs)
  const marks = [...s.marks, { kind, atMs, wallMs: nowMs }]
  const count = marks.filter((m) => m.kind === kind).length
  return {
    state: { ...s, marks },
    events: [
      ...caught.events,
      {
        type: kind,
        detail: { atS: Math.round(atMs / 1000), count, phase: s.phase, atUtc: new Date(nowMs).toISOString() }
      }
    ],
    enteredPhase: caught.enteredPhase
  }
}

/**
 * Adds a heart-rate sample (from metrics:update) while the block runs. Keeps at most one point per
 * `minGapMs` and thins the series by half when it grows past MAX_HR_POINTS.
 */
export function addHr(
  state: TimerState,
  hrBpm: number | null,
  score: number | null,
  nowMs: number,
  minGapMs = 5000
): TimerState {
  if (state.status !== 'running' || hrBpm === null || !Number.isFinite(hrBpm)) return state
  const atMs = elapsedMs(state, nowMs)
  const last = state.hr.at(-1)
  if (last && atMs - last.atMs < minGapMs) return state
  let hr = [...state.hr, { atMs, hrBpm: Math.round(hrBpm * 10) / 10, score }]
  if (hr.length > MAX_HR_POINTS) hr = hr.filter((_, i) => i % 2 === 0 || i === hr.length - 1)
  return { ...state, hr }
}

/** Cumulative error count over active minutes, for the summary chart (a step series). */
export function errorSeries(state: TimerState, kind: Mark['kind'] = 'error'): { x: number; y: number }[] {
  const points = [{ x: 0, y: 0 }]
  let n = 0
  for (const m of state.marks) {
    if (m.kind !== kind) continue
    n++
    points.push({ x: m.atMs / 60_000, y: n })
  }
  const end = state.endedAtMs !== null ? elapsedMs(state, state.endedAtMs) : state.blockMs
  points.push({ x: end / 60_000, y: n })
  return points
}
