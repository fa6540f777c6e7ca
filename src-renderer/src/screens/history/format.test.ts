// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { translate } from '../../lib/i18n/translate'
import {
  clock,
  deleteProblemMessage,
  durationMessage,
  formatDateTime,
  isUnavailable,
  problemMessage,
  protocolKey,
  reasonOf,
  stateKey,
  timeStep
} from './format'

describe('history formatting', () => {
  it('formats dates for the UI locale', () => {
    const utc = '2025-03-12T14:05:00.000Z'
    expect(formatDateTime('en', utc, 'UTC')).toBe('Mar 12, 2025, 2:05 PM')
    expect(formatDateTime('zh-CN', utc, 'UTC')).toBe('2025年3月12日 14:05')
    expect(formatDateTime('en', 'not a date')).toBe('not a date')
  })

  it('words durations through the catalogue in both languages', () => {
    const say = (locale: 'en' | 'zh-CN', s: number): string => {
      const d = durationMessage(s)
      return translate(locale, d.key, d.params)
    }
    expect(say('en', 42.4)).toBe('42 s')
    expect(say('en', 245)).toBe('4 min 5 s')
    expect(say('en', 2 * 3600 + 61)).toBe('2 h 1 min')
    expect(say('zh-CN', 245)).toBe('4 分 5 秒')
    expect(say('zh-CN', 5400)).toBe('1 小时 30 分钟')
    expect(say('en', NaN)).toBe('0 s')
  })

  it('shows seconds into a session as a clock', () => {
    expect(clock(0)).toBe('0:00')
    expect(clock(245)).toBe('4:05')
    expect(clock(3729)).toBe('1:02:09')
  })

  it('picks clock-friendly time-axis steps', () => {
    expect(timeStep(3)).toBe(1)
    expect(timeStep(9)).toBe(2)
    expect(timeStep(600)).toBe(120)
    expect(timeStep(2 * 3600)).toBe(900)
    expect(timeStep(30 * 3600)).toBe(4 * 3600)
    expect(timeStep(0)).toBe(1)
  })

  it('maps states and protocols to catalogue keys', () => {
    expect(translate('en', stateKey('high'))).toBe('High')
    expect(translate('zh-CN', stateKey(null))).toBe('未测')
    expect(translate('zh-CN', protocolKey('sigh'))).toBe('生理叹气')
    expect(translate('en', protocolKey(null))).toBe('None')
    // Issue 16's protocols, and a name from a newer version.
    expect(translate('en', protocolKey('panoramic-vision'))).toBe('Panoramic vision')
    expect(translate('zh-CN', protocolKey('nsdr'))).toBe('非睡眠深度休息')
    expect(translate('en', protocolKey('sit-quietly'))).toBe('Sat quietly')
    expect(translate('zh-CN', protocolKey('energising-inhale'))).toBe('提神呼吸')
    expect(translate('en', protocolKey('box-breathing'))).toBe('Another practice')
    expect(translate('zh-CN', protocolKey('box-breathing'))).toBe('其他练习')
    expect(translate('en', protocolKey('toString'))).toBe('Another practice')
  })

  it('strips the IPC wrapper from a rejection and recognises a missing handler', () => {
    const err = new Error(
      "Error invoking remote method 'history:list': Error: history is not available in this build yet"
    )
    const reason = reasonOf(err)
    expect(reason).toBe('history is not available in this build yet')
    expect(isUnavailable(reason)).toBe(true)
    expect(problemMessage(reason).key).toBe('history.error.unavailable')
    const other = problemMessage(reasonOf(new Error('EACCES: permission denied')))
    expect(translate('en', other.key, other.params)).toBe('That did not work: EACCES: permission denied')
    expect(reasonOf('plain')).toBe('plain')
    expect(isUnavailable(null)).toBe(false)
  })

  it("words main's refusal to delete a folder with a broken or missing session.json, passes other reasons on", () => {
    // The reasons as main's resolveSessionDir words them (after reasonOf strips the IPC wrapper).
    const broken = reasonOf(
      new Error(
        `Error invoking remote method 'history:delete': Error: Session folder "20261201-090000-ab12": session.json is not valid JSON (Unterminated string in JSON at position 21); it is left alone`
      )
    )
    const missing = 'session "x": has no session.json, so it is not a session; it is left alone'
    for (const reason of [broken, missing]) {
      const m = deleteProblemMessage(reason)
      expect(m.key).toBe('history.deleteRefused')
      expect(translate('zh-CN', m.key, m.params)).not.toMatch(/JSON \(|left alone/)
    }
    const other = deleteProblemMessage('EBUSY: resource busy or locked, rename')
    expect(translate('en', other.key, other.params)).toBe(
      'The session could not be deleted: EBUSY: resource busy or locked, rename'
    )
  })
})
