/**
 * The protocols a learner can be given, in one catalogue: per protocol its kind (a breathing
 * pacer or a guided, non-paced practice), its default full and short durations, the direction it
 * is meant to move arousal, and for guided ones the script of timed cue steps.
 *
 * Sources (see /work/shared/notes and the seed notes the issue cites):
 *   - Physiological sigh, super-oxygenation: Balban et al. 2023, Cell Reports Medicine 4:100895
 *     (shared/breathing.ts has their patterns; durations and timings live in the settings).
 *   - Panoramic (wide-angle) vision and NSDR (Non-Sleep Deep Rest): the podcast notes behind
 *     Limbic name them as remedies - "too anxious/alert -> physiological sigh or panoramic/
 *     wide-angle vision", "too tired -> inhale-dominant breathing, caffeine, or an NSDR protocol
 *     beforehand". No trial in the notes measures either; the scripts below are our own wording of
 *     what the notes describe (panoramic: soften the focus, take in the whole visual field with
 *     the head still, 1-2 min; NSDR: a body-scan style rest with long exhales, ~10 min, text and
 *     chimes, no voice).
 *   - Energising inhale-led breathing: the notes' "deep breathing, inhale-dominant" for the tired
 *     state, as a paced pattern of 3 s in / 2 s out (12 breaths/min).
 *     NOT a hyperventilation protocol, so it has no safety check: 12 breaths/min is an ordinary
 *     resting rate (super-oxygenation runs ~23/min with 30-breath rounds), there is no breath
 *     retention, and it lasts 2-3 minutes. The risks the super-oxygenation screen guards against
 *     (low CO2, light-headedness, fainting) come from rapid deep breathing with holds (the notes'
 *     safety cautions); the words still say "do not force it".
 *   - Sit quietly: the control the adaptive prescription needs (adaptive-and-resonance notes:
 *     "arousal drifts back toward baseline on its own, so without a control every protocol looks
 *     effective"; Balban et al. used mindfulness as theirs). It must not be a practice in disguise:
 *     no breathing instruction, no cue but a chime at the start and at the end.
 *
 * `effect` is the direction the re-check expects (signal/recheck.ts expectedDirection): 'neutral'
 * means the protocol has no direction of its own, so the re-check expects a move toward the zone
 * from the starting state. NSDR is 'neutral' on purpose: it is a rest before study for a tired
 * person; a re-check that finds them more alert afterwards is a move toward the zone, not "away".
 */
import type { ProtocolName } from './session'
import {
  energisingInhalePattern,
  ownBreathingPattern,
  pacedBreathPattern,
  spontaneousPattern,
  type BreathPattern
} from './breathing'

export type ProtocolKind = 'paced' | 'guided'
export type ProtocolEffect = 'calming' | 'energizing' | 'neutral'

/** The issue-16 protocols whose duration is a setting of their own (settings.protocols). */
export const NEW_PROTOCOLS = ['panoramic-vision', 'energising-inhale', 'nsdr', 'sit-quietly'] as const
export type GuidedOrNewProtocol = (typeof NEW_PROTOCOLS)[number]

export function isNewProtocol(protocol: ProtocolName): protocol is GuidedOrNewProtocol {
  return (NEW_PROTOCOLS as readonly string[]).includes(protocol)
}

/** One section of a guided script: its words (a catalogue key) and its share of the time. */
export interface CueStep {
  /** Renderer message key of the words shown while this step runs. */
  messageKey: `protocols.cue.${string}`
  /** Length at the default full duration (s); steps scale with the planned duration. */
  durationS: number
  /** A chime sounds as the step begins (when sound cues are on). */
  chime: boolean
}

export interface GuidedScript {
  steps: readonly CueStep[]
  /** A chime when the practice ends. */
  endChime: boolean
}

export interface ProtocolInfo {
  kind: ProtocolKind
  effect: ProtocolEffect
  /** Default full and short doses (s). Sigh and super-oxygenation take theirs from their settings. */
  fullS: number
  shortS: number
  /** Guided protocols only. */
  script: GuidedScript | null
}

const step = (id: string, durationS: number, chime = true): CueStep => ({
  messageKey: `protocols.cue.${id}`,
  durationS,
  chime
})

/** Two minutes of wide-angle gaze: soften the focus, take in the room, notice the edges. */
const PANORAMIC_SCRIPT: GuidedScript = {
  steps: [
    step('panoramic-vision.settle', 15),
    step('panoramic-vision.soften', 20, false),
    step('panoramic-vision.room', 25, false),
    step('panoramic-vision.edges', 30, false),
    step('panoramic-vision.hold', 30, false)
  ],
  endChime: true
}

