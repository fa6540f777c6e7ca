/**
 * "Simulated Polar H10": the simulated person wearing an H10, read by the REAL BLE driver. The
 * simulated heart's strap bytes (0x2A37) and a simulated chest breathing the same breath
 * (SimulatedHeart.lungAt, i.e. the pacer's when a practice runs) are served by an emulated
 * adapter (fakeNoble + fakePmd), so BleHeartRateSource, PmdClient, PmdStream and the breathing
 * estimator all run exactly as with the strap.
 *
 * Not in the device picker yet: the provider list lives in core/appCore.ts, which the next step
 * wires (a provider `{ name: 'simulator-h10', create: async () => createSimulatedH10(...).source }`).
 */
import { BleHeartRateSource, type ChestOptions } from '../ble/bleHeartRateSource'
import { FakeNoble } from '../ble/fakeNoble'
import type { Clock } from '../clock'
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
  const source = new BleHeartRateSource({
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

/** A rough ECG: a QRS-like spike once per simulated beat period, so ecg.csv has a heartbeat. */
function ecgUv(heart: SimulatedHeart, simMs: number): number {
  const periodMs = 60_000 / SimulatedHeart.baseHrBpm(heart.currentArousal)
  const phase = (simMs % periodMs) / periodMs
  return Math.round(
    1200 * Math.exp(-(((phase - 0.3) / 0.012) ** 2)) - 150 * Math.exp(-(((phase - 0.6) / 0.06) ** 2))
  )
}
