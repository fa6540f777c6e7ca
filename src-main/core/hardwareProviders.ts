/**
 * Real hardware sources for the Electron app. Each driver loads its native module lazily (inside
 * the source, on first use), so importing this file loads nothing, and a machine without an
 * adapter only loses that provider.
 */
import type { Clock } from '../devices/clock'
import { BleHeartRateSource, type ChestOptions } from '../devices/ble/bleHeartRateSource'
import { WbbSource } from '../devices/wbb/wbbSource'
import type { SourceProvider } from './deviceManager'

export interface HardwareOptions {
  clock: Clock
  /** The strap used last time; connect() without an id goes there. */
  preferredStrapId?: string | null
  /** The balance board used last time. */
  preferredBoardId?: string | null
  /** A late error of the Bluetooth stack (e.g. the D-Bus link dropped): log, never crash. */
  onDriverError?: (err: Error) => void
  onRaw?: (tMs: number, kind: 'hr' | 'wbb', bytes: Uint8Array) => void
  /** Whether a Polar H10's ECG is wanted too (read at every connection: a setting). */
  chestEcg?: () => boolean
}

export function hardwareProviders(options: HardwareOptions): SourceProvider[] {
  return [
    {
      name: 'ble-hr',
      create: async () =>
        new BleHeartRateSource({
          clock: options.clock,
          preferredDeviceId: options.preferredStrapId ?? null,
          noble: async () => {
            const { loadNoble } = await import('../devices/ble/loadNoble')
            return (await loadNoble(options.onDriverError)).noble
          },
          onRaw: options.onRaw,
          // A Polar H10 also streams its chest accelerometer (measured breathing); a strap
          // without the PMD service works exactly as without this option.
          chest: chestOptions(options.chestEcg)
        })
    },
    {
      // Wii Balance Boards over HID (node-hid, hidraw on Linux), listed in the same picker.
      name: 'wbb',
      create: async () =>
        new WbbSource({
          clock: options.clock,
          preferredDeviceId: options.preferredBoardId ?? null,
          hid: async () => {
            const { loadNodeHid } = await import('../devices/wbb/loadNodeHid')
            return (await loadNodeHid()).hid
          },
          onRaw: options.onRaw
        })
    }
  ]
}

/**
 * Chest data a strap with PMD is asked for: the accelerometer at 50 Hz, and ECG when `ecg()` says
 * so. `ecg` is a getter because the source reads it at every connection, so a changed setting
 * takes effect with the next connection without rebuilding the source.
 */
export function chestOptions(ecg?: () => boolean): ChestOptions {
  return {
    accSampleRateHz: 50,
    get ecg() {
      return ecg?.() ?? false
    }
  }
}
