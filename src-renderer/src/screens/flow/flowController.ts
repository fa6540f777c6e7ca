/**
 * The flow screens' view of the session flow main runs (core/session/flowEngine.ts): every step
 * the person takes is an intent (flow:*), and the flow drawn is the one main answers or pushes
 * (`session:state`). What stays here is what is visual or local to the window: the pacer's plan
 * from the saved timings, the simulated person breathing with the pacer, the progress bar,
 * settings and the baseline summary shown. Plain TypeScript with an
 * injected API and clock, so it is unit-tested with a fake API.
 */
import type {
  AppApi,
  BaselineSummary,
  BreathPattern,
  DeepPartial,
  ProtocolName,
  SelfReport,
  SessionSnapshot,
  Settings
} from '../../../../src-main/shared/contract'
import type { Answers } from '../../../../src-main/shared/safety'
import type { BreathPhaseName } from '../../../../src-main/shared/breathing'
import { initialFlow, type Flow, type ProtocolDone } from '../../../../src-main/shared/flowMachine'
import { planProtocol, type ProtocolPlan } from './pacer'

export type FlowApi = Pick<
  AppApi,
  | 'settingsGet'
  | 'settingsUpdate'
  | 'baselineGet'
  | 'sessionSnapshot'
  | 'simControl'
  | 'flowStartCheckIn'
  | 'flowFinishCheckIn'
  | 'flowCancelCheckIn'
  | 'flowSelfReport'
  | 'flowContinue'
  | 'flowChooseProtocol'
  | 'flowGoStraight'
  | 'flowSafetyPassed'
  | 'flowOptIn'
  | 'flowBreathPhase'
  | 'flowSafetyDeclined'
  | 'flowProtocolEnded'
  | 'flowAnotherRound'
  | 'flowSkip'
  | 'flowRequestDrill'
  | 'flowRestConfirmed'
  | 'flowDrillFinished'
  | 'flowRestart'
>

export interface ControllerDeps {
  api: FlowApi
  /** Wall clock (Date.now). */
  now: () => number
  isSimulated: () => boolean
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
  private rev = -1
  private following = false

  constructor(private readonly deps: ControllerDeps) {}

  get needsBaseline(): boolean {
    return !this.baseline || this.baseline.source === 'population' || this.baseline.measurements === 0
  }

  /** Load settings, the baseline and main's flow (which a restart keeps). */
  async init(): Promise<void> {
    const { api } = this.deps
    await this.attempt(async () => {
      this.settings = await api.settingsGet()
    })
    await this.refreshBaseline()
    try {
      this.draw(await api.sessionSnapshot())
    } catch {
      // No session engine: the flow stays at its start.
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

  /** Draws main's flow (pushed or answered); an older snapshot than the one drawn is ignored. */
  draw(snapshot: SessionSnapshot): void {
    if (snapshot.rev < this.rev) return
    this.rev = snapshot.rev
    const before = this.flow
    this.flow = snapshot.flow
    // A finished baseline changes the baseline the screens show.
    if (this.flow.result?.kind === 'baseline' && this.flow.result !== before.result)
      void this.refreshAndShow()
    this.changed()
  }

  // ---------- check-ins ----------

  async startCheckIn(kind: 'check-in' | 're-check' | 'baseline'): Promise<void> {
    if (this.busy || this.flow.step === 'measuring') return
    await this.intent(() => this.deps.api.flowStartCheckIn({ kind }))
  }

  /** 0..1 by the clock. */
  progress(nowMs = this.deps.now()): number {
    const m = this.flow.measuring
    if (!m) return 0
    return Math.min(1, Math.max(0, (nowMs - m.startedAtMs) / (m.durationS * 1000)))
  }

  /** Called by the screen's clock; main finishes the check-in when its time is up. */
  async tick(nowMs = this.deps.now()): Promise<void> {
    if (this.flow.step === 'measuring' && this.progress(nowMs) >= 1) this.changed()
  }

  async finishCheckIn(): Promise<void> {
    if (this.flow.step !== 'measuring') return
    await this.intent(() => this.deps.api.flowFinishCheckIn())
  }

  /** The measuring time is up and main is judging it. */
  get isFinishing(): boolean {
    return this.flow.step === 'measuring' && this.progress() >= 1
  }

  async cancelCheckIn(): Promise<void> {
    if (!this.flow.measuring) return
    await this.intent(() => this.deps.api.flowCancelCheckIn())
  }

  async selfReport(report: SelfReport | null): Promise<void> {
    if (!this.flow.result) return
    await this.intent(() => this.deps.api.flowSelfReport({ report }))
  }

  continue(): Promise<boolean> {
    return this.intent(() => this.deps.api.flowContinue())
  }

  // ---------- prescription and protocol ----------

  choose(protocol: ProtocolName, dose: 'full' | 'short'): Promise<boolean> {
    return this.intent(() => this.deps.api.flowChooseProtocol({ protocol, dose }))
  }

  goStraight(): Promise<boolean> {
    return this.intent(() => this.deps.api.flowGoStraight())
  }

  /** One-time opt-in after a clear contraindication check: main checks, saves and records it. */
  async optIn(answers: Required<Answers>): Promise<boolean> {
    const ok = await this.intent(() => this.deps.api.flowOptIn(answers))
    if (ok) {
      await this.refreshSettings()
      this.changed()
    }
    return ok
  }

  private async refreshSettings(): Promise<void> {
    try {
      this.settings = await this.deps.api.settingsGet()
    } catch {
      // Keep what we have.
    }
  }

  safetyPassed(): Promise<boolean> {
    return this.intent(() => this.deps.api.flowSafetyPassed())
  }

  safetyDeclined(reason: 'contraindication' | 'not-opted-in' | 'cancelled'): Promise<boolean> {
    return this.intent(() => this.deps.api.flowSafetyDeclined({ reason }))
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

  /** Main records the protocol and starts the re-check by itself. */
  async protocolEnded(done: ProtocolDone): Promise<void> {
    this.follow(null)
    await this.intent(() => this.deps.api.flowProtocolEnded(done))
  }

  anotherRound(): Promise<boolean> {
    return this.intent(() => this.deps.api.flowAnotherRound())
  }

  // ---------- gate, skip, drill ----------

  /** Skip (after the screen's confirmation): recorded by main as an override. */
  async override(): Promise<void> {
    await this.intent(() => this.deps.api.flowSkip())
  }

  requestDrill(): Promise<boolean> {
    return this.intent(() => this.deps.api.flowRequestDrill())
  }

  restConfirmed(): Promise<boolean> {
    return this.intent(() => this.deps.api.flowRestConfirmed())
  }

  drillFinished(summary: { trials: number; errors: number } | null): Promise<boolean> {
    return this.intent(() =>
      this.deps.api.flowDrillFinished({ trials: summary?.trials ?? 0, errors: summary?.errors ?? 0 })
    )
  }

  restart(): Promise<boolean> {
    this.error = null
    return this.intent(() => this.deps.api.flowRestart())
  }

  /** A pacer phase began: main records it (one events.csv row per phase) while the flow breathes. */
  breathPhase(phase: BreathPhaseName, cycle: number): void {
    if (this.flow.step !== 'breathing') return
    this.deps.api.flowBreathPhase({ phase, cycle }).catch(() => {
      this.unrecorded++
      this.changed()
    })
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

  private async refreshAndShow(): Promise<void> {
    await this.refreshBaseline()
    this.changed()
  }

  /** Sends an intent and draws main's answer; a failure is shown, never thrown. */
  private intent(call: () => Promise<SessionSnapshot>): Promise<boolean> {
    return this.attempt(async () => this.draw(await call()))
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
