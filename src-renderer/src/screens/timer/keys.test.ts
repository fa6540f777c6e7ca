import { describe, expect, it } from 'vitest'
import { shortcutFor, type KeyLike } from './keys'

const key = (code: string, over: Partial<KeyLike> = {}): KeyLike => ({
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  repeat: false,
  target: document.body,
  ...over
})

describe('timer shortcuts', () => {
  it('E logs an error, F frustration, other keys nothing', () => {
    expect(shortcutFor(key('KeyE'))).toBe('error')
    expect(shortcutFor(key('KeyF'))).toBe('frustration')
    expect(shortcutFor(key('KeyG'))).toBeNull()
    expect(shortcutFor(key('Space'))).toBeNull()
  })

  it('P pauses or resumes, Esc toggles the menu, F11 full screen', () => {
    expect(shortcutFor(key('KeyP'))).toBe('pause')
    expect(shortcutFor(key('Escape'))).toBe('menu')
    expect(shortcutFor(key('F11'))).toBe('fullscreen')
    expect(shortcutFor(key('KeyP', { target: document.createElement('input') }))).toBeNull()
  })

  it('never while typing in a field', () => {
    for (const tag of ['input', 'textarea', 'select']) {
      expect(shortcutFor(key('KeyE', { target: document.createElement(tag) })), tag).toBeNull()
    }
    const editable = document.createElement('div')
    editable.contentEditable = 'true'
    // jsdom does not compute isContentEditable; a browser does.
    Object.defineProperty(editable, 'isContentEditable', { value: true })
    expect(shortcutFor(key('KeyE', { target: editable }))).toBeNull()
    expect(shortcutFor(key('KeyE', { target: document.createElement('button') }))).toBe('error')
  })

  it('not with modifiers, on auto-repeat or during IME composition', () => {
    expect(shortcutFor(key('KeyE', { ctrlKey: true }))).toBeNull()
    expect(shortcutFor(key('KeyE', { metaKey: true }))).toBeNull()
    expect(shortcutFor(key('KeyE', { altKey: true }))).toBeNull()
    expect(shortcutFor(key('KeyE', { repeat: true }))).toBeNull()
    expect(shortcutFor(key('KeyE', { isComposing: true }))).toBeNull()
  })
})
