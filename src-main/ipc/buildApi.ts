/**
 * Builds `window.api` from the contract: one method per invoke channel and `on` for the listed
 * events - never ipcRenderer itself or a generic "invoke anything". Used by the real preload and,
 * through it, by the e2e harness.
 */
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  methodName,
  type AppApi,
  type EventChannel
} from '../shared/contract'

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown
}

export function buildApi(ipc: IpcRendererLike): AppApi {
  const api: Record<string, unknown> = {}
  for (const channel of INVOKE_CHANNELS) {
    api[methodName(channel)] = (request?: unknown) =>
      request === undefined ? ipc.invoke(channel) : ipc.invoke(channel, request)
  }
  api.on = (event: EventChannel, listener: (payload: unknown) => void) => {
    if (!EVENT_CHANNELS.includes(event)) throw new Error(`unknown event "${String(event)}"`)
    const wrapped = (_event: unknown, payload: unknown): void => listener(payload)
    ipc.on(event, wrapped)
    return () => {
      ipc.removeListener(event, wrapped)
    }
  }
  return api as AppApi
}
