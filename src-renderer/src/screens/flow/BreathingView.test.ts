import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushSync, mount, unmount } from 'svelte'
import type {
  AppApi,
  ChestBreathingUpdate,
  LiveMetrics,
  SourceStatus
} from '../../../../src-main/shared/contract'
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

  it('with a chest sensor: the measured breath is drawn against the pacer and the rate is the measured one', async () => {
    setLanguage('en')
    mockReducedMotion(false)
    // The live store as main feeds it: a strap measuring breathing at the chest.
    let chest: ((u: ChestBreathingUpdate) => void) | null = null
    const offLive = live.connect({
      on: (event: string, listener: (u: ChestBreathingUpdate) => void) => {
        if (event === 'breathing:chest') chest = listener
        return () => {}
      },
      devicesStatus: async () => [],
      appInfo: async () => ({ platform: 'linux' })
    } as unknown as AppApi)
    const h10: SourceStatus = {
      sourceId: 'sim-h10',
      kind: 'ble-hr',
      state: 'streaming',
      device: {
        id: 'f00d0000a10a',
        kind: 'ble-hr',
        name: 'Simulated Polar H10',
        rssi: -55,
        channels: ['heart'],
        simulated: true
      },
      problem: null,
      detail: null,
      batteryPct: 90,
      contact: 'detected',
      malformedCount: 0,
      breathingSource: 'chest',
      reconnectAttempt: 0,
      nextRetryAtMs: null,
      simulated: true,
      tMs: 0
    }
    live.statuses = { 'sim-h10': h10 }
    const plan = await toBreathing()
    const view = render(plan)
    expect(view.get('chest-chart')).not.toBeNull()
    expect(view.query('chest-measured')).toBeNull() // nothing measured yet
    const metrics = {
      tMs: 0,
      hrBpm: 70,
      rmssdMs: 40,
      lnRmssd: 3.7,
      sdnnMs: 50,
      respRateBpm: 9,
      respConfidence: 0.8,
      artifactRate: 0,
      quality: 'good',
      arousal: null
    }
    flowStore.metrics = { ...metrics, respSource: 'chest', chestRateBpm: 6.2 } as LiveMetrics
    const now = Date.now()
    chest!({
      sourceId: 'sim-h10',
      points: Array.from({ length: 10 }, (_, i) => ({ tMs: now + i * 100, value: Math.sin(i / 3) * 20 })),
      marks: [],
      rateBpm: 6.2,
      gap: false
    })
    // The chart is redrawn a few times a second.
    await new Promise((resolve) => setTimeout(resolve, 450))
    flushSync()
    expect(view.get('chest-target').getAttribute('points')).toMatch(/^0\.0,/)
    expect(view.get('chest-measured').getAttribute('points')!.split(' ')).toHaveLength(10)
    const rate = view.get('bio-rate')
    // Half a second in, no measured rate is claimed yet, only the pacer's.
    expect(rate.dataset.resp).toBe('')
    expect(rate.textContent).toContain('still measuring')
    // After a few paced breaths the chest rate is shown (the pacer's clock moved on 22 s).
    const realNow = performance.now.bind(performance)
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => realNow() + 22_000)
    await new Promise((resolve) => setTimeout(resolve, 300))
    flushSync()
    expect(rate.dataset.source).toBe('chest')
    expect(rate.textContent).toContain('You are breathing at ~6/min (measured at the chest)')
    // Without chest data the rate inferred from heart rate needs a whole minute of paced
    // breathing in its 60 s window: 22 s in, it still says "measuring".
    flowStore.metrics = { ...metrics, respSource: 'rsa', chestRateBpm: null } as LiveMetrics
    flushSync()
    expect(rate.dataset.resp).toBe('')
    expect(rate.textContent).toContain('still measuring')
    clock.mockRestore()
    offLive()
    live.statuses = {}
  })
})
