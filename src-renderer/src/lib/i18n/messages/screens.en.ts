/** Issue 21: screens alive and calm (timer focus mode, chart labels, calm cues). */
export const screensEn = {
  'timer.focus.showMenu': 'Show menu (Esc)',
  'timer.focus.hideMenu': 'Hide menu (Esc)',
  'timer.focus.fullscreen': 'Full screen (F11)',
  'timer.focus.exitFullscreen': 'Leave full screen (F11)',
  'timer.focus.ring': 'Block progress: {phase}, {remaining} left',
  'timer.focus.left': 'left',
  'timer.focus.elapsed': 'Elapsed {elapsed}',
  'timer.focus.keys': 'E error · F frustration · P pause · Esc menu',
  'timer.summary.frustrations': {
    one: 'You noted frustration {count} time and stayed with it.',
    other: 'You noted frustration {count} times and stayed with it.'
  },
  'timer.summary.noFrustrations': 'No frustration noted.',
  'timer.chart.time': 'Time into the block (min:s)',
  'timer.chart.errorMarks': 'Error logged',
  'timer.chart.frustrationMarks': 'Frustration noted',
  'drill.chart.errorsAxis': 'Errors (count)',
  'flow.bio.axisBpm': 'bpm',
  'flow.bio.axisAgo': '−{s} s',
  'flow.bio.axisNow': 'now',
  'flow.bio.axisIn': 'in',
  'flow.bio.axisOut': 'out',
  'flow.calm.cue': 'Let your shoulders drop and your breath come and go on its own. Nothing to do for now.'
} as const
