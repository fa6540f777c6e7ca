/**
 * The learner in the session flow (issue 16): the "tired" self-report, the prescription card's
 * reason and alternatives, the end-of-block focus rating and the after-session line.
 */
import type { Message } from '../message'

export const learnwireEn = {
  'flow.selfReport.tired': 'Tired',
  'flow.reason.selfReport.tired': 'You said you feel tired.',
  'verdict.felt.tired': 'tired',

  'flow.rx.why': 'Why this one:',
  'flow.rx.proposed': 'Limbic suggests',
  'flow.rx.alternatives': 'Or pick another one',
  'flow.rx.noAlternatives': 'No other practice suits this state right now.',
  'flow.rx.chooseOption': 'Do this instead',
  'flow.rx.start': 'Start',
  'flow.rx.error': 'That did not work: {reason}',

  'timer.rate.question': 'How well could you focus in this block?',
  'timer.rate.low': 'Not at all',
  'timer.rate.high': 'Very well',
  'timer.rate.skip': 'Skip',
  'timer.rate.thanks': 'Thanks — Limbic learns from this.',
  'timer.rate.error': 'The rating was not saved: {reason}'
} satisfies Record<string, Message>
