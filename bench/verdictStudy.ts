/**
 * Verdicts measured on simulated people (issue 15, item 6). Shared by `npm run bench -- verdict`
 * (prints the tables) and src-main/signal/verdictStudy.test.ts (asserts the targets on fixed seeds).
 *
 * Everything goes through the real code: the seeded SimulatedHeart makes RR series (with its
 * ectopic and missed beats), windowMeasure.ts cleans and measures them, calibration.ts builds the
 * baseline, arousal.ts estimates, stateVerdict.ts / recheck.ts / checkInStopping.ts decide.
 *
 * State study: per person (seed), a calibration week - one 90 s resting reading a day for 7 days
 * at their resting arousal (with its day-to-day wobble) - then on day 8 a check-in while wired,
 * calm or flat, whose length the adaptive stopping rule decides (evaluated every STEP_S seconds).
 * Right = the state named (firm or lean) is the simulated one; firmly wrong = a firm verdict
 * naming another state. The same check-ins are also judged against population norms (as during
 * calibration), where every verdict must be a lean.
 *
 * Re-check study: a wired person checks in (90 s), practises for 5 minutes, re-checks (90 s).
 * "Change" runs: arousal falls by CHANGE_AROUSAL (0.136, i.e. resting HR -6 bpm in the heart
 * model; RMSSD rises ~25-30 %); "no-change" runs: arousal stays. Plus flat persons after
 * super-oxygenation (energizing; arousal rises by the same amount), where the rise is the
 * expected direction. Detected = verdict 'toward'.
 */
import {
  restingArousalOnDay,
  SIMULATED_STATES,
  simulateBeats,
  simulateCheckInAndRecheck,
  simulatedHeartAfterLeadIn,
  simulatedPerson,
  STATE_OFFSET,
  type SimulatedState
} from '../src-main/devices/sim/simulatedPeople'
import type { ArousalState } from '../src-main/shared/arousal'
import { estimateArousal } from '../src-main/signal/arousal'
import type { RestingMeasurement } from '../src-main/signal/baseline'
import { calibratedBaseline, type CalibratedBaseline } from '../src-main/signal/calibration'
import { CHECKIN_LENGTH, checkInLength, scoreStandardError } from '../src-main/signal/checkInStopping'
import { expectedDirection, recheckChange, type RecheckVerdict } from '../src-main/signal/recheck'
import { stateVerdict, type VerdictKind } from '../src-main/signal/stateVerdict'
import { arousalInputFromWindow, measureWindow, type WindowMeasure } from '../src-main/signal/windowMeasure'

export const TRUTH: Record<SimulatedState, ArousalState> = { wired: 'high', calm: 'optimal', flat: 'low' }
/** Arousal change of a real practice effect: 6 bpm of the heart model's 44 bpm range. */
export const CHANGE_AROUSAL = 6 / 44
/** How often the stopping rule is asked during a simulated check-in, s. */
export const STEP_S = 5
const DAY_MS = 86_400_000
const DAY0_MS = Date.parse('2026-03-02T07:30:00.000Z')
const SETTLE_MS = CHECKIN_LENGTH.SETTLING_S * 1000
const READING_S = 90

export type VerdictLabel = `${VerdictKind}-${ArousalState}` | 'none'

export interface StateStudy {
  /** counts[truth state][label] */
  counts: Record<SimulatedState, Partial<Record<VerdictLabel, number>>>
  runs: number
  right: number
  firm: number
  firmlyWrong: number
  /** Same check-ins against population norms: how many came out firm (must be 0). */
  populationFirm: number
  populationRight: number
  /** Lengths the stopping rule chose, s. */
  lengthsS: number[]
  stopReasons: Record<string, number>
}

export function calibrationWeek(seed: number): RestingMeasurement[] {
  const person = simulatedPerson(seed)
  const out: RestingMeasurement[] = []
  for (let day = 0; day < 7; day++) {
    const beats = simulateBeats(seed * 1000 + day, restingArousalOnDay(person, day), READING_S)
    const m = measureWindow([beats], SETTLE_MS)
    if (m.hrBpm === null || m.lnRmssd === null) throw new Error(`calibration reading ${seed}/${day} unusable`)
    out.push({
      endedUtc: new Date(DAY0_MS + day * DAY_MS).toISOString(),
      kind: 'baseline',
      hrBpm: m.hrBpm,
      lnRmssd: m.lnRmssd,
      respRateBpm: m.respRateBpm
    })
  }
  return out
}

