/**
 * The slice of `node-hid` 3.4.0 the balance-board driver uses, as structural types. The driver
 * depends only on these, so tests, the e2e harness and the simulator hand it the emulated board
 * in fakeHid.ts, and the real library is loaded lazily (loadNodeHid.ts) only in the app.
 */

/** What `HID.devicesAsync()` returns per device (node-hid's `Device`). */
export interface HidDeviceInfo {
  vendorId: number
  productId: number
  path?: string
  /** On Linux/Bluetooth the device's Bluetooth address; stable across reconnects. */
  serialNumber?: string
  manufacturer?: string
  /** The HID/Bluetooth name: "Nintendo RVL-WBC-01" for a board; missing on some backends. */
  product?: string
  release?: number
  interface?: number
}

// node-hid's listener types are loose (EventEmitter).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type HidListener = (...args: any[]) => void

/** An open device (node-hid's `HIDAsync`): 'data' (Buffer, report id first) and 'error' events. */
export interface HidDeviceLike {
  on(event: 'data' | 'error', listener: HidListener): unknown
  removeListener(event: 'data' | 'error', listener: HidListener): unknown
  /** First byte = report id. Resolves with the number of bytes written. */
  write(values: number[] | Buffer): Promise<number>
  close(): Promise<void>
}

export interface HidLike {
  devicesAsync(vendorId: number, productId: number): Promise<HidDeviceInfo[]>
  open(path: string): Promise<HidDeviceLike>
}
