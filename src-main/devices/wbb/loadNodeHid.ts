/**
 * Loads the real `node-hid` lazily. Only the app imports this file (through a dynamic import in
 * core/hardwareProviders.ts): tests, the CLI and the simulator never touch node-hid.
 *
 * node-hid is installed with install scripts disabled, so its native binding comes only from the
 * prebuilds it ships; on a platform without one the require fails deep inside. Every failure
 * becomes a WbbLoadError with problem code 'driver-missing' (never an uncaught crash). The
 * binding is loaded inside node-hid on first use, so we touch it here (getHidapiVersion) to fail
 * now, with a clear message, rather than on the first enumeration.
 *
 * Linux: the hidraw backend is chosen explicitly (node-hid's default there too): it sees
 * Bluetooth HID devices, which the libusb backend does not.
 */
import type { ProblemCode } from '../dataSource'
import type { HidDeviceLike, HidLike } from './hidLike'

export class WbbLoadError extends Error {
  constructor(
    readonly code: ProblemCode,
    message: string
  ) {
    super(message)
    this.name = 'WbbLoadError'
  }
}

/** The parts of the node-hid module we call (its CJS exports, or the ESM wrapper's default). */
export interface NodeHidModule {
  devicesAsync(vendorId: number, productId: number): Promise<import('./hidLike').HidDeviceInfo[]>
  HIDAsync: { open(path: string): Promise<HidDeviceLike> }
  setDriverType?(type: 'hidraw' | 'libusb'): void
  getHidapiVersion(): string
}

export interface LoadedHid {
  hid: HidLike
  hidapiVersion: string
}

export async function loadNodeHid(
  importModule: () => Promise<unknown> = () => import('node-hid'),
  platform: string = process.platform
): Promise<LoadedHid> {
  let loaded: unknown
  try {
    loaded = await importModule()
  } catch (err) {
    throw new WbbLoadError('driver-missing', `cannot load node-hid: ${(err as Error).message}`)
  }
  const outer = loaded as Partial<NodeHidModule> & { default?: Partial<NodeHidModule> }
  const mod = (typeof outer.devicesAsync === 'function' ? outer : outer.default) as NodeHidModule | undefined
  if (!mod || typeof mod.devicesAsync !== 'function' || typeof mod.HIDAsync?.open !== 'function') {
    throw new WbbLoadError(
      'driver-missing',
      'node-hid loaded but lacks devicesAsync/HIDAsync (wrong version?)'
    )
  }
  if (platform === 'linux') mod.setDriverType?.('hidraw')
  let hidapiVersion: string
  try {
    hidapiVersion = mod.getHidapiVersion()
  } catch (err) {
    throw new WbbLoadError(
      'driver-missing',
      `node-hid's native binding is missing for ${platform}/${process.arch} (no prebuild, and install scripts are disabled): ${(err as Error).message}`
    )
  }
  const hid: HidLike = {
    devicesAsync: (vendorId, productId) => mod.devicesAsync(vendorId, productId),
    open: (path) => mod.HIDAsync.open(path)
  }
  return { hid, hidapiVersion }
}
