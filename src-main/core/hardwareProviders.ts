/**
 * Real hardware sources for the Electron app. Each driver loads its native module lazily, so
 * importing this file loads nothing and a missing adapter only disables that provider.
 */
import type { Clock } from '../devices/clock'
import type { SourceProvider } from './deviceManager'

export function hardwareProviders(_clock: Clock): SourceProvider[] {
  return []
}
