/**
 * Every main-process feature, in build order. Each feature owns its IPC handlers (see
 * featureContext.ts); a feature listed later overrides the handlers of an earlier one.
 */
import type { FeatureFactory } from '../appCore'

export const FEATURE_FACTORIES: FeatureFactory[] = []
