/**
 * One test rig for the real app core: a ManualClock, settings in a temporary user-data folder,
 * every emitted event kept, and helpers that run simulated time while letting async work (file
 * writes, device handshakes) proceed. The feature, launch and recording tests used to build this
 * by hand, each a little differently; they share it now so a change to createAppCore's options is
 * made once.
 *
 * Call `disposeCoreRigs()` in `afterEach`: it disposes every core a test built and removes the
 * folders the rig created (`rigTempDir`; never a folder passed in).
 */
import { mkdtempSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { JsonSettingsFile } from '../../settings/jsonSettingsFile'
import { ManualClock } from '../../devices/clock'
import { openSettingsStore, SettingsService } from '../../settings/openSettingsStore'
import type { DeepPartial, EventChannel, EventPayloads, Settings } from '../../shared/contract'
import { createAppCore, type AppCore, type AppCoreOptions } from '../appCore'

/** 2026-11-23 08:00 UTC, the rigs' default start time. */
export const RIG_T0 = Date.UTC(2026, 10, 23, 8, 0, 0)

export interface CoreRigOptions extends Partial<
  Omit<AppCoreOptions, 'clock' | 'settings' | 'emit' | 'userDataDir'>
> {
  /** Prefix of the temporary user-data folder (default 'limbic-rig-'). */
  prefix?: string
  /** Use this user-data folder instead (a relaunch over an earlier one); the rig leaves it be. */
  userDataDir?: string
  /** A clock made beforehand (for sources built before the core); default a ManualClock at `startMs`. */
  clock?: ManualClock
  startMs?: number
  /** Applied to the settings before the core is created. */
  settings?: DeepPartial<Settings>
}

export interface EmittedEvent {
  event: EventChannel
  payload: unknown
}

export interface CoreRig {
  /** Created, not started: `await rig.core.start()` (or `rig.settle(rig.core.start())`). */
  core: AppCore
  h: AppCore['handlers']
  clock: ManualClock
  settings: SettingsService
  userDataDir: string
  /** Every event the core emitted, in order. */
  emitted: EmittedEvent[]
  /** The payloads of one event channel. */
  events(name: EventChannel): unknown[]
  /** Advance `ms` of simulated time in 10 ms steps, letting async work run after each. */
  run(ms: number): Promise<void>
  /** Advance simulated time in 5 ms steps until `p` settles (at most `maxMs`); its outcome. */
  settle<T>(p: Promise<T> | T, maxMs?: number): Promise<T>
  /** Dispose this core now (it is then left out of `disposeCoreRigs`). */
  dispose(): Promise<void>
}

const live = new Set<AppCore>()
const madeDirs: string[] = []

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

export function coreRig(options: CoreRigOptions = {}): CoreRig {
  const { prefix, userDataDir: givenDir, clock: givenClock, startMs, settings: patch, ...core } = options
  const userDataDir = givenDir ?? rigTempDir(prefix ?? 'limbic-rig-')
  const clock = givenClock ?? new ManualClock(startMs ?? RIG_T0)
  const settings = new SettingsService(openSettingsStore(JsonSettingsFile, userDataDir).kv)
  if (patch) settings.update(patch)
  const emitted: EmittedEvent[] = []
  const appCore = createAppCore({
    emit: <E extends EventChannel>(event: E, payload: EventPayloads[E]) => emitted.push({ event, payload }),
    appVersion: '9.9.9',
    platform: 'linux',
    shell: 'harness',
    launchScanMs: 10,
    ...core,
    clock,
    settings,
    userDataDir
  })
  live.add(appCore)
  return {
    core: appCore,
    h: appCore.handlers,
    clock,
    settings,
    userDataDir,
    emitted,
    events: (name) => emitted.filter((e) => e.event === name).map((e) => e.payload),
    run: async (ms) => {
      for (let t = 0; t < ms; t += 10) {
        clock.advance(10)
        await flush()
      }
    },
    settle: async <T>(p: Promise<T> | T, maxMs = 30_000): Promise<T> => {
      let done = false
      const tracked = Promise.resolve(p).finally(() => (done = true))
      tracked.catch(() => undefined)
      for (let t = 0; t < maxMs && !done; t += 5) {
        clock.advance(5)
        await flush()
      }
      return tracked
    },
    dispose: async () => {
      if (live.delete(appCore)) await appCore.dispose()
    }
  }
}

/** A temporary folder removed by the next `disposeCoreRigs()`. */
export function rigTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  madeDirs.push(dir)
  return dir
}

/** For `afterEach`: dispose every core still alive, then remove the folders the rig made. */
export async function disposeCoreRigs(): Promise<void> {
  for (const core of [...live]) {
    live.delete(core)
    await core.dispose()
  }
  for (const dir of madeDirs.splice(0)) await rm(dir, { recursive: true, force: true })
}
