import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { OPTION_IDS } from '../shared/learning'
import { PROTOCOL_NAMES } from '../shared/protocols'
import { choose, chooseManually } from './engine'
import { emptyModel } from './model'
import {
  AVAILABLE_PROTOCOLS,
  OPTION_PROTOCOLS,
  availableOptions,
  optionOf,
  runnableProtocol
} from './optionProtocols'
import { DEFAULT_LEARNER_SETTINGS, eligibleOptions, plainRule, type ChoiceContext } from './options'

const T0 = Date.UTC(2026, 2, 1, 9)
/** What this build offers (every option: each has its protocol). */
const BUILD = { ...DEFAULT_LEARNER_SETTINGS, resonanceAvailable: true, available: availableOptions() }
/** A build with only the sigh and super-oxygenation (as before the other protocols existed). */
const SIGH_AND_SO = ['sigh-short', 'sigh-standard', 'super-oxygenation'] as const
const RESTRICTED = { ...DEFAULT_LEARNER_SETTINGS, available: [...SIGH_AND_SO] }
const high: ChoiceContext = {
  state: 'high',
  score: 1.8,
  localHour: 9,
  drillFollows: false,
  safety: 'passed',
  tired: false
}
const low: ChoiceContext = { ...high, state: 'low', score: -1.7 }

describe('option <-> protocol mapping', () => {
  it('maps every option to the agreed protocol and dose, and back', () => {
    expect(OPTION_PROTOCOLS['sigh-standard']).toEqual({ protocol: 'sigh', dose: 'full' })
    expect(OPTION_PROTOCOLS['sigh-short']).toEqual({ protocol: 'sigh', dose: 'short' })
    for (const o of OPTION_IDS) {
      const { protocol, dose } = OPTION_PROTOCOLS[o]
      expect(optionOf(protocol, dose)).toBe(o)
    }
    // A short super-oxygenation round is still the super-oxygenation option.
    expect(optionOf('super-oxygenation', 'short')).toBe('super-oxygenation')
  })

  it('in this build runs every option: each protocol exists in the catalogue main accepts', () => {
    expect([...AVAILABLE_PROTOCOLS].sort()).toEqual([...PROTOCOL_NAMES].sort())
    expect(availableOptions()).toEqual([...OPTION_IDS])
    expect(runnableProtocol('sigh-short')).toEqual({ protocol: 'sigh', dose: 'short' })
    expect(runnableProtocol('panoramic-vision')).toEqual({ protocol: 'panoramic-vision', dose: 'full' })
    expect(runnableProtocol('sit-quietly')).toEqual({ protocol: 'sit-quietly', dose: 'full' })
    expect(runnableProtocol('resonance')).toEqual({ protocol: 'resonance', dose: 'full' })
  })
})

describe('the learner restricted to the options a build runs', () => {
  it('never proposes or lists an option whose protocol is missing, whatever the context and seed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('high' as const, 'low' as const),
        fc.constantFrom('passed' as const, 'failed' as const, 'not-done' as const),
        fc.boolean(),
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.boolean(),
        (state, safety, tired, seed, adaptive) => {
          const ctx: ChoiceContext = { ...high, state, safety, tired, score: state === 'high' ? 2 : -2 }
          const settings = { ...RESTRICTED, adaptive }
          const eligible = eligibleOptions(ctx, settings)
          if (eligible.length === 0) {
            expect(() => choose(emptyModel(T0, seed), ctx, settings, T0)).toThrow(/no option is available/)
            return
          }
          const d = choose(emptyModel(T0, seed), ctx, settings, T0).decision
          for (const o of [...d.options, ...d.pBestOptions, d.proposed]) expect(SIGH_AND_SO).toContain(o)
          if (d.proposed === 'super-oxygenation') expect(safety).toBe('passed')
        }
      ),
      { numRuns: 200 }
    )
  })

  it('offers no control while sit-quietly does not exist, and the plain rule stands in with an option that does', () => {
    expect(eligibleOptions(high, RESTRICTED)).toEqual(['sigh-short', 'sigh-standard'])
    expect(eligibleOptions(low, RESTRICTED)).toEqual(['super-oxygenation'])
    expect(eligibleOptions({ ...low, safety: 'not-done' }, RESTRICTED)).toEqual([])
    expect(plainRule(high, RESTRICTED)).toBe('sigh-standard')
    expect(plainRule({ ...low, safety: 'failed' }, RESTRICTED)).toBeNull()
    // This build: the control and the other protocols are offered; super-oxygenation never unsafe.
    expect(eligibleOptions(high, BUILD)).toEqual([
      'sigh-short',
      'sigh-standard',
      'panoramic-vision',
      'resonance',
      'sit-quietly'
    ])
    expect(eligibleOptions({ ...low, safety: 'failed', tired: true }, BUILD)).toEqual([
      'energising-inhale',
      'nsdr',
      'sit-quietly'
    ])
    // With every protocol present the rule is unchanged.
    expect(plainRule({ ...low, safety: 'failed' }, DEFAULT_LEARNER_SETTINGS)).toBe('energising-inhale')
  })

  it("refuses the person's pick of an option this build cannot run", () => {
    const { model } = choose(emptyModel(T0, 3), high, RESTRICTED, T0, 'd1')
    expect(() => chooseManually(model, 'd1', 'panoramic-vision', RESTRICTED, T0)).toThrow(/not available/)
    expect(() => chooseManually(model, 'd1', 'sit-quietly', RESTRICTED, T0)).toThrow(/not available/)
    expect(chooseManually(model, 'd1', 'sigh-short', RESTRICTED, T0).decision.chosen).toBe('sigh-short')
  })
})
