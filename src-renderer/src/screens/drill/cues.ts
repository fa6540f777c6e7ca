/**
 * What the user hears and sees during a trial, as a pure schedule: start, halfway, end, and on the
 * head-movement level a slow pitch -> yaw -> roll sequence with a cue at every direction change.
 * The screen asks for the cues due between two clock readings, so a late frame never drops one.
 */
export type HeadMove = 'pitch-up' | 'pitch-down' | 'yaw-left' | 'yaw-right' | 'roll-left' | 'roll-right'

export const HEAD_SEQUENCE: readonly HeadMove[] = [
  'pitch-up',
  'pitch-down',
  'yaw-left',
  'yaw-right',
  'roll-left',
  'roll-right'
]

/** Settle before the first head movement, then one slow movement every few seconds. */
export const HEAD_SETTLE_MS = 2000
export const HEAD_STEP_MS = 3000

export type Cue =
  | { atMs: number; kind: 'start' }
  | { atMs: number; kind: 'half' }
  | { atMs: number; kind: 'end' }
  | { atMs: number; kind: 'head'; move: HeadMove }

export function cueSchedule(trialMs: number, headMovements: boolean): Cue[] {
  const cues: Cue[] = [
    { atMs: 0, kind: 'start' },
    { atMs: Math.round(trialMs / 2), kind: 'half' },
    { atMs: trialMs, kind: 'end' }
  ]
  if (headMovements) {
    // No new movement in the last second: the end tone should not overlap a direction change.
    for (let at = HEAD_SETTLE_MS, i = 0; at <= trialMs - 1000; at += HEAD_STEP_MS, i++) {
      cues.push({ atMs: at, kind: 'head', move: HEAD_SEQUENCE[i % HEAD_SEQUENCE.length] })
    }
  }
  const order = { start: 0, head: 1, half: 2, end: 3 }
  return cues.sort((a, b) => a.atMs - b.atMs || order[a.kind] - order[b.kind])
}

/** Cues with prevMs < atMs <= nowMs (prevMs = -1 before the first reading). */
export function cuesDue(schedule: readonly Cue[], prevMs: number, nowMs: number): Cue[] {
  return schedule.filter((c) => c.atMs > prevMs && c.atMs <= nowMs)
}

/** The head movement to perform now, or null (before the first one, or on other levels). */
export function headMoveAt(schedule: readonly Cue[], nowMs: number): HeadMove | null {
  let move: HeadMove | null = null
  for (const c of schedule) {
    if (c.atMs > nowMs) break
    if (c.kind === 'head') move = c.move
  }
  return move
}
