/**
 * Small JSON documents (the session engine's timer, drill progress), kept on disk so they survive a
 * restart or a crash. Written atomically (temp file + rename): a crash mid-write leaves
 * the previous version, never half a file.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { JsonValue } from '../../shared/validate'

/** A document's name: `<dir>/<key>.json` ('timer', 'drill'). */
export type StateKey = string

export class StateDocs {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true })
  }

  load(key: StateKey): JsonValue | null {
    const file = this.file(key)
    if (!existsSync(file)) return null
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as JsonValue
    } catch {
      // A damaged document is set aside rather than crashing the screen that needs it.
      renameSync(file, `${file}.corrupt-${Date.now()}`)
      return null
    }
  }

  save(key: StateKey, value: JsonValue | null): void {
    const file = this.file(key)
    if (value === null) {
      rmSync(file, { force: true })
      return
    }
    const tmp = `${file}.tmp`
    writeFileSync(tmp, JSON.stringify(value))
    renameSync(tmp, file)
  }

  private file(key: StateKey): string {
    if (!/^[a-z][a-z-]*$/.test(key)) throw new Error(`not a state document name: "${key}"`)
    return join(this.dir, `${key}.json`)
  }
}
