/**
 * At launch the core reconnects the devices used last time: the remembered strap (covered by the
 * BLE e2e) and the remembered balance board, here an emulated board answering like a real one.
 */
import { mkdtempSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterEach, expect, it } from 'vitest'
import { ManualClock } from '../devices/clock'
import { FakeHid, FAKE_CALIBRATION, idleBoard } from '../devices/wbb/fakeHid'
import { WbbSource } from '../devices/wbb/wbbSource'
import { openSettingsStore, SettingsService, type StoreConstructor } from '../settings/openSettingsStore'
import { createAppCore, type AppCore } from './appCore'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

async function launch(lastBoard: { id: string; name: string } | null) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'limbic-launch-'))
  const clock = new ManualClock(Date.UTC(2026, 10, 23, 9, 0, 0))
  const settings = new SettingsService(openSettingsStore(Conf as unknown as StoreConstructor, userDataDir).kv)
  settings.update({ devices: { lastBoard } })
  const hid = new FakeHid({
    clock,
    boards: [{ serialNumber: '00:1f:32:aa:bb:cc', frames: idleBoard(FAKE_CALIBRATION) }]
  })
  const core: AppCore = createAppCore({
    clock,
    settings,
    emit: () => undefined,
    appVersion: '0.0.0',
    platform: 'linux',
    shell: 'harness',
    launchScanMs: 10,
    userDataDir,
    features: [],
    providers: [{ name: 'wbb', create: async () => new WbbSource({ hid, clock }) }]
  })
  cleanups.push(async () => {
    await core.dispose()
    await rm(userDataDir, { recursive: true, force: true })
  })
  let done = false
  const started = core.start().finally(() => (done = true))
  for (let t = 0; t < 30_000 && !done; t += 5) {
    clock.advance(5)
    await new Promise((r) => setImmediate(r))
  }
  await started
  return { core, settings }
}

it('reconnects the remembered balance board at launch, and remembers a board once it streams', async () => {
  const first = await launch(null)
  const found = await first.core.devices.scan(10)
  const board = found.find((d) => d.channels.includes('balance') && !d.simulated)
  expect(board, 'the emulated board is listed').toBeDefined()
  expect(first.core.devices.activeSource('balance')).toBeNull()

  const second = await launch({ id: board!.id, name: board!.name })
  const status = second.core.devices.statusAll().find((s) => s.device?.id === board!.id)
  expect(status?.state).toBe('streaming')
})
