/** Balance-board drill (issue 7). */
import type { Message } from '../message'

export const drillEn = {
  'drill.heading': 'Balance drill',
  'drill.intro':
    'A short balance challenge before you study. Wobbling is the point: every loss of balance sends an error signal from your vestibular system to the cerebellum, which primes the brain for learning.',
  'drill.skip': 'Skip the drill',
  'drill.loading': 'Loading your drill progress…',

  'drill.safety.heading': 'Before you start',
  'drill.safety.surface': 'Clear the space around the board so there is nothing to trip over or bump into.',
  'drill.safety.hold': 'Stand within reach of a wall, a sturdy chair or a table you can grab at any moment.',
  'drill.safety.floor': 'Put the board on a flat, non-slippery floor and stand on it barefoot.',
  'drill.safety.stop':
    'Losing balance is expected, falling is not: reach for your support early, and stop if you feel dizzy or unwell.',
  'drill.safety.breathing':
    'If you just did super-oxygenation breathing, sit and rest first, and start only when your head feels clear.',
  'drill.safety.ok': 'My space is safe, continue',
  'drill.restFirst.heading': 'Seated rest first',
  'drill.restFirst.body':
    'You just did super-oxygenation breathing. Sit and rest, and confirm that you feel no dizziness, before you stand on the board.',
  'drill.restFirst.go': 'Back to the seated rest',

  'drill.resume': 'Welcome back. You start at level {level}, the last level you passed.',
  'drill.firstTime': 'Your first drill starts at level 1.',
  'drill.levelOf': 'Level {level} of {total}',
  'drill.ladder': 'Levels',
  'drill.passedMark': 'passed',
  'drill.stance.both-feet-eyes-open': 'Both feet, eyes open',
  'drill.stance.both-feet-eyes-closed': 'Both feet, eyes closed',
  'drill.stance.tandem': 'Tandem stance',
  'drill.stance.single-leg-eyes-open': 'One leg, eyes open',
  'drill.stance.single-leg-head-movements': 'One leg, slow head movements',
  'drill.stance.single-leg-eyes-closed': 'One leg, eyes closed',
  'drill.howTo.both-feet-eyes-open':
    'Stand in the middle of the board, feet hip-width apart, arms relaxed, eyes on a point ahead.',
  'drill.howTo.both-feet-eyes-closed':
    'Stand in the middle of the board, feet hip-width apart. Close your eyes at the rising tone and open them at the falling tone.',
  'drill.howTo.tandem':
    'Place one foot directly in front of the other, heel touching toes, in the middle of the board.',
  'drill.howTo.single-leg-eyes-open':
    'Stand on one leg with the foot in the middle of the board, eyes on a point ahead.',
  'drill.howTo.single-leg-head-movements':
    'Stand on one leg with the foot in the middle of the board. Follow the cues: nod slowly, turn slowly, tilt slowly. A double tone marks each change.',
  'drill.howTo.single-leg-eyes-closed':
    'Stand on one leg with the foot in the middle of the board. Close your eyes at the rising tone and open them at the falling tone.',
  'drill.target': 'Target zone: within {mm} mm of where you start.',
  'drill.rule': {
    one: 'Pass: at most {count} loss of balance and sway inside the target zone.',
    other: 'Pass: at most {count} losses of balance and sway inside the target zone.'
  },
  'drill.trialLength': { one: 'The trial lasts {count} second.', other: 'The trial lasts {count} seconds.' },
  'drill.board.connected': 'Balance board connected: losses of balance are counted automatically.',
  'drill.board.none':
    'No balance board: press Space or the button whenever you lose balance (a foot touches down, you grab your support or step off).',
  'drill.board.unavailable':
    'The board measurement is not available in this version, so you count your own losses of balance with Space or the button.',
  'drill.sound': 'Sound cues',
  'drill.soundForced':
    'This level always uses sound: a rising tone to start, one tone halfway and a falling tone at the end.',
  'drill.speech': 'Also speak the cues aloud',
  'drill.start': 'Start trial',
  'drill.countdown': 'Get into position. Starting in {count}…',

  'drill.live': 'Centre of pressure on the balance board',
  'drill.live.noData': 'No board data: the timer and your own error count still work.',
  'drill.timeLeft': 'Time left',
  'drill.seconds': '{s} s',
  'drill.errorsLabel': 'Errors',
  'drill.lostBalance': 'I lost balance (Space)',
  'drill.stop': 'Stop trial',
  'drill.eyesClosedNow': 'Eyes closed. Listen for the falling tone.',
  'drill.head.pitch-up': 'Slowly look up',
  'drill.head.pitch-down': 'Slowly look down',
  'drill.head.yaw-left': 'Slowly turn your head left',
  'drill.head.yaw-right': 'Slowly turn your head right',
  'drill.head.roll-left': 'Slowly tilt your left ear to your shoulder',
  'drill.head.roll-right': 'Slowly tilt your right ear to your shoulder',
  'drill.cue.start': 'Go.',
  'drill.cue.half': 'Halfway.',
  'drill.cue.end': 'Done. You can open your eyes.',

  'drill.reframe.0': 'Error noted: that wobble is your cerebellum learning.',
  'drill.reframe.1': 'Good one. Mismatch is exactly the signal plasticity needs.',
  'drill.reframe.2': 'Caught yourself? That correction is the training.',
  'drill.reframe.3': 'Another learning signal. Reset calmly and carry on.',
  'drill.reframe.4': 'Errors open the window for change. Keep going.',
  'drill.reframe.5': 'Your vestibular system just got new information.',
  'drill.reframe.6': 'Wobbling means the challenge is at the right level.',
  'drill.reframe.7': 'Nice. Errors now, improvement after sleep.',

  'drill.result.heading': 'Trial done: level {level}',
  'drill.result.errors': {
    one: '{count} error: one learning signal collected.',
    other: '{count} errors: learning signals collected.'
  },
  'drill.result.noErrors': 'No errors: steady. The next level brings new challenges.',
  'drill.result.path': 'Sway path',
  'drill.result.velocity': 'Mean sway velocity',
  'drill.result.ellipse': '95 % sway ellipse',
  'drill.result.errorsLabel': 'Errors',
  'drill.result.levelLabel': 'Level',
  'drill.result.mm': '{value} mm',
  'drill.result.mmS': '{value} mm/s',
  'drill.result.mm2': '{value} mm²',
  'drill.result.noSway':
    'Without a board, sway is not measured. Your error count and the timing still count.',
  'drill.step.up': 'Passed. Next up is level {level}, one small step harder.',
  'drill.step.top': 'Passed the hardest level. Staying here consolidates what you have built.',
  'drill.step.repeat': 'Same level again: you just gave your cerebellum useful error signals. One more try.',
  'drill.step.back': 'One step back to level {level} to consolidate, then up again. Small steps add up.',
  'drill.next': 'Next trial',
  'drill.finish': 'Finish drill',

  'drill.summary.heading': 'Drill complete',
  'drill.summary.trials': {
    one: 'You ran {count} trial today.',
    other: 'You ran {count} trials today.'
  },
  'drill.summary.errors': {
    one: 'You collected {count} learning signal. Improvement usually shows after a night of sleep.',
    other: 'You collected {count} learning signals. Improvement usually shows after a night of sleep.'
  },
  'drill.summary.nextStart': 'Next time you start at level {level}.',
  'drill.continue': 'Continue to studying',
  'drill.chart.caption': 'Your drill sessions',
  'drill.chart.level': 'Highest level passed',
  'drill.chart.errors': 'Errors',
  'drill.chart.empty': 'Your progress over sessions appears here after the first trial.'
} as const satisfies Record<string, Message>
