import { describe, expect, it } from 'vitest'
import { chooseBindings } from './bindingChoice'

describe('chooseBindings', () => {
  it('Linux with a system bus: D-Bus (no root needed)', () => {
    expect(chooseBindings({ platform: 'linux', env: {}, systemBusSocketExists: true })).toMatchObject({
      binding: 'dbus',
      blocked: null
    })
  })

  it('Linux without a system bus: HCI, never D-Bus (dbus-next would throw unhandled)', () => {
    expect(chooseBindings({ platform: 'linux', env: {}, systemBusSocketExists: false })).toMatchObject({
      binding: 'hci',
      blocked: null
    })
  })

  it('macOS and Windows: the native binding', () => {
    expect(chooseBindings({ platform: 'darwin', env: {}, systemBusSocketExists: false }).binding).toBe(
      'default'
    )
    expect(chooseBindings({ platform: 'win32', env: {}, systemBusSocketExists: false }).binding).toBe(
      'default'
    )
  })

  it('LIMBIC_BLE_BINDINGS overrides, and wins over NOBLE_BINDINGS', () => {
    const env = { LIMBIC_BLE_BINDINGS: 'hci', NOBLE_BINDINGS: 'dbus' }
    expect(chooseBindings({ platform: 'linux', env, systemBusSocketExists: true })).toMatchObject({
      binding: 'hci',
      why: 'LIMBIC_BLE_BINDINGS=hci'
    })
    expect(
      chooseBindings({ platform: 'linux', env: { NOBLE_BINDINGS: 'hci' }, systemBusSocketExists: true })
        .binding
    ).toBe('hci')
  })

  it('forcing D-Bus without a system bus is blocked with the reason, not attempted', () => {
    const d = chooseBindings({
      platform: 'linux',
      env: { LIMBIC_BLE_BINDINGS: 'DBus' },
      systemBusSocketExists: false
    })
    expect(d.binding).toBe('dbus')
    expect(d.blocked).toMatch(/system_bus_socket not found/)
  })
})
