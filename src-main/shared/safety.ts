/**
 * The safety rules of super-oxygenation, shared by main (which enforces them) and the screens
 * (which ask and count down). The contraindications are the Balban et al. 2023 trial exclusions
 * and common cautions (../shared/notes/breathing-protocols.md); the seated rest is the wait before
 * anything that needs balance after hyperventilation-style breathing.
 */
export const CONTRAINDICATIONS = ['pregnancy', 'seizures', 'heart', 'glaucoma', 'fainting'] as const
export type Contraindication = (typeof CONTRAINDICATIONS)[number]

/** The answers to the one-time screening: `true` = the person has it. */
export type Answers = Partial<Record<Contraindication, boolean>>

/** 'incomplete' until every question is answered; any yes -> 'contraindicated'. */
export function screening(answers: Answers): 'incomplete' | 'clear' | 'contraindicated' {
  if (CONTRAINDICATIONS.some((c) => answers[c] === true)) return 'contraindicated'
  return CONTRAINDICATIONS.every((c) => answers[c] === false) ? 'clear' : 'incomplete'
}

/** Seated rest after super-oxygenation before the balance drill (seconds). */
export const REST_S = 60
