/**
 * Drives the flow machine with the app API: starts and finishes check-ins, records every
 * transition as a session event, keeps session.json (prescription, protocolDone, gate) and the
 * shared gate in step, and couples the simulated person to the pacer. Plain TypeScript with an
 * injected API and clock, so it is unit-tested with a fake API.
 */
import type {
  AppApi,
  BaselineSummary,
  BreathPattern,
  DeepPartial,
  SelfReport,
  Settings
} from '../../../../src-main/shared/contract'
import { gateFromSession, type GateState } from '../../../../src-main/shared/gate'
import { initialFlow, reduce, type Flow, type FlowEvent, type ProtocolDone } from './flowMachine'
import { planProtocol, type ProtocolPlan } from './pacer'

export type FlowApi = Pick<
  AppApi,
  | 'settingsGet'
  | 'settingsUpdate'
  | 'checkinStart'
  | 'checkinFinish'
  | 'checkinCancel'
  | 'checkinSelfReport'
  | 'baselineGet'
  | 'sessionStart'
  | 'sessionCurrent'
  | 'sessionEvent'
  | 'sessionUpdate'
  | 'simControl'
>

export interface ControllerDeps {
  api: FlowApi
  /** Wall clock (Date.now). */
  now: () => number
  isSimulated: () => boolean
  setGate: (gate: GateState) => void
  onChange: () => void
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

export class FlowController {
  flow: Flow = initialFlow()
  error: string | null = null
  busy = false
  settings: Settings | null = null
  baseline: BaselineSummary | null = null
  /** How many sighs the quick reset does (1-3). */
  quickSighs = 3
  /** Session events that could not be recorded (shown, never thrown). */
  unrecorded = 0
  private finishing = false
  private following = false

  constructor(private readonly deps: ControllerDeps) {}

  get needsBaseline(): boolean {
    return !this.baseline || this.baseline.source === 'population' || this.baseline.measurements === 0
  }

  /** Load settings and baseline; restore a gate stored in the current session (restart). */
  async init(): Promise<void> {
    const { api } = this.deps
    await this.attempt(async () => {
      this.settings = await api.settingsGet()
    })
    await this.refreshBaseline()
    try {
      const restored = gateFromSession(await api.sessionCurrent())
      if (restored && !this.flow.gate.open) {
        this.flow = {
          ...this.flow,
          gate: restored,
          step: this.flow.step === 'start' ? 'gate' : this.flow.step
        }
        this.deps.setGate(restored)
      }
    } catch {
      // No session support yet: nothing to restore.
    }
    this.changed()
  }

  async refreshBaseline(): Promise<void> {
    try {
      this.baseline = await this.deps.api.baselineGet()
    } catch {
      this.baseline = null
    }
  }

  dispatch(event: FlowEvent): boolean {
    const before = this.flow
    const { flow, record } = reduce(before, event)
    if (!record) return false
    this.flow = flow
    this.deps.api.sessionEvent(record).catch(() => {
      this.unrecorded++
      this.changed()
    })
    if (flow.gate !== before.gate) {
      this.deps.setGate(flow.gate)
      if (flow.gate.open && !before.gate.open) {
        const { outcome, atMs } = flow.gate
        this.persist({ gate: { outcome, atUtc: new Date(atMs).toISOString() } })
      }
    }
    this.changed()
    return true
  }

  // ---------- check-ins ----------

  async startCheckIn(kind: 'check-in' | 're-check' | 'baseline'): Promise<void> {
    if (this.busy || this.flow.step === 'measuring') return
    const { api } = this.deps
    await this.attempt(async () => {
      if (!this.settings) this.settings = await api.settingsGet()
      await this.ensureSession()
      // Main decides how long (the re-check is shorter, never below what it can judge).
      const started = await api.checkinStart({ kind })
      this.finishing = false
      this.dispatch({
        type: 'checkin-started',
        kind,
        id: started.id,
        startedAtMs: this.deps.now(),
        durationS: started.durationS
      })
    })
  }

  /** 0..1 by the clock. */
  progress(nowMs = this.deps.now()): number {
    const m = this.flow.measuring
    if (!m) return 0
    return Math.min(1, Math.max(0, (nowMs - m.startedAtMs) / (m.durationS * 1000)))
  }

  /** Called by the screen's clock: finishes the check-in once its time is up. */
  async tick(nowMs = this.deps.now()): Promise<void> {
    const m = this.flow.measuring
    if (this.flow.step !== 'measuring' || !m || this.finishing) return
    if (nowMs - m.startedAtMs < m.durationS * 1000) return
    await this.finishCheckIn()
  }

  async finishCheckIn(): Promise<void> {
    const m = this.flow.measuring
    if (!m || this.finishing) return
    this.finishing = true
    this.changed()
    try {
      await this.attempt(async () => {
        const result = await this.deps.api.checkinFinish({ id: m.id })
        this.dispatch({ type: 'checkin-finished', result, nowMs: this.deps.now() })
        if (result.kind === 'baseline') await this.refreshBaseline()
      })
    } finally {
      this.finishing = false
      this.changed()
    }
  }

  get isFinishing(): boolean {
    return this.finishing
  }

