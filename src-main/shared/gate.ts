/**
 * The study-timer gate: closed until the check-in/protocol flow opens it. Pure logic; main's flow
 * (flowMachine.ts, run by core/session/flowEngine.ts) holds it and refuses `timer:start` while it is
 * closed; the screens draw it from the snapshot. The timer shows `reason` while closed.
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
