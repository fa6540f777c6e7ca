import { afterEach, describe, expect, it } from 'vitest'
import { flushSync, mount, unmount } from 'svelte'
import type { SourceStatus } from '../../../src-main/shared/contract'
import { setLanguage } from '../lib/i18n/i18n.svelte'
import { live } from '../lib/live.svelte'
import StatusBar from './StatusBar.svelte'

const strap = (heartQuality?: SourceStatus['heartQuality']): SourceStatus => ({
  sourceId: 'ble-hr',
  kind: 'ble-hr',
  state: 'streaming',
  device: { id: 'h7', kind: 'ble-hr', name: 'Polar H7', rssi: -60, channels: ['heart'], simulated: false },
  problem: null,
  detail: null,
  batteryPct: 80,
  contact: 'detected',
  malformedCount: 0,
  ...(heartQuality ? { heartQuality } : {}),
  reconnectAttempt: 0,
  nextRetryAtMs: null,
  simulated: false,
  tMs: 0
})

let mounted: Record<string, unknown> | null = null
afterEach(() => {
  if (mounted) unmount(mounted)
  mounted = null
  live.statuses = {}
  document.body.innerHTML = ''
})

function render(): HTMLElement {
  const target = document.createElement('div')
  document.body.append(target)
  mounted = mount(StatusBar, { target, props: { onFindDevices: () => {} } })
  flushSync()
  return target
}

describe('StatusBar', () => {
  it('shows how many implausible or repeated heart values main set aside, in both languages', () => {
    const none = {
      duplicates: 0,
      outOfOrder: 0,
      hrOutOfRange: 0,
      rrZero: 0,
      rrImplausible: 0,
      rrOverruns: 0,
      rrUnplaced: 0
    }
    setLanguage('en')
    live.statuses = { 'ble-hr': strap({ ...none }) }
    const target = render()
    expect(target.querySelector('[data-testid="heart-flagged"]')).toBeNull()
    live.statuses = { 'ble-hr': strap({ ...none, duplicates: 10, rrImplausible: 1, hrOutOfRange: 2 }) }
    flushSync()
    expect(target.querySelector('[data-testid="heart-flagged"]')!.textContent).toBe(
      '13 implausible or repeated values set aside'
    )
    setLanguage('zh-CN')
    flushSync()
    expect(target.querySelector('[data-testid="heart-flagged"]')!.textContent).toBe(
      '已搁置 13 个不合理或重复的数值'
    )
    setLanguage('en')
  })

  it('keeps the device name apart from its state, names the simulator per language, and marks its readings', () => {
    const text = (target: HTMLElement, id: string): string =>
      target.querySelector(`[data-testid="${id}"]`)!.textContent!.replace(/\s+/g, ' ').trim()
    setLanguage('en')
    live.statuses = { 'ble-hr': strap() }
    const target = render()
    expect(text(target, 'heart-device')).toBe('Polar H7')
    expect(text(target, 'heart-state')).toBe('Receiving data')
    expect(text(target, 'heart-battery')).toBe('Battery 80 %')

    const sim = strap()
    live.statuses = {
      sim: {
        ...sim,
        sourceId: 'sim',
        simulated: true,
        device: { ...sim.device!, id: 'sim-strap', name: 'Simulated heart-rate strap', simulated: true }
      }
    }
    flushSync()
    expect(text(target, 'heart-battery')).toBe('Battery 80 % simulated')
    expect(text(target, 'heart-contact')).toBe('Good skin contact simulated')
    setLanguage('zh-CN')
    flushSync()
    expect(text(target, 'heart-device')).toBe('模拟心率带')
    expect(text(target, 'heart-battery')).toBe('电量 80% 模拟值')
    setLanguage('en')
    // Once the link is gone its battery and contact are old readings: not shown.
    live.statuses = { 'ble-hr': { ...strap(), state: 'disconnected' } }
    flushSync()
    expect(target.querySelector('[data-testid="heart-battery"]')).toBeNull()
    expect(target.querySelector('[data-testid="heart-contact"]')).toBeNull()
  })

  it('says where breathing comes from, and why a strap may not be found, in both languages', () => {
    const text = (target: HTMLElement, id: string): string | null =>
      target.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? null
    setLanguage('en')
    const h10 = (over: Partial<SourceStatus>): SourceStatus => ({
      ...strap(),
      device: {
        id: 'f00d0000a10a',
        kind: 'ble-hr',
        name: 'Simulated Polar H10',
        rssi: -55,
        channels: ['heart'],
        simulated: true
      },
      simulated: true,
      ...over
    })
    live.statuses = { 'ble-hr': h10({ breathingSource: 'chest' }) }
    const target = render()
    expect(text(target, 'heart-device')).toBe('Simulated Polar H10')
    expect(text(target, 'breathing-source')).toBe('Breathing: chest sensor')
    live.statuses = { 'ble-hr': h10({ breathingSource: 'rsa' }) }
    flushSync()
    expect(text(target, 'breathing-source')).toBe('Breathing: from heart rate')
    // The plain simulator does not say: nothing shown.
    live.statuses = { 'ble-hr': strap() }
    flushSync()
    expect(text(target, 'breathing-source')).toBeNull()

    live.statuses = {
      'ble-hr': { ...strap(), state: 'error', problem: 'no-device-found', problemHint: 'connected-elsewhere' }
    }
    flushSync()
    expect(text(target, 'device-hint')).toMatch(/^It may be connected to another app or phone/)
    setLanguage('zh-CN')
    live.statuses = { 'ble-hr': h10({ breathingSource: 'chest' }) }
    flushSync()
    expect(text(target, 'heart-device')).toBe('模拟 Polar H10')
    expect(text(target, 'breathing-source')).toBe('呼吸：胸部传感器')
    live.statuses = {
      'ble-hr': { ...strap(), state: 'error', problem: 'no-device-found', problemHint: 'connected-elsewhere' }
    }
    flushSync()
    expect(text(target, 'device-hint')).toMatch(/^它可能已连接到另一个应用或手机/)
    setLanguage('en')
  })
})
