/** The gate as shared reactive state: the flow opens it, the timer reads it. */
import { CLOSED, type GateState } from '../../../src-main/shared/gate'

export const gate = $state<{ state: GateState }>({ state: CLOSED })

export function setGate(state: GateState): void {
  gate.state = state
}
