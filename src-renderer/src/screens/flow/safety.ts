/** The super-oxygenation safety screen (Balban et al. 2023 trial exclusions, common cautions). */
import type { MessageKey } from '../../lib/i18n/en'

import type { Contraindication } from '../../../../src-main/shared/safety'

export {
  CONTRAINDICATIONS,
  REST_S,
  screening,
  type Answers,
  type Contraindication
} from '../../../../src-main/shared/safety'

export function contraindicationKey(c: Contraindication): MessageKey {
  return `flow.safety.q.${c}`
}

export const RULE_KEYS: MessageKey[] = [
  'flow.safety.rule.seated',
  'flow.safety.rule.water',
  'flow.safety.rule.stop',
  'flow.safety.rule.holds'
]
