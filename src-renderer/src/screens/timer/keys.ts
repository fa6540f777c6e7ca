/**
 * The timer's keyboard shortcuts, so every action of a running block is one key away:
 * E logs an error, F logs frustration, P pauses or resumes, Esc shows or hides the menu (focus
 * mode), F11 toggles full screen. Physical keys (`code`), so they work on any layout; never while
 * focus is in a text field, with a modifier, or on repeat.
 */
export type Shortcut = 'error' | 'frustration' | 'pause' | 'menu' | 'fullscreen'

export interface KeyLike {
  code: string
  key?: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  repeat: boolean
  isComposing?: boolean
  target: EventTarget | null
}

const TEXT_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT'])

const CODES: Readonly<Record<string, Shortcut>> = {
  KeyE: 'error',
  KeyF: 'frustration',
  KeyP: 'pause',
  Escape: 'menu',
  F11: 'fullscreen'
}

export function isTyping(target: EventTarget | null): boolean {
  if (typeof target !== 'object' || target === null || !('tagName' in target)) return false
  const el = target as { tagName: string; isContentEditable?: boolean }
  return TEXT_TAGS.has(el.tagName.toUpperCase()) || el.isContentEditable === true
}

export function shortcutFor(e: KeyLike): Shortcut | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || e.isComposing) return null
  if (isTyping(e.target)) return null
  return CODES[e.code] ?? null
}
