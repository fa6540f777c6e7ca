// @vitest-environment node
/**
 * 简体中文 uses full-width punctuation next to Chinese text (，：（）；！？). Half-width marks
 * that touch a CJK character on either side (spaces between them count as touching) are typos.
 * Parameters ({name}) stand for text of any script, so they are left alone; marks inside
 * numbers or Latin words (1.5, e.g.) are not next to CJK and are not flagged.
 */
import { describe, expect, it } from 'vitest'
import { catalogues } from './translate'

const CJK = '\\u3400-\\u9fff\\uff00-\\uffef\\u3000-\\u303f'
const HALF = '[,:;!?()]'
const beside = new RegExp(`[${CJK}] *${HALF}|${HALF} *[${CJK}]`, 'u')

/** Every string of a message (plain, or the forms of a plural). */
function strings(message: unknown): string[] {
  if (typeof message === 'string') return [message]
  if (message && typeof message === 'object') return Object.values(message).flatMap(strings)
  return []
}

/** The catalogue entries with half-width punctuation beside Chinese text. */
function halfWidthBesideCjk(catalogue: Record<string, unknown>): string[] {
  return Object.entries(catalogue).flatMap(([key, message]) =>
    strings(message)
      .filter((s) => beside.test(s))
      .map((s) => `${key}: ${s}`)
  )
}

describe('zh-CN punctuation', () => {
  it('finds the half-width marks it is meant to find', () => {
    expect(
      halfWidthBesideCjk({ a: '模拟设备:心率带', b: '逐搏间期(最近 60 秒)', c: '好!', d: '对吗 ?' })
    ).toHaveLength(4)
    expect(
      halfWidthBesideCjk({ a: '模拟设备：心率带', b: '比例 1:2', c: 'RMSSD (ms)', d: '{name}：{value}' })
    ).toEqual([])
  })

  it('the zh-CN catalogue has no half-width , : ; ! ? ( ) beside Chinese text', () => {
    expect(halfWidthBesideCjk(catalogues['zh-CN'])).toEqual([])
  })
})
