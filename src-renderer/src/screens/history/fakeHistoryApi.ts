/** An in-memory stand-in for the history part of window.api (unit tests only). */
import type {
  ExportResult,
  ImportResult,
  SessionDetail,
  SessionSummary
} from '../../../../src-main/shared/contract'
import type { HistoryApi } from './historyController.svelte'

export function summary(id: string, startUtc: string, patch: Partial<SessionSummary> = {}): SessionSummary {
  return {
    id,
    startUtc,
    endUtc: null,
    durationS: 600,
    task: null,
    preState: 'high',
    postState: 'optimal',
    protocol: 'sigh',
    errors: 0,
    overridden: false,
    problem: null,
    ...patch
  }
}

export interface FakeHistoryApi extends HistoryApi {
  sessions: SessionSummary[]
  exports: { ids: string[]; format: string }[]
  imports: string[]
  deleted: string[]
  /** The next export answer (null path = the user cancelled the dialog). */
  exportAnswer: ExportResult
  /** The next import answer; its ids are added to the list. */
  importAnswer: ImportResult
  /** Pending historyLoad calls, resolved by the test (to check races). */
  loads: { id: string; resolve: () => void; reject: (err: Error) => void }[]
  /** Reject every call like a build whose history handlers have not landed. */
  unavailable: boolean
}

export function fakeHistoryApi(sessions: SessionSummary[] = []): FakeHistoryApi {
  const gone = (): Promise<never> =>
    Promise.reject(
      new Error(
        "Error invoking remote method 'history:list': Error: session history is not available in this build yet"
      )
    )
  const api: FakeHistoryApi = {
    sessions,
    exports: [],
    imports: [],
    deleted: [],
    exportAnswer: { path: '/exports/limbic', files: 6 },
    importAnswer: { imported: [], problems: [] },
    loads: [],
    unavailable: false,
    historyList: async () => (api.unavailable ? gone() : structuredClone(api.sessions)),
    historyLoad: ({ id }) => {
      if (api.unavailable) return gone()
      return new Promise<SessionDetail>((resolve, reject) => {
        const s = api.sessions.find((x) => x.id === id)
        api.loads.push({
          id,
          reject,
          resolve: () =>
            s
              ? resolve({
                  summary: s,
                  meta: {},
                  heart: { tS: [0, 1], hrBpm: [60, 61], rmssdMs: [null, 40] },
                  beats: 2,
                  events: [],
                  spans: [],
                  balance: null
                })
              : reject(new Error(`no session ${id}`))
        })
      })
    },
    historyDelete: async ({ id }) => {
      if (api.unavailable) return gone()
      if (!api.sessions.some((s) => s.id === id)) throw new Error(`no session ${id}`)
      api.deleted.push(id)
      api.sessions = api.sessions.filter((s) => s.id !== id)
    },
    historyExport: async ({ ids, format }) => {
      if (api.unavailable) return gone()
      api.exports.push({ ids, format })
      return structuredClone(api.exportAnswer)
    },
    historyImport: async ({ kind }) => {
      if (api.unavailable) return gone()
      api.imports.push(kind)
      for (const id of api.importAnswer.imported)
        api.sessions.push(summary(id, '2020-01-01T00:00:00.000Z', { task: 'imported' }))
      return structuredClone(api.importAnswer)
    }
  }
  return api
}
