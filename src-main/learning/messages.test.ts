import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LEARNING_MESSAGE_KEYS } from './messages'
import { choose, recordOutcome, summary } from './engine'
import { emptyModel } from './model'
import { DEFAULT_LEARNER_SETTINGS } from './options'

const catalogue = join(__dirname, '../../src-renderer/src/lib/i18n/messages')

describe('learning message keys', () => {
  it('every key the engine can return is worded in English and 简体中文', async () => {
    for (const file of ['learning.en.ts', 'learning.zh-CN.ts']) {
      const text = await readFile(join(catalogue, file), 'utf8')
      for (const key of LEARNING_MESSAGE_KEYS) expect(text, `${file} ${key}`).toContain(`'${key}'`)
    }
  })

  it('the keys the engine returns are in the list', () => {
    const T0 = Date.UTC(2026, 0, 1)
    const keys = new Set(LEARNING_MESSAGE_KEYS)
    const c = choose(
      emptyModel(T0),
      { state: 'high', score: 2, localHour: 9, drillFollows: false, safety: 'passed', tired: false },
      DEFAULT_LEARNER_SETTINGS,
      T0,
      'a'
    )
    expect(keys).toContain(c.decision.reasonKey)
    const r = recordOutcome(c.model, 'a', { stage: 'recheck', dScore: -1 }, T0)
    expect(keys).toContain(r.feedback.key)
    expect(keys).toContain(summary(r.model, 'high', DEFAULT_LEARNER_SETTINGS, T0).messageKey)
    expect(keys.size).toBe(LEARNING_MESSAGE_KEYS.length)
  })
})
