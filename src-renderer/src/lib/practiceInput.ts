/**
 * What every practice screen (pacer, guided practice, resonance test) reads from the person the
 * same way: the keys (Esc stops early, Space pauses or resumes - but not while typing in a field)
 * and the reduced-motion preference, followed live.
 */
export type PracticeKey = 'stop' | 'toggle' | null

export function practiceKey(e: Pick<KeyboardEvent, 'key' | 'code' | 'target'>): PracticeKey {
  if (e.key === 'Escape') return 'stop'
  if (e.key !== ' ' && e.code !== 'Space') return null
  const target = e.target instanceof Element ? e.target : null
  return target?.closest('input, textarea, select') ? null : 'toggle'
}

/** Calls `set` now and whenever prefers-reduced-motion changes; returns the unsubscribe. */
export function watchReducedMotion(set: (reduced: boolean) => void): () => void {
  const mq = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)')
  set(mq?.matches ?? false)
  const onChange = (e: MediaQueryListEvent): void => set(e.matches)
  mq?.addEventListener('change', onChange)
  return () => mq?.removeEventListener('change', onChange)
}
