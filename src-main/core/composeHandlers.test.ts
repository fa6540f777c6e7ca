import { afterEach, describe, expect, it } from 'vitest'
import { INVOKE_CHANNELS } from '../shared/contract'
import { composeHandlers } from './composeHandlers'
import { FEATURE_FACTORIES } from './features/index'
import { coreRig, disposeCoreRigs } from './testSupport/coreRig'

afterEach(disposeCoreRigs)

describe('every IPC channel has exactly one owner', () => {
  it('the full app handles each channel of the contract once, with a function', async () => {
    const rig = coreRig({ prefix: 'limbic-owners-' })
    for (const channel of INVOKE_CHANNELS) expect(typeof rig.h[channel], channel).toBe('function')
    expect(Object.keys(rig.h).sort()).toEqual([...INVOKE_CHANNELS].sort())
    // A test core built with fewer features simply lacks their channels (no placeholder).
    const partial = coreRig({ prefix: 'limbic-owners-', features: FEATURE_FACTORIES.slice(1) })
    expect(partial.h['baseline:get']).toBeUndefined()
    expect(typeof partial.h['session:start']).toBe('function')
  })

  it('two features claiming one channel stop the core at start-up, naming both', () => {
    const a = { name: 'a', feature: { handlers: { 'app:notify': () => undefined } } }
    const b = { name: 'b', feature: { handlers: { 'app:notify': () => undefined } } }
    expect(() => composeHandlers([a, b], false)).toThrow(/"app:notify" is handled by both "a" and "b"/)
    expect(() =>
      coreRig({
        prefix: 'limbic-owners-',
        features: [...FEATURE_FACTORIES, () => ({ handlers: { 'history:list': async () => [] } })]
      })
    ).toThrow(/"history:list" is handled by both "historyFeature" and/)
  })

  it('a channel nobody handles is refused for the full app, allowed for a test core', () => {
    const only = [{ name: 'x', feature: { handlers: { 'app:notify': () => undefined } } }]
    expect(() => composeHandlers(only, true)).toThrow(/no feature handles .*"app:info"/)
    expect(Object.keys(composeHandlers(only, false))).toEqual(['app:notify'])
    const unknown = [{ name: 'y', feature: { handlers: { 'app:nope': () => undefined } as never } }]
    expect(() => composeHandlers(unknown, false)).toThrow(/"app:nope", which is not in the contract/)
  })
})
