/**
 * Every IPC channel has exactly one owner: the core composes the handlers of its features at
 * start-up and refuses two features claiming the same channel, or (for the full app) a channel of
 * the contract that no feature handles. No placeholder handler is ever installed and replaced.
 */
import { INVOKE_CHANNELS, type Handlers, type InvokeChannel } from '../shared/contract'
import type { Feature } from './features/featureContext'

export interface NamedFeature {
  name: string
  feature: Feature
}

/**
 * The union of the features' handlers. Throws when a channel is claimed twice, when a feature
 * claims a channel the contract does not know, or - with `requireAll` - when a channel of the
 * contract has no handler.
 */
export function composeHandlers(features: readonly NamedFeature[], requireAll: boolean): Handlers {
  const known = new Set<string>(INVOKE_CHANNELS)
  const owner = new Map<InvokeChannel, string>()
  const handlers: Partial<Record<InvokeChannel, unknown>> = {}
  for (const { name, feature } of features) {
    for (const channel of Object.keys(feature.handlers) as InvokeChannel[]) {
      if (!known.has(channel))
        throw new Error(`feature "${name}" handles "${channel}", which is not in the contract`)
      const earlier = owner.get(channel)
      if (earlier !== undefined)
        throw new Error(`IPC channel "${channel}" is handled by both "${earlier}" and "${name}"`)
      owner.set(channel, name)
      handlers[channel] = feature.handlers[channel]
    }
  }
  if (requireAll) {
    const missing = INVOKE_CHANNELS.filter((c) => !owner.has(c))
    if (missing.length > 0) throw new Error(`no feature handles ${missing.map((c) => `"${c}"`).join(', ')}`)
  }
  return handlers as Handlers
}