  async cancelCheckIn(): Promise<void> {
    const m = this.flow.measuring
    if (!m) return
    await this.deps.api.checkinCancel({ id: m.id }).catch(() => {})
    this.dispatch({ type: 'checkin-cancelled' })
  }

  async selfReport(report: SelfReport | null): Promise<void> {
    const r = this.flow.result
    if (!r) return
    await this.attempt(async () => {
      const result = await this.deps.api.checkinSelfReport({ id: r.id, report })
      this.dispatch({ type: 'self-reported', result })
    })
  }

  continue(): void {
    this.dispatch({ type: 'continue' })
  }

  // ---------- prescription and protocol ----------

  choose(protocol: 'sigh' | 'super-oxygenation', dose: 'full' | 'short'): void {
    if (!this.dispatch({ type: 'choose', protocol, dose })) return
    if (this.flow.prescription) this.persist({ prescription: this.flow.prescription })
  }

  goStraight(): void {
    this.dispatch({ type: 'go-straight', nowMs: this.deps.now() })
  }

  /** One-time opt-in after a clear contraindication check; recorded in the session. */
  async optIn(answers: Record<string, boolean> = {}): Promise<boolean> {
    const ok = await this.saveSettings({ superOxygenation: { optedIn: true } })
    if (ok)
      this.deps.api.sessionEvent({ type: 'safety', detail: { reason: 'opted-in', ...answers } }).catch(() => {
        this.unrecorded++
        this.changed()
      })
    return ok
  }

  safetyPassed(): void {
    this.dispatch({ type: 'safety-passed' })
  }

  safetyDeclined(reason: 'contraindication' | 'not-opted-in' | 'cancelled'): void {
    this.dispatch({ type: 'safety-declined', reason })
    if (this.flow.prescription) this.persist({ prescription: this.flow.prescription })
  }

  /** The plan for the chosen protocol and dose, from the saved timings. */
  plan(): ProtocolPlan | null {
    const p = this.flow.prescription
    if (!p?.chosen || !this.settings) return null
    return planProtocol(p.chosen, p.dose, this.settings, this.quickSighs)
  }

  /** The simulated person breathes with the pacer (null: back to spontaneous breathing). */
  follow(pattern: BreathPattern | null): void {
    if (pattern === null && !this.following) return
    if (pattern !== null && !this.deps.isSimulated()) return
    this.following = pattern !== null
    this.deps.api.simControl({ pattern }).catch(() => {})
  }

  protocolStarted(plan: ProtocolPlan): void {
    this.follow(plan.pattern)
  }

  async protocolEnded(done: ProtocolDone): Promise<void> {
    this.follow(null)
    if (!this.dispatch({ type: 'protocol-ended', done })) return
    if (this.flow.protocolDone) this.persist({ protocolDone: this.flow.protocolDone })
    await this.startCheckIn('re-check')
  }

  anotherRound(): void {
    this.dispatch({ type: 'another-round' })
  }

  // ---------- gate, skip, drill ----------

  /** Skip (after the screen's confirmation): recorded as an override, in a session of its own if need be. */
  async override(): Promise<void> {
    try {
      await this.ensureSession()
    } catch {
      // No session support: the override still opens the gate; the event counts as unrecorded.
    }
    this.dispatch({ type: 'override', nowMs: this.deps.now() })
  }

  requestDrill(): void {
    this.dispatch({ type: 'drill-requested' })
  }

  restConfirmed(): void {
    this.dispatch({ type: 'rest-confirmed' })
  }

  drillFinished(summary: { trials: number; errors: number } | null): void {
    this.dispatch({ type: 'drill-finished', trials: summary?.trials ?? 0, errors: summary?.errors ?? 0 })
  }

  restart(): void {
    this.error = null
    this.dispatch({ type: 'restart' })
  }

  /** A pacer phase began: one events.csv row per phase, so a recording shows the breathing. */
  breathPhase(phase: string, cycle: number): void {
    if (this.flow.step !== 'breathing') return
    this.deps.api.sessionEvent({ type: 'breath-phase', detail: { phase, cycle } }).catch(() => {
      this.unrecorded++
      this.changed()
    })
  }

  /** The study block is over (the timer ended it): close the gate until the next check-in. */
  blockFinished(): void {
    this.error = null
    this.dispatch({ type: 'block-finished' })
  }

  async saveSettings(patch: DeepPartial<Settings>): Promise<boolean> {
    return this.attempt(async () => {
      this.settings = await this.deps.api.settingsUpdate(patch)
    })
  }

  dismissError(): void {
    this.error = null
    this.changed()
  }

  // ---------- helpers ----------

  private async ensureSession(): Promise<void> {
    const { api } = this.deps
    const current = await api.sessionCurrent()
    if (!current) await api.sessionStart()
  }

  private persist(patch: Parameters<FlowApi['sessionUpdate']>[0]): void {
    this.deps.api.sessionUpdate(patch).catch(() => {
      this.unrecorded++
      this.changed()
    })
  }

  private async attempt(work: () => Promise<void>): Promise<boolean> {
    this.busy = true
    this.error = null
    this.changed()
    try {
      await work()
      return true
    } catch (err) {
      this.error = message(err)
      return false
    } finally {
      this.busy = false
      this.changed()
    }
  }

  private changed(): void {
    this.deps.onChange()
  }
}
