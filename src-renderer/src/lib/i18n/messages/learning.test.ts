// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { learningEn } from './learning.en'
import { learningZh } from './learning.zh-CN'

const params = (message: unknown): string[] =>
  [...JSON.stringify(message).matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort()

describe('learning messages', () => {
  it('简体中文 has exactly the English keys, the same parameters, and is Chinese', () => {
    expect(Object.keys(learningZh).sort()).toEqual(Object.keys(learningEn).sort())
    for (const key of Object.keys(learningEn) as (keyof typeof learningEn)[]) {
      expect(new Set(params(learningZh[key])), key).toEqual(new Set(params(learningEn[key])))
      expect(JSON.stringify(learningZh[key]), key).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})
