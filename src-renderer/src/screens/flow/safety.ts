/** The super-oxygenation safety screen (Balban et al. 2023 trial exclusions, common cautions). */
import type { MessageKey } from '../../lib/i18n/en'

export const CONTRAINDICATIONS = ['pregnancy', 'seizures', 'heart', 'glaucoma', 'fainting'] as const
export type Contraindication = (typeof CONTRAINDICATIONS)[number]

export type Answers = Partial<Record<Contraindication, boolean>>

export function contraindicationKey(c: Contraindication): MessageKey {
  return `flow.safety.q.${c}`
}

/** 'incomplete' until every question is answered; any yes -> 'contraindicated'. */
export function screening(answers: Answers): 'incomplete' | 'clear' | 'contraindicated' {
  if (CONTRAINDICATIONS.some((c) => answers[c] === true)) return 'contraindicated'
  return CONTRAINDICATIONS.every((c) => answers[c] === false) ? 'clear' : 'incomplete'
}

export const RULE_KEYS: MessageKey[] = [
  'flow.safety.rule.seated',
  'flow.safety.rule.water',
  'flow.safety.rule.stop',
  'flow.safety.rule.holds'
]

/** Seated rest after super-oxygenation before anything that needs balance. */
export const REST_S = 60
