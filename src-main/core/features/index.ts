/**
 * Every main-process feature, in build order. Each feature owns its IPC handlers (see
 * featureContext.ts); a feature listed later overrides the handlers of an earlier one.
 */
import type { FeatureFactory } from '../appCore'
import { sessionFeature } from './sessionFeature'
import { drillFeature } from './drillFeature'
import { checkInFeature } from './checkInFeature'
import { balanceFeature } from './balanceFeature'

// The check-in feature first: its sample listener then cleans beats before the session's merger
// sees the next raw beat, so fewer cleaned rows arrive too late for beats.csv.
export const FEATURE_FACTORIES: FeatureFactory[] = [
  checkInFeature,
  sessionFeature,
  drillFeature,
  balanceFeature
]
