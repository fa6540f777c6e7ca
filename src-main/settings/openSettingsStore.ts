/**
 * Opens the settings file (jsonSettingsFile.ts in the app, the e2e harness and tests; the conf
 * engine earlier versions used fits the same constructor, which a test uses to show the two read
 * and write the same file) and never lets a bad file crash the app: an unreadable or invalid
 * file is kept as `config.corrupt-<time>.json` next to it, replaced by defaults, and reported as
 * a notice the UI shows once.
 */
import { existsSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_SETTINGS, settingsValidator, type Settings } from '../shared/settings'
import type { Notice } from '../shared/contract'

/** What the app needs of a settings file (JsonSettingsFile; earlier conf / electron-store). */
export interface SettingsKV {
  readonly store: Record<string, unknown>
  set(key: string, value: unknown): void
  readonly path: string
}

export interface StoreOptions {
  cwd?: string
  projectName?: string
  projectVersion?: string
  schema: Record<string, unknown>
  defaults: Record<string, unknown>
  clearInvalidConfig: boolean
}

export type StoreConstructor = new (options: StoreOptions) => SettingsKV

export interface OpenedSettings {
  kv: SettingsKV
  notice: Notice | null
}

export function settingsJsonSchema(): Record<string, unknown> {
  return (settingsValidator.schema as { properties: Record<string, unknown> }).properties
}

/**
 * @param dir the folder holding config.json (electron: app.getPath('userData')).
 * @param now for the backup's name.
 */
export function openSettingsStore(
  Store: StoreConstructor,
  dir: string,
  extra: Partial<StoreOptions> = {},
  now: () => Date = () => new Date()
): OpenedSettings {
  const options: StoreOptions = {
    cwd: dir,
    schema: settingsJsonSchema(),
    defaults: DEFAULT_SETTINGS as unknown as Record<string, unknown>,
    clearInvalidConfig: false,
    ...extra
  }
  const file = join(dir, 'config.json')
  try {
    const kv = new Store(options)
    settingsValidator.parse(kv.store) // the one check of the whole file
    return { kv, notice: null }
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    const backupPath = join(dir, `config.corrupt-${now().toISOString().replace(/[:.]/g, '-')}.json`)
    if (existsSync(file)) renameSync(file, backupPath)
    const kv = new Store(options)
    return {
      kv,
      notice: { id: `settings-reset-${now().getTime()}`, kind: 'settings-reset', backupPath, reason }
    }
  }
}

/** Typed access with validation of every change; listeners hear about changes. */
export class SettingsService {
  private readonly listeners = new Set<(s: Settings) => void>()

  constructor(private readonly kv: SettingsKV) {}

  get(): Settings {
    return settingsValidator.parse(this.kv.store)
  }

  /** Merge a validated partial update; the merged whole is validated again before writing. */
  update(patch: Record<string, unknown>): Settings {
    const merged = settingsValidator.parse(deepMerge(this.get(), patch))
    for (const [key, value] of Object.entries(merged)) this.kv.set(key, value)
    for (const l of this.listeners) l(merged)
    return merged
  }

  onChange(listener: (s: Settings) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get path(): string {
    return this.kv.path
  }
}

function deepMerge<T>(base: T, patch: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(patch)) return (patch === undefined ? base : patch) as T
  const out: Record<string, unknown> = { ...base }
  for (const [k, val] of Object.entries(patch)) out[k] = deepMerge((base as Record<string, unknown>)[k], val)
  return out as T
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}
