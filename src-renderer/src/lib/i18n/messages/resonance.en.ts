/**
 * Resonance breathing (issue 17): the assessment screen, its result and reasons (message keys of
 * src-main/signal/resonance.ts), past tests in History, the resonance protocol and its coherence
 * view, and the settings.
 */
import type { Message } from '../message'

export const resonanceEn = {
  'nav.resonance': 'Resonance',
  'flow.protocol.resonance': 'Resonance breathing',
  'flow.protocol.desc.resonance':
    'Slow, even breathing at your own rate, in through the nose and a longer breath out: your heart rate rises and falls with each breath.',
  'flow.pacer.cycle.resonance': 'Breath {current} of {total}',
  'flow.phase.resonance.inhale': 'Breathe in — nose, gently',
  'flow.phase.resonance.exhale': 'Breathe out — slowly',
  'history.protocol.resonance': 'Resonance breathing',

  'resonance.reason.largestSwing': '{rateBpm}/min gave your largest heart-rate swings, {swingBpm} bpm.',
  'resonance.reason.closeCall':
    '{rateBpm}/min ({swingBpm} bpm) and {otherRateBpm}/min ({otherSwingBpm} bpm) were close; at {rateBpm}/min your heart followed your breath more closely.',
  'resonance.reason.repeatSteps':
    '{rateBpm}/min gave your largest swings ({swingBpm} bpm), but the steps at {repeatRates}/min could not be measured even when repeated. Re-test to be sure.',
  'resonance.reason.tooFewSteps':
    '{rateBpm}/min gave your largest swings ({swingBpm} bpm), but only {validSteps} steps could be measured. Re-test to be sure.',
  'resonance.reason.noValidStep':
    'None of the {steps} steps could be measured (lost contact, artefacts, too short, or breathing not with the pacer). Check the strap and re-test.',

  'resonance.title': 'Resonance test',
  'resonance.intro':
    'Find the breathing rate at which your heart rate swings most: your resonance frequency. You breathe with the pacer at 6.5, 6, 5.5, 5 and 4.5 breaths a minute, in shorter than out, with a short rest between steps. A step that cannot be measured is repeated once.',
  'resonance.duration':
    'About {min} min: {steps} steps of {stepS} s with {restS} s rests. Sit still and keep the strap on.',
  'resonance.start': 'Start the test',
  'resonance.retest': 'Re-test',
  'resonance.cancel': 'Stop the test',
  'resonance.yourRate': 'Your rate: {rate} breaths/min',
  'resonance.noRate': 'No rate yet: resonance breathing paces at 6 breaths/min until you take the test.',
  'resonance.step': 'Step {current} of {total}: {rate} breaths/min',
  'resonance.repeat': 'Repeating this step: the first try could not be measured.',
  'resonance.repeatNext': 'The last step could not be measured: it comes once more.',
  'resonance.stepLeft': '{time} left in this step',
  'resonance.rest': 'Rest. Breathe normally.',
  'resonance.next': 'Next: {rate} breaths/min in {time}',
  'resonance.skipRest': 'Start the next step now',
  'resonance.keys': 'Esc stops the test.',
  'resonance.hrChart': 'Heart rate during this step',
  'resonance.cancelled': {
    one: 'The test was stopped. The step done is saved.',
    other: 'The test was stopped. The {count} steps done are saved.'
  },
  'resonance.result.title': 'Your resonance rate',
  'resonance.result.rate': '{rate} breaths/min',
  'resonance.result.none': 'No rate found',
  'resonance.result.confidence': 'Confidence {pct} %',
  'resonance.result.status.found': 'Found',
  'resonance.result.status.unsure': 'Unsure: re-test to confirm',
  'resonance.result.status.none': 'Not found',
  'resonance.chart.title': 'Heart-rate swing (bpm) at each breathing rate (breaths/min)',
  'resonance.chart.bar': '{rate}/min: {swing} bpm',
  'resonance.chart.unmeasured': '{rate}/min: not measured',
  'resonance.chart.chosen': 'chosen',
  'resonance.history.title': 'Resonance tests',
  'resonance.history.empty': 'No resonance test yet.',
  'resonance.history.stopped': {
    one: 'stopped after {count} step',
    other: 'stopped after {count} steps'
  },
  'resonance.history.problem': 'The saved tests could not be read: {problem}',
  'resonance.notice.reset':
    'The saved resonance tests could not be read. The file was kept at {path}; new tests are saved again.',

  'resonance.coherence.title': 'Coherence',
  'resonance.coherence.waiting': 'Coherence shows after about 30 s of beats.',
  'resonance.coherence.help':
    'How much of your heart-rate variation is one smooth wave at the breathing rate ({rate}/min), 0–100 %. Above about 60 % your heart follows your breath well.',
  'resonance.coherence.chart': 'Heart rate over the pacer wave',
  'resonance.coherence.legendPacer': 'Breath (pacer)',
  'resonance.coherence.legendHr': 'Heart rate',

  'settings.section.resonance': 'Resonance breathing',
  'settings.field.resonance.stepS': 'Test: length of each step',
  'settings.field.resonance.restS': 'Test: rest between steps',
  'settings.field.resonance.durationS': 'Resonance breathing practice'
} satisfies Record<string, Message>
