/**
 * The slice of `@stoprocent/noble` 2.8.0 the heart-rate driver uses, as plain structural types.
 * The driver depends only on these, so tests, the e2e harness and the simulator can hand it the
 * emulated adapter in fakeNoble.ts, and the real library is loaded lazily (loadNoble.ts) only in
 * the app. The real `Noble`/`Peripheral`/`Characteristic` classes satisfy these interfaces
 * (loadNoble.ts assigns one to the other, so the compiler checks it).
 *
 * UUIDs are noble's form: lower-case hex without dashes, 16-bit ones as 4 digits ('180d').
 */

/** noble's adapter states; anything but 'poweredOn' means we cannot scan or connect. */
export type AdapterState =
  'poweredOn' | 'poweredOff' | 'unauthorized' | 'unsupported' | 'unknown' | 'resetting'

export type PeripheralState = 'error' | 'connecting' | 'connected' | 'disconnecting' | 'disconnected'

/** Numeric HCI status code on Linux HCI, a string on the other bindings. */
export type DisconnectReason = number | string

// Listener type is deliberately loose: noble's overloads end in `(event: string, listener: Function)`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyListener = (...args: any[]) => void

export interface CharacteristicLike {
  readonly uuid: string
  readonly properties: readonly string[]
  readAsync(): Promise<Buffer>
  /** Write with (false) or without (true) response; used for the Polar PMD control point. */
  writeAsync?(data: Buffer, withoutResponse: boolean): Promise<void>
  subscribeAsync(): Promise<void>
  unsubscribeAsync(): Promise<void>
  /** 'data': (data: Buffer, isNotification: boolean) - notifications and indications alike. */
  on(event: string, listener: AnyListener): unknown
  removeListener(event: string, listener: AnyListener): unknown
}

export interface PeripheralLike {
  readonly id: string
  readonly address: string
  readonly rssi: number
  readonly state: PeripheralState
  readonly advertisement: { localName?: string; serviceUuids?: string[] }
  connectAsync(): Promise<void>
  disconnectAsync(): Promise<void>
  cancelConnect?(options?: object): void
  discoverSomeServicesAndCharacteristicsAsync(
    serviceUuids: string[],
    characteristicUuids: string[]
  ): Promise<{ characteristics: CharacteristicLike[] }>
  /** 'disconnect': (reason: DisconnectReason) */
  on(event: string, listener: AnyListener): unknown
  removeListener(event: string, listener: AnyListener): unknown
}

export interface NobleLike {
  readonly state: AdapterState
  startScanningAsync(serviceUuids?: string[], allowDuplicates?: boolean): Promise<void>
  stopScanningAsync(): Promise<void>
  /** 'stateChange': (state: AdapterState); 'discover': (peripheral: PeripheralLike) */
  on(event: string, listener: AnyListener): unknown
  removeListener(event: string, listener: AnyListener): unknown
  /** Releases the adapter (HCI socket / D-Bus connection) so Node can exit. */
  stop?(): void
}

export const HEART_RATE_SERVICE = '180d'
export const HEART_RATE_MEASUREMENT = '2a37'
export const BODY_SENSOR_LOCATION = '2a38'
export const BATTERY_SERVICE = '180f'
export const BATTERY_LEVEL = '2a19'

/** Body Sensor Location (0x2A38) values; 7-255 are reserved. */
export const BODY_SENSOR_LOCATIONS = [
  'other',
  'chest',
  'wrist',
  'finger',
  'hand',
  'ear-lobe',
  'foot'
] as const
export type BodySensorLocation = (typeof BODY_SENSOR_LOCATIONS)[number] | 'reserved'

export function bodySensorLocationName(value: number): BodySensorLocation {
  return BODY_SENSOR_LOCATIONS[value] ?? 'reserved'
}

/** Some bindings report full 128-bit UUIDs; compare on noble's short form. */
export function shortUuid(uuid: string): string {
  const lower = uuid.toLowerCase()
  const m = /^0000([0-9a-f]{4})-0000-1000-8000-00805f9b34fb$/.exec(lower)
  return m ? m[1]! : lower.replace(/-/g, '')
}
