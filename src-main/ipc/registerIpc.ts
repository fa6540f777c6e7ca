/**
 * Registers one guarded handler per contract channel. The guard checks the sender frame's origin,
 * validates the request with the contract's validator and only then calls the handler, so no
 * handler ever sees an unchecked message. Takes an `IpcMainLike` so the same code runs under
 * Electron and in the e2e harness (where Playwright bindings stand in for ipcMain).
 */
import { INVOKE_CHANNELS, invokeRequests, type Handlers } from '../shared/contract'
import { ValidationError } from '../shared/validate'

export interface IpcEventLike {
  senderFrame?: { url: string } | null
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void
}

export type { Handlers }

export class IpcRejectedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'IpcRejectedError'
  }
}

/**
 * Which frames may call main: the packaged renderer (file://), and in development or the test
 * harness exactly the origins given. URLs are parsed, never prefix-matched
 * ("https://app.local.attacker.example" must not pass for "https://app.local").
 */
export function senderPolicy(allowedOrigins: string[]): (url: string) => boolean {
  const origins = new Set(allowedOrigins.map((o) => new URL(o).origin))
  return (url) => {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      return false
    }
    if (parsed.protocol === 'file:') return true
    return origins.has(parsed.origin)
  }
}

export function registerIpc(
  ipcMain: IpcMainLike,
  handlers: Handlers,
  isAllowedSender: (url: string) => boolean,
  onRejected: (channel: string, reason: string) => void = () => {}
): void {
  for (const channel of INVOKE_CHANNELS) {
    const handler = handlers[channel] as (request: unknown) => unknown
    if (typeof handler !== 'function') throw new Error(`no handler for IPC channel "${channel}"`)
    ipcMain.handle(channel, async (event, ...args) => {
      const url = event.senderFrame?.url ?? ''
      if (!isAllowedSender(url)) {
        onRejected(channel, `sender ${url || '(unknown)'} not allowed`)
        throw new IpcRejectedError(`${channel}: sender not allowed`)
      }
      if (args.length > 1)
        throw new IpcRejectedError(`${channel}: expected at most one argument, got ${args.length}`)
      let request: unknown
      try {
        request = invokeRequests[channel].parse(args[0], 'request')
      } catch (err) {
        if (err instanceof ValidationError) {
          onRejected(channel, err.message)
          throw new IpcRejectedError(`${channel}: invalid request: ${err.message}`)
        }
        throw err
      }
      return handler(request)
    })
  }
}
