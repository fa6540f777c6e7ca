/**
 * The app's features (besides the core's own: live signal, app, devices, settings, state; see
 * appCore.ts). Each owns its IPC handlers; a channel claimed twice, or not at all, stops the app
 * at start-up (composeHandlers.ts). Features depend on each other only through the context, so
 * the order of this list does not matter.
 */
import type { FeatureFactory } from './featureContext'
import { sessionFeature } from './sessionFeature'
import { historyFeature } from './historyFeature'
import { checkInFeature } from './checkInFeature'
import { balanceFeature } from './balanceFeature'
import { sessionEngineFeature } from '../session/sessionEngine'
import { learningFeature } from './learningFeature'
import { resonanceFeature } from './resonanceFeature'

export const FEATURE_FACTORIES: FeatureFactory[] = [
  checkInFeature,
  sessionFeature,
  historyFeature,
  balanceFeature,
  sessionEngineFeature,
  learningFeature,
  resonanceFeature
]
