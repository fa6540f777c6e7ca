/** Check-in, prescription, breathing protocols, safety, gate (issue 6). */
import type { Message } from '../message'

export const flowEn = {
  'flow.heading': 'Check in before you study',
  'flow.start.intro': {
    one: 'Sit still and breathe normally, for at most {count} second: Limbic stops as soon as it has enough data. It compares your heart with your own baseline and suggests the breathing that helps.',
    other:
      'Sit still and breathe normally, for at most {count} seconds: Limbic stops as soon as it has enough data. It compares your heart with your own baseline and suggests the breathing that helps.'
  },
  'flow.start.begin': 'Start the check-in',
  'flow.baseline.needed':
    'First time here? Measure your resting baseline first: sit quietly, as relaxed as you can. Until then Limbic compares you with typical adult values.',
  'flow.baseline.start': 'Measure my resting baseline',
  'flow.baseline.personal': {
    one: 'Your baseline rests on {count} resting measurement.',
    other: 'Your baseline rests on {count} resting measurements.'
  },
  'flow.baseline.population': 'No personal baseline yet: Limbic uses typical adult values for now.',
  'flow.baseline.saved': 'Your resting baseline is saved. Next: the check-in itself.',

  'flow.measuring.check-in': 'Checking in: sit still and breathe normally',
  'flow.measuring.re-check': 'Re-check: sit still and breathe normally',
  'flow.measuring.baseline': 'Resting baseline: sit still and relax',
  'flow.measuring.progress': 'Measurement progress',
  'flow.measuring.remaining': { one: '{count} second left', other: '{count} seconds left' },
  'flow.measuring.finishing': 'Working out the result…',
  'flow.measuring.cancel': 'Cancel',
  'flow.recheck.start': 'Start the re-check',
  'flow.measuring.waiting': 'Waiting for data…',

  'flow.metric.hr': 'Heart rate',
  'flow.metric.rmssd': 'RMSSD (beat-to-beat variability)',
  'flow.metric.bpmValue': '{value} bpm',
  'flow.metric.msValue': '{value} ms',
  'flow.signal.heading': 'Signal quality',
  'flow.signal.contact.detected': 'Skin contact good',
  'flow.signal.contact.not-detected': 'No skin contact: moisten the electrodes and tighten the strap',
  'flow.signal.contact.unsupported': 'This strap does not report skin contact',
  'flow.signal.contact.unknown': 'Skin contact not known yet',
  'flow.signal.artifacts': 'Artefacts {pct} % of beats',
  'flow.quality.good': 'Clean signal',
  'flow.quality.fair': 'Usable signal',
  'flow.quality.poor': 'Noisy signal',
  'flow.signal.noisyHint':
    'The signal is noisy. Sit still, keep your arms relaxed, and check the strap is snug and moist.',

  'flow.result.heading': 'Where you are now',
  'flow.state.low': 'Under-aroused: flat or tired',
  'flow.state.optimal': 'In your optimal zone',
  'flow.state.high': 'Over-aroused: wired or tense',
  'flow.result.why': 'Why Limbic thinks so',
  'flow.result.unusable': 'This measurement could not be judged.',
  'flow.result.retry': 'Measure again',
  'flow.result.continue': 'Continue',
  'flow.checkin.tooShort': 'Too few clean heartbeats were recorded to judge.',

  'flow.reason.hrSame': 'Your heart rate is about the same as your baseline.',
  'flow.reason.hrAbove': {
    one: 'Your heart rate is {count} beat per minute above your baseline.',
    other: 'Your heart rate is {count} beats per minute above your baseline.'
  },
  'flow.reason.hrBelow': {
    one: 'Your heart rate is {count} beat per minute below your baseline.',
    other: 'Your heart rate is {count} beats per minute below your baseline.'
  },
  'flow.reason.rmssdSame': 'Your heart-rate variability is about the same as your baseline.',
  'flow.reason.rmssdAbove': 'Your heart-rate variability is {pct} % above your baseline.',
  'flow.reason.rmssdBelow': 'Your heart-rate variability is {pct} % below your baseline.',
  'flow.reason.respRate': 'You are breathing about {rate} times a minute.',
  'flow.reason.ambiguous':
    'Heart data alone cannot tell calm from tired here; your own answer below helps decide.',
  'flow.reason.selfReport.wired': 'You said you feel wired.',
  'flow.reason.selfReport.fine': 'You said you feel fine.',
  'flow.reason.selfReport.flat': 'You said you feel flat.',
  'flow.reason.population':
    'Compared with typical adult values, because your personal baseline is not ready yet.',
  'flow.reason.settling': 'The first seconds were left out while your heart settled.',
  'flow.reason.tooNoisy': 'About {pct} % of the heartbeats were disturbed, too many to judge.',
  'flow.reason.noContact': 'The strap lost skin contact.',
  'flow.reason.withinBaseline': 'Your heart rate and variability are within your normal range.',

  'flow.selfReport.question': 'How do you feel? (optional)',
  'flow.selfReport.wired': 'Wired',
  'flow.selfReport.fine': 'Fine',
  'flow.selfReport.flat': 'Flat',

  'flow.rx.heading': 'What helps now',
  'flow.rx.high':
    'You are more wired than usual. The physiological sigh calms you quickest: a long, slow exhale after a double inhale.',
  'flow.rx.low':
    'You are flatter than usual. Super-oxygenation breathing raises alertness: fast, deep inhales with passive exhales.',
  'flow.rx.optimal': 'You are already in your zone. No breathing practice needed: go straight on.',
  // With the learner's proposal the state is said without naming a practice (the card names it).
  'flow.rx.proposal.high': 'You are more wired than usual. Each practice below brings arousal down.',
  'flow.rx.proposal.low': 'You are flatter than usual. Each practice below raises alertness.',
  'flow.rx.proposal.lean.high':
    'You seem more wired than usual (not sure yet). Each practice below brings arousal down.',
  'flow.rx.proposal.lean.low':
    'You seem flatter than usual (not sure yet). Each practice below raises alertness.',
  'flow.rx.recommended': 'Recommended',
  'flow.rx.instead': 'Or do this instead',
  'flow.rx.full': 'Full practice, {time}',
  'flow.rx.short.sigh': { one: 'Quick reset: {count} sigh', other: 'Quick reset: {count} sighs' },
  'flow.rx.short.super-oxygenation': 'Short dose: one round, {time}',
  'flow.rx.short.other': 'Short version, {time}',
  'flow.rx.needsScreening':
    'Super-oxygenation is offered once you have answered its one-time safety questions: choosing it opens them.',
  'flow.rx.goStraight': 'Go straight on',
  'flow.rx.practiseAnyway': 'Or practise anyway',
  'flow.protocol.sigh': 'Physiological sigh',
  'flow.protocol.super-oxygenation': 'Super-oxygenation',
  'flow.protocol.desc.sigh':
    'Inhale through the nose, top up with a second short sniff, then breathe out slowly through the mouth.',
  'flow.protocol.desc.super-oxygenation':
    'Deep nasal inhales and relaxed exhales, then breathe out and hold with empty lungs for up to 15 seconds.',

  'flow.safety.heading': 'Super-oxygenation: safety first',
  'flow.safety.intro':
    'This breathing lowers the carbon dioxide in your blood on purpose. For most healthy adults it is safe when seated, but not for everyone. Answer once; Limbic remembers your answer.',
  'flow.safety.q.pregnancy': 'Are you pregnant?',
  'flow.safety.q.seizures': 'Have you ever had seizures or epilepsy?',
  'flow.safety.q.heart': 'Do you have heart disease or a heart condition?',
  'flow.safety.q.glaucoma': 'Do you have glaucoma?',
  'flow.safety.q.fainting': 'Have you ever fainted?',
  'flow.safety.yes': 'Yes',
  'flow.safety.no': 'No',
  'flow.safety.notMedical': 'Limbic is not a medical device. If you are unsure, ask a doctor first.',
  'flow.safety.optIn': 'Turn super-oxygenation on',
  'flow.safety.incomplete': 'Answer every question to continue.',
  'flow.safety.contraindicated':
    'Then super-oxygenation is not for you. The physiological sigh is safe for you and helps too.',
  'flow.safety.useSigh': 'Do the physiological sigh instead',
  'flow.safety.back': 'Back',
  'flow.safety.rulesHeading': 'Every time, before you start',
  'flow.safety.rule.seated': 'Sit or lie down.',
  'flow.safety.rule.water': 'Never in or near water, and never while driving.',
  'flow.safety.rule.stop': 'Stop and breathe normally if you feel dizzy or tingling.',
  'flow.safety.rule.holds': 'Breath holds are capped at 15 seconds; you may end one early at any time.',
  'flow.safety.start': 'I am seated: start',

  'flow.pacer.label': 'Breathing pacer',
  'flow.phase.sigh.inhale': 'Inhale — nose',
  'flow.phase.sigh.top-up': 'Top-up — nose',
  'flow.phase.sigh.exhale': 'Exhale — mouth, slowly',
  'flow.phase.so.inhale': 'Inhale — nose, deep',
  'flow.phase.so.exhale': 'Let go — mouth',
  'flow.phase.hold-empty': 'Hold — lungs empty',
  'flow.phase.hold-full': 'Hold — lungs full',
  'flow.pacer.phaseLeft': { one: '{count} second', other: '{count} seconds' },
  'flow.pacer.cycle.sigh': 'Sigh {current} of {total}',
  'flow.pacer.cycle.super-oxygenation': 'Round {current} of {total}',
  'flow.pacer.breath': 'Breath {current} of {total}',
  'flow.pacer.remaining': '{time} left',
  'flow.pacer.paused': 'Paused',
  'flow.pacer.pause': 'Pause',
  'flow.pacer.resume': 'Resume',
  'flow.pacer.stop': 'Stop',
  'flow.pacer.endHold': 'End the hold now',
  'flow.pacer.keys': 'Space pauses or resumes, Esc stops.',
  'flow.pacer.sound': 'Sound cues',
  'flow.pacer.volume': 'Volume',

  'flow.bio.rate': 'You are breathing at ~{you}/min, pacer {pacer}/min',
  'flow.bio.rateUnknown': 'Your breathing rate: still measuring; pacer {pacer}/min',
  'flow.bio.chart': 'Heart rate while you breathe',
  'flow.bio.legendIn': 'breathing in',
  'flow.bio.legendOut': 'breathing out',
  'flow.bio.legendHold': 'holding',
  'flow.bio.rateChest': 'You are breathing at ~{you}/min (measured at the chest), pacer {pacer}/min',
  'flow.bio.breathChart': 'Your breathing (chest sensor) against the pacer',
  'flow.bio.legendPacer': 'pacer',
  'flow.bio.legendYou': 'you',
  'flow.bio.waiting': 'Waiting for heartbeats…',

  'flow.gate.heading': 'Ready to study?',
  'flow.gate.recheck': 'Re-check: {state}',
  'flow.gate.score': 'Arousal score {before} before, {after} now (between −1 and 1 is your optimal zone)',
  'flow.gate.open.optimal': 'The study timer is unlocked: you are in your optimal zone.',
  'flow.gate.open.protocol-completed': 'The study timer is unlocked: you completed the practice.',
  'flow.gate.open.override': 'The study timer is unlocked because you skipped (recorded as an override).',
  'flow.gate.closed':
    'The study timer is still locked: the practice was stopped early and the re-check is not yet in your zone. Do a round, or skip.',
  'flow.gate.toTimer': 'Go to the study timer',
  'flow.gate.drill': 'Balance drill first',
  'flow.gate.anotherRound': 'One more round',
  'flow.gate.newCheckIn': 'New check-in',

  'flow.skip.button': 'Skip to the timer',
  'flow.skip.confirm':
    'Skip the check-in and breathing? The timer unlocks, and this session is marked as an override in your history.',
  'flow.skip.yes': 'Yes, skip',
  'flow.skip.no': 'No, go back',

  'flow.rest.heading': 'Seated rest',
  'flow.rest.intro': 'Stay seated after super-oxygenation before you stand on the board. Breathe normally.',
  'flow.rest.wait': { one: 'Rest {count} more second', other: 'Rest {count} more seconds' },
  'flow.rest.confirm': 'I feel no dizziness and no tingling',
  'flow.rest.go': 'Start the balance drill',

  'flow.error': 'That did not work: {message}',
  'flow.error.dismiss': 'Dismiss',
  'flow.unrecorded': {
    one: '{count} step could not be saved to this session.',
    other: '{count} steps could not be saved to this session.'
  }
} as const satisfies Record<string, Message>
