/** Test helpers: check-in results and a fake API recording every call (no DOM, no main process). */
import type {
  BaselineSummary,
  CheckInKind,
  CheckInResult,
  ProtocolName,
  SelfReport,
  SessionSnapshot,
  Settings
} from '../../../../src-main/shared/contract'
import { DEFAULT_SETTINGS } from '../../../../src-main/shared/settings'
import { emptyProgress } from '../../../../src-main/shared/drillProgression'
import {
  initialFlow,
  reduce,
  type Dose,
  type Flow,
  type FlowEvent,
  type ProtocolDone
} from '../../../../src-main/shared/flowMachine'
import { IDLE } from '../../../../src-main/shared/timer/timerModel'
import type { FlowApi } from './flowController'

import { result } from '../../../../src-main/shared/testSupport/checkInResult'

export { result }

export interface Call {
  method: string
  arg: unknown
}

/**
 * A fake of the flow's part of window.api that answers like main's session engine, with main's
 * own reducer (shared/flowMachine.ts): records calls; check-ins finish with whatever `nextResult`
 * says; `fail` makes a method reject.
 */
export function fakeApi(opts: { baseline?: Partial<BaselineSummary> } = {}) {
  const calls: Call[] = []
  let settings: Settings = structuredClone(DEFAULT_SETTINGS)
  let seq = 0
  let rev = 0
  let flow: Flow = initialFlow()
  const state = {
    nextResult: (kind: CheckInKind, id: string): CheckInResult => result(kind, 'optimal', true, id),
    fail: new Set<string>(),
    now: 1_000_000,
    get settings() {
      return settings
    },
    get flow() {
      return flow
    }
  }
  const snapshot = (): SessionSnapshot => ({
    rev: ++rev,
    flow,
    timer: { state: IDLE, announced: null },
    drill: { progress: emptyProgress(), session: null }
  })
  const apply = (event: FlowEvent): void => {
    flow = reduce(flow, event).flow
  }
  const startCheckIn = (kind: CheckInKind): void => {
    const durationS = kind === 're-check' ? 45 : 90
    apply({ type: 'checkin-started', kind, id: `c${++seq}`, startedAtMs: state.now, durationS })
  }
  const rec =
    <A, R>(method: string, impl: (arg: A) => R) =>
    async (arg?: A): Promise<Awaited<R>> => {
      calls.push({ method, arg })
      if (state.fail.has(method)) throw new Error(`${method} is not available in this build yet`)
      return await impl(arg as A)
    }
  const intent =
    <A>(method: string, impl: (arg: A) => void) =>
    (arg?: A): Promise<SessionSnapshot> =>
      rec(method, (a: A) => {
        impl(a)
        return snapshot()
      })(arg)
  const api: FlowApi = {
    settingsGet: rec('settingsGet', () => settings),
    settingsUpdate: rec('settingsUpdate', (patch: Record<string, unknown>) => {
      const merged = structuredClone(settings) as unknown as Record<string, Record<string, unknown>>
      for (const [k, v] of Object.entries(patch)) merged[k] = { ...merged[k], ...(v as object) }
      settings = merged as unknown as Settings
      return settings
    }) as FlowApi['settingsUpdate'],
    baselineGet: rec('baselineGet', () => ({
      source: 'population' as const,
      measurements: 0,
      hrBpm: 70,
      lnRmssd: 3.6,
      rmssdMs: 37,
      updatedUtc: null,
      ...opts.baseline
    })),
    sessionSnapshot: rec('sessionSnapshot', () => snapshot()),
    // Main's resonance feature: no test yet (resonance breathing paces at 6/min).
    resonanceSnapshot: rec('resonanceSnapshot', () => ({
      rev: 0,
      status: 'idle' as const,
      id: null,
      ratesBpm: [6.5, 6, 5.5, 5, 4.5],
      step: null,
      restUntilMs: null,
      attempts: [],
      record: null,
      personRateBpm: null,
      nowMs: Date.now()
    })),
    simControl: rec('simControl', () => undefined),
    flowStartCheckIn: intent('flowStartCheckIn', ({ kind }: { kind: CheckInKind }) => startCheckIn(kind)),
    flowFinishCheckIn: intent('flowFinishCheckIn', () => {
      const m = flow.measuring
      if (m) apply({ type: 'checkin-finished', result: state.nextResult(m.kind, m.id), nowMs: state.now })
    }),
    flowCancelCheckIn: intent('flowCancelCheckIn', () => apply({ type: 'checkin-cancelled' })),
    flowSelfReport: intent('flowSelfReport', ({ report }: { report: SelfReport | null }) => {
      const r = flow.result!
      apply({
        type: 'self-reported',
        result: {
          ...result(r.kind, report === 'flat' || report === 'tired' ? 'low' : 'optimal', true, r.id),
          selfReport: report
        }
      })
    }),
    flowContinue: intent('flowContinue', () => apply({ type: 'continue' })),
    flowChooseProtocol: intent(
      'flowChooseProtocol',
      ({ protocol, dose }: { protocol: ProtocolName; dose: Dose }) =>
        apply({ type: 'choose', protocol, dose })
    ),
    flowGoStraight: intent('flowGoStraight', () => apply({ type: 'go-straight', nowMs: state.now })),
    flowSafetyPassed: intent('flowSafetyPassed', () => apply({ type: 'safety-passed' })),
    flowOptIn: intent('flowOptIn', () => {
      settings = { ...settings, superOxygenation: { ...settings.superOxygenation, optedIn: true } }
    }),
    flowBreathPhase: rec('flowBreathPhase', () => undefined),
    flowSafetyDeclined: intent(
      'flowSafetyDeclined',
      ({ reason }: { reason: 'contraindication' | 'not-opted-in' | 'cancelled' }) =>
        apply({ type: 'safety-declined', reason })
    ),
    flowProtocolEnded: intent('flowProtocolEnded', (done: ProtocolDone) => {
      apply({ type: 'protocol-ended', done })
      startCheckIn('re-check')
    }),
    flowAnotherRound: intent('flowAnotherRound', () => apply({ type: 'another-round' })),
    flowSkip: intent('flowSkip', () => apply({ type: 'override', nowMs: state.now })),
    flowRequestDrill: intent('flowRequestDrill', () => apply({ type: 'drill-requested', nowMs: state.now })),
    flowRestConfirmed: intent('flowRestConfirmed', () => apply({ type: 'rest-confirmed', nowMs: state.now })),
    flowDrillFinished: intent('flowDrillFinished', ({ trials, errors }: { trials: number; errors: number }) =>
      apply({ type: 'drill-finished', trials, errors })
    ),
    flowRestart: intent('flowRestart', () => apply({ type: 'restart' })),
    timerRateFocus: intent('timerRateFocus', ({ rating }: { rating: number | null }) =>
      apply({ type: 'focus-rated', rating, feedback: null })
    )
  }
  return { api, calls, state }
}
