// @vitest-environment node
/**
 * The plans of issue 16's protocols from the settings: energising breathing is paced in whole
 * breaths, the guided ones carry their script laid over the dose's time, the short dose is the
 * catalogue's share of the configured length; every name and cue has words in both languages.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../../src-main/shared/settings'
import { PROTOCOLS, PROTOCOL_NAMES } from '../../../../src-main/shared/protocols'
import { translate } from '../../lib/i18n/translate'
import { catalogues, LOCALES } from '../../lib/i18n/translate'
import { planProtocol } from './pacer'
import { phaseKey } from './phaseWords'

describe('plans of the new protocols', () => {
  it('energising breathing: 30 breaths of 3 s in / 2 s out in 2.5 min, 12 in the short dose, on the pacer', () => {
    const full = planProtocol('energising-inhale', 'full', DEFAULT_SETTINGS)
    expect(full).toMatchObject({ cycles: 30, totalMs: 150_000, pacerRateBpm: 12, guided: null })
    expect(full.pattern.effect).toBe('energizing')
    expect(planProtocol('energising-inhale', 'short', DEFAULT_SETTINGS)).toMatchObject({
      cycles: 12,
      totalMs: 60_000
    })
  })

  it('NSDR: 10 minutes in eight parts, the short dose 5 minutes with the same parts', () => {
    const full = planProtocol('nsdr', 'full', DEFAULT_SETTINGS)
    expect(full.totalMs).toBe(600_000)
    expect(full.guided).toHaveLength(8)
    expect(full.cycles).toBe(8)
    const short = planProtocol('nsdr', 'short', DEFAULT_SETTINGS)
    expect(short.totalMs).toBe(300_000)
    expect(short.guided!.map((c) => c.messageKey)).toEqual(full.guided!.map((c) => c.messageKey))
    expect(short.guided!.at(-1)!.toMs).toBe(300_000)
  })

  it('a shortened length (demos, the e2e suite) keeps the script and halves for the short dose', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      protocols: { panoramicVisionS: 12, energisingInhaleS: 10, nsdrS: 16, sitQuietlyS: 10 }
    }
    expect(planProtocol('panoramic-vision', 'full', settings)).toMatchObject({ totalMs: 12_000, cycles: 5 })
    expect(planProtocol('panoramic-vision', 'short', settings).totalMs).toBe(6_000)
    expect(planProtocol('sit-quietly', 'full', settings)).toMatchObject({ totalMs: 10_000, cycles: 1 })
    expect(planProtocol('energising-inhale', 'full', settings)).toMatchObject({ totalMs: 10_000, cycles: 2 })
  })

  it('sit quietly and panoramic vision are guided at their default 2 minutes', () => {
    for (const p of ['sit-quietly', 'panoramic-vision'] as const) {
      const plan = planProtocol(p, 'full', DEFAULT_SETTINGS)
      expect(plan.totalMs, p).toBe(120_000)
      expect(plan.guided, p).not.toBeNull()
    }
  })
})

describe('words for the new protocols', () => {
  it('every protocol has a name, a description, a part counter and a History label in both languages', () => {
    for (const locale of LOCALES)
      for (const p of PROTOCOL_NAMES)
        for (const key of [
          `flow.protocol.${p}`,
          `flow.protocol.desc.${p}`,
          `flow.pacer.cycle.${p}`,
          `history.protocol.${p}`
        ])
          expect(catalogues[locale], `${locale} ${key}`).toHaveProperty([key])
  })

  it('every cue of every script has words in both languages', () => {
    for (const p of PROTOCOL_NAMES)
      for (const step of PROTOCOLS[p].script?.steps ?? [])
        for (const locale of LOCALES)
          expect(catalogues[locale], `${locale} ${step.messageKey}`).toHaveProperty([step.messageKey])
  })

  it('the energising pacer says breathe in strongly, out easily', () => {
    expect(translate('en', phaseKey('energising-inhale', 'inhale'))).toBe('Breathe in — full and strong')
    expect(translate('zh-CN', phaseKey('energising-inhale', 'exhale'))).toBe('呼气 —— 轻松自然')
    // Sigh and super-oxygenation keep their words.
    expect(phaseKey('sigh', 'exhale')).toBe('flow.phase.sigh.exhale')
    expect(phaseKey('super-oxygenation', 'exhale')).toBe('flow.phase.so.exhale')
  })

  it('the control says nothing about breathing (it must not be a practice in disguise)', () => {
    for (const step of PROTOCOLS['sit-quietly'].script!.steps) {
      expect(translate('en', step.messageKey as never)).not.toMatch(/breath|inhale|exhale/i)
      expect(translate('zh-CN', step.messageKey as never)).not.toMatch(/呼|吸/)
    }
  })
})
