/**
 * Personal calibration: when the person's own baseline is ready to judge against, and the robust,
 * recency-weighted statistics it then gives. Pure: the stored resting readings (baseline.json, see
 * baseline.ts) and the current time in, a status and a `BaselineStats` out. Composes baseline.ts
 * (same readings, same prior spreads and floors, same `BaselineStats` shape, so `estimateArousal`
 * takes the result unchanged); the stored shape is not changed.
 *
 * Rule (documented for the screens as "Calibrating: 2 of 5 readings"):
 *   ready  <=>  at least CALIBRATION_RULE.readingsNeeded (5) resting readings
 *               on at least CALIBRATION_RULE.daysNeeded (3) different local calendar days,
 *               counting only readings from the last CALIBRATION_RULE.maxAgeDays (60) days.
 * Why: HRV4Training and Elite HRV build a personal baseline over about a week before they judge
 * (Elite HRV: first estimate after 2 days, built over ~2 weeks; HRV4Training: a 7-day baseline
 * against a 60-day normal range) - see /work/shared/notes/arousal-methods.md section 3. Several
 * days are needed because day-to-day variation is what the spread must capture; five readings on
 * one afternoon would give a spread of almost nothing. Readings older than 60 days (HRV4Training's
 * normal-range window) no longer count, so someone returning after months calibrates again.
 * "Different days" are local calendar days: the caller passes the local UTC offset, because a
 * reading at 07:00 and one at 20:00 in Beijing (UTC+8) fall on two different UTC dates.
 *
 * Statistics (each of HR, lnRMSSD and breathing rate):
 *   weight_i   = 0.5 ^ (ageDays_i / HALF_LIFE_DAYS)           older readings count less (14 d half-life:
 *                                                             two weeks old = half, 60 days old ~5 %)
 *   centre     = weighted median of the readings
 *   robustSd   = 1.4826 * weighted median of |x_i - centre|  (MAD scaled to an SD for normal data;
 *                                                             Rousseeuw & Croux 1993)
 *   nEff       = (sum w)^2 / sum w^2                          Kish's effective sample size
 *   sd         = max(floor, sqrt((PRIOR_WEIGHT * priorSd^2 + (nEff - 1) * robustSd^2)
 *                                / (PRIOR_WEIGHT + nEff - 1)))
 * i.e. the robust spread pooled with the same prior as baseline.ts (worth 3 readings), so five
 * readings that happen to agree closely (MAD ~ 0) do not make every small change "abnormal", and
 * one reading taken while ill cannot drag the centre (the median ignores it) or the spread (MAD).
 * Breathing rate: the arousal score keeps the population band (see PERSONAL_RESP_BASELINE in
 * baseline.ts for why); the personal breathing-rate centre/spread are returned separately in
 * `resp` for the re-check's smallest worthwhile change.
 *
 * While calibrating, `stats` is the population baseline (source 'population', with the number of
 * readings so far): every verdict is then a lean (see stateVerdict.ts).
 */
import {
  POPULATION_BASELINE,
  PRIOR_SD,
  PRIOR_WEIGHT,
  SD_FLOOR,
  type BaselineStats,
  type RestingMeasurement
} from './baseline'
import type { CalibrationStatus } from '../shared/verdict'

export type { CalibrationStatus }

export const CALIBRATION_RULE = {
  /** Resting readings needed before the personal baseline judges. */
  readingsNeeded: 5,
  /** ...on at least this many different local calendar days. */
  daysNeeded: 3,
  /** Readings older than this do not count at all (HRV4Training's 60-day normal range). */
  maxAgeDays: 60
} as const

/** A reading this many days old weighs half as much as one taken now. */
export const HALF_LIFE_DAYS = 14
/** MAD -> SD for normally distributed data (1 / Phi^-1(3/4)). */
export const MAD_TO_SD = 1.4826

const DAY_MS = 86_400_000

export interface CalibrationClock {
  /** Now, epoch ms (UTC). */
  nowMs: number
  /** Local time minus UTC in minutes (UTC+8 -> 480; `-new Date().getTimezoneOffset()`). Default 0. */
  utcOffsetMin?: number
}

/** A spread and a centre of one quantity, with how many (effective) readings it rests on. */
export interface RobustStat {
  centre: number
  sd: number
  nEff: number
}

export interface CalibratedBaseline {
  status: CalibrationStatus
  /** What to judge against: personal when ready, else the population values. */
  stats: BaselineStats
  /** Personal breathing-rate centre and spread when ready and known, else null (population). */
  resp: RobustStat | null
}

/** The local calendar day (YYYY-MM-DD) a reading ended on. */
export function localDay(endedUtc: string, utcOffsetMin = 0): string {
  const ms = Date.parse(endedUtc)
  if (!Number.isFinite(ms)) throw new Error(`bad endedUtc ${JSON.stringify(endedUtc)}`)
  return new Date(ms + utcOffsetMin * 60_000).toISOString().slice(0, 10)
}

interface Counted {
  m: RestingMeasurement
  ageDays: number
}

