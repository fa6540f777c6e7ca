/**
 * The measured breathing rate to set beside the pacer's, or null while there is none worth
 * showing. Main's heart-rate-derived estimate covers the last 60 s of beats, so during the first
 * minute of pacing it still describes the breathing before the pacer started ("You are breathing
 * at ~6/min" one second in); it is shown only once its window holds paced breathing alone and its
 * confidence is at the level the Live screen uses. A chest sensor measures breath by breath, so
 * its rate is shown after a few breaths.
 */
import type { LiveMetrics } from '../../../../src-main/shared/arousal'

/** The heart-rate-derived estimate's window (respiration.ts DEFAULT_RESP_WINDOW_MS). */
export const RSA_MIN_PACED_MS = 60_000
/** A few breaths measured at the chest. */
export const CHEST_MIN_PACED_MS = 20_000
/** Below this the heart-rate-derived estimate is not shown (the Live screen's threshold). */
export const RESP_MIN_CONFIDENCE = 0.5

export interface PacedRate {
  rateBpm: number
  source: 'chest' | 'rsa'
}

export function pacedRate(metrics: LiveMetrics | null, pacedMs: number): PacedRate | null {
  if (!metrics) return null
  if (metrics.respSource === 'chest') {
    const chest = metrics.chestRateBpm ?? null
    return chest !== null && Number.isFinite(chest) && pacedMs >= CHEST_MIN_PACED_MS
      ? { rateBpm: chest, source: 'chest' }
      : null
  }
  const rsa = metrics.respRateBpm
  if (rsa === null || !Number.isFinite(rsa)) return null
  if ((metrics.respConfidence ?? 0) < RESP_MIN_CONFIDENCE || pacedMs < RSA_MIN_PACED_MS) return null
  return { rateBpm: rsa, source: 'rsa' }
}
