// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { en } from './en'
import { catalogues, LOCALES, localeFor, translate } from './translate'

const params = (message: unknown): string[] =>
  [...JSON.stringify(message).matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort()

describe('message catalogue', () => {
  it.each(LOCALES)('%s has exactly the English keys, with the same parameters', (locale) => {
    const cat = catalogues[locale]
    expect(Object.keys(cat).sort()).toEqual(Object.keys(en).sort())
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(new Set(params(cat[key])), `${locale} ${key}`).toEqual(new Set(params(en[key])))
      expect(JSON.stringify(cat[key]).length, `${locale} ${key} is empty`).toBeGreaterThan(2)
    }
  })

  it('Chinese messages are Chinese, not copied English', () => {
    const keys = Object.keys(en).filter(
      (k) => !/^app\.title$|^devices\.rssi$|language\.(en|zh-CN)$|^settings\.unit\.pct$/.test(k)
    )
    for (const key of keys) {
      expect(JSON.stringify(catalogues['zh-CN'][key as keyof typeof en]), key).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('Chinese messages use full-width punctuation next to Chinese text', () => {
    // A half-width , : ; ( ) ! ? touching a Chinese character reads as a typo in Chinese text
    // ("模拟设备:尚未连接心率带,Limbic"). The colon of a time format (分:秒) is not punctuation.
    const halfWidth = /[\u4e00-\u9fff][,:;()!?]|[,:;()!?][\u4e00-\u9fff]/
    const bad = Object.entries(catalogues['zh-CN'])
      .filter(([, message]) => halfWidth.test(JSON.stringify(message).replace(/分:秒/g, '')))
      .map(([key]) => key)
    expect(bad).toEqual([])
  })

  it('fills parameters and picks plural forms per locale', () => {
    expect(translate('en', 'live.beats', { count: 1 })).toBe('1 beat received')
    expect(translate('en', 'live.beats', { count: 1234 })).toBe('1,234 beats received')
    expect(translate('zh-CN', 'live.beats', { count: 3 })).toBe('已收到 3 次心跳')
    expect(translate('en', 'status.battery', { pct: 90 })).toBe('Battery 90 %')
  })

  it('follows the system language', () => {
    expect(localeFor('zh-CN')).toBe('zh-CN')
    expect(localeFor('zh-Hans-CN')).toBe('zh-CN')
    expect(localeFor('zh-TW')).toBe('zh-CN')
    expect(localeFor('en-GB')).toBe('en')
    expect(localeFor('de')).toBe('en')
    expect(localeFor(undefined)).toBe('en')
  })
})
