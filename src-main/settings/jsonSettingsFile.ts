/**
 * The settings file without a schema engine (issue 20, item 3): `config.json` in the given folder,
 * read once when opened and written whole on every change, atomically (a temporary file in the
 * same folder, flushed, then renamed over the old one: a crash leaves the old or the new file,
 * never half of one).
 *
 * It is the same file the earlier electron-store/conf engine wrote, so settings saved by an older
 * Limbic load unchanged: a JSON object, tab-indented; a key missing from the file (a setting added
 * since) is filled from the defaults and the filled file written back, as conf did. It does not
 * validate: openSettingsStore checks the whole file with the app's own validator (shared/settings.ts)
 * and sets a bad file aside, so no JSON-Schema engine (ajv) is loaded at run time.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { SettingsKV, StoreOptions } from './openSettingsStore'

export const SETTINGS_FILE = 'config.json'

export class JsonSettingsFile implements SettingsKV {
  readonly path: string
  private readonly dir: string
  private data: Record<string, unknown>

  /** Throws when the file exists but is not a JSON object (openSettingsStore then sets it aside). */
  constructor(options: Pick<StoreOptions, 'cwd' | 'defaults'>) {
    if (!options.cwd) throw new Error('the settings folder (cwd) is required')
    this.dir = options.cwd
    this.path = join(this.dir, SETTINGS_FILE)
    const stored = readStored(this.path)
    this.data = { ...structuredClone(options.defaults), ...stored }
    if (!stored || Object.keys(options.defaults).some((key) => !(key in stored))) this.write()
  }

  /** A copy: changing it does not change the settings (use set). */
  get store(): Record<string, unknown> {
    return structuredClone(this.data)
  }

  set(key: string, value: unknown): void {
    if (value === undefined) throw new Error(`setting "${key}" cannot be undefined`)
    this.data = { ...this.data, [key]: structuredClone(value) }
    this.write()
  }

  private write(): void {
    mkdirSync(this.dir, { recursive: true })
    const tmp = `${this.path}.${process.pid}.tmp`
    const fd = openSync(tmp, 'w')
    try {
      writeSync(fd, `${JSON.stringify(this.data, undefined, '\t')}\n`)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, this.path)
  }
}

/** The file's object; null when there is no file yet. */
function readStored(path: string): Record<string, unknown> | null {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
  const parsed: unknown = JSON.parse(text)
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`${SETTINGS_FILE} does not hold a JSON object`)
  return parsed as Record<string, unknown>
}
