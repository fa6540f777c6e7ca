/**
 * The resonance-frequency assessment and resonance breathing (issue 17) as main and the screens
 * share them: what each analysed step found (signal/resonance.ts computes it), the assessment's
 * state main pushes on `resonance:state`, and the saved results (`<userData>/resonance.json`).
 * Types only, so the renderer may import it like the rest of shared/.
 */

export type StepProblem = 'artefacts' | 'contact' | 'not-following' | 'too-short'

/** The criteria of one paced-breathing step (see signal/resonance.ts for how each is computed). */
export interface StepAnalysis {
  breathsPerMin: number
  /** Beats (intervals) inside the step, as recorded. */
  beats: number
  /** Seconds analysed (after the settling time). */
  analysedS: number
  /** Complete pacer breaths analysed. */
  breaths: number
  /** Share of the step's beats flagged as artefacts (0..1). */
  artefactShare: number
  /** Seconds without beats inside the analysed part. */
  contactLostS: number
  /** Breathing rate measured from the RR series, breaths/min (null: none found). */
  measuredBpm: number | null
  measuredConfidence: number
  /** Whether the measured rate matched the pacer's. */
  followedPacer: boolean
  /** Mean peak-to-trough heart-rate swing per breath, bpm. */
  swingBpm: number | null
  /** RR power 0.04-0.15 Hz, ms². */
  lfPowerMs2: number | null
  /** Frequency of the LF spectrum's highest bin, Hz, and its density, ms²/Hz. */
  lfPeakHz: number | null
  lfPeakDensityMs2PerHz: number | null
  /** Heart rate vs the pacer's lung volume at the pacer frequency, degrees (> 0: HR leads). */
  phaseDeg: number | null
  status: 'ok' | 'repeat'
  problems: StepProblem[]
}

export interface ResonanceReason {
  key:
    | 'resonance.reason.largestSwing'
    | 'resonance.reason.closeCall'
    | 'resonance.reason.repeatSteps'
    | 'resonance.reason.tooFewSteps'
    | 'resonance.reason.noValidStep'
  values: Record<string, number | string>
}

export interface ResonanceResult {
  status: 'found' | 'unsure' | 'none'
  /** The chosen rate, breaths/min (null when no step was valid). */
  rateBpm: number | null
  /** 0..1, see signal/resonance.ts. */
  confidence: number
  reason: ResonanceReason
  /** Rates whose steps should be repeated (problems in `steps`). */
  repeatRatesBpm: number[]
  steps: StepAnalysis[]
}

/** One paced step as main runs it: times on main's clock (epoch ms, what Date.now() reads). */
export interface ResonanceStepRun {
  /** Index of the rate in the assessment's list (0-based). */
  index: number
  breathsPerMin: number
  /** 1, or 2 when the step is the repeat of one that was flagged. */
  attempt: 1 | 2
  inhaleMs: number
  exhaleMs: number
  startMs: number
  endMs: number
}

/** A step that ran to its end, with what the analysis found. */
export interface ResonanceAttempt {
  run: ResonanceStepRun
  analysis: StepAnalysis
}

/** One assessment as saved in resonance.json (finished or cancelled). */
export interface ResonanceRecord {
  id: string
  startUtc: string
  endUtc: string
  /** False when the person cancelled: the steps done until then are kept, no rate is chosen. */
  completed: boolean
  /** The session folder the assessment was recorded in. */
  sessionId: string | null
  timings: { stepS: number; restS: number }
  /** Every step that ran to its end, repeats included, in order. */
  attempts: ResonanceAttempt[]
  /** The choice over each rate's last attempt (null when cancelled). */
  result: ResonanceResult | null
}

export type ResonanceStatus = 'idle' | 'step' | 'rest' | 'done' | 'cancelled'

/**
 * The assessment as main holds it, pushed as `resonance:state` whenever it changes and answered by
 * every resonance intent. The screen draws it: the pacer of `step` from its start time, the rest
 * countdown to `restUntilMs`.
 */
export interface ResonanceSnapshot {
  /** Grows with every change (a screen ignores an older snapshot). */
  rev: number
  status: ResonanceStatus
  /** The running assessment's id (or the last one's, once it is done or cancelled). */
  id: string | null
  ratesBpm: number[]
  /** The step running now, or during a rest the one that comes next. */
  step: ResonanceStepRun | null
  restUntilMs: number | null
  /** Steps finished so far in this assessment. */
  attempts: ResonanceAttempt[]
  /** The record saved when the assessment ended (done or cancelled); while idle the latest saved one. */
  record: ResonanceRecord | null
  /** The person's rate: the latest finished assessment's chosen rate (null before any). */
  personRateBpm: number | null
  /** When main's clock read this snapshot (the screen corrects for its own clock's offset). */
  nowMs: number
}

/** What `resonance:history` answers: saved assessments, newest first, and the person's rate. */
export interface ResonanceHistory {
  records: ResonanceRecord[]
  personRateBpm: number | null
  /** Set when resonance.json could not be read (it was kept as a backup). */
  problem: string | null
}

/** The live coherence of the resonance protocol (`resonance:coherence`), computed in main. */
export interface CoherenceReading {
  /** Share of the 0.04-0.4 Hz RR power within ±0.03 Hz of the pacer's rate, 0..1 (null: too few beats). */
  coherence: number | null
  /** The rate it was computed at, breaths/min. */
  pacerBpm: number
  /** Beats in the window it was computed over. */
  beats: number
}

/** Rate of the resonance protocol before any assessment (breaths/min). */
export const DEFAULT_RESONANCE_BPM = 6
