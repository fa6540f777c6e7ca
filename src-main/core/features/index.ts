/**
 * Every main-process feature, in build order. Each feature owns its IPC handlers (see
 * featureContext.ts); a feature listed later overrides the handlers of an earlier one.
 */
import type { FeatureFactory } from '../appCore'
import { sessionFeature } from './sessionFeature'
import { drillFeature } from './drillFeature'

export const FEATURE_FACTORIES: FeatureFactory[] = [sessionFeature, drillFeature]
