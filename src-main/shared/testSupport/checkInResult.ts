/** A check-in result for tests of the flow (main's engine and the screens). */
import type { ArousalState, CheckInKind, CheckInResult } from '../arousal'

export function result(
  kind: CheckInKind,
  state: ArousalState | null,
  usable = true,
  id = 'c1'
): CheckInResult {
  return {
    id,
    kind,
    startedMs: 0,
    endedMs: 60000,
    beats: 70,
    hrBpm: 80,
    rmssdMs: 30,
    lnRmssd: Math.log(30),
    respRateBpm: 14,
    artifactRate: usable ? 0.01 : 0.2,
    quality: usable ? 'good' : 'poor',
    usable,
    arousal: state
      ? { state, score: state === 'high' ? 1.5 : state === 'low' ? -1.5 : 0, confidence: 0.8, reasons: [] }
      : null,
    selfReport: null,
    baselineSource: 'personal'
  }
}