/** Readings that count at `clock.nowMs`: resting kinds, at most maxAgeDays old, not in the future. */
function counted(measurements: readonly RestingMeasurement[], clock: CalibrationClock): Counted[] {
  const out: Counted[] = []
  for (const m of measurements) {
    if (m.kind === 're-check') continue // right after a practice: never resting
    const ageDays = (clock.nowMs - Date.parse(m.endedUtc)) / DAY_MS
    // A reading from the "future" (clock changed) is kept at age 0 only if within a minute.
    if (!(ageDays >= -1 / 1440) || ageDays > CALIBRATION_RULE.maxAgeDays) continue
    out.push({ m, ageDays: Math.max(0, ageDays) })
  }
  return out
}

export function calibrationStatus(
  measurements: readonly RestingMeasurement[],
  clock: CalibrationClock
): CalibrationStatus {
  const c = counted(measurements, clock)
  const days = new Set(c.map((x) => localDay(x.m.endedUtc, clock.utcOffsetMin ?? 0))).size
  return {
    ready: c.length >= CALIBRATION_RULE.readingsNeeded && days >= CALIBRATION_RULE.daysNeeded,
    readings: c.length,
    readingsNeeded: CALIBRATION_RULE.readingsNeeded,
    days,
    daysNeeded: CALIBRATION_RULE.daysNeeded
  }
}

/** Weight of a reading `ageDays` old. */
export function recencyWeight(ageDays: number): number {
  return Math.pow(0.5, Math.max(0, ageDays) / HALF_LIFE_DAYS)
}

/**
 * Weighted median: the smallest value at which the cumulative weight reaches half the total; when
 * it lands exactly on half, the mean of that value and the next (so equal weights give the
 * ordinary median). Throws on no values or weights that are not positive.
 */
export function weightedMedian(values: readonly number[], weights: readonly number[]): number {
  if (values.length === 0 || values.length !== weights.length)
    throw new Error(`weightedMedian needs matching, non-empty lists (${values.length}, ${weights.length})`)
  const idx = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!)
  let total = 0
  for (const w of weights) {
    if (!(w > 0) || !Number.isFinite(w)) throw new Error(`weight ${w} must be a positive number`)
    total += w
  }
  const half = total / 2
  let cum = 0
  for (let k = 0; k < idx.length; k++) {
    cum += weights[idx[k]!]!
    // Relative tolerance: equal weights must hit "exactly half" despite rounding.
    if (Math.abs(cum - half) <= 1e-9 * total && k + 1 < idx.length)
      return (values[idx[k]!]! + values[idx[k + 1]!]!) / 2
    if (cum > half) return values[idx[k]!]!
  }
  return values[idx[idx.length - 1]!]!
}

/** Centre, pooled robust spread and effective n (see the header). */
export function robustStat(
  values: readonly number[],
  weights: readonly number[],
  priorSd: number,
  floorSd: number
): RobustStat {
  const centre = weightedMedian(values, weights)
  const mad = weightedMedian(
    values.map((x) => Math.abs(x - centre)),
    weights
  )
  const robustSd = MAD_TO_SD * mad
  let sw = 0
  let sw2 = 0
  for (const w of weights) {
    sw += w
    sw2 += w * w
  }
  const nEff = (sw * sw) / sw2
  const k = Math.max(0, nEff - 1)
  const sd = Math.sqrt((PRIOR_WEIGHT * priorSd ** 2 + k * robustSd ** 2) / (PRIOR_WEIGHT + k))
  return { centre, sd: Math.max(sd, floorSd), nEff }
}

/** Status, and the baseline to judge against (see the header). */
export function calibratedBaseline(
  measurements: readonly RestingMeasurement[],
  clock: CalibrationClock
): CalibratedBaseline {
  const status = calibrationStatus(measurements, clock)
  if (!status.ready) {
    return { status, stats: { ...POPULATION_BASELINE, measurements: status.readings }, resp: null }
  }
  const c = counted(measurements, clock)
  const w = c.map((x) => recencyWeight(x.ageDays))
  const hr = robustStat(
    c.map((x) => x.m.hrBpm),
    w,
    PRIOR_SD.hrBpm,
    SD_FLOOR.hrBpm
  )
  const ln = robustStat(
    c.map((x) => x.m.lnRmssd),
    w,
    PRIOR_SD.lnRmssd,
    SD_FLOOR.lnRmssd
  )
  const respIdx = c.flatMap((x, i) =>
    x.m.respRateBpm !== null && Number.isFinite(x.m.respRateBpm) ? [i] : []
  )
  const resp =
    respIdx.length > 0
      ? robustStat(
          respIdx.map((i) => c[i]!.m.respRateBpm!),
          respIdx.map((i) => w[i]!),
          PRIOR_SD.respRateBpm,
          SD_FLOOR.respRateBpm
        )
      : null
  let latest = c[0]!.m.endedUtc
  for (const x of c) if (Date.parse(x.m.endedUtc) > Date.parse(latest)) latest = x.m.endedUtc
  return {
    status,
    stats: {
      source: 'personal',
      measurements: status.readings,
      hrBpm: hr.centre,
      hrSdBpm: hr.sd,
      lnRmssd: ln.centre,
      lnRmssdSd: ln.sd,
      respRateBpm: POPULATION_BASELINE.respRateBpm,
      respSdBpm: POPULATION_BASELINE.respSdBpm,
      updatedUtc: latest
    },
    resp
  }
}
