/**
 * The breathing pacer as pure functions of elapsed time. The screen reads the clock
 * (performance.now / Date.now) and asks "where are we at elapsed ms?", so the pacer never drifts,
 * however late a frame or timer fires. Pauses and "end the hold early" are bookkeeping on the
 * clock, not on the pattern.
 */
import { perMinuteFromPeriodMs } from '../../../../src-main/shared/perMinute'
import {
  breathsPerMinute,
  cycleMs,
  lungVolumeAt,
  pacedBreathPattern,
  sighPattern,
  superOxygenationRound,
  type BreathPattern,
  type BreathPhase
} from '../../../../src-main/shared/breathing'
import type { ProtocolName, Settings } from '../../../../src-main/shared/contract'
import { DEFAULT_RESONANCE_BPM } from '../../../../src-main/shared/resonance'
import {
  PROTOCOLS,
  isNewProtocol,
  simulatedBreathing,
  timedScript,
  type GuidedOrNewProtocol,
  type TimedCue
} from '../../../../src-main/shared/protocols'

// ---------- clock with pause accounting ----------

export interface PacerClock {
  startMs: number
  /** Total time spent paused (closed pauses only). */
  pausedMs: number
  /** When the running pause began; null while running. */
  pausedAt: number | null
  /** Time skipped forward (the user ended a hold early). */
  skippedMs: number
}

export function startClock(nowMs: number): PacerClock {
  return { startMs: nowMs, pausedMs: 0, pausedAt: null, skippedMs: 0 }
}

export function elapsedOf(clock: PacerClock, nowMs: number): number {
  const end = clock.pausedAt ?? nowMs
  return Math.max(0, end - clock.startMs - clock.pausedMs + clock.skippedMs)
}

export function pauseClock(clock: PacerClock, nowMs: number): PacerClock {
  return clock.pausedAt === null ? { ...clock, pausedAt: nowMs } : clock
}

export function resumeClock(clock: PacerClock, nowMs: number): PacerClock {
  if (clock.pausedAt === null) return clock
  return { ...clock, pausedMs: clock.pausedMs + (nowMs - clock.pausedAt), pausedAt: null }
}

/** Jump to the end of the current phase (used to end a breath hold early). */
export function skipPhase(clock: PacerClock, pattern: BreathPattern, nowMs: number): PacerClock {
  const at = phaseAt(pattern, elapsedOf(clock, nowMs))
  return { ...clock, skippedMs: clock.skippedMs + at.phaseRemainingMs }
}

// ---------- where in the pattern ----------

export interface PhaseAt {
  /** Index into pattern.phases. */
  index: number
  phase: BreathPhase
  phaseElapsedMs: number
  phaseRemainingMs: number
  /** 0-based count of completed cycles. */
  cycle: number
  /** Lung volume 0..1 for the growing/shrinking shape. */
  volume: number
}

export function phaseAt(pattern: BreathPattern, elapsedMs: number): PhaseAt {
  const total = cycleMs(pattern)
  const e = Math.max(0, elapsedMs)
  const cycle = Math.floor(e / total)
  let t = e - cycle * total
  for (let i = 0; i < pattern.phases.length; i++) {
    const phase = pattern.phases[i]!
    if (t < phase.durationMs) {
      return {
        index: i,
        phase,
        phaseElapsedMs: t,
        phaseRemainingMs: phase.durationMs - t,
        cycle,
        volume: lungVolumeAt(pattern, e)
      }
    }
    t -= phase.durationMs
  }
  // Floating-point edge: treat as the start of the next cycle.
  const first = pattern.phases[0]!
  return {
    index: 0,
    phase: first,
    phaseElapsedMs: 0,
    phaseRemainingMs: first.durationMs,
    cycle: cycle + 1,
    volume: lungVolumeAt(pattern, e)
  }
}

export interface PacerView extends PhaseAt {
  elapsedMs: number
  remainingMs: number
  totalCycles: number
  done: boolean
}

