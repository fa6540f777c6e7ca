/** Study timer (issue 8). */
import type { Message } from '../message'

export const timerEn = {
  'timer.heading': 'Study timer',
  'timer.hrLabel': 'Heart rate',
  'timer.hr': '{bpm} bpm',
  'timer.hrNone': 'no heart data',
  'timer.loading': 'Loading the timer…',

  'timer.lock.title': 'The study timer is locked',
  'timer.lock.no-check-in':
    'Do a check-in first: the timer opens once your arousal is in the learning range, or once you have done the breathing it prescribes.',
  'timer.lock.protocol-pending':
    'Finish the prescribed breathing protocol first; the timer opens when it is done or your re-check lands in the learning range.',
  'timer.lock.re-check-pending': 'One short re-check is left: the timer opens after it.',
  'timer.lock.go': 'Go to the check-in',

  'timer.unlocked.optimal': 'Unlocked: your check-in was in the learning range.',
  'timer.unlocked.protocol-completed': 'Unlocked: you completed the breathing protocol.',
  'timer.unlocked.override': 'Unlocked by your own decision (check-in overridden).',

  'timer.setup.heading': 'Before you start',
  'timer.setup.intro': 'Two optional steps that make the next block count:',
  'timer.setup.phone': 'My phone is out of the room (or at least out of sight)',
  'timer.setup.task': 'The one task for this block',
  'timer.setup.taskPlaceholder': 'e.g. chapter 4 exercises',
  'timer.setup.blockMin': 'Block length in minutes',
  'timer.setup.blockHint': '90 minutes is one ultradian cycle; choose 30 to 120.',
  'timer.setup.notifications': 'Tell me about phase changes with a quiet system notification',
  'timer.setup.plan':
    'The block has three phases: {warmup} of warm-up, {focus} of deep focus, then {errors} of error-rich work.',
  'timer.start': 'Start the block',

  'timer.phase.warmup': 'Warm-up / drift',
  'timer.phase.focus': 'Deep focus',
  'timer.phase.errors': 'Error-rich window',
  'timer.phase.warmup.hint': 'Your mind will wander. Each time it does, just bring it back to the task.',
  'timer.phase.focus.hint': 'Keep your eyes and attention on the one task. This is the core of the block.',
  'timer.phase.errors.hint':
    'Errors pile up and the mind flickers. Frustration is the signal that your brain is ready to change: stay with it.',
  'timer.phaseBar': 'Phases of the block',
  'timer.now': 'Current phase',
  'timer.elapsed': 'Elapsed',
  'timer.remaining': 'Remaining',
  'timer.paused': 'Paused. The clock stands still until you resume.',
  'timer.task': 'Task: {task}',

  'timer.pause': 'Pause',
  'timer.resume': 'Resume',
  'timer.stop': 'Stop',
  'timer.stopAsk': 'End this block now? The summary will show what you did so far.',
  'timer.stopYes': 'Yes, end the block',
  'timer.stopNo': 'Keep going',

  'timer.logError': 'I made an error / got it wrong',
  'timer.logFrustration': 'I feel frustrated',
  'timer.keys': 'Keyboard: press E to log an error, F to log frustration (not while typing in a field).',
  'timer.errors': { one: '{count} error logged', other: '{count} errors logged' },
  'timer.frustrations': { one: '{count} moment of frustration', other: '{count} moments of frustration' },

  'timer.reframe.0': 'Good. That error is exactly what tells your brain to change.',
  'timer.reframe.1': 'Getting it wrong releases the chemistry of learning. Keep going.',
  'timer.reframe.2': 'Mistake noted: this circuit is now marked for rewiring.',
  'timer.reframe.3': 'Errors are the engine. You are doing the part that counts.',
  'timer.reframe.4': 'That felt off because you are at the edge of what you know. That is the place to be.',
  'timer.reframe.5': 'Another one: small errors add up to real change.',
  'timer.frustrationReframe.0': 'Frustration is the signal, not the failure. Stay with it a little longer.',
  'timer.frustrationReframe.1':
    'This is the uncomfortable part where learning happens. Breathe out slowly and continue.',
  'timer.frustrationReframe.2': 'Noted. Frustration means your brain is preparing to change.',

  'timer.timeline.heading': 'Your log',
  'timer.timeline.error': 'Error at {elapsed} into the block ({time})',
  'timer.timeline.frustration': 'Frustration at {elapsed} into the block ({time})',

  'timer.notify.warmup.title': 'Warm-up: the mind drifts',
  'timer.notify.warmup.body': 'Your mind will wander at first. Bring it back each time.',
  'timer.notify.focus.title': 'Deep focus',
  'timer.notify.focus.body': 'The drift is over. Stay on the one task.',
  'timer.notify.errors.title': 'Error-rich window',
  'timer.notify.errors.body': 'Frustration is the signal: stay with it until the block ends.',

  'timer.summary.heading': 'Block complete',
  'timer.summary.stopped': 'Block ended early',
  'timer.summary.duration': 'Focused time: {duration}',
  'timer.summary.task': 'Task: {task}',
  'timer.summary.errors': {
    one: 'You logged {count} error. Each one was a signal for change.',
    other: 'You logged {count} errors. Each one was a signal for change.'
  },
  'timer.summary.noErrors':
    'No errors logged. Next time, aim for tasks just beyond what you can do: errors are what drive learning.',
  'timer.summary.chart': 'Errors and heart rate over the block',
  'timer.summary.hrTrend': 'Heart rate: about {start} bpm in the warm-up, about {end} bpm at the end.',
  'timer.summary.noHr': 'No heart-rate data was recorded during this block.',
  'timer.chart.errors': 'Errors (running total)',
  'timer.chart.hr': 'Heart rate (bpm)',
  'timer.chart.minutes': 'Minutes into the block',
  'timer.summary.rest':
    'Now rest: 10 to 20 minutes of non-sleep deep rest (NSDR, e.g. lying down with a slow body scan) or a short walk without your phone helps the brain begin to consolidate.',
  'timer.summary.sleep':
    'The rewiring itself happens in your next sleep: the errors you made today mark circuits that change overnight. Expect the improvement in a day or two.',
  'timer.summary.reflection': 'One line for later: what did you learn or get wrong?',
  'timer.summary.save': 'Save and finish',
  'timer.finished': 'Saved. Rest now; the next block starts with a new check-in.',
  'timer.finished.again': 'Go to the check-in'
} as const satisfies Record<string, Message>
