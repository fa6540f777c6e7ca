/**
 * Which protocol (and dose) each learner option runs, and which options this build can run
 * (issue 16, item 1). The learner only ever proposes, and the prescription screen only lists,
 * options whose protocol is in AVAILABLE_PROTOCOLS.
 *
 *   sigh-standard     -> sigh / full           sigh-short   -> sigh / short
 *   super-oxygenation -> super-oxygenation / full
 *   panoramic-vision  -> panoramic-vision / full
 *   energising-inhale -> energising-inhale / full
 *   nsdr              -> nsdr / full           sit-quietly  -> sit-quietly / full
 *   resonance         -> resonance / full
 *
 * Turning a protocol on is one line: add its name to AVAILABLE_PROTOCOLS (once ProtocolName in
 * shared/session.ts has it). Everything else - the learner's option set, the plain rule's
 * stand-in, the alternatives sent to the screen, the check on the person's pick - follows.
 */
import { OPTION_IDS, type OptionId } from '../shared/learning'
import type { ProtocolName } from '../shared/session'
import type { Dose } from '../shared/flowMachine'

/** Every protocol name agreed for issue 16/17, whether or not this build has it yet. */
export type ProtocolId =
  ProtocolName | 'panoramic-vision' | 'energising-inhale' | 'nsdr' | 'sit-quietly' | 'resonance'

/** The protocols this build can run. */
export const AVAILABLE_PROTOCOLS: readonly ProtocolName[] = [
  'sigh',
  'super-oxygenation',
  'panoramic-vision',
  'energising-inhale',
  'nsdr',
  'sit-quietly',
  'resonance'
]

export interface OptionProtocol {
  protocol: ProtocolId
  dose: Dose
}

export const OPTION_PROTOCOLS: Readonly<Record<OptionId, OptionProtocol>> = {
  'sigh-standard': { protocol: 'sigh', dose: 'full' },
  'sigh-short': { protocol: 'sigh', dose: 'short' },
  'super-oxygenation': { protocol: 'super-oxygenation', dose: 'full' },
  'panoramic-vision': { protocol: 'panoramic-vision', dose: 'full' },
  'energising-inhale': { protocol: 'energising-inhale', dose: 'full' },
  nsdr: { protocol: 'nsdr', dose: 'full' },
  'sit-quietly': { protocol: 'sit-quietly', dose: 'full' },
  resonance: { protocol: 'resonance', dose: 'full' }
}

export function protocolAvailable(protocol: ProtocolId): protocol is ProtocolName {
  return (AVAILABLE_PROTOCOLS as readonly string[]).includes(protocol)
}

/** The options this build can run, in OPTION_IDS order. */
export function availableOptions(): OptionId[] {
  return OPTION_IDS.filter((o) => protocolAvailable(OPTION_PROTOCOLS[o].protocol))
}

/** The protocol and dose an available option runs; null when this build lacks its protocol. */
export function runnableProtocol(option: OptionId): { protocol: ProtocolName; dose: Dose } | null {
  const { protocol, dose } = OPTION_PROTOCOLS[option]
  return protocolAvailable(protocol) ? { protocol, dose } : null
}

/**
 * The option a protocol + dose chosen on screen stands for: the sigh's two doses are two options;
 * any other protocol is one option whatever the dose. Null for a protocol no option runs.
 */
export function optionOf(protocol: ProtocolId, dose: Dose): OptionId | null {
  if (protocol === 'sigh') return dose === 'short' ? 'sigh-short' : 'sigh-standard'
  return OPTION_IDS.find((o) => OPTION_PROTOCOLS[o].protocol === protocol) ?? null
}
