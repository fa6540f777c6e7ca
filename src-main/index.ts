/**
 * The Electron entry: window, security, settings adapter, IPC registration. Everything else lives
 * in the Electron-free core (createAppCore), which tests, the CLI and the e2e harness run in Node.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Notification,
  screen,
  session,
  type WebContents
} from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createAppCore, type AppCore, type Emit } from './core/appCore'
import { hardwareProviders } from './core/hardwareProviders'
import { systemClock } from './devices/clock'
import { registerIpc, senderPolicy } from './ipc/registerIpc'
import { SettingsService } from './settings/openSettingsStore'
import { openElectronSettings } from './settings/electronSettings'
import { mainWindowOptions } from './shell/windowOptions'
import {
  dialogLocale,
  exportDialogOptions,
  importDialogOptions,
  sessionsDialogOptions
} from './shell/dialogText'

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined

// Tests (Playwright's _electron) point the app at a throw-away profile; never in a packaged app.
if (!app.isPackaged && process.env.APP_USER_DATA) app.setPath('userData', process.env.APP_USER_DATA)

let mainWindow: BrowserWindow | null = null
let core: AppCore | null = null

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('web-contents-created', (_event, contents) => lockDown(contents))
  app.on('window-all-closed', () => app.quit())
  app.on('before-quit', () => {
    void core?.dispose()
  })
  app.whenReady().then(boot, (err: unknown) => {
    console.error('Limbic failed to start:', err)
    app.exit(1)
  })
}

async function boot(): Promise<void> {
  // Deny every permission request (camera, notifications via the web API, geolocation...).
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)

  const { kv, notice } = openElectronSettings()
  const settings = new SettingsService(kv)
  const emit: Emit = (event, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(event, payload)
  }
  core = createAppCore({
    clock: systemClock,
    settings,
    emit,
    notices: notice ? [notice] : [],
    appVersion: app.getVersion(),
    platform: process.platform,
    shell: 'electron',
    providers: hardwareProviders({
      clock: systemClock,
      preferredStrapId: settings.get().devices.lastHeart?.id ?? null,
      preferredBoardId: settings.get().devices.lastBoard?.id ?? null,
      onDriverError: (err) => console.error('Bluetooth driver error:', err.message),
      chestEcg: () => settings.get().devices.chestEcg ?? false
    }),
    // e2e in electron mode tunes the simulated person (never in a packaged app).
    simulator:
      !app.isPackaged && process.env.LIMBIC_SIMULATOR ? JSON.parse(process.env.LIMBIC_SIMULATOR) : undefined,
    userDataDir: app.getPath('userData'),
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body, silent: true }).show()
    },
    dialogs: {
      async chooseExportDirectory() {
        const locale = dialogLocale(settings.get().language, app.getLocale())
        const r = await dialog.showOpenDialog(exportDialogOptions(locale))
        return r.canceled ? null : (r.filePaths[0] ?? null)
      },
      async chooseSessionsDirectory() {
        const locale = dialogLocale(settings.get().language, app.getLocale())
        const r = await dialog.showOpenDialog(sessionsDialogOptions(locale))
        return r.canceled ? null : (r.filePaths[0] ?? null)
      },
      async chooseImportFiles(kind) {
        const locale = dialogLocale(settings.get().language, app.getLocale())
        const r = await dialog.showOpenDialog(importDialogOptions(kind, locale))
        return r.canceled ? [] : r.filePaths
      }
    }
  })
  // Handlers are registered once, here - not per window (macOS re-creates windows on activate).
  // Only the app's own page may call main: the dev server in development, else the packaged file.
  const allowedSender = senderPolicy(
    devServerUrl ? { origins: [devServerUrl] } : { appPageUrl: pathToFileURL(rendererPage()).href }
  )
  registerIpc(ipcMain, core.handlers, allowedSender, (channel, reason) =>
    console.warn(`IPC ${channel} rejected: ${reason}`)
  )
  mainWindow = createMainWindow(settings)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(settings)
  })
  await core.start()
}

/** The packaged renderer page (the one file allowed to call main when there is no dev server). */
function rendererPage(): string {
  return join(__dirname, '../renderer/index.html')
}

function createMainWindow(settings: SettingsService): BrowserWindow {
  const saved = settings.get().window
  const workAreas = screen.getAllDisplays().map((d) => d.workArea)
  const win = new BrowserWindow(mainWindowOptions(saved, join(__dirname, '../preload/preload.js'), workAreas))
  if (saved.maximized) win.maximize()
  win.once('ready-to-show', () => win.show())
  win.on('close', () => {
    const b = win.getNormalBounds()
    settings.update({
      window: { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() }
    })
  })
  if (devServerUrl) void win.loadURL(devServerUrl)
  else void win.loadFile(rendererPage())
  return win
}

/** No navigation away from the app and no new windows; the app shows only its own files. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (devServerUrl && new URL(url).origin === new URL(devServerUrl).origin) return
    event.preventDefault()
  })
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-attach-webview', (event) => event.preventDefault())
}