/** A check-in whose length the stopping rule decides; returns the final window and why it stopped. */
export function adaptiveCheckIn(
  seed: number,
  arousal: number,
  baseline: CalibratedBaseline
): { m: WindowMeasure; lengthS: number; reason: string } {
  const { heart, offsetMs } = simulatedHeartAfterLeadIn(seed, arousal)
  const beats: { tMs: number; rrMs: number }[] = []
  for (let t = STEP_S; ; t += STEP_S) {
    while (heart.elapsedMs - offsetMs < t * 1000) {
      const b = heart.nextBeat()
      beats.push({ tMs: b.tMs - offsetMs, rrMs: b.rrMs })
    }
    const m = measureWindow([beats], SETTLE_MS)
    const est = estimateArousal(arousalInputFromWindow(m), baseline.stats)
    const se =
      m.hrSeBpm !== null && m.lnRmssdSe !== null
        ? scoreStandardError(m.hrSeBpm, m.lnRmssdSe, baseline.stats)
        : null
    const d = checkInLength({
      elapsedS: t,
      cleanS: m.cleanS,
      artifactRate: m.effectiveArtifactRate,
      contact: 'detected',
      sinceLastBeatS: 0,
      score: est.confidence > 0 ? est.score : null,
      scoreSe: se
    })
    if (d.stop) return { m, lengthS: t, reason: d.reason }
  }
}

/**
 * `offsetScale` scales how far wired and flat sit from the person's normal (1 = STATE_OFFSET,
 * +/-0.25 arousal ~ +/-11 bpm; 0.5 = milder states, ~ +/-5.5 bpm).
 */
export function runStateStudy(seedsPerState: number, firstSeed = 1, offsetScale = 1): StateStudy {
  const study: StateStudy = {
    counts: { wired: {}, calm: {}, flat: {} },
    runs: 0,
    right: 0,
    firm: 0,
    firmlyWrong: 0,
    populationFirm: 0,
    populationRight: 0,
    lengthsS: [],
    stopReasons: {}
  }
  const nowMs = DAY0_MS + 7 * DAY_MS + 3_600_000
  for (const state of SIMULATED_STATES) {
    for (let k = 0; k < seedsPerState; k++) {
      const seed = firstSeed + k + 10_000 * SIMULATED_STATES.indexOf(state)
      const person = simulatedPerson(seed)
      const baseline = calibratedBaseline(calibrationWeek(seed), { nowMs })
      if (!baseline.status.ready) throw new Error(`seed ${seed}: calibration week did not calibrate`)
      const arousal = restingArousalOnDay(person, 7) + offsetScale * STATE_OFFSET[state]
      const run = adaptiveCheckIn(seed * 1000 + 7, arousal, baseline)
      study.lengthsS.push(run.lengthS)
      study.stopReasons[run.reason] = (study.stopReasons[run.reason] ?? 0) + 1
      const input = arousalInputFromWindow(run.m)
      const v = stateVerdict(estimateArousal(input, baseline.stats), baseline.status)
      const label: VerdictLabel = v.kind === 'none' ? 'none' : `${v.kind}-${v.state!}`
      const cell = study.counts[state]
      cell[label] = (cell[label] ?? 0) + 1
      study.runs++
      if (v.state === TRUTH[state]) study.right++
      if (v.kind === 'firm') study.firm++
      if (v.kind === 'firm' && v.state !== TRUTH[state]) study.firmlyWrong++
      const pop = calibratedBaseline([], { nowMs })
      const pv = stateVerdict(estimateArousal(input, pop.stats), pop.status)
      if (pv.kind === 'firm') study.populationFirm++
      if (pv.state === TRUTH[state]) study.populationRight++
    }
  }
  return study
}

export interface RecheckStudy {
  /** Wired start, arousal falls (real change): verdict counts. */
  change: Partial<Record<RecheckVerdict | 'unmeasured', number>>
  /** Wired start, no real change. */
  noChange: Partial<Record<RecheckVerdict | 'unmeasured', number>>
  /** Flat start, super-oxygenation raises arousal (the expected direction). */
  energized: Partial<Record<RecheckVerdict | 'unmeasured', number>>
  runs: number
  /** Mean measured change of the change runs. */
  meanDHrBpm: number
  meanDRmssdPct: number
  /** Mean standard error the windows claimed for dHR / dlnRMSSD, and the SD actually seen in no-change runs. */
  meanSeDHrBpm: number
  sdDHrNoChangeBpm: number
  meanSeDLn: number
  sdDLnNoChange: number
}

