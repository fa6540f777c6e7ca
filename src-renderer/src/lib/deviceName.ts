/**
 * The name a device is shown under. Main reports hardware names as the device advertises them
 * (a "Polar H10 1234ABCD" stays as it is); the built-in simulated devices have fixed ids, so their
 * names are translated here by id instead of showing main's English.
 */
import { t } from './i18n/i18n.svelte'

const SIMULATED_NAMES = {
  'sim-strap': 'devices.name.sim-strap',
  'sim-board': 'devices.name.sim-board',
  // The simulated Polar H10 carries a Bluetooth-like id (devices/sim/simulatedH10.ts SIM_H10_ID).
  f00d0000a10a: 'devices.name.sim-h10'
} as const

export function deviceName(device: { id: string; name: string }): string {
  const key = SIMULATED_NAMES[device.id as keyof typeof SIMULATED_NAMES]
  return key ? t(key) : device.name
}
