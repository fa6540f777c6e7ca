/** The words the pacer shows for each phase, per protocol (the exhale differs: slow vs passive). */
import type { BreathPhaseName } from '../../../../src-main/shared/breathing'
import type { ProtocolName } from '../../../../src-main/shared/contract'
import type { MessageKey } from '../../lib/i18n/en'

export function phaseKey(protocol: ProtocolName, phase: BreathPhaseName): MessageKey {
  if (phase === 'hold-empty' || phase === 'hold-full') return `flow.phase.${phase}`
  if (protocol === 'sigh') return `flow.phase.sigh.${phase}`
  if (protocol === 'resonance')
    return phase === 'exhale' ? 'flow.phase.resonance.exhale' : 'flow.phase.resonance.inhale'
  if (protocol === 'energising-inhale')
    return phase === 'exhale' ? 'flow.phase.energising.exhale' : 'flow.phase.energising.inhale'
  return phase === 'exhale' ? 'flow.phase.so.exhale' : 'flow.phase.so.inhale'
}
