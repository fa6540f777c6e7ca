/**
 * The study-timer gate: closed until the check-in/protocol flow opens it. Pure logic; the
 * reactive holder is src-renderer/src/lib/gate.svelte.ts. The timer shows `reason` while closed.
 */
export type GateOutcome = 'optimal' | 'protocol-completed' | 'override'

export type GateState =
  | { open: false; reason: 'no-check-in' | 'protocol-pending' | 're-check-pending' }
  | { open: true; outcome: GateOutcome; atMs: number }

export const CLOSED: GateState = { open: false, reason: 'no-check-in' }

/** The rule of issue 6: open when the re-check is optimal, or the prescribed protocol was completed. */
export function gateAfterRecheck(
  recheckState: 'low' | 'optimal' | 'high' | null,
  protocolCompleted: boolean,
  nowMs: number
): GateState {
  if (recheckState === 'optimal') return { open: true, outcome: 'optimal', atMs: nowMs }
  if (protocolCompleted) return { open: true, outcome: 'protocol-completed', atMs: nowMs }
  return { open: false, reason: 'protocol-pending' }
}

/**
 * The open gate a session records (session.json `gate`, handed back by `session:current` after a
 * restart), or null when it records none. The one reader of that record.
 */
/** What `session:current` answers, as far as the gate goes. */
export interface SessionGateRecord {
  gate?: { outcome: GateOutcome; atUtc: string } | null
  /** The session's other fields (id, start) play no part here. */
  [other: string]: unknown
}

export function gateFromSession(current: SessionGateRecord | null): GateState | null {
  const g = current?.gate
  if (!g) return null
  const atMs = Date.parse(g.atUtc)
  return { open: true, outcome: g.outcome, atMs: Number.isFinite(atMs) ? atMs : 0 }
}
