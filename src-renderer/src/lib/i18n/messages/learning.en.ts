/**
 * "Learns what works for you" (issue 16): option names, why an option was chosen, the line after a
 * session, the "What works for you" screen and the model file's notices. Keys come from
 * src-main/learning (LEARNING_MESSAGE_KEYS) and from the screen (screens/learning/).
 */
import type { Message } from '../message'

export const learningEn = {
  'learning.option.sigh-short': 'Physiological sigh (short)',
  'learning.option.sigh-standard': 'Physiological sigh',
  'learning.option.panoramic-vision': 'Panoramic vision',
  'learning.option.resonance': 'Resonance breathing',
  'learning.option.super-oxygenation': 'Super-oxygenation',
  'learning.option.energising-inhale': 'Energising breathing',
  'learning.option.nsdr': 'Short guided rest (NSDR)',
  'learning.option.sit-quietly': 'Sit quietly for 2 minutes',

  'learning.reason.best-so-far': 'Best for you so far, {pct} %',
  'learning.reason.exploring': 'Trying the alternative to learn what suits you',
  'learning.reason.control':
    'Just sitting quietly this time: it shows how much you settle on your own, so Limbic can tell what the practices add',
  'learning.reason.only-option': 'The only suitable option right now',
  'learning.reason.rule': 'Standard choice for your state (adaptive choice is off)',
  'learning.reason.person-chose': 'Your choice',
  'learning.reason.not-enough-data':
    'Not enough of your own sessions yet: chosen from published effects, with some variety to learn',

  'learning.pe.calmer-than-expected':
    'Calmer than expected — {option} works better for you than Limbic thought',
  'learning.pe.less-calm-than-expected':
    'Less calm than expected — {option} did less for you than Limbic thought',
  'learning.pe.more-alert-than-expected':
    'More alert than expected — {option} works better for you than Limbic thought',
  'learning.pe.less-alert-than-expected':
    'Less alert than expected — {option} did less for you than Limbic thought',
  'learning.pe.as-expected': 'About as expected — {option} did what Limbic predicted',
  'learning.pe.block.better': 'Your study block went better than Limbic expected after {option}',
  'learning.pe.block.worse': 'Your study block went less well than Limbic expected after {option}',
  'learning.pe.block.as-expected': 'Your study block went about as Limbic expected after {option}',

  'learning.summary.heading': 'What works for you',
  'learning.summary.still-learning': 'Still learning — no option is clearly best for you yet',
  'learning.summary.best': '{option} works best for you ({pct} % likely)',
  'learning.summary.effect': 'Effect {mean} (90 % range {low} to {high})',
  'learning.summary.sessions': { one: '{count} session', other: '{count} sessions' },
  'learning.summary.pBest': '{pct} % likely your best',
  'learning.summary.control-note': 'Sitting quietly shows how much you settle without a practice',

  'learning.notice.corrupt-reset':
    'What Limbic had learned about you could not be read. It was kept at {path} and learning starts again.',
  'learning.notice.newer-version':
    'What Limbic learned was saved by a newer version of Limbic. It was kept at {path} and this version starts learning again.',

  'learning.screen.loading': 'Loading…',
  'learning.screen.error': 'What Limbic learned could not be shown: {reason}',
  'learning.screen.intro':
    'Limbic learns from your own sessions which practice brings you back into your zone. Each row is its current estimate and how sure it is.',
  'learning.screen.state.high': 'When you are over-aroused',
  'learning.screen.state.low': 'When you are under-aroused',
  'learning.screen.col.option': 'Practice',
  'learning.screen.col.effect': 'Estimated effect (90 % range)',
  'learning.screen.col.sessions': 'Sessions',
  'learning.screen.col.pBest': 'Likely your best',
  'learning.screen.effect': '{mean} ({low} to {high})',
  'learning.screen.still-learning-leader': {
    one: 'Still learning — {option} looks best so far ({pct} % likely), but {count} session is too few to be sure ({needed} needed)',
    other:
      'Still learning — {option} looks best so far ({pct} % likely), but {count} sessions are too few to be sure ({needed} needed)'
  },
  'learning.screen.no-sessions':
    'No sessions yet: the estimates are starting points from published studies, and your own sessions will replace them.',
  'learning.screen.rule':
    'Limbic names an option as best for you once it is at least 80 % likely to be your best with at least 8 sessions behind it.',
  'learning.screen.units':
    'Effect: how far a practice moved you toward your zone, plus part of how the study block after it went, in smallest worthwhile changes (1 is a change worth having, 0 is none).',
  'learning.screen.adaptive-off':
    'Adaptive choice is off in Settings: Limbic suggests the standard practice for your state and goes on learning.',
  'learning.screen.control-off': 'You turned off the sit-quietly comparison in Settings.'
} satisfies Record<string, Message>
