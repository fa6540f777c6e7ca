/** An in-memory stand-in for the parts of window.api the timer uses (unit tests only). */
import { hrBpmFromRrMs } from '../../../../src-main/shared/perMinute'
import type { JsonValue, LiveBeat, LiveMetrics, Settings } from '../../../../src-main/shared/contract'
import { DEFAULT_SETTINGS } from '../../../../src-main/shared/settings'
import type { SessionEventInput, SessionMetaPatch } from '../../../../src-main/shared/session'
import type { TimerApi } from './timerController.svelte'

export interface FakeApi extends TimerApi {
  docs: Map<string, JsonValue>
  events: SessionEventInput[]
  updates: SessionMetaPatch[]
  ended: number
  /** Whether a session is open, and how many the timer started. */
  open: boolean
  started: number
  notes: { title: string; body: string }[]
  settings: Settings
  emitMetrics(m: Partial<LiveMetrics>): void
  emitBeat(rrMs: number): void
}

/** `sessionsWork: false` behaves like a build whose session handlers have not landed. */
export function fakeApi(opts: { sessionsWork?: boolean; docs?: Map<string, JsonValue> } = {}): FakeApi {
  const sessionsWork = opts.sessionsWork ?? true
  const listeners = new Set<(m: LiveMetrics) => void>()
  const beatListeners = new Set<(b: LiveBeat) => void>()
  let seq = 0
  const unavailable = (what: string) => () =>
    Promise.reject(new Error(`${what} is not available in this build yet`))
  const api: FakeApi = {
    docs: opts.docs ?? new Map(),
    events: [],
    updates: [],
    ended: 0,
    notes: [],
    settings: structuredClone(DEFAULT_SETTINGS),
    stateLoad: async ({ key }) => structuredClone(api.docs.get(key) ?? null),
    stateSave: async ({ key, value }) => {
      api.docs.set(key, structuredClone(value))
    },
    settingsGet: async () => structuredClone(api.settings),
    settingsUpdate: async (patch) => {
      api.settings = { ...api.settings, timer: { ...api.settings.timer, ...patch.timer } }
      return structuredClone(api.settings)
    },
    appNotify: async (n) => {
      api.notes.push(n)
    },
    open: sessionsWork,
    started: 0,
    sessionCurrent: sessionsWork
      ? async () => (api.open ? { id: `s${api.started}`, startUtc: '', gate: null } : null)
      : unavailable('session recording'),
    sessionStart: sessionsWork
      ? async () => {
          api.started++
          api.open = true
          return { id: `s${api.started}`, startUtc: '' }
        }
      : unavailable('session recording'),
    sessionEvent: sessionsWork
      ? async (e) => {
          api.events.push(e as SessionEventInput)
        }
      : unavailable('session recording'),
    sessionUpdate: sessionsWork
      ? async (p) => {
          api.updates.push(p as SessionMetaPatch)
        }
      : unavailable('session recording'),
    sessionEnd: sessionsWork
      ? async () => {
          api.ended++
          api.open = false
        }
      : unavailable('session recording'),
    on: ((event: string, listener: (payload: never) => void) => {
      const set =
        event === 'metrics:update'
          ? (listeners as Set<(payload: never) => void>)
          : event === 'heart:beat'
            ? (beatListeners as Set<(payload: never) => void>)
            : null
      if (!set) return () => {}
      set.add(listener)
      return () => set.delete(listener)
    }) as TimerApi['on'],
    emitBeat: (rrMs) => {
      const beat: LiveBeat = { tMs: 0, rrMs, hrBpm: hrBpmFromRrMs(rrMs), seq: seq++ }
      for (const l of beatListeners) l(beat)
    },
    emitMetrics: (m) => {
      const full: LiveMetrics = {
        tMs: 0,
        hrBpm: null,
        rmssdMs: null,
        lnRmssd: null,
        sdnnMs: null,
        respRateBpm: null,
        respConfidence: null,
        artifactRate: 0,
        quality: 'good',
        arousal: null,
        ...m
      }
      for (const l of listeners) l(full)
    }
  }
  return api
}
