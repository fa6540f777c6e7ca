/**
 * Issue 3 in the UI: the device picker lists an (emulated) strap, connecting gives live HR, a
 * forced disconnect shows the reconnecting state, and the app recovers. The strap is the fake
 * noble adapter driven by the REAL BLE driver, so only chromium (harness) mode can hold its plug.
 */
import { test, expect } from './harness/fixtures'
import { BleHeartRateSource } from '../src-main/devices/ble/bleHeartRateSource'
import { FakeNoble, rhythmPayloads } from '../src-main/devices/ble/fakeNoble'
import { Limbic } from './pages/limbic'
import { NOW } from './pages/time'

const STRAP_ID = 'a0b1c2d3e4f5'
let noble: FakeNoble

test.use({
  appOptions: {
    // No strap at launch (simulator fallback); the strap "comes into range" during the test.
    providers: (clock) => {
      noble = new FakeNoble({ clock })
      return [
        {
          name: 'ble-hr',
          create: async () =>
            new BleHeartRateSource({
              clock,
              noble,
              reconnect: { firstDelayMs: 500, maxDelayMs: 2000 },
              scanTimeoutMs: 1500
            })
        }
      ]
    }
  }
})

test('picker lists a strap; connect, live HR, drop-out shows reconnecting, then recovery', async ({
  app
}) => {
  test.skip(app.mode === 'electron', 'needs the emulated Bluetooth adapter of the harness')
  const { live, devices, api, time } = new Limbic(app)
  await expect(live.simulatedBanner).toBeVisible()

  noble.addStrap({
    id: STRAP_ID,
    name: 'Polar H10 A1B2C3D4',
    rssi: -58,
    payloads: rhythmPayloads({ bpm: 64, rrSdMs: 30, seed: 5, contact: 'detected', firstWithoutRr: true }),
    batteryPct: 87
  })

  await devices.open()
  const row = devices.row(STRAP_ID)
  await expect(row).toContainText('Polar H10 A1B2C3D4')
  await expect(row).toContainText('-58 dBm')
  await devices.connect(STRAP_ID)
  await expect(row).toContainText('In use')
  await devices.close()

  await expect(live.heartState).toHaveAttribute('data-state', 'streaming')
  await expect(live.heartDevice).toHaveText('Polar H10 A1B2C3D4')
  await expect(live.simulatedBanner).toHaveCount(0)
  await expect(live.statusBar).toContainText('Battery 87 %')
  await time.until(async () => expect(await live.beats()).toBeGreaterThan(2), 8000)
  // 64 bpm from the strap (the simulator's ~78 bpm beats are no longer averaged in).
  await time.until(async () => expect(await live.hrBpm()).toBeGreaterThan(55), 5000)
  await time.until(async () => expect(await live.hrBpm()).toBeLessThan(74), 5000)

  // The strap drops out for 2.5 s.
  noble.strap(STRAP_ID).dropLink({ comeBackAfterMs: 2500 })
  await expect(live.heartState).toHaveAttribute('data-state', 'reconnecting')
  await expect(live.deviceProblem).toHaveAttribute('data-problem', 'link-lost')
  const countAtDrop = await live.beats()

  await time.until(() => expect(live.heartState).toHaveAttribute('data-state', 'streaming', NOW), 15_000)
  await expect(live.deviceProblem).toHaveCount(0)
  await time.until(async () => expect(await live.beats()).toBeGreaterThan(countAtDrop), 8000)
  // The strap is remembered for the next launch.
  expect((await api.settings()).devices.lastHeart).toEqual({ id: STRAP_ID, name: 'Polar H10 A1B2C3D4' })
})