/** Ten minutes of body-scan rest, a chime between sections and at the end. */
const NSDR_SCRIPT: GuidedScript = {
  steps: [
    step('nsdr.arrive', 45),
    step('nsdr.exhale', 75),
    step('nsdr.legs', 75),
    step('nsdr.torso', 75),
    step('nsdr.arms', 75),
    step('nsdr.face', 75),
    step('nsdr.whole', 90),
    step('nsdr.return', 90)
  ],
  endChime: true
}

/** Nothing to do: one line, a chime at the start and at the end. */
const SIT_QUIETLY_SCRIPT: GuidedScript = {
  steps: [step('sit-quietly.sit', 120)],
  endChime: true
}

export const PROTOCOLS: Record<ProtocolName, ProtocolInfo> = {
  // Sigh and super-oxygenation: their settings' defaults (3 quick sighs of 9 s; one round of 30
  // breaths of 2.6 s and a 15 s hold); the plan takes them from the settings.
  sigh: { kind: 'paced', effect: 'calming', fullS: 300, shortS: 27, script: null },
  'super-oxygenation': { kind: 'paced', effect: 'energizing', fullS: 300, shortS: 93, script: null },
  'panoramic-vision': { kind: 'guided', effect: 'calming', fullS: 120, shortS: 60, script: PANORAMIC_SCRIPT },
  'energising-inhale': { kind: 'paced', effect: 'energizing', fullS: 150, shortS: 60, script: null },
  nsdr: { kind: 'guided', effect: 'neutral', fullS: 600, shortS: 300, script: NSDR_SCRIPT },
  'sit-quietly': { kind: 'guided', effect: 'neutral', fullS: 120, shortS: 60, script: SIT_QUIETLY_SCRIPT },
  // Resonance breathing (issue 17): slow paced breathing at the person's rate; its length is the
  // resonance.durationS setting, the short dose 2 minutes.
  resonance: { kind: 'paced', effect: 'calming', fullS: 300, shortS: 120, script: null }
}

/**
 * Every protocol name the flow accepts (`flow:choose-protocol` validates against it): the
 * catalogue's, so a protocol added to ProtocolName needs its entry above before it can be chosen.
 */
export const PROTOCOL_NAMES = Object.keys(PROTOCOLS) as ProtocolName[]

export function isGuided(protocol: ProtocolName): boolean {
  return PROTOCOLS[protocol].kind === 'guided'
}

/** A script step placed on the practice's own clock. */
export interface TimedCue {
  messageKey: CueStep['messageKey']
  fromMs: number
  toMs: number
  chime: boolean
}

/**
 * The script of a guided protocol laid out over `totalMs` (the dose's planned length): each step
 * keeps its share of the default full duration, so a 5-minute NSDR has every section, each half
 * as long, and a shortened test run keeps the same sequence.
 */
export function timedScript(script: GuidedScript, totalMs: number): TimedCue[] {
  if (!(totalMs > 0)) throw new Error(`a guided practice needs a positive length (got ${totalMs} ms)`)
  const sumS = script.steps.reduce((s, c) => s + c.durationS, 0)
  const cues: TimedCue[] = []
  let fromMs = 0
  script.steps.forEach((c, i) => {
    const toMs = i === script.steps.length - 1 ? totalMs : fromMs + (c.durationS / sumS) * totalMs
    cues.push({ messageKey: c.messageKey, fromMs, toMs, chime: c.chime })
    fromMs = toMs
  })
  return cues
}

/** The step running at `elapsedMs` (the last one once the time is up). */
export function cueAt(cues: readonly TimedCue[], elapsedMs: number): { index: number; cue: TimedCue } {
  if (cues.length === 0) throw new Error('a guided script needs at least one step')
  for (let i = 0; i < cues.length; i++) if (elapsedMs < cues[i]!.toMs) return { index: i, cue: cues[i]! }
  return { index: cues.length - 1, cue: cues[cues.length - 1]! }
}

/**
 * How a simulated person breathes while a protocol without a settings-made pattern runs (the
 * renderer sends it with `sim:control`, as the pacer does its pattern):
 *   energising-inhale  the pacer's own pattern (3 s in, 2 s out), energizing
 *   panoramic-vision   calm spontaneous breathing (12/min), calming: the gaze, not the breath, is
 *                      the practice, and the notes give it as a remedy for over-arousal
 *   nsdr               slow breathing with long exhales (4 s in, 6 s out), calming: it lowers an
 *                      over-aroused person's arousal and does nothing to a tired person's set point
 *   sit-quietly        neutral: the person's own breathing and only the natural drift
 * Sigh and super-oxygenation take their patterns from the settings (the renderer's pacer.ts).
 */
export function simulatedBreathing(protocol: GuidedOrNewProtocol): BreathPattern {
  switch (protocol) {
    case 'energising-inhale':
      return energisingInhalePattern()
    case 'panoramic-vision':
      return { ...spontaneousPattern(12), effect: 'calming' }
    case 'nsdr':
      return pacedBreathPattern(4000, 6000)
    case 'sit-quietly':
      return ownBreathingPattern()
  }
}
