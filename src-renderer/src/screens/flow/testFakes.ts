/** Test helpers: check-in results and a fake API recording every call (no DOM, no main). */
import type {
  ArousalState,
  BaselineSummary,
  CheckInKind,
  CheckInResult,
  Settings
} from '../../../../src-main/shared/contract'
import { DEFAULT_SETTINGS } from '../../../../src-main/shared/settings'
import type { FlowApi } from './flowController'

export function result(
  kind: CheckInKind,
  state: ArousalState | null,
  usable = true,
  id = 'c1'
): CheckInResult {
  return {
    id,
    kind,
    startedMs: 0,
    endedMs: 60000,
    beats: 70,
    hrBpm: 80,
    rmssdMs: 30,
    lnRmssd: Math.log(30),
    respRateBpm: 14,
    artifactRate: usable ? 0.01 : 0.2,
    quality: usable ? 'good' : 'poor',
    usable,
    arousal: state
      ? { state, score: state === 'high' ? 1.5 : state === 'low' ? -1.5 : 0, confidence: 0.8, reasons: [] }
      : null,
    selfReport: null,
    baselineSource: 'personal'
  }
}

export interface Call {
  method: string
  arg: unknown
}

/**
 * A fake of the flow's part of window.api: records calls; check-ins finish with whatever
 * `nextResult` says; `fail` makes a method reject like main's "not available" stubs.
 */
export function fakeApi(opts: { baseline?: Partial<BaselineSummary>; session?: boolean } = {}) {
  const calls: Call[] = []
  let settings: Settings = structuredClone(DEFAULT_SETTINGS)
  let session: {
    id: string
    startUtc: string
    gate: { outcome: 'optimal' | 'protocol-completed' | 'override'; atUtc: string } | null
  } | null = opts.session ? { id: 's1', startUtc: '2026-01-01T00:00:00Z', gate: null } : null
  let seq = 0
  const state = {
    nextResult: (kind: CheckInKind, id: string): CheckInResult => result(kind, 'optimal', true, id),
    fail: new Set<string>(),
    get settings() {
      return settings
    },
    get session() {
      return session
    }
  }
  const rec =
    <A, R>(method: string, impl: (arg: A) => R) =>
    async (arg?: A): Promise<Awaited<R>> => {
      calls.push({ method, arg })
      if (state.fail.has(method)) throw new Error(`${method} is not available in this build yet`)
      return await impl(arg as A)
    }
  const kinds = new Map<string, CheckInKind>()
  const api: FlowApi = {
    settingsGet: rec('settingsGet', () => settings),
    settingsUpdate: rec('settingsUpdate', (patch: Record<string, unknown>) => {
      const merged = structuredClone(settings) as unknown as Record<string, Record<string, unknown>>
      for (const [k, v] of Object.entries(patch)) merged[k] = { ...merged[k], ...(v as object) }
      settings = merged as unknown as Settings
      return settings
    }) as FlowApi['settingsUpdate'],
    checkinStart: rec('checkinStart', ({ kind }: { kind: CheckInKind; durationS?: number }) => {
      const id = `c${++seq}`
      kinds.set(id, kind)
      // Main chooses the length; these tests only need one.
      return { id, startedMs: 0, durationS: kind === 're-check' ? 45 : 90 }
    }),
    checkinFinish: rec('checkinFinish', ({ id }: { id: string }) => state.nextResult(kinds.get(id)!, id)),
    checkinCancel: rec('checkinCancel', () => undefined),
    checkinSelfReport: rec(
      'checkinSelfReport',
      ({ id, report }: { id: string; report: 'wired' | 'fine' | 'flat' | null }) => ({
        ...result(kinds.get(id) ?? 'check-in', report === 'flat' ? 'low' : 'optimal', true, id),
        selfReport: report
      })
    ),
    baselineGet: rec('baselineGet', () => ({
      source: 'population' as const,
      measurements: 0,
      hrBpm: 70,
      lnRmssd: 3.6,
      rmssdMs: 37,
      updatedUtc: null,
      ...opts.baseline
    })),
    sessionStart: rec('sessionStart', () => {
      session = { id: 's1', startUtc: '2026-01-01T00:00:00Z', gate: null }
      return { id: session.id, startUtc: session.startUtc }
    }),
    sessionCurrent: rec('sessionCurrent', () => session),
    sessionEvent: rec('sessionEvent', () => undefined),
    sessionUpdate: rec('sessionUpdate', (patch: { gate?: unknown }) => {
      if (session && patch.gate !== undefined)
        session = { ...session, gate: patch.gate as typeof session.gate }
    }),
    simControl: rec('simControl', () => undefined)
  }
  return { api, calls, state }
}