/** Everything the pacer screen shows at `elapsedMs` into a session of `totalMs`. */
export function pacerView(plan: ProtocolPlan, elapsedMs: number): PacerView {
  const done = elapsedMs >= plan.totalMs
  const e = Math.min(elapsedMs, Math.max(0, plan.totalMs - 1))
  return {
    ...phaseAt(plan.pattern, e),
    elapsedMs: Math.min(elapsedMs, plan.totalMs),
    remainingMs: Math.max(0, plan.totalMs - elapsedMs),
    totalCycles: plan.cycles,
    done
  }
}

export interface PhaseSpan {
  name: BreathPhase['name']
  fromMs: number
  toMs: number
}

/** The phases overlapping [fromMs, toMs) of a session (for shading the HR chart). */
export function phaseSpans(
  pattern: BreathPattern,
  fromMs: number,
  toMs: number,
  maxSpans = 400
): PhaseSpan[] {
  const spans: PhaseSpan[] = []
  const total = cycleMs(pattern)
  if (total <= 0 || toMs <= fromMs) return spans
  let cycleStart = Math.floor(Math.max(0, fromMs) / total) * total
  while (cycleStart < toMs && spans.length < maxSpans) {
    let t = cycleStart
    for (const phase of pattern.phases) {
      const end = t + phase.durationMs
      if (end > fromMs && t < toMs && phase.durationMs > 0)
        spans.push({ name: phase.name, fromMs: Math.max(t, fromMs), toMs: Math.min(end, toMs) })
      t = end
    }
    cycleStart += total
  }
  return spans.slice(0, maxSpans)
}

// ---------- protocols from settings ----------

export type { Dose } from '../../../../src-main/shared/flowMachine'
import type { Dose } from '../../../../src-main/shared/flowMachine'

/** Balban et al.: the exhale is the long part - at least twice both inhales together. */
export function minSighExhaleS(sigh: Pick<Settings['sigh'], 'inhaleS' | 'topUpS'>): number {
  return 2 * (sigh.inhaleS + sigh.topUpS)
}

export function sighTimingOk(sigh: Pick<Settings['sigh'], 'inhaleS' | 'topUpS' | 'exhaleS'>): boolean {
  return sigh.exhaleS + 1e-9 >= minSighExhaleS(sigh)
}

/** Inhale longer than exhale (super-oxygenation is inhale-dominant). */
export function superOxTimingOk(so: Pick<Settings['superOxygenation'], 'inhaleS' | 'exhaleS'>): boolean {
  return so.inhaleS > so.exhaleS
}

export const HOLD_CAP_S = 15

export function sighFromSettings(sigh: Settings['sigh']): BreathPattern {
  const exhaleS = Math.max(sigh.exhaleS, minSighExhaleS(sigh))
  return sighPattern(sigh.inhaleS * 1000, sigh.topUpS * 1000, exhaleS * 1000)
}

export function superOxFromSettings(so: Settings['superOxygenation']): BreathPattern {
  const exhaleS = so.inhaleS > so.exhaleS ? so.exhaleS : so.inhaleS * 0.6
  return superOxygenationRound(
    so.inhaleS * 1000,
    exhaleS * 1000,
    so.breathsPerRound,
    Math.min(so.holdS, HOLD_CAP_S) * 1000
  )
}

/** Resonance breathing: inhale 40 % of the breath, as in the assessment (inhale shorter than exhale). */
export const RESONANCE_INHALE_SHARE = 0.4
/** The quick dose of resonance breathing, s. */
export const RESONANCE_SHORT_S = 120

export function resonancePattern(breathsPerMin: number): BreathPattern {
  const cycle = 60_000 / breathsPerMin
  return pacedBreathPattern(cycle * RESONANCE_INHALE_SHARE, cycle * (1 - RESONANCE_INHALE_SHARE))
}

export interface ProtocolPlan {
  protocol: ProtocolName
  dose: Dose
  /** The pacer's pattern; for a guided practice, how the simulated person breathes meanwhile. */
  pattern: BreathPattern
  /** Whole cycles (sighs, super-oxygenation rounds, energising breaths); a guided practice's parts. */
  cycles: number
  totalMs: number
  /** The pacer's breathing rate (for super-oxygenation: during the breathing part of a round). */
  pacerRateBpm: number
  /** A guided (non-paced) practice's script on its clock (shared/protocols.ts); null for the pacer. */
  guided: TimedCue[] | null
}

