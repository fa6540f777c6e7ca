/**
 * Stands in for `electron` when the REAL preload (src-main/preload.ts) is bundled for the browser
 * harness: contextBridge defines a frozen window property, ipcRenderer.invoke goes through the
 * Playwright binding to the real main-process handlers, and main's events arrive via __e2eEmit.
 */
type Listener = (event: unknown, payload: unknown) => void

declare global {
  interface Window {
    __e2eInvoke(channel: string, arg: unknown): Promise<unknown>
    __e2eEmit(channel: string, payload: unknown): void
  }
}

const listeners = new Map<string, Set<Listener>>()

window.__e2eEmit = (channel, payload) => {
  for (const l of listeners.get(channel) ?? []) l({ sender: null }, payload)
}

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    Object.defineProperty(window, key, { value: Object.freeze(api), writable: false, configurable: false })
  }
}

export const ipcRenderer = {
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    // Electron rejects with an Error whose message carries main's message; mirror that.
    const result = (await window.__e2eInvoke(channel, args.length ? args[0] : undefined)) as
      { ok: true; value: unknown } | { ok: false; message: string }
    if (!result.ok) throw new Error(`Error invoking remote method '${channel}': ${result.message}`)
    return result.value
  },
  on(channel: string, listener: Listener): void {
    if (!listeners.has(channel)) listeners.set(channel, new Set())
    listeners.get(channel)!.add(listener)
  },
  removeListener(channel: string, listener: Listener): void {
    listeners.get(channel)?.delete(listener)
  }
}
