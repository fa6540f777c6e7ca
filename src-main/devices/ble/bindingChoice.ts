/**
 * Which noble binding to load, decided deliberately instead of noble's platform default.
 *
 * Linux: noble defaults to raw HCI, which needs CAP_NET_RAW and otherwise silently finds nothing.
 * BlueZ over D-Bus needs no privileges and coexists with the desktop's Bluetooth, so we prefer it
 * whenever the system bus socket exists (dbus-next throws unhandled errors without it).
 * macOS/Windows: noble's native CoreBluetooth/WinRT bindings ('default').
 * Override: LIMBIC_BLE_BINDINGS=dbus|hci|default (then NOBLE_BINDINGS, noble's own variable).
 * Pure function so it is tested without touching Bluetooth.
 */
export type BindingChoice = 'dbus' | 'hci' | 'default'

export const DBUS_SYSTEM_BUS_SOCKET = '/var/run/dbus/system_bus_socket'

export interface BindingEnvironment {
  platform: NodeJS.Platform
  env: Record<string, string | undefined>
  /** Whether the D-Bus system bus socket exists (checked by the caller). */
  systemBusSocketExists: boolean
}

export interface BindingDecision {
  binding: BindingChoice
  /** Why, for logs and the status detail line. */
  why: string
  /** Set when the requested binding cannot work here; loading must not be attempted. */
  blocked: string | null
}

export function chooseBindings({
  platform,
  env,
  systemBusSocketExists
}: BindingEnvironment): BindingDecision {
  const override = (env.LIMBIC_BLE_BINDINGS ?? env.NOBLE_BINDINGS ?? '').trim().toLowerCase()
  const source = env.LIMBIC_BLE_BINDINGS ? 'LIMBIC_BLE_BINDINGS' : 'NOBLE_BINDINGS'
  if (override === 'dbus') {
    return {
      binding: 'dbus',
      why: `${source}=dbus`,
      blocked: systemBusSocketExists ? null : `D-Bus system bus socket ${DBUS_SYSTEM_BUS_SOCKET} not found`
    }
  }
  if (override === 'hci') return { binding: 'hci', why: `${source}=hci`, blocked: null }
  if (override === 'default' || override === 'mac' || override === 'win') {
    return { binding: 'default', why: `${source}=${override}`, blocked: null }
  }
  if (platform === 'linux') {
    return systemBusSocketExists
      ? { binding: 'dbus', why: 'linux with a D-Bus system bus: BlueZ needs no privileges', blocked: null }
      : {
          binding: 'hci',
          why: 'linux without a D-Bus system bus: raw HCI (needs CAP_NET_RAW)',
          blocked: null
        }
  }
  return { binding: 'default', why: `${platform}: native binding`, blocked: null }
}
