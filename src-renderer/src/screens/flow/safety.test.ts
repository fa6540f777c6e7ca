// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { translate } from '../../lib/i18n/translate'
import { CONTRAINDICATIONS, RULE_KEYS, contraindicationKey, screening } from './safety'

describe('super-oxygenation safety screening', () => {
  it('is incomplete until every question is answered, and any yes excludes', () => {
    expect(screening({})).toBe('incomplete')
    expect(screening({ pregnancy: false, seizures: false })).toBe('incomplete')
    expect(screening({ glaucoma: true })).toBe('contraindicated')
    const allNo = Object.fromEntries(CONTRAINDICATIONS.map((c) => [c, false]))
    expect(screening(allNo)).toBe('clear')
    expect(screening({ ...allNo, fainting: true })).toBe('contraindicated')
  })

  it('asks about the trial exclusions and shows the four rules in both languages', () => {
    expect(CONTRAINDICATIONS).toEqual(['pregnancy', 'seizures', 'heart', 'glaucoma', 'fainting'])
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const c of CONTRAINDICATIONS) expect(translate(locale, contraindicationKey(c))).not.toMatch(/⟦/)
      const rules = RULE_KEYS.map((k) => translate(locale, k))
      expect(rules).toHaveLength(4)
      expect(rules.join(' ')).toMatch(/15/)
    }
    expect(translate('en', 'flow.safety.rule.water')).toMatch(/water.*driving/)
  })
})
