/**
 * The guided practice screen with the flow's fake API: the running part's words large, which part
 * and the time left, a bar instead of the ring under reduced motion, Space pauses (the simulated
 * person stops following), Esc stops early and main is told how much was done; a completed
 * practice is reported as completed; the words come in 简体中文 too.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushSync, mount, unmount } from 'svelte'
import type { AppApi, ProtocolName } from '../../../../src-main/shared/contract'
import { setLanguage } from '../../lib/i18n/i18n.svelte'
import { live } from '../../lib/live.svelte'
import GuidedPractice from './GuidedPractice.svelte'
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

/** The shared flow at the breathing step of `protocol`, through the fake API. */
async function toPractice(protocol: ProtocolName, dose: 'full' | 'short' = 'full') {
  await flowStore.init({ ...fake.api, on: () => () => {} } as unknown as AppApi)
  const c = flowStore.c
  if (c.flow.step !== 'start') await c.restart()
  fake.state.nextResult = (kind, id) => result(kind, 'high', true, id)
  await c.startCheckIn('check-in')
  await c.finishCheckIn()
  await c.continue()
  await c.choose(protocol, dose)
  expect(c.flow.step).toBe('breathing')
  return c.plan()!
}

let mounted: Record<string, unknown> | null = null

function render(plan: ReturnType<typeof flowStore.c.plan>) {
  const target = document.createElement('div')
  document.body.append(target)
  mounted = mount(GuidedPractice, { target, props: { plan: plan! } })
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
  vi.useRealTimers()
})

describe('GuidedPractice', () => {
  it('panoramic vision, reduced motion: the first cue large, part and time, a bar; Space pauses, Esc stops early', async () => {
    setLanguage('en')
    mockReducedMotion(true)
    live.simulated = true
    const plan = await toPractice('panoramic-vision')
    const view = render(plan)
    const root = view.get('guided')
    expect(root.dataset.protocol).toBe('panoramic-vision')
    expect(root.dataset.motion).toBe('reduced')
    expect(view.get('guided-cue').textContent).toContain('Sit comfortably and keep your head still')
    expect(view.get('guided-cue').dataset.cue).toBe('protocols.cue.panoramic-vision.settle')
    expect(view.get('guided-part').textContent).toBe('Part 1 of 5')
    // Panoramic vision chimes only at the start and the end, and says so.
    expect(view.get('guided').textContent).toContain('A chime marks the start and the end')
    expect(view.get('guided-remaining').textContent).toMatch(/^(2:00|1:59) left$/)
    expect(view.get('guided-progress').querySelector('.bar')).not.toBeNull()
    expect(view.get('guided-progress').querySelector('svg')).toBeNull()
    // The stop button has the focus, as on the pacer.
    expect(document.activeElement).toBe(view.get('guided-stop'))
    // No pacer here: no phase words, no breathing shape.
    expect(view.query('pacer')).toBeNull()

    key({ key: ' ', code: 'Space' })
    expect(root.dataset.paused).toBe('true')
    expect(view.get('guided-cue').textContent).toContain('Paused')
    key({ key: ' ', code: 'Space' })
    expect(root.dataset.paused).toBe('false')
    // The simulated person follows the practice's breathing, stops while paused, follows again.
    const sims = fake.calls.filter((x) => x.method === 'simControl').map((x) => x.arg)
    expect(sims.slice(-3)).toEqual([{ pattern: plan.pattern }, { pattern: null }, { pattern: plan.pattern }])

    key({ key: 'Escape' })
    await vi.waitFor(() => expect(flowStore.flow.step).not.toBe('breathing'))
    const end = fake.calls.filter((x) => x.method === 'flowProtocolEnded').at(-1)
    expect(end?.arg).toMatchObject({ name: 'panoramic-vision', plannedS: 120, completed: false })
    expect(flowStore.flow.protocolDone).toMatchObject({ name: 'panoramic-vision', completed: false })
  })

  it('full motion: a progress ring; the cue in Chinese', async () => {
    setLanguage('zh-CN')
    mockReducedMotion(false)
    const plan = await toPractice('nsdr', 'short')
    const view = render(plan)
    expect(view.get('guided').dataset.motion).toBe('full')
    expect(view.get('guided-progress').querySelector('svg circle.done')).not.toBeNull()
    expect(view.get('guided-cue').textContent).toContain('向后靠坐或躺下')
    expect(view.get('guided-part').textContent).toBe('第 1 部分，共 8 部分')
    expect(view.get('guided').textContent).toContain('每进入新的部分以及结束时都会响一声铃')
    expect(view.get('guided-remaining').textContent).toMatch(/^还剩 (5:00|4:59)$/)
    setLanguage('en')
  })

  it('sit quietly runs to its end and is reported as completed', async () => {
    setLanguage('en')
    mockReducedMotion(true)
    await flowStore.init({ ...fake.api, on: () => () => {} } as unknown as AppApi)
    await flowStore.c.saveSettings({ protocols: { sitQuietlyS: 10 } })
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] })
    const plan = await toPractice('sit-quietly')
    expect(plan.totalMs).toBe(10_000)
    const view = render(plan)
    expect(view.get('guided-cue').textContent).toContain('Just sit quietly. Nothing to do until the chime.')
    expect(view.query('guided-part')).toBeNull() // one part: no "part 1 of 1"
    expect(view.get('guided').textContent).toContain('A chime marks the start and the end')
    vi.advanceTimersByTime(5_000)
    flushSync()
    expect(Number(view.get('guided-progress').getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(48)
    vi.advanceTimersByTime(5_500)
    vi.useRealTimers()
    await vi.waitFor(() => expect(flowStore.flow.step).not.toBe('breathing'))
    const end = fake.calls.filter((x) => x.method === 'flowProtocolEnded').at(-1)
    expect(end?.arg).toEqual({ name: 'sit-quietly', plannedS: 10, doneS: 10, completed: true })
  })
})
