/**
 * Registers one guarded handler per contract channel. The guard checks the sender frame's origin,
 * validates the request with the contract's validator and only then calls the handler, so no
 * handler ever sees an unchecked message. Takes an `IpcMainLike` so the same code runs under
 * Electron and in the e2e harness (where Playwright bindings stand in for ipcMain).
 */
import { INVOKE_CHANNELS, invokeRequests, type Handlers } from '../shared/contract'
import { RefusedRequestError, ValidationError } from '../shared/validate'

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

export interface SenderPolicyOptions {
  /**
   * The packaged renderer page, as a file:// URL (`pathToFileURL(<out>/renderer/index.html)`).
   * Only that exact file may call main (its query and hash may vary): any other local file - a
   * downloaded .html opened in a window, another app's page - may not.
   */
  appPageUrl?: string
  /** The dev server (development) or the e2e harness page: matched by exact origin. */
  origins?: string[]
}

/**
 * Which frames may call main: exactly the app's own page. URLs are parsed, never prefix-matched
 * ("https://app.local.attacker.example" must not pass for "https://app.local", nor
 * "file:///x/renderer/index.html.evil" for the packaged page).
 */
export function senderPolicy(options: SenderPolicyOptions): (url: string) => boolean {
  const origins = new Set(
    (options.origins ?? []).map((o) => {
      const u = new URL(o)
      if (u.protocol !== 'http:' && u.protocol !== 'https:')
        throw new Error(`sender origin must be http(s), got ${o}`)
      return u.origin
    })
  )
  const page = options.appPageUrl ? new URL(options.appPageUrl) : null
  if (page && page.protocol !== 'file:') throw new Error(`appPageUrl must be a file:// URL, got ${page.href}`)
  return (url) => {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      return false
    }
    if (parsed.protocol === 'file:')
      return page !== null && parsed.host === page.host && parsed.pathname === page.pathname
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false
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
      // Every refusal is reported through onRejected and thrown as an IpcRejectedError, whatever
      // went wrong: a foreign sender, extra arguments, an invalid payload or a validator crash.
      const reject = (reason: string): never => {
        onRejected(channel, reason)
        throw new IpcRejectedError(`${channel}: ${reason}`)
      }
      const url = event?.senderFrame?.url ?? ''
      if (typeof url !== 'string' || !isAllowedSender(url))
        reject(`sender ${typeof url === 'string' && url ? url.slice(0, 200) : '(unknown)'} not allowed`)
      if (args.length > 1) reject(`expected at most one argument, got ${args.length}`)
      let request: unknown
      try {
        request = invokeRequests[channel].parse(args[0], 'request')
      } catch (err) {
        if (err instanceof ValidationError) reject(`invalid request: ${err.message}`)
        reject(`invalid request: ${err instanceof Error ? err.message : String(err)}`)
      }
      try {
        return await handler(request)
      } catch (err) {
        // A handler's own deeper check of the request (e.g. a session id that names a link or a
        // folder that is not a session) is a rejection too.
        if (err instanceof RefusedRequestError) reject(`invalid request: ${err.message}`)
        throw err
      }
    })
  }
}
