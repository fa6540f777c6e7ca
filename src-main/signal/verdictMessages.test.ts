/**
 * Every message key the verdict layer returns has words in English and 简体中文 (the renderer's
 * catalogues), with the same parameters.
 */
import { describe, expect, it } from 'vitest'
import { catalogues } from '../../src-renderer/src/lib/i18n/translate'
import { VERDICT_MESSAGE_KEYS } from './verdict'

const params = (message: unknown): string[] =>
  [...new Set([...JSON.stringify(message).matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort()

describe('the verdict layer speaks both languages', () => {
  it('each VERDICT_MESSAGE_KEYS key exists in en and zh-CN, with the same parameters', () => {
    const en = catalogues.en as Record<string, unknown>
    const zh = catalogues['zh-CN'] as Record<string, unknown>
    const missing = VERDICT_MESSAGE_KEYS.filter((k) => en[k] === undefined || zh[k] === undefined)
    expect(missing).toEqual([])
    for (const k of VERDICT_MESSAGE_KEYS) {
      expect(params(zh[k]), k).toEqual(params(en[k]))
      expect(JSON.stringify(zh[k]), k).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})
