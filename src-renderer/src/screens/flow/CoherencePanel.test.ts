import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushSync, mount, unmount } from 'svelte'
import type { AppApi, CoherenceReading } from '../../../../src-main/shared/contract'
import { setLanguage } from '../../lib/i18n/i18n.svelte'
import BreathingView from './BreathingView.svelte'
import { flowStore } from './flowStore.svelte'
import { fakeApi, result } from './testFakes'

const fake = fakeApi()
let mounted: Record<string, unknown> | null = null
let reading: CoherenceReading = { coherence: null, pacerBpm: 6, beats: 3 }
const asked = vi.fn(async () => reading)

/** Drive the shared flow to resonance breathing (chosen as the prescription will send it). */
async function toResonance(protocol: 'resonance' | 'sigh') {
  window.matchMedia = ((query: string) => ({
    matches: false,
    media: query,
    addEventListener: () => {},
    removeEventListener: () => {}
  })) as unknown as typeof window.matchMedia
  ;(window as unknown as { api: Partial<AppApi> }).api = { resonanceCoherence: asked }
  await flowStore.init({ ...fake.api, on: () => () => {} } as unknown as AppApi)
  const c = flowStore.c
  if (c.flow.step !== 'start') await c.restart()
  fake.state.nextResult = (kind, id) => result(kind, 'high', true, id)
  await c.startCheckIn('check-in')
  await c.finishCheckIn()
  await c.continue()
  await c.choose(protocol, 'full')
  expect(c.flow.step).toBe('breathing')
  const target = document.createElement('div')
  document.body.append(target)
  mounted = mount(BreathingView, { target, props: { plan: c.plan()! } })
  flushSync()
  return (id: string) => target.querySelector<HTMLElement>(`[data-testid="${id}"]`)
}

afterEach(() => {
  if (mounted) unmount(mounted)
  mounted = null
  document.body.innerHTML = ''
})

describe('resonance breathing: the coherence panel', () => {
  it("paces at 6/min before any test, draws the pacer wave and shows main's coherence number", async () => {
    setLanguage('en')
    reading = { coherence: null, pacerBpm: 6, beats: 3 }
    const query = await toResonance('resonance')
    expect(query('pacer')!.dataset.protocol).toBe('resonance')
    expect(query('pacer-phase')!.textContent).toContain('Breathe in — nose, gently')
    expect(query('pacer-cycle')!.textContent).toBe('Breath 1 of 30')
    expect(query('coherence-panel')).not.toBeNull()
    expect(query('coherence-wave')).not.toBeNull()
    await vi.waitFor(() => expect(asked).toHaveBeenCalled())
    flushSync()
    expect(query('coherence-waiting')!.textContent).toBe('Coherence shows after about 30 s of beats.')
    reading = { coherence: 0.724, pacerBpm: 6, beats: 70 }
    await vi.waitFor(
      () => {
        flushSync()
        expect(query('coherence-value')?.textContent).toBe('72 %')
      },
      { timeout: 3000 }
    )
  })

  it('other protocols have no coherence panel', async () => {
    const query = await toResonance('sigh')
    expect(query('pacer')!.dataset.protocol).toBe('sigh')
    expect(query('coherence-panel')).toBeNull()
  })
})
