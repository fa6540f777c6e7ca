/**
 * The Electron shell with `electron` substituted: boots src-main/index.ts against a fake app,
 * BrowserWindow, ipcMain and session, then checks the security-relevant window options and that
 * every contract channel got exactly one guarded handler.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { INVOKE_CHANNELS } from '../shared/contract'

const h = vi.hoisted(() => ({
  windows: [] as {
    options: Record<string, unknown>
    loaded: string[]
    handlers: Map<string, (...a: unknown[]) => unknown>
  }[],
  ipc: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  appHandlers: new Map<string, (...a: unknown[]) => unknown>(),
  permissionHandler: null as null | ((...a: unknown[]) => void),
  ready: null as null | (() => void),
  userData: ''
}))

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => h.windows
    webContents = { send: vi.fn() }
    private readonly record
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: [] as string[], handlers: new Map() }
      h.windows.push(this.record)
    }
    loadFile(path: string) {
      this.record.loaded.push(path)
      return Promise.resolve()
    }
    loadURL(url: string) {
      this.record.loaded.push(url)
      return Promise.resolve()
    }
    once() {}
    on(event: string, fn: (...a: unknown[]) => unknown) {
      this.record.handlers.set(event, fn)
    }
    maximize() {}
    getNormalBounds() {
      return { x: 10, y: 20, width: 1000, height: 700 }
    }
    isMaximized() {
      return false
    }
    isDestroyed() {
      return false
    }
  }
  const app = {
    isPackaged: true,
    requestSingleInstanceLock: () => true,
    on: (event: string, fn: (...a: unknown[]) => unknown) => h.appHandlers.set(event, fn),
    whenReady: () => new Promise<void>((resolve) => (h.ready = resolve)),
    getPath: () => h.userData,
    getVersion: () => '0.1.0',
    setPath: vi.fn(),
    quit: vi.fn(),
    exit: vi.fn()
  }
  return {
    app,
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => {
        if (h.ipc.has(channel)) throw new Error(`second handler for ${channel}`)
        h.ipc.set(channel, fn)
      }
    },
    dialog: { showOpenDialog: vi.fn() },
    Notification: class {
      static isSupported = () => false
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: (...a: unknown[]) => void) => (h.permissionHandler = fn),
        setPermissionCheckHandler: vi.fn()
      }
    }
  }
})

// The adapter asks Electron for the user-data folder; here the settings file lives in a temp dir.
vi.mock('../settings/electronSettings', async () => {
  const { JsonSettingsFile } = await import('../settings/jsonSettingsFile')
  const { openSettingsStore } = await import('../settings/openSettingsStore')
  return {
    openElectronSettings: () => openSettingsStore(JsonSettingsFile, h.userData)
  }
})

describe('Electron shell (electron substituted)', () => {
  beforeAll(async () => {
    h.userData = mkdtempSync(join(tmpdir(), 'limbic-shell-'))
    await import('../index')
    h.ready!()
    await vi.waitFor(() => expect(h.windows).toHaveLength(1))
  })

  it('creates the window with isolation, sandbox and no node integration', () => {
    const prefs = h.windows[0]!.options.webPreferences as Record<string, unknown>
    expect(prefs.contextIsolation).toBe(true)
    expect(prefs.sandbox).toBe(true)
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.webviewTag).toBe(false)
    expect(String(prefs.preload)).toMatch(/preload[\\/]preload\.js$/)
    expect(h.windows[0]!.loaded[0]).toMatch(/renderer[\\/]index\.html$/)
  })

  it('registers exactly one handler per contract channel', () => {
    expect([...h.ipc.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort())
  })

  it('guards handlers: foreign senders and invalid payloads are rejected, valid ones answered', async () => {
    const scan = h.ipc.get('settings:get')!
    await expect(scan({ senderFrame: { url: 'https://evil.example/' } })).rejects.toThrow(
      /sender https:\/\/evil\.example\/ not allowed/
    )
    // Only the page the window loaded may call main, not any other local file.
    await expect(scan({ senderFrame: { url: 'file:///home/u/Downloads/index.html' } })).rejects.toThrow(
      /not allowed/
    )
    const fileSender = { senderFrame: { url: pathToFileURL(h.windows[0]!.loaded[0]!).href + '#/timer' } }
    await expect(h.ipc.get('devices:connect')!(fileSender, { deviceId: 7 })).rejects.toThrow(
      /deviceId: expected a string/
    )
    const settings = (await scan(fileSender)) as { language: string }
    expect(settings.language).toBe('system')
  })

  it('denies every permission request and holds the single-instance lock', () => {
    const cb = vi.fn()
    h.permissionHandler!(null, 'media', cb)
    expect(cb).toHaveBeenCalledWith(false)
    expect(h.appHandlers.has('second-instance')).toBe(true)
  })

  it('remembers the window bounds on close', async () => {
    h.windows[0]!.handlers.get('close')!()
    const { readFileSync } = await import('node:fs')
    const saved = JSON.parse(readFileSync(join(h.userData, 'config.json'), 'utf8'))
    expect(saved.window).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false })
  })
})
