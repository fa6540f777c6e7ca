// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest'
import { practiceKey, watchReducedMotion } from './practiceInput'

const key = (k: string, code: string, target: EventTarget | null = document.body) => ({
  key: k,
  code,
  target
})

describe('practice keys', () => {
  it('Esc stops, Space toggles, other keys do nothing', () => {
    expect(practiceKey(key('Escape', 'Escape'))).toBe('stop')
    expect(practiceKey(key(' ', 'Space'))).toBe('toggle')
    expect(practiceKey(key('Enter', 'Enter'))).toBeNull()
    expect(practiceKey(key('e', 'KeyE'))).toBeNull()
  })

  it('Space in a field types a space, it does not pause', () => {
    const input = document.createElement('input')
    document.body.append(input)
    expect(practiceKey(key(' ', 'Space', input))).toBeNull()
    expect(practiceKey(key('Escape', 'Escape', input))).toBe('stop')
  })
})

describe('reduced motion', () => {
  it('reports the preference now and on every change, until unsubscribed', () => {
    let listener: ((e: MediaQueryListEvent) => void) | null = null
    const mq = {
      matches: true,
      addEventListener: (_: string, l: (e: MediaQueryListEvent) => void) => (listener = l),
      removeEventListener: vi.fn(() => (listener = null))
    }
    vi.stubGlobal('matchMedia', () => mq)
    const seen: boolean[] = []
    const off = watchReducedMotion((r) => seen.push(r))
    listener!({ matches: false } as MediaQueryListEvent)
    off()
    expect(seen).toEqual([true, false])
    expect(mq.removeEventListener).toHaveBeenCalledOnce()
    vi.unstubAllGlobals()
  })
})
