import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushSync, mount, unmount } from 'svelte'
import type { AppApi } from '../../../../src-main/shared/contract'
import { setLanguage } from '../../lib/i18n/i18n.svelte'
import { live } from '../../lib/live.svelte'
import BreathingView from './BreathingView.svelte'
import { flowStore } from './flowStore.svelte'
import { fakeApi, result } from './testFakes'

const fake = fakeApi()

function mockReducedMotion(reduce: boolean): void {
  window.matchMedia = ((query: string) => ({
    matches: reduce && query.includes('reduce'),
    media: query,
    addEventListener: () => {},
    removeEventListener: () => {}
  })) as unknown as typeof window.matchMedia
}

/** Drive the shared flow to the breathing step of a quick sigh, through the fake API. */
async function toBreathing() {
  await flowStore.init({ ...fake.api, on: () => () => {} } as unknown as AppApi)
  const c = flowStore.c
  if (c.flow.step !== 'start') await c.restart()
  fake.state.nextResult = (kind, id) => result(kind, 'high', true, id)
  await c.startCheckIn('check-in')
  await c.finishCheckIn()
  await c.continue()
  await c.choose('sigh', 'short')
  expect(c.flow.step).toBe('breathing')
  return c.plan()!
}

let mounted: Record<string, unknown> | null = null

/** Mount into the document; queries by data-testid. */
function render(plan: ReturnType<typeof flowStore.c.plan>) {
  const target = document.createElement('div')
  document.body.append(target)
  mounted = mount(BreathingView, { target, props: { plan: plan! } })
  flushSync()
  const query = (id: string) => target.querySelector<HTMLElement>(`[data-testid="${id}"]`)
  return { query, get: (id: string) => query(id)! }
}

function key(init: KeyboardEventInit): void {
  window.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }))
  flushSync()
}

afterEach(() => {
  if (mounted) unmount(mounted)
  mounted = null
  document.body.innerHTML = ''
})

describe('BreathingView', () => {
  it('reduced motion: a progress bar instead of the growing shape; Space pauses, Esc stops early', async () => {
    setLanguage('en')
    mockReducedMotion(true)
    live.simulated = true
    const plan = await toBreathing()
    const view = render(plan)
    const pacer = view.get('pacer')
    expect(pacer.dataset.motion).toBe('reduced')
    expect(view.query('pacer-progress')).not.toBeNull()
    expect(view.query('pacer-shape')).toBeNull()
    expect(view.get('pacer-phase').textContent).toContain('Inhale — nose')
    expect(view.get('pacer-cycle').textContent).toBe('Sigh 1 of 3')

    key({ key: ' ', code: 'Space' })
    expect(pacer.dataset.paused).toBe('true')
    expect(view.get('pacer-phase').textContent).toContain('Paused')
    key({ key: ' ', code: 'Space' })
    expect(pacer.dataset.paused).toBe('false')
    // The simulated person stopped following while paused, and follows again after.
    const sims = fake.calls.filter((x) => x.method === 'simControl').map((x) => x.arg)
    expect(sims.slice(-2)).toEqual([{ pattern: null }, { pattern: plan.pattern }])

    key({ key: 'Escape' })
    await vi.waitFor(() => expect(flowStore.flow.step).not.toBe('breathing'))
    // Stopped early: main is told how much was done (it records protocol-end, stopped-early).
    const end = fake.calls.find((x) => x.method === 'flowProtocolEnded')
    expect(end?.arg).toMatchObject({ name: 'sigh', completed: false })
  })

  it('full motion: the shape scales with the lungs', async () => {
    mockReducedMotion(false)
    const plan = await toBreathing()
    const view = render(plan)
    expect(view.get('pacer').dataset.motion).toBe('full')
    const shape = view.get('pacer-shape')
    expect(shape.style.transform).toMatch(/^scale\(0\.\d+\)$/)
  })
})
