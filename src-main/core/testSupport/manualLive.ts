/**
 * A live signal driven by the test: beat samples are passed on as routed (like the live feature),
 * judged beats and metrics are whatever the test sends - for tests of what the subscribers (the
 * session recording) do with them, independent of the real cleaner.
 */
import type { BeatSample, Contact } from '../../devices/dataSource'
import { Listeners } from '../../devices/emitter'
import type { LiveMetrics } from '../../shared/arousal'
import type { Feature, LiveSignal } from '../features/featureContext'
import type { LiveContext } from '../features/liveFeature'
import type { JudgedBeat, RawEvent } from '../features/liveMetrics'

export class ManualLive implements Feature, LiveSignal {
  readonly handlers = {}
  private readonly samples = new Listeners<BeatSample>()
  private readonly raw = new Listeners<RawEvent>()
  private readonly beats = new Listeners<JudgedBeat>()
  private readonly metricsOut = new Listeners<LiveMetrics>()
  private readonly unsub: () => void
  contact: Contact | null = null

  constructor(ctx: LiveContext) {
    this.unsub = ctx.onSample((s) => {
      if (s.type !== 'beat') return
      this.samples.emit(s)
      this.raw.emit({ type: 'beat', tMs: s.tMs, rrMs: s.rrMs })
    })
  }

  /** Sends a judged beat to the subscribers. */
  judged(beat: JudgedBeat): void {
    this.beats.emit(beat)
  }

  /** Sends one tick's metrics to the subscribers. */
  metrics(m: LiveMetrics): void {
    this.metricsOut.emit(m)
  }

  onBeatSample = (l: (s: BeatSample) => void): (() => void) => this.samples.add(l)
  onRaw = (l: (e: RawEvent) => void): (() => void) => this.raw.add(l)
  onBeat = (l: (b: JudgedBeat) => void): (() => void) => this.beats.add(l)
  onMetrics = (l: (m: LiveMetrics) => void): (() => void) => this.metricsOut.add(l)
  lastContact = (): Contact | null => this.contact

  async dispose(): Promise<void> {
    this.unsub()
  }
}
