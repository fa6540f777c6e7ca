/**
 * The issue-16 protocols (panoramic vision, energising breathing, NSDR, sit quietly): their names
 * and descriptions for the prescription and History, the energising pacer's words, the guided
 * practice screen and every cue of the scripts in src-main/shared/protocols.ts.
 */
export const protocolsEn = {
  'flow.protocol.panoramic-vision': 'Panoramic vision',
  'flow.protocol.energising-inhale': 'Energising breathing',
  'flow.protocol.nsdr': 'NSDR (non-sleep deep rest)',
  'flow.protocol.sit-quietly': 'Sit quietly',
  'flow.protocol.desc.panoramic-vision':
    'One to two minutes of wide-angle gaze: soften your focus and take in the whole room, head still. For an over-aroused state.',
  'flow.protocol.desc.energising-inhale':
    'Two to three minutes of inhale-led breathing: a full, strong breath in, an easy breath out. For a flat state. Do not force it; stop if you feel light-headed.',
  'flow.protocol.desc.nsdr':
    'Ten minutes of guided rest with text and chimes: long breaths out, attention moving through the body. For when you are tired before studying.',
  'flow.protocol.desc.sit-quietly':
    'Just sit quietly for 2 minutes. Nothing to do: this is how Limbic learns how much you settle on your own.',
  'flow.pacer.cycle.energising-inhale': 'Breath {current} of {total}',
  'flow.pacer.cycle.panoramic-vision': 'Part {current} of {total}',
  'flow.pacer.cycle.nsdr': 'Part {current} of {total}',
  'flow.pacer.cycle.sit-quietly': 'Part {current} of {total}',
  'flow.phase.energising.inhale': 'Breathe in — full and strong',
  'flow.phase.energising.exhale': 'Breathe out — easy',
  'history.protocol.panoramic-vision': 'Panoramic vision',
  'history.protocol.energising-inhale': 'Energising breathing',
  'history.protocol.nsdr': 'NSDR',
  'history.protocol.sit-quietly': 'Sat quietly',
  'history.protocol.other': 'Another practice',

  'protocols.guided.label': 'Guided practice',
  'protocols.guided.progress': 'How far along',
  'protocols.guided.keys': 'Space pauses or resumes, Esc stops early.',
  'protocols.guided.chime.parts': 'A chime marks each new part and the end (when sound cues are on).',
  'protocols.guided.chime.ends': 'A chime marks the start and the end (when sound cues are on).',

  'protocols.cue.panoramic-vision.settle': 'Sit comfortably and keep your head still. Look straight ahead.',
  'protocols.cue.panoramic-vision.soften': 'Let your gaze soften. Stop focusing on any one thing.',
  'protocols.cue.panoramic-vision.room': 'Take in the whole room at once — walls, floor and ceiling.',
  'protocols.cue.panoramic-vision.edges':
    'Notice the edges of what you can see: left and right, above and below. Keep your eyes and head still.',
  'protocols.cue.panoramic-vision.hold': 'Stay with the whole view at once. Breathe as you normally do.',
  'protocols.cue.nsdr.arrive': 'Sit back or lie down. Let your eyes close, or rest them on one spot.',
  'protocols.cue.nsdr.exhale': 'Breathe in through your nose, then let each breath out be long and slow.',
  'protocols.cue.nsdr.legs': 'Bring your attention to your feet and legs. Let them be heavy.',
  'protocols.cue.nsdr.torso':
    'Move your attention to your belly, chest and back. Let them soften with each breath out.',
  'protocols.cue.nsdr.arms': 'Now your hands, arms and shoulders. Let them go loose.',
  'protocols.cue.nsdr.face': 'Your jaw, your eyes, your forehead. Let them relax.',
  'protocols.cue.nsdr.whole': 'Feel your whole body at once, resting. There is nothing to do.',
  'protocols.cue.nsdr.return':
    'Slowly deepen your breath. Move your fingers and toes. Open your eyes at the chime.',
  'protocols.cue.sit-quietly.sit': 'Just sit quietly. Nothing to do until the chime.'
} as const
