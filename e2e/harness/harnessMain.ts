/**
 * The main process of the browser harness: the REAL core (createAppCore), the REAL IPC guard
 * (registerIpc with sender validation) and the real settings file in a temp dir - only the
 * transport differs (a Playwright binding instead of ipcMain, page.evaluate instead of
 * webContents.send) and the hardware is emulated at the driver seam.
 */
import { createAppCore, type AppCore, type Emit } from '../../src-main/core/appCore'
import type { SourceProvider } from '../../src-main/core/deviceManager'
import type { SimulatedHeartOptions } from '../../src-main/devices/sim/simulatedHeart'
import { FEATURE_FACTORIES } from '../../src-main/core/features'
import { createSessionFeature, sessionFeature } from '../../src-main/core/features/sessionFeature'
import type { SessionFs } from '../../src-main/session/sessionFs'
import type { SkippableClock } from '../../src-main/devices/skippableClock'
import { registerIpc, senderPolicy, type IpcEventLike } from '../../src-main/ipc/registerIpc'
import { JsonSettingsFile } from '../../src-main/settings/jsonSettingsFile'
import { openSettingsStore, SettingsService } from '../../src-main/settings/openSettingsStore'

export const HARNESS_ORIGIN = 'http://app.local'

export interface HarnessOptions {
  userDataDir: string
  /** Main's clock: real time that a spec can skip ahead (kept across a restart, like the wall clock). */
  clock: SkippableClock
  simulator?: SimulatedHeartOptions
  providers?: SourceProvider[]
  launchScanMs?: number
  /** What the (emulated) save dialog answers. */
  exportDir?: string
  /** What the (emulated) open dialog answers. */
  importPaths?: string[]
  /** What the sessions-folder dialog answers in chromium mode. */
  sessionsDir?: string
  /** The file operations the session recorder writes through (a spec injects a full disk). */
  sessionFs?: SessionFs
}

export interface HarnessMain {
  core: AppCore
  clock: SkippableClock
  settings: SettingsService
  invoke(
    url: string,
    channel: string,
    arg: unknown
  ): Promise<{ ok: true; value: unknown } | { ok: false; message: string }>
  setEmitter(emit: Emit): void
  rejected: string[]
  notifications: { title: string; body: string }[]
  dispose(): Promise<void>
}

export function startHarnessMain(options: HarnessOptions): HarnessMain {
  const { kv, notice } = openSettingsStore(JsonSettingsFile, options.userDataDir)
  const settings = new SettingsService(kv)
  let emitter: Emit = () => {}
  const notifications: { title: string; body: string }[] = []
  // Test-only seam: the same features, the session recorder writing through the given fs.
  const sessionFs = options.sessionFs
  const features = sessionFs
    ? FEATURE_FACTORIES.map((make) =>
        make === sessionFeature
          ? (ctx: Parameters<typeof make>[0]) => createSessionFeature(ctx, { fs: sessionFs })
          : make
      )
    : undefined
  const core = createAppCore({
    clock: options.clock,
    settings,
    emit: (event, payload) => emitter(event, payload),
    notices: notice ? [notice] : [],
    appVersion: '0.1.0',
    platform: process.platform,
    shell: 'harness',
    providers: options.providers ?? [],
    simulator: options.simulator,
    launchScanMs: options.launchScanMs ?? 300,
    features,
    userDataDir: options.userDataDir,
    notify: (title, body) => notifications.push({ title, body }),
    dialogs: {
      chooseExportDirectory: async () => options.exportDir ?? null,
      chooseSessionsDirectory: async () => options.sessionsDir ?? null,
      chooseImportFiles: async () => options.importPaths ?? []
    }
  })
  const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>()
  const rejected: string[] = []
  registerIpc(
    { handle: (channel, fn) => handlers.set(channel, fn) },
    core.handlers,
    senderPolicy({ origins: [HARNESS_ORIGIN] }),
    (c, r) => rejected.push(`${c}: ${r}`)
  )
  return {
    core,
    clock: options.clock,
    settings,
    rejected,
    notifications,
    async invoke(url, channel, arg) {
      const handler = handlers.get(channel)
      if (!handler) return { ok: false, message: `No handler registered for '${channel}'` }
      try {
        const event: IpcEventLike = { senderFrame: { url } }
        const value = await (arg === undefined ? handler(event) : handler(event, arg))
        return { ok: true, value }
      } catch (err) {
        return { ok: false, message: err instanceof Error ? err.message : String(err) }
      }
    },
    setEmitter(emit) {
      emitter = emit
    },
    dispose: () => core.dispose()
  }
}
