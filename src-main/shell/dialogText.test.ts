import { describe, expect, it } from 'vitest'
import { DIALOG_TEXT, dialogLocale, exportDialogOptions, importDialogOptions } from './dialogText'

describe('native dialog text', () => {
  it('has the same keys in both languages, none empty, Chinese in zh-CN', () => {
    expect(Object.keys(DIALOG_TEXT['zh-CN']).sort()).toEqual(Object.keys(DIALOG_TEXT.en).sort())
    for (const value of Object.values(DIALOG_TEXT['zh-CN'])) expect(value).toMatch(/[\u4e00-\u9fff]/)
    for (const value of Object.values(DIALOG_TEXT.en)) expect(value.length).toBeGreaterThan(2)
  })

  it('follows the saved language, or the system one for "system"', () => {
    expect(dialogLocale('zh-CN', 'en-US')).toBe('zh-CN')
    expect(dialogLocale('en', 'zh-CN')).toBe('en')
    expect(dialogLocale('system', 'zh-Hans-CN')).toBe('zh-CN')
    expect(dialogLocale('system', 'de-DE')).toBe('en')
  })

  it('export picks a folder it may create; RR import picks files with a translated filter', () => {
    expect(exportDialogOptions('zh-CN')).toMatchObject({
      title: DIALOG_TEXT['zh-CN'].exportTitle,
      properties: ['openDirectory', 'createDirectory']
    })
    const rr = importDialogOptions('rr', 'zh-CN')
    expect(rr.properties).toContain('openFile')
    expect(rr.filters?.[0]?.name).toBe('RR 间期')
    expect(importDialogOptions('session', 'en').properties).toContain('openDirectory')
    const zip = importDialogOptions('zip', 'en')
    expect(zip.properties).toEqual(['openFile', 'multiSelections'])
    expect(zip.filters).toEqual([{ name: 'Zip archives', extensions: ['zip'] }])
    expect(importDialogOptions('rr', 'en').filters?.[0]?.extensions).toContain('fit')
  })
})
