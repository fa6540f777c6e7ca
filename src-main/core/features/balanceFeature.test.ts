/**
 * The balance feature through the real app core: the simulator's board (simulated body -> emulated
 * HID board -> real WbbSource) is listed in the picker, connects, tares (the simulated person
 * steps off and back on), and its step-on / step-off reach the renderer as `balance:event`.
 */
import { mkdtempSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../../devices/clock'
import type { BalanceSample } from '../../devices/dataSource'
import { openSettingsStore, SettingsService, type StoreConstructor } from '../../settings/openSettingsStore'
import type { EventChannel, EventPayloads } from '../../shared/contract'
import { createAppCore, type AppCore } from '../appCore'
import { balanceFeature } from './balanceFeature'

const dirs: string[] = []
const cores: AppCore[] = []
afterEach(async () => {
  for (const c of cores.splice(0)) await c.dispose()
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

async function build() {
  const userDataDir = mkdtempSync(join(tmpdir(), 'limbic-balance-'))
  dirs.push(userDataDir)
  const clock = new ManualClock(Date.UTC(2026, 10, 23, 8, 0, 0))
  const settings = new SettingsService(openSettingsStore(Conf as unknown as StoreConstructor, userDataDir).kv)
  const emitted: { event: EventChannel; payload: unknown }[] = []
  const core = createAppCore({
    clock,
    settings,
    emit: <E extends EventChannel>(event: E, payload: EventPayloads[E]) => emitted.push({ event, payload }),
    appVersion: '9.9.9',
    platform: 'linux',
    shell: 'harness',
    launchScanMs: 10,
    userDataDir,
    features: [balanceFeature],
    simulator: { seed: 3 }
  })
  cores.push(core)
  await core.start()
  const run = async (ms: number): Promise<void> => {
    for (let t = 0; t < ms; t += 10) {
      clock.advance(10)
      await flush()
    }
  }
  const settle = async <T>(p: Promise<T>): Promise<T> => {
    let done = false
    const tracked = Promise.resolve(p).finally(() => (done = true))
    tracked.catch(() => undefined)
    for (let t = 0; t < 20_000 && !done; t += 5) {
      clock.advance(5)
      await flush()
    }
    return tracked
  }
  const events = (name: EventChannel) => emitted.filter((e) => e.event === name).map((e) => e.payload)
  return { core, h: core.handlers, run, settle, events }
}

describe('balance feature', () => {
  it('the simulated board is in the picker, connects, tares, and step events reach the screen', async () => {
    const b = await build()
    await expect(Promise.resolve(b.h['balance:tare']())).rejects.toThrow(/no balance board is connected/)
    const devices = await b.settle(Promise.resolve(b.h['devices:scan']({ timeoutMs: 1000 })))
    const board = devices.find((d) => d.channels.includes('balance'))
    expect(board).toMatchObject({ name: 'Simulated balance board', simulated: true, channels: ['balance'] })
    await b.settle(Promise.resolve(b.h['devices:connect']({ deviceId: board!.id })))
    await b.run(1000)
    expect(b.events('balance:event')).toMatchObject([{ kind: 'step-on' }])

    await b.settle(Promise.resolve(b.h['balance:tare']()))
    await b.run(1000)
    expect((b.events('balance:event') as { kind: string }[]).map((e) => e.kind)).toEqual([
      'step-on',
      'step-off',
      'step-on'
    ])
    const batches = b.events('balance:samples') as BalanceSample[][]
    const last = batches.flat().slice(-50)
    expect(last.reduce((a, s) => a + s.totalKg, 0) / last.length).toBeCloseTo(70, 0)

    // The drill puts the simulated person in a stance; null steps off.
    await b.h['sim:control']({ stance: 'single-leg-eyes-open' })
    await b.run(2000)
    const one = (b.events('balance:samples') as BalanceSample[][]).flat().slice(-50)
    expect(one.reduce((a, s) => a + s.copXMm, 0) / one.length).toBeLessThan(-60)
    await b.h['sim:control']({ stance: null })
    await b.run(1000)
    expect((b.events('balance:event') as { kind: string }[]).at(-1)).toMatchObject({ kind: 'step-off' })

    // Switching the balance channel off stops the events.
    await b.h['devices:disconnect']({ channel: 'balance' })
    const n = b.events('balance:event').length
    await b.h['sim:control']({ stance: 'tandem' })
    await b.run(1000)
    expect(b.events('balance:event')).toHaveLength(n)
  })
})
