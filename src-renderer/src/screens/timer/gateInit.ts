/**
 * Opens the timer gate from the session on disk: the flow records the gate outcome in session.json
 * (`sessionUpdate({gate})`), and `sessionCurrent()` hands it back after a restart.
 */
import type { AppApi } from '../../../../src-main/shared/contract'
import { gateFromSession, type GateState } from '../../../../src-main/shared/gate'

/**
 * Asks main for the current session and opens the gate when it was opened. Never closes a gate
 * the flow opened in memory, and never throws: session calls may be unavailable.
 */
export async function initGateFromSession(
  api: Pick<AppApi, 'sessionCurrent'>,
  apply: (state: GateState) => void
): Promise<GateState | null> {
  try {
    const state = gateFromSession(await api.sessionCurrent())
    if (state) apply(state)
    return state
  } catch (err) {
    console.warn('timer: could not read the current session', err)
    return null
  }
}