/** `changeScale` scales the real change (1 = CHANGE_AROUSAL, HR -6 bpm; 0.5 = HR -3 bpm). */
export function runRecheckStudy(runsPerKind: number, firstSeed = 1, changeScale = 1): RecheckStudy {
  const study: RecheckStudy = {
    change: {},
    noChange: {},
    energized: {},
    runs: 0,
    meanDHrBpm: 0,
    meanDRmssdPct: 0,
    meanSeDHrBpm: 0,
    sdDHrNoChangeBpm: 0,
    meanSeDLn: 0,
    sdDLnNoChange: 0
  }
  const nowMs = DAY0_MS + 7 * DAY_MS + 3_600_000
  const dHr: number[] = []
  const dRm: number[] = []
  const noHr: number[] = []
  const noLn: number[] = []
  const seHr: number[] = []
  const seLn: number[] = []
  const kinds = [
    { key: 'change', state: 'wired', delta: -CHANGE_AROUSAL * changeScale, effect: 'calming' },
    { key: 'noChange', state: 'wired', delta: 0, effect: 'calming' },
    { key: 'energized', state: 'flat', delta: CHANGE_AROUSAL * changeScale, effect: 'energizing' }
  ] as const
  for (const kind of kinds) {
    for (let k = 0; k < runsPerKind; k++) {
      const seed = firstSeed + k + 50_000 + 10_000 * kinds.indexOf(kind)
      const person = simulatedPerson(seed)
      const baseline = calibratedBaseline(calibrationWeek(seed), { nowMs })
      const start = restingArousalOnDay(person, 7) + STATE_OFFSET[kind.state]
      const sim = simulateCheckInAndRecheck({
        seed: seed * 1000 + 7,
        startArousal: start,
        endArousal: start + kind.delta,
        checkInS: READING_S,
        betweenS: 300,
        recheckS: READING_S
      })
      const ci = measureWindow([sim.checkIn], sim.checkIn[0]!.tMs + SETTLE_MS)
      const re = measureWindow([sim.recheck], sim.recheck[0]!.tMs + SETTLE_MS)
      const startState = estimateArousal(arousalInputFromWindow(ci), baseline.stats).state
      const endState = estimateArousal(arousalInputFromWindow(re), baseline.stats).state
      const change = recheckChange(ci, re, baseline, expectedDirection(startState, kind.effect), endState)
      const tally = study[kind.key]
      const label = change?.verdict ?? 'unmeasured'
      tally[label] = (tally[label] ?? 0) + 1
      study.runs++
      if (!change) continue
      seHr.push(change.dHrSeBpm)
      seLn.push(change.dLnRmssdSe)
      if (kind.key === 'change') {
        dHr.push(change.dHrBpm)
        dRm.push(change.dRmssdPct)
      }
      if (kind.key === 'noChange') {
        noHr.push(change.dHrBpm)
        noLn.push(change.dLnRmssd)
      }
    }
  }
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
  const sd = (xs: number[]): number => {
    const m = mean(xs)
    return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1))
  }
  study.meanDHrBpm = mean(dHr)
  study.meanDRmssdPct = mean(dRm)
  study.meanSeDHrBpm = mean(seHr)
  study.sdDHrNoChangeBpm = sd(noHr)
  study.meanSeDLn = mean(seLn)
  study.sdDLnNoChange = sd(noLn)
  return study
}

/** The confusion table as text lines: rows = simulated state, columns = verdict labels. */
export function confusionLines(study: StateStudy): string[] {
  const cols: VerdictLabel[] = [
    'firm-high',
    'lean-high',
    'firm-optimal',
    'lean-optimal',
    'firm-low',
    'lean-low',
    'none'
  ]
  const lines = [`${'simulated \\ verdict'.padEnd(20)}${cols.map((c) => c.padStart(13)).join('')}`]
  for (const s of SIMULATED_STATES) {
    lines.push(
      `${`${s} (${TRUTH[s]})`.padEnd(20)}${cols.map((c) => String(study.counts[s][c] ?? 0).padStart(13)).join('')}`
    )
  }
  return lines
}
