/**
 * The person's own resting baseline: mean and spread of resting heart rate, lnRMSSD and (when
 * known) breathing rate over their recent resting measurements. Pure: the check-in feature stores
 * the measurements (baseline.json) and passes them in.
 *
 * Why personal: every consumer HRV tool compares a person with themselves (HRV4Training: 60-day
 * normal range; Elite HRV: rolling ~10-day baseline of lnRMSSD mean/SD/CV), because between-person
 * differences in HRV dwarf the within-person changes that arousal causes.
 *
 * - Mean: the plain mean of the last `BASELINE_WINDOW` (10) measurements (Elite HRV's ~10-day
 *   rolling window).
 * - Spread: a standard deviation pooled with a prior worth `PRIOR_WEIGHT` (3) measurements, so one or
 *   two measurements do not give a spread of ~0 (which would make every small change "abnormal"):
 *     sd^2 = (PRIOR_WEIGHT * priorSd^2 + (n - 1) * s^2) / (PRIOR_WEIGHT + n - 1)
 *   with s the sample SD (n - 1) of the window, then floored at `*_SD_FLOOR`.
 * - Until there is one measurement the population values below are used (wide bands), and the
 *   summary says `source: 'population'` so the UI can say so.
 *
 * Which measurements count (decided by the check-in feature, see `isRestingMeasurement`): every
 * usable 'baseline' check-in, plus usable ordinary check-ins that already sit in the optimal band
 * with decent confidence - they refine the baseline without dragging it toward the states it is
 * meant to detect. Re-checks (right after a breathing practice) never count.
 */
import type { BaselineSummary, CheckInKind } from '../shared/arousal'

export interface RestingMeasurement {
  /** When it ended (ISO 8601 UTC). */
  endedUtc: string
  kind: CheckInKind
  hrBpm: number
  lnRmssd: number
  respRateBpm: number | null
}

/** What baseline.json holds. */
export interface BaselineFile {
  version: 1
  /** Oldest first, at most `MAX_STORED_MEASUREMENTS`. */
  measurements: RestingMeasurement[]
}

export interface BaselineStats {
  source: 'personal' | 'population'
  measurements: number
  hrBpm: number
  hrSdBpm: number
  lnRmssd: number
  lnRmssdSd: number
  respRateBpm: number
  respSdBpm: number
  updatedUtc: string | null
}

/**
 * Population defaults (healthy adults, short-term resting recordings; Nunan et al. 2010 systematic
 * review: mean RR 926 +/- 90 ms -> HR ~65 bpm, RMSSD 42 +/- 15 ms -> lnRMSSD 3.74). The spreads are
 * deliberately wider than the published between-person SDs (HR ~6 bpm, lnRMSSD ~0.36), because a
 * seated person before studying is not a supine lab subject: population bands should only flag
 * clear departures. Resting breathing rate 12-20 /min in adults -> 15 +/- 3.
 */
export const POPULATION_BASELINE: BaselineStats = {
  source: 'population',
  measurements: 0,
  hrBpm: 65,
  hrSdBpm: 10,
  lnRmssd: Math.log(42),
  lnRmssdSd: 0.5,
  respRateBpm: 15,
  respSdBpm: 3,
  updatedUtc: null
}

/** How many recent measurements the personal baseline averages (Elite HRV: ~10 days). */
export const BASELINE_WINDOW = 10
/** How many measurements baseline.json keeps (history for later trend views). */
export const MAX_STORED_MEASUREMENTS = 60
/** Weight, in measurements, of the prior spread (see the pooled SD above). */
export const PRIOR_WEIGHT = 3
/**
 * Prior within-person spreads between resting measurements: HR ~4 bpm, lnRMSSD ~0.25 (day-to-day
 * CV of lnRMSSD is typically 5-10 % of ~3.5-4.2), breathing rate ~2.5 /min.
 */
export const PRIOR_SD = { hrBpm: 4, lnRmssd: 0.25, respRateBpm: 2.5 } as const
/** Smallest spreads ever used, so a run of near-identical measurements does not make the band a line. */
export const SD_FLOOR = { hrBpm: 3, lnRmssd: 0.15, respRateBpm: 2 } as const
/** A personal baseline from this many measurements on. */
export const MIN_PERSONAL_MEASUREMENTS = 1

export function emptyBaselineFile(): BaselineFile {
  return { version: 1, measurements: [] }
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length
}

function pooledSd(xs: readonly number[], priorSd: number, floor: number): number {
  const n = xs.length
  if (n < 2) return Math.max(priorSd, floor)
  const m = mean(xs)
  let ss = 0
  for (const x of xs) ss += (x - m) ** 2
  const s2 = ss / (n - 1)
  const pooled = Math.sqrt((PRIOR_WEIGHT * priorSd ** 2 + (n - 1) * s2) / (PRIOR_WEIGHT + n - 1))
  return Math.max(pooled, floor)
}

