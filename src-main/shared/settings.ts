/**
 * The settings model: one validator that is the source of truth for the settings file (checked
 * whole when it is opened), for IPC patches and for the renderer's types.
 */
import { v, type Infer } from './validate'

export const LANGUAGES = ['system', 'en', 'zh-CN'] as const

const deviceRef = v.nullable(
  v.object({ id: v.string({ maxLength: 200 }), name: v.string({ maxLength: 200 }) })
)

const sharedFields = {
  language: v.enum(LANGUAGES),
  window: v.object(
    {
      x: v.number({ integer: true, min: -100000, max: 100000 }),
      y: v.number({ integer: true, min: -100000, max: 100000 }),
      width: v.number({ integer: true, min: 400, max: 100000 }),
      height: v.number({ integer: true, min: 300, max: 100000 }),
      maximized: v.boolean()
    },
    { optional: ['x', 'y'] }
  ),
  devices: v.object(
    {
      lastHeart: deviceRef,
      lastBoard: deviceRef,
      /** Fall back to the simulator when no strap is found at launch. */
      simulatorFallback: v.boolean(),
      /**
       * Also stream a Polar H10's ECG (130 Hz, ecg.csv) from the next connection. Optional, so a
       * settings file written before it existed still loads (absent = off).
       */
      chestEcg: v.boolean()
    },
    { optional: ['chestEcg'] }
  ),
  // 60-120 s in the UI; shorter values exist for quick demos and the e2e suite.
  checkIn: v.object({ durationS: v.number({ integer: true, min: 10, max: 300 }) }),
  sigh: v.object({
    inhaleS: v.number({ min: 1, max: 6 }),
    topUpS: v.number({ min: 0.3, max: 3 }),
    exhaleS: v.number({ min: 3, max: 20 }),
    durationS: v.number({ integer: true, min: 10, max: 1800 })
  }),
  superOxygenation: v.object({
    inhaleS: v.number({ min: 0.8, max: 4 }),
    exhaleS: v.number({ min: 0.5, max: 4 }),
    breathsPerRound: v.number({ integer: true, min: 5, max: 40 }),
    holdS: v.number({ min: 0, max: 15 }),
    durationS: v.number({ integer: true, min: 10, max: 1800 }),
    optedIn: v.boolean()
  }),
  audio: v.object({ cues: v.boolean(), volume: v.number({ min: 0, max: 1 }) }),
  drill: v.object({ trialS: v.number({ integer: true, min: 5, max: 300 }) }),
  timer: v.object({
    // 30-120 in the UI; down to a quarter minute (15 s) only through the settings file or the API,
    // so the e2e suite can run a whole block (phases, restart, summary) in seconds.
    blockMin: v.number({ min: 0.25, max: 120 }),
    notifications: v.boolean()
  }),
  /**
   * The learner (issue 16). adaptive: choose the practice from what worked for this person (off:
   * the plain rule from the measured state). allowControl: now and then offer "sit quietly for 2
   * minutes" instead, to measure how much the person settles without a practice. Added after the
   * first release: a settings file without it loads with these defaults (conf fills a missing
   * top-level key from the defaults; settings.test.ts checks an old file).
   */
  learning: v.object({ adaptive: v.boolean(), allowControl: v.boolean() }),
  /**
   * Resonance breathing (issue 17). stepS / restS: each paced step of the assessment and the rest
   * after it (the literature: ~2 min steps, short rests; a step shorter than ~45 s cannot be
   * analysed, so short values are for demos and the e2e suite). durationS: one practice of
   * resonance breathing (5-10 min in the UI). Added after the first release: a settings file
   * without it loads with the defaults (conf fills a missing top-level key; settings.test.ts).
   */
  resonance: v.object({
    stepS: v.number({ integer: true, min: 5, max: 600 }),
    restS: v.number({ integer: true, min: 0, max: 300 }),
    durationS: v.number({ integer: true, min: 10, max: 1800 })
  }),
  /**
   * Full-dose lengths of the issue-16 protocols (s); the short dose is the catalogue's share of
   * it (shared/protocols.ts). Down to 10 s only for demos and the e2e suite. Added after the first
   * release: a settings file without it loads with these defaults (the settings file fills a missing
   * top-level key from the defaults; settings.test.ts checks an old file).
   */
  protocols: v.object({
    panoramicVisionS: v.number({ integer: true, min: 10, max: 600 }),
    energisingInhaleS: v.number({ integer: true, min: 10, max: 600 }),
    nsdrS: v.number({ integer: true, min: 10, max: 1800 }),
    sitQuietlyS: v.number({ integer: true, min: 10, max: 600 })
  })
}

/** The whole settings file. */
export const settingsValidator = v.object({
  ...sharedFields,
  recording: v.object({ sessionsDir: v.nullable(v.string({ maxLength: 4096 })), rawCapture: v.boolean() })
})

/**
 * What the renderer may change (`settings:update`): everything except `recording.sessionsDir`.
 * The sessions folder is what history:delete/export/import act inside, so only main sets it (its
 * folder dialog via `recording:location`, or a command-line option); a patch naming it is
 * rejected as an unknown field, like any other key the renderer has no business sending.
 */
export const rendererSettingsValidator = v.object({
  ...sharedFields,
  recording: v.object({ rawCapture: v.boolean() })
})

export type Settings = Infer<typeof settingsValidator>

export const DEFAULT_SETTINGS: Settings = {
  language: 'system',
  window: { width: 1180, height: 820, maximized: false },
  devices: { lastHeart: null, lastBoard: null, simulatorFallback: true, chestEcg: false },
  checkIn: { durationS: 90 },
  sigh: { inhaleS: 2, topUpS: 1, exhaleS: 6, durationS: 300 },
  superOxygenation: {
    inhaleS: 1.6,
    exhaleS: 1,
    breathsPerRound: 30,
    holdS: 15,
    durationS: 300,
    optedIn: false
  },
  audio: { cues: false, volume: 0.6 },
  drill: { trialS: 30 },
  timer: { blockMin: 90, notifications: false },
  learning: { adaptive: true, allowControl: true },
  resonance: { stepS: 120, restS: 20, durationS: 300 },
  protocols: { panoramicVisionS: 120, energisingInhaleS: 150, nsdrS: 600, sitQuietlyS: 120 },
  recording: { sessionsDir: null, rawCapture: false }
}
