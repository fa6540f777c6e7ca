/**
 * The one flow of this window as reactive state: wraps FlowController (plain TypeScript), which
 * draws the flow main runs, so every screen (session, drill, timer) sees the same one; keeps the
 * latest live metrics for the check-in and biofeedback views, and main's live view of the running
 * check-in (`session:measuring`: settling / measuring / enough, HR, recent RR).
 */
import type {
  AppApi,
  BaselineSummary,
  LiveMetrics,
  MeasuringLive,
  Settings
} from '../../../../src-main/shared/contract'
import { live } from '../../lib/live.svelte'
import { FlowController } from './flowController'
import { initialFlow, type Flow } from '../../../../src-main/shared/flowMachine'

export class FlowStore {
  flow = $state.raw<Flow>(initialFlow())
  error = $state<string | null>(null)
  busy = $state(false)
  finishing = $state(false)
  settings = $state.raw<Settings | null>(null)
  baseline = $state.raw<BaselineSummary | null>(null)
  unrecorded = $state(0)
  metrics = $state.raw<LiveMetrics | null>(null)
  /** The running check-in as main last pushed it (null when none, or not yet pushed). */
  measuringLive = $state.raw<MeasuringLive | null>(null)
  /** Arousal score of the check-in that set the prescription (for "before / after"). */
  beforeScore = $state<number | null>(null)
  controller: FlowController | null = null
  private ready: Promise<void> | null = null

  /** Idempotent: the first screen that needs the flow starts it. */
  init(api: AppApi): Promise<void> {
    if (this.ready) return this.ready
    api.on('metrics:update', (m) => (this.metrics = m))
    api.on('session:measuring', (m) => (this.measuringLive = m))
    const controller = new FlowController({
      api,
      now: () => Date.now(),
      isSimulated: () => live.simulated,
      onChange: () => this.sync()
    })
    this.controller = controller
    // Main pushes the flow whenever it changes (e.g. a check-in it finished when its time was up).
    api.on('session:state', (s) => controller.draw(s))
    // A finished resonance test changes the rate resonance breathing paces at.
    api.on('resonance:state', (s) => {
      controller.resonanceBpm = s.personRateBpm
    })
    this.ready = this.controller.init()
    return this.ready
  }

  get c(): FlowController {
    if (!this.controller) throw new Error('flow not initialised')
    return this.controller
  }

  get needsBaseline(): boolean {
    return this.controller?.needsBaseline ?? false
  }

  /** Settings may have changed on the settings screen since the flow loaded them. */
  async refreshSettings(api: Pick<AppApi, 'settingsGet'>): Promise<void> {
    try {
      const s = await api.settingsGet()
      if (this.controller) this.controller.settings = s
      this.settings = s
    } catch {
      // Keep what we have.
    }
  }

  private sync(): void {
    const c = this.c
    this.flow = c.flow
    this.error = c.error
    this.busy = c.busy
    this.finishing = c.isFinishing
    this.settings = c.settings
    this.baseline = c.baseline
    this.unrecorded = c.unrecorded
    // Only the running check-in's live view counts: a new one starts from nothing.
    if (c.flow.measuring?.id !== this.measuringLive?.id) this.measuringLive = null
    if (c.flow.step === 'prescription' && c.flow.result?.arousal)
      this.beforeScore = c.flow.result.arousal.score
    if (c.flow.step === 'start') this.beforeScore = null
  }
}

export const flowStore = new FlowStore()
