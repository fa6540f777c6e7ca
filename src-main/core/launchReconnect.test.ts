/**
 * At launch the core reconnects the devices used last time: the remembered strap (covered by the
 * BLE e2e) and the remembered balance board, here an emulated board answering like a real one.
 */
import { afterEach, expect, it } from 'vitest'
import { ManualClock } from '../devices/clock'
import { FakeHid, FAKE_CALIBRATION, idleBoard } from '../devices/wbb/fakeHid'
import { WbbSource } from '../devices/wbb/wbbSource'
import { coreRig, disposeCoreRigs } from './testSupport/coreRig'

afterEach(disposeCoreRigs)

async function launch(lastBoard: { id: string; name: string } | null) {
  const clock = new ManualClock(Date.UTC(2026, 10, 23, 9, 0, 0))
  const hid = new FakeHid({
    clock,
    boards: [{ serialNumber: '00:1f:32:aa:bb:cc', frames: idleBoard(FAKE_CALIBRATION) }]
  })
  const rig = coreRig({
    prefix: 'limbic-launch-',
    clock,
    settings: { devices: { lastBoard } },
    features: [],
    providers: [{ name: 'wbb', create: async () => new WbbSource({ hid, clock }) }]
  })
  await rig.settle(rig.core.start())
  return rig
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
