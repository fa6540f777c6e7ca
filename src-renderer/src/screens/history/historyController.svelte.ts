/**
 * The history screen's state and actions: the list, selection, the open session, delete with
 * confirmation, export and import. Talks only to the typed history API; every rejected call
 * becomes a visible message (the handlers may be missing in a build: "… is not available").
 */
import type { AppApi, SessionDetail, SessionSummary } from '../../../../src-main/shared/contract'
import { reasonOf } from './format'

export type HistoryApi = Pick<
  AppApi,
  'historyList' | 'historyLoad' | 'historyDelete' | 'historyExport' | 'historyImport'
>

export type ExportFormat = 'folder' | 'zip' | 'rr'
export type ImportKind = 'rr' | 'session' | 'zip'

export type ExportOutcome =
  | { kind: 'done'; format: ExportFormat; path: string; files: number }
  | { kind: 'cancelled' }
  | { kind: 'error'; reason: string }

export type ImportOutcome =
  { kind: 'done'; imported: string[]; problems: string[] } | { kind: 'error'; reason: string }

/** Newest first; unreadable timestamps last, by id. */
export function sortSessions(list: readonly SessionSummary[]): SessionSummary[] {
  const time = (s: SessionSummary): number => {
    const v = Date.parse(s.startUtc)
    return Number.isNaN(v) ? -Infinity : v
  }
  return list.slice().sort((a, b) => time(b) - time(a) || a.id.localeCompare(b.id))
}

export class HistoryController {
  sessions = $state.raw<SessionSummary[]>([])
  listState = $state<'loading' | 'ready' | 'error'>('loading')
  listError = $state<string | null>(null)
  /** Ticked for export, in list order. */
  selected = $state<string[]>([])
  /** The row that holds keyboard focus (roving tabindex). */
  activeId = $state<string | null>(null)

  openId = $state<string | null>(null)
  detail = $state.raw<SessionDetail | null>(null)
  detailState = $state<'idle' | 'loading' | 'ready' | 'error'>('idle')
  detailError = $state<string | null>(null)

  busy = $state<null | 'export' | 'import' | 'delete'>(null)
  exportOutcome = $state.raw<ExportOutcome | null>(null)
  importOutcome = $state.raw<ImportOutcome | null>(null)
  /** The session the confirmation dialog asks about. */
  pendingDelete = $state.raw<SessionSummary | null>(null)
  deleteError = $state<string | null>(null)
  /** The start time of the session just deleted, for the confirmation line. */
  deletedStartUtc = $state<string | null>(null)

  private loadToken = 0

  constructor(private readonly api: HistoryApi) {}

  async refresh(): Promise<void> {
    if (this.sessions.length === 0) this.listState = 'loading'
    try {
      const list = sortSessions(await this.api.historyList())
      this.sessions = list
      this.listState = 'ready'
      this.listError = null
      // A local lookup, not reactive state.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      const ids = new Set(list.map((s) => s.id))
      this.selected = this.selected.filter((id) => ids.has(id))
      if (this.activeId === null || !ids.has(this.activeId)) this.activeId = list[0]?.id ?? null
      if (this.openId !== null && !ids.has(this.openId)) this.close()
    } catch (err) {
      this.listState = 'error'
      this.listError = reasonOf(err)
    }
  }

  isSelected(id: string): boolean {
    return this.selected.includes(id)
  }

  toggle(id: string, on = !this.isSelected(id)): void {
    if (on && !this.isSelected(id)) {
      const order = this.sessions.map((s) => s.id)
      this.selected = order.filter((x) => x === id || this.selected.includes(x))
    } else if (!on) {
      this.selected = this.selected.filter((x) => x !== id)
    }
  }

  get allSelected(): boolean {
    return this.sessions.length > 0 && this.selected.length === this.sessions.length
  }

  selectAll(on: boolean): void {
    this.selected = on ? this.sessions.map((s) => s.id) : []
  }

  /** The row `delta` rows away from the active one (clamped), made active; its id. */
  move(delta: number | 'first' | 'last'): string | null {
    const list = this.sessions
    if (list.length === 0) return null
    const at = Math.max(
      0,
      list.findIndex((s) => s.id === this.activeId)
    )
    const to =
      delta === 'first'
        ? 0
        : delta === 'last'
          ? list.length - 1
          : Math.max(0, Math.min(list.length - 1, at + delta))
    this.activeId = list[to]!.id
    return this.activeId
  }

  async open(id: string): Promise<void> {
    const token = ++this.loadToken
    this.activeId = id
    this.openId = id
    this.detail = null
    this.detailError = null
    this.detailState = 'loading'
    try {
      const detail = await this.api.historyLoad({ id })
      if (token !== this.loadToken) return
      this.detail = detail
      this.detailState = 'ready'
    } catch (err) {
      if (token !== this.loadToken) return
      this.detailState = 'error'
      this.detailError = reasonOf(err)
    }
  }

  close(): void {
    this.loadToken++
    this.openId = null
    this.detail = null
    this.detailState = 'idle'
    this.detailError = null
  }

  askDelete(id: string): void {
    this.deleteError = null
    this.pendingDelete = this.sessions.find((s) => s.id === id) ?? null
  }

  cancelDelete(): void {
    this.pendingDelete = null
  }

  async confirmDelete(): Promise<boolean> {
    const target = this.pendingDelete
    if (!target || this.busy) return false
    this.busy = 'delete'
    this.deleteError = null
    try {
      await this.api.historyDelete({ id: target.id })
      this.pendingDelete = null
      this.deletedStartUtc = target.startUtc
      this.selected = this.selected.filter((x) => x !== target.id)
      if (this.openId === target.id) this.close()
      if (this.activeId === target.id) {
        const i = this.sessions.findIndex((s) => s.id === target.id)
        this.activeId = (this.sessions[i + 1] ?? this.sessions[i - 1])?.id ?? null
      }
      this.sessions = this.sessions.filter((s) => s.id !== target.id)
      await this.refresh()
      return true
    } catch (err) {
      this.deleteError = reasonOf(err)
      return false
    } finally {
      this.busy = null
    }
  }

  /** Exports the ticked sessions. */
  exportSelected(format: ExportFormat): Promise<void> {
    return this.exportIds(this.selected, format)
  }

  /** Exports these sessions; main opens the save dialog and answers where the files went. */
  async exportIds(ids: readonly string[], format: ExportFormat): Promise<void> {
    if (ids.length === 0 || this.busy) return
    this.busy = 'export'
    this.exportOutcome = null
    try {
      const result = await this.api.historyExport({ ids: [...ids], format })
      this.exportOutcome =
        result.path === null
          ? { kind: 'cancelled' }
          : { kind: 'done', format, path: result.path, files: result.files }
    } catch (err) {
      this.exportOutcome = { kind: 'error', reason: reasonOf(err) }
    } finally {
      this.busy = null
    }
  }

  async importFiles(kind: ImportKind): Promise<void> {
    if (this.busy) return
    this.busy = 'import'
    this.importOutcome = null
    try {
      const result = await this.api.historyImport({ kind })
      this.importOutcome = { kind: 'done', imported: result.imported, problems: result.problems }
      if (result.imported.length > 0) {
        await this.refresh()
        this.activeId = result.imported[0] ?? this.activeId
      }
    } catch (err) {
      this.importOutcome = { kind: 'error', reason: reasonOf(err) }
    } finally {
      this.busy = null
    }
  }
}
