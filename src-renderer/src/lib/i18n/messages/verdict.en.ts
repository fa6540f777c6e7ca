/**
 * A verdict a person can trust (issue 15): the words for main's verdict layer (message keys from
 * src-main/signal/verdict.ts, VERDICT_MESSAGE_KEYS) and the screens that show them - firm vs lean,
 * calibration, the self-report as evidence, the check-in's live progress, the re-check's change
 * with its numbers, and the gate's reason.
 */
import type { Message } from '../message'

export const verdictEn = {
  'verdict.firm.low': 'Under-aroused: flat or tired',
  'verdict.firm.optimal': 'In your optimal zone',
  'verdict.firm.high': 'Over-aroused: wired or tense',
  'verdict.lean.low': 'Leaning under-aroused — not sure yet',
  'verdict.lean.optimal': 'Leaning toward your optimal zone — not sure yet',
  'verdict.lean.high': 'Leaning over-aroused — not sure yet',
  'verdict.none': 'No verdict: this measurement could not be judged.',
  'verdict.why.calibrating':
    'Your personal baseline is still calibrating (too few resting readings yet), so this can only be a lean.',
  'verdict.why.low-confidence': 'There is not yet enough clean data to be sure.',
  'verdict.why.near-boundary':
    'You are near the edge of the zone: a small measurement error could change it.',
  'verdict.why.tired-or-calm':
    'A low heart rate with high variability can mean calm or tired: the heart alone cannot tell which.',
  'verdict.whyLean': 'Why only a lean',
  'verdict.confidence.firm': 'Confident ({pct} %)',
  'verdict.confidence.lean': 'Not sure yet ({pct} %)',
  'verdict.calibrating': 'Calibrating: {count} of {needed} resting readings ({days} of {daysNeeded} days)',
  'verdict.calibrated': 'Personal baseline: {count} readings',
  'verdict.takeReading': 'Take a guided resting reading',
  'verdict.chooseHint':
    'You decide: the practice suggested next follows the measurement, and the other one is a tap away.',
  'verdict.body.low': 'flat',
  'verdict.body.optimal': 'calm',
  'verdict.body.high': 'wired',
  'verdict.felt.wired': 'wired',
  'verdict.felt.fine': 'fine',
  'verdict.felt.flat': 'flat',
  'selfReport.agree': 'Your body reads {measured} and you feel {felt}: they agree.',
  'selfReport.disagree': 'Your body reads {measured}; you feel {felt}. Both are kept: you decide what to do.',
  'selfReport.none': 'How you feel is kept beside the measurement as evidence; it does not change it.',
  'checkIn.length.settling': 'Settling: the first seconds let your heart settle.',
  'checkIn.length.measuring': 'Measuring: {clean} of at least {min} seconds of clean heartbeats.',
  'checkIn.length.extending':
    'Measuring a little longer: the estimate is not clear yet (at most {limit} seconds).',
  'checkIn.length.enough': 'Enough data.',
  'checkIn.length.too-short': 'Too short: fewer than 25 seconds of clean heartbeats were recorded.',
  'checkIn.length.too-noisy': 'Too noisy: too many heartbeats were disturbed to judge.',
  'checkIn.length.lost-contact':
    'Lost contact: the strap reported no skin contact, or no heartbeats arrived.',
  'checkIn.phase.settling': 'Settling',
  'checkIn.phase.measuring': 'Measuring',
  'checkIn.phase.enough': 'Enough data',
  'checkIn.live.hr': 'Heart rate now',
  'checkIn.live.trace': 'Beat-to-beat intervals',
  'checkIn.live.elapsed': '{elapsed} s',
  'recheck.toward.calmer': 'Moved toward your zone: calmer.',
  'recheck.toward.calmer.overshoot': 'Calmer, as intended — now a little below your zone.',
  'recheck.toward.more-alert': 'Moved toward your zone: more alert, as expected.',
  'recheck.toward.more-alert.overshoot':
    'More alert, as expected after this practice — for now a little above your zone.',
  'recheck.away.calmer': 'Moved away from your zone: calmer, when more alert was the aim.',
  'recheck.away.more-alert': 'Moved away from your zone: more aroused than before.',
  'recheck.no-clear-change': 'No clear change: the difference is within what the measurement can tell apart.',
  'recheck.heading': 'Compared with your check-in',
  'recheck.hr': 'Heart rate {delta} bpm (± {se})',
  'recheck.rmssd': 'RMSSD {delta} % ({low} to {high} %)',
  'recheck.resp': 'Breathing {delta} per minute (± {se})',
  'recheck.swc.personal': 'Smallest worthwhile change from your own baseline: {hr} bpm, {rmssd} % RMSSD.',
  'recheck.swc.population':
    'Smallest worthwhile change (typical values while calibrating): {hr} bpm, {rmssd} % RMSSD.',
  'recheck.notMeasured': 'The change could not be measured (the re-check or the check-in was not usable).',
  'gate.open.completed-toward':
    'The study timer is unlocked: you completed the practice and moved toward your zone.',
  'gate.open.completed-no-clear-change':
    'The study timer is unlocked: you completed the practice (no clear change was measured).',
  'gate.open.completed-not-measured':
    'The study timer is unlocked: you completed the practice (the change could not be measured).',
  'gate.open.override': 'The study timer is unlocked because you skipped (recorded as an override).',
  'gate.closed.moved-away':
    'The study timer stays locked: the re-check moved away from your zone. Try one more round, or skip.',
  'gate.closed.protocol-pending':
    'The study timer stays locked: the practice was stopped early. Try one more round, or skip.',
  'verdict.rx.high':
    'You seem more wired than usual (not sure yet). The physiological sigh calms you quickest: a long, slow exhale after a double inhale.',
  'verdict.rx.low':
    'You seem flatter than usual (not sure yet). Super-oxygenation breathing raises alertness: fast, deep inhales with passive exhales.',
  'verdict.rx.optimal':
    'You seem to be in your zone (not sure yet). No breathing practice needed: go straight on, or practise anyway.',
  'history.to.calmer': 'calmer',
  'history.to.more-alert': 'more alert',
  'history.to.no-clear-change': 'no clear change',
  'history.change': '{from} → {to} (HR {hr} bpm, RMSSD {rmssd} %)'
} satisfies Record<string, Message>
