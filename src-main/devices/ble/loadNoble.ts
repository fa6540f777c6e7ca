/**
 * Loads the real `@stoprocent/noble` lazily, with a deliberately chosen binding (bindingChoice.ts).
 * Only the app imports this file: loading noble opens the HCI socket or the D-Bus connection and
 * keeps Node alive, so tests, the CLI and the simulator never touch it.
 *
 * Failures become a NobleLoadError carrying a ProblemCode; the renderer turns the code into text.
 */
import { existsSync } from 'node:fs'
import type { ProblemCode } from '../dataSource'
import { chooseBindings, DBUS_SYSTEM_BUS_SOCKET, type BindingDecision } from './bindingChoice'
import type { NobleLike } from './nobleLike'

export class NobleLoadError extends Error {
  constructor(
    readonly code: ProblemCode,
    message: string
  ) {
    super(message)
    this.name = 'NobleLoadError'
  }
}

export interface LoadedNoble {
  noble: NobleLike
  decision: BindingDecision
}

/**
 * @param onAsyncError called when the binding fails after loading (e.g. the D-Bus connection
 *   drops); without it such errors would be unhandled 'error' events that crash the main process.
 */
export async function loadNoble(onAsyncError?: (err: Error) => void): Promise<LoadedNoble> {
  const decision = chooseBindings({
    platform: process.platform,
    env: process.env,
    systemBusSocketExists: existsSync(DBUS_SYSTEM_BUS_SOCKET)
  })
  if (decision.blocked) throw new NobleLoadError('adapter-unsupported', decision.blocked)

  let mod: typeof import('@stoprocent/noble')
  try {
    mod = await import('@stoprocent/noble')
  } catch (err) {
    throw new NobleLoadError('driver-missing', `cannot load @stoprocent/noble: ${(err as Error).message}`)
  }
  const withBindings = mod.withBindings ?? (mod as unknown as { default: typeof mod }).default.withBindings

  let real: import('@stoprocent/noble').Noble
  try {
    // 'dbus' exists in 2.8.0 but its .d.ts BindingType lacks it.
    real = withBindings(decision.binding as 'hci')
  } catch (err) {
    const message = (err as Error).message
    const code: ProblemCode = /dbus-next|bluetooth-hci-socket|Cannot find module/i.test(message)
      ? 'driver-missing'
      : 'adapter-unsupported'
    throw new NobleLoadError(code, `noble ${decision.binding} binding: ${message}`)
  }

  // Reading `state` starts the binding synchronously, so the D-Bus connection exists now and we can
  // attach an 'error' listener before dbus-next emits one (it has no listener of its own).
  void real.state
  const bus = (
    real as unknown as { _bindings?: { _bus?: { on?: (e: string, l: (err: Error) => void) => void } } }
  )._bindings?._bus
  bus?.on?.('error', (err) => onAsyncError?.(err))

  const noble: NobleLike = real
  return { noble, decision }
}
