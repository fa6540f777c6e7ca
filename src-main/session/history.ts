/**
 * The history:* handlers over a sessions root: list, load (decimated for charts), delete, export
 * and import. Export and import paths come only from main's dialogs.
 */
import { mkdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { Handlers } from '../shared/contract'
import type { Clock } from '../devices/clock'
import { exportSessions, importPaths, resolveSessionDir, sessionDir } from './exportImport'
import { loadSessionDetail } from './historyLoad'
import { rebuildSessionsIndex, summarizeAll } from './sessionsIndex'

/** The open dialogs history needs (main's, so the renderer never passes a raw path). */
export interface HistoryDialogs {
  chooseExportDirectory(): Promise<string | null>
  chooseImportFiles(kind: 'rr' | 'session' | 'zip'): Promise<string[]>
}

export interface HistoryOptions {
  /** The sessions root (read on every call: the setting can change). */
  root(): string
  /** The session being recorded now (cannot be deleted). */
  activeId(): string | null
  dialogs(): HistoryDialogs | undefined
  clock: Clock
  appVersion: string
}

type HistoryChannel = 'history:list' | 'history:load' | 'history:delete' | 'history:export' | 'history:import'

export function createHistory(opts: HistoryOptions): { handlers: Pick<Handlers, HistoryChannel> } {
  const dialogs = (): HistoryDialogs => {
    const d = opts.dialogs()
    if (!d) throw new Error('File dialogs are not available in this build')
    return d
  }
  return {
    handlers: {
      'history:list': () => summarizeAll(opts.root()),
      'history:load': async ({ id }) => loadSessionDetail(await sessionDir(opts.root(), id)),
      'history:delete': async ({ id }) => {
        const { root, dir } = await resolveSessionDir(opts.root(), id)
        if (id === opts.activeId())
          throw new Error('This session is being recorded; end it before deleting it')
        // Move out of sight first (one rename), then remove: the list never shows half a folder.
        const trash = join(root, '.trash')
        await mkdir(trash, { recursive: true })
        const gone = join(trash, `${id}-${randomBytes(3).toString('hex')}`)
        await rename(dir, gone)
        await rm(gone, { recursive: true, force: true })
        await rebuildSessionsIndex(root)
      },
      'history:export': async ({ ids, format }) => {
        const dest = await dialogs().chooseExportDirectory()
        if (!dest) return { path: null, files: 0 }
        return exportSessions(opts.root(), ids, dest, format, opts.clock.now())
      },
      'history:import': async ({ kind }) => {
        const paths = await dialogs().chooseImportFiles(kind)
        if (paths.length === 0) return { imported: [], problems: [] }
        return importPaths(opts.root(), paths, kind, opts.appVersion, opts.clock.now())
      }
    }
  }
}
