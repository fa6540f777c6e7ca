/**
 * "Simulated Polar H10": the simulated person wearing an H10, read by the REAL BLE driver. The
 * simulated heart's strap bytes (0x2A37) and a simulated chest breathing the same breath
 * (SimulatedHeart.lungAt, i.e. the pacer's when a practice runs) are served by an emulated
 * adapter (fakeNoble + fakePmd), so BleHeartRateSource, PmdClient, PmdStream and the breathing
 * estimator all run exactly as with the strap.
 *
 * Offered in the device picker by core/appCore.ts (provider 'simulator-h10'). Its discover()
 * answers at once, like the other simulated devices (it is always in range): a launch scan, or a
 * replay's core on a clock that only moves with the log, never waits on a Bluetooth scan for it.
 * Connecting goes through the real scan and GATT handshake on the emulated adapter.
 */
import { BleHeartRateSource, type ChestOptions } from '../ble/bleHeartRateSource'
import { FakeNoble } from '../ble/fakeNoble'
import type { Clock } from '../clock'
import type { DeviceInfo } from '../dataSource'
import { SimulatedChest } from './simulatedChest'
import { SimulatedHeart, type SimulatedHeartOptions } from './simulatedHeart'
import { SimulatedStrap } from './simulatedStrap'

export const SIM_H10_ID = 'f00d0000a10a'
export const SIM_H10_NAME = 'Simulated Polar H10'

export interface SimulatedH10 {
  source: BleHeartRateSource
  heart: SimulatedHeart
  noble: FakeNoble
}

export function createSimulatedH10(
  options: SimulatedHeartOptions & {
    clock: Clock
    chest?: ChestOptions
    onRaw?: (tMs: number, kind: 'hr', bytes: Uint8Array) => void
    onPmdRaw?: (tMs: number, bytes: Uint8Array) => void
  }
): SimulatedH10 {
  const { clock } = options
  const t0 = clock.now()
  const heart = new SimulatedHeart(options)
  const strap = new SimulatedStrap(heart)
  const chest = new SimulatedChest((simMs) => heart.lungAt(simMs), { seed: (options.seed ?? 1) + 100 })
  const noble = new FakeNoble({
    clock,
    straps: [
      {
        id: SIM_H10_ID,
        name: SIM_H10_NAME,
        rssi: -55,
        advertiseDelayMs: 100,
        payloads: (tMs) => strap.packetsUntil(tMs - t0).pop()?.bytes ?? null,
        pmd: { accMg: (tMs) => chest.accMg(tMs - t0), ecgUv: (tMs) => ecgUv(heart, tMs - t0) }
      }
    ]
  })
  const source = new SimulatedH10Source({
    noble,
    clock,
    id: 'sim-h10',
    simulated: true,
    preferredDeviceId: SIM_H10_ID,
    chest: options.chest ?? { accSampleRateHz: 50 },
    onRaw: options.onRaw,
    onPmdRaw: options.onPmdRaw
  })
  return { source, heart, noble }
}

/** The real BLE source; only discovery is skipped (the emulated strap is always in range). */
class SimulatedH10Source extends BleHeartRateSource {
  override async discover(): Promise<DeviceInfo[]> {
    this.assertUsable()
    return [
      // No signal strength: a made-up dBm would read as a measurement (like the other simulated devices).
      { id: SIM_H10_ID, kind: 'ble-hr', name: SIM_H10_NAME, rssi: null, channels: ['heart'], simulated: true }
    ]
  }
}

/** A rough ECG: a QRS-like spike once per simulated beat period, so ecg.csv has a heartbeat. */
function ecgUv(heart: SimulatedHeart, simMs: number): number {
  const periodMs = 60_000 / SimulatedHeart.baseHrBpm(heart.currentArousal)
  const phase = (simMs % periodMs) / periodMs
  return Math.round(
    1200 * Math.exp(-(((phase - 0.3) / 0.012) ** 2)) - 150 * Math.exp(-(((phase - 0.6) / 0.06) ** 2))
  )
}
