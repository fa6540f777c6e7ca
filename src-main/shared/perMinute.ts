/**
 * Rates per minute from periods in milliseconds and back: heart rate from an RR interval, and a
 * breathing rate from its cycle. One formula, 60 000 / x, in one place, shared by main and the
 * renderer. Plain division on purpose: callers that may hold a zero or missing interval decide
 * what that means (most skip the beat, see `hrBpmOrNull`), and results stay bit-identical to the
 * inline `60000 / rr` they replace.
 */

const MS_PER_MIN = 60_000

/** Events per minute of a periodic event `periodMs` apart (Infinity for 0, NaN for NaN). */
export function perMinuteFromPeriodMs(periodMs: number): number {
  return MS_PER_MIN / periodMs
}

/** Milliseconds between events that happen `perMinute` times a minute (the inverse). */
export function periodMsFromPerMinute(perMinute: number): number {
  return MS_PER_MIN / perMinute
}

/** Instantaneous heart rate (bpm) of one RR interval (ms). */
export const hrBpmFromRrMs: (rrMs: number) => number = perMinuteFromPeriodMs

/** The RR interval (ms) of a steady heart rate (bpm). */
export const rrMsFromHrBpm: (hrBpm: number) => number = periodMsFromPerMinute

/** Heart rate of an RR interval, or null when the interval is not positive (no beat to convert). */
export function hrBpmOrNull(rrMs: number): number | null {
  return rrMs > 0 ? MS_PER_MIN / rrMs : null
}