/** Mean and spread from stored measurements (population values until there are any). */
export function baselineStats(measurements: readonly RestingMeasurement[]): BaselineStats {
  if (measurements.length < MIN_PERSONAL_MEASUREMENTS) return { ...POPULATION_BASELINE }
  const recent = measurements.slice(-BASELINE_WINDOW)
  const hr = recent.map((m) => m.hrBpm)
  const ln = recent.map((m) => m.lnRmssd)
  return {
    source: 'personal',
    measurements: measurements.length,
    hrBpm: mean(hr),
    hrSdBpm: pooledSd(hr, PRIOR_SD.hrBpm, SD_FLOOR.hrBpm),
    lnRmssd: mean(ln),
    lnRmssdSd: pooledSd(ln, PRIOR_SD.lnRmssd, SD_FLOOR.lnRmssd),
    ...respBaseline(recent),
    updatedUtc: recent[recent.length - 1]!.endedUtc
  }
}

/**
 * Whether the breathing-rate band is personal. It is not, for now: the RSA-derived rate is rough
 * (best ECG-derived methods: +/-4.7 breaths/min limits of agreement, Charlton et al. 2016) and at
 * rest its spectral peak is easily the ~0.1 Hz (6 /min) Mayer wave rather than the breath, so a
 * personal mean would often be ~6 /min and make ordinary breathing look "fast". The population
 * band (15 +/- 3 /min) is used, and only clearly fast breathing adds to the arousal score.
 * Measurements still store the rate, so this can be switched on once the estimate is trusted.
 */
export const PERSONAL_RESP_BASELINE = false

function respBaseline(recent: readonly RestingMeasurement[]): { respRateBpm: number; respSdBpm: number } {
  const resp = recent.map((m) => m.respRateBpm).filter((r): r is number => r !== null && Number.isFinite(r))
  if (!PERSONAL_RESP_BASELINE || resp.length === 0) {
    return { respRateBpm: POPULATION_BASELINE.respRateBpm, respSdBpm: POPULATION_BASELINE.respSdBpm }
  }
  return { respRateBpm: mean(resp), respSdBpm: pooledSd(resp, PRIOR_SD.respRateBpm, SD_FLOOR.respRateBpm) }
}

/** What the renderer sees (`baseline:get`). */
export function baselineSummary(stats: BaselineStats): BaselineSummary {
  return {
    source: stats.source,
    measurements: stats.measurements,
    hrBpm: stats.hrBpm,
    lnRmssd: stats.lnRmssd,
    rmssdMs: Math.exp(stats.lnRmssd),
    updatedUtc: stats.updatedUtc
  }
}

/** A copy of `file` with `m` appended (oldest dropped beyond `MAX_STORED_MEASUREMENTS`). */
export function addMeasurement(file: BaselineFile, m: RestingMeasurement): BaselineFile {
  const measurements = [...file.measurements, m]
  return { version: 1, measurements: measurements.slice(-MAX_STORED_MEASUREMENTS) }
}

/** Confidence a check-in needs before it may refine the baseline. */
export const RESTING_MIN_CONFIDENCE = 0.5

/**
 * Whether a finished check-in is a resting measurement for the baseline (see the header): usable
 * 'baseline' check-ins always; usable 'check-in's in the optimal band with confidence >= 0.5;
 * never re-checks.
 */
export function isRestingMeasurement(r: {
  kind: CheckInKind
  usable: boolean
  hrBpm: number | null
  lnRmssd: number | null
  arousal: { state: string; confidence: number } | null
}): boolean {
  if (!r.usable || r.hrBpm === null || r.lnRmssd === null) return false
  if (r.kind === 'baseline') return true
  if (r.kind !== 'check-in') return false
  return r.arousal !== null && r.arousal.state === 'optimal' && r.arousal.confidence >= RESTING_MIN_CONFIDENCE
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

/**
 * Checks parsed baseline.json content. Throws an Error naming what is wrong (the caller sets the
 * file aside and falls back to the population baseline).
 */
export function parseBaselineFile(data: unknown): BaselineFile {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('not a JSON object')
  const o = data as Record<string, unknown>
  if (o.version !== 1) throw new Error(`unsupported version ${JSON.stringify(o.version)}`)
  if (!Array.isArray(o.measurements)) throw new Error('"measurements" is not a list')
  const measurements: RestingMeasurement[] = o.measurements.map((raw, i) => {
    const m = raw as Record<string, unknown>
    const where = `measurement ${i + 1}`
    if (typeof m !== 'object' || m === null) throw new Error(`${where} is not an object`)
    if (typeof m.endedUtc !== 'string' || !ISO_UTC.test(m.endedUtc)) throw new Error(`${where}: bad endedUtc`)
    if (m.kind !== 'baseline' && m.kind !== 'check-in' && m.kind !== 're-check')
      throw new Error(`${where}: bad kind`)
    const num = (v: unknown, lo: number, hi: number, name: string): number => {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi)
        throw new Error(`${where}: bad ${name}`)
      return v
    }
    return {
      endedUtc: m.endedUtc,
      kind: m.kind,
      hrBpm: num(m.hrBpm, 20, 250, 'hrBpm'),
      lnRmssd: num(m.lnRmssd, 0, 7, 'lnRmssd'),
      respRateBpm: m.respRateBpm === null ? null : num(m.respRateBpm, 1, 60, 'respRateBpm')
    }
  })
  return { version: 1, measurements }
}