/** The full-dose length of an issue-16 protocol from the settings (s). */
function newProtocolFullS(protocol: GuidedOrNewProtocol, lengths: Settings['protocols']): number {
  switch (protocol) {
    case 'panoramic-vision':
      return lengths.panoramicVisionS
    case 'energising-inhale':
      return lengths.energisingInhaleS
    case 'nsdr':
      return lengths.nsdrS
    case 'sit-quietly':
      return lengths.sitQuietlyS
  }
}

/**
 * Panoramic vision, energising breathing, NSDR, sit quietly: the full dose is the setting's length,
 * the short one the catalogue's share of it (NSDR 10 -> 5 min). Energising breathing is paced in
 * whole breaths; the guided ones lay their script over the time.
 */
function planNewProtocol(
  protocol: GuidedOrNewProtocol,
  dose: Dose,
  lengths: Settings['protocols']
): ProtocolPlan {
  const info = PROTOCOLS[protocol]
  const fullS = newProtocolFullS(protocol, lengths)
  const durationMs = (dose === 'full' ? fullS : (fullS * info.shortS) / info.fullS) * 1000
  const pattern = simulatedBreathing(protocol)
  const pacerRateBpm = breathsPerMinute(pattern)
  if (!info.script) {
    const cycles = Math.max(1, Math.round(durationMs / cycleMs(pattern)))
    return { protocol, dose, pattern, cycles, totalMs: cycles * cycleMs(pattern), pacerRateBpm, guided: null }
  }
  const totalMs = Math.round(durationMs)
  const guided = timedScript(info.script, totalMs)
  return { protocol, dose, pattern, cycles: guided.length, totalMs, pacerRateBpm, guided }
}

export const QUICK_SIGHS_MAX = 3

/**
 * A session of whole cycles closest to the configured duration (at least one). `short` is the
 * quick reset: 1-3 sighs, or one super-oxygenation round.
 */
export function planProtocol(
  protocol: ProtocolName,
  dose: Dose,
  settings: Pick<Settings, 'sigh' | 'superOxygenation' | 'protocols'> & Partial<Pick<Settings, 'resonance'>>,
  quickSighs = QUICK_SIGHS_MAX,
  resonanceBpm: number | null = null
): ProtocolPlan {
  if (protocol === 'resonance') {
    // At the person's rate (the latest resonance test's), 6/min before any test.
    const rate = resonanceBpm ?? DEFAULT_RESONANCE_BPM
    const pattern = resonancePattern(rate)
    const durationS = dose === 'short' ? RESONANCE_SHORT_S : (settings.resonance?.durationS ?? 300)
    const cycles = Math.max(1, Math.round((durationS * 1000) / cycleMs(pattern)))
    return {
      protocol,
      dose,
      pattern,
      cycles,
      totalMs: cycles * cycleMs(pattern),
      pacerRateBpm: rate,
      guided: null
    }
  }
  if (isNewProtocol(protocol)) return planNewProtocol(protocol, dose, settings.protocols)
  const pattern =
    protocol === 'sigh' ? sighFromSettings(settings.sigh) : superOxFromSettings(settings.superOxygenation)
  const cycle = cycleMs(pattern)
  const durationS = protocol === 'sigh' ? settings.sigh.durationS : settings.superOxygenation.durationS
  const cycles =
    dose === 'short'
      ? protocol === 'sigh'
        ? Math.min(QUICK_SIGHS_MAX, Math.max(1, Math.round(quickSighs)))
        : 1
      : Math.max(1, Math.round((durationS * 1000) / cycle))
  const first = pattern.phases[0]!
  const second = pattern.phases[1]!
  const pacerRateBpm =
    protocol === 'sigh'
      ? perMinuteFromPeriodMs(cycle)
      : perMinuteFromPeriodMs(first.durationMs + second.durationMs)
  return { protocol, dose, pattern, cycles, totalMs: cycles * cycle, pacerRateBpm, guided: null }
}
