/**
 * The live signal as its own feature: every routed heart sample goes through one
 * LiveMetricsPipeline (artefact correction, rolling 60 s HRV and breathing rate, arousal with
 * hysteresis against `ctx.baseline`). About once a second (clock timer, armed by the first heart
 * sample) it emits 'metrics:update' and tells its subscribers.
 *
 * Who listens, explicitly (see featureContext.ts `LiveSignal`):
 *   - the check-in feature: raw beats and breaks (`onRaw`), the strap's contact;
 *   - the session feature: every beat sample (`onBeatSample`, after the pipeline has taken it in),
 *     judged beats (`onBeat`, beats.csv rr_clean_ms) and metrics (`onMetrics`, metrics.csv);
 *   - the session engine: metrics (`onMetrics`).
 * The pipeline is the only subscriber of heart samples that cleans beats, so nothing depends on
 * the order in which features are built.
 *
 * Chest data (a Polar H10 streaming its accelerometer) goes through LiveChest: each frame is sent
 * as 'breathing:chest' (the measured breath for the pacer screen), and while it is current the
 * metrics say the breathing figure is measured (`respSource: 'chest'`, `chestRateBpm`).
 */
import type { BeatSample } from '../../devices/dataSource'
import type { LiveMetrics } from '../../shared/arousal'
import { Listeners } from '../../devices/emitter'
import type { Feature, FeatureContext, LiveSignal } from './featureContext'
import { LiveChest } from './liveChest'
import { LiveMetricsPipeline } from './liveMetrics'
import { RecentWindow } from './liveRecent'
import { hrBpmFromRrMs } from '../../shared/perMinute'

/** How often live metrics are sent. */
export const METRICS_INTERVAL_MS = 1000

export interface LiveFeatureOptions {
  metricsIntervalMs?: number
}

export type LiveFeature = Feature & LiveSignal

/** `ctx` without `live` (this feature provides it). */
export type LiveContext = Omit<FeatureContext, 'live' | 'session' | 'checkIns' | 'learner' | 'activity'>

export function createLiveFeature(ctx: LiveContext, options: LiveFeatureOptions = {}): LiveFeature {
  const intervalMs = options.metricsIntervalMs ?? METRICS_INTERVAL_MS
  const pipeline = new LiveMetricsPipeline({ baseline: () => ctx.baseline.stats() })
  const beatSamples = new Listeners<BeatSample>()
  const metricsListeners = new Listeners<LiveMetrics>()
  let timer: unknown = null
  let disposed = false
  // The last two minutes for the Live screen ('live:recent'): beats as 'heart:beat' sends them.
  const recent = new RecentWindow()

  const unsubSample = ctx.onSample((sample, sourceId) => {
    if (disposed) return
    pipeline.push(sample, sourceId)
    if (sample.type === 'beat') {
      recent.addBeat({
        tMs: sample.tMs,
        rrMs: sample.rrMs,
        hrBpm: hrBpmFromRrMs(sample.rrMs),
        seq: sample.seq
      })
      beatSamples.emit(sample)
    }
    if (timer === null && (sample.type === 'beat' || sample.type === 'hr')) schedule()
  })

  const chest = new LiveChest()
  const unsubChest =
    ctx.onChest?.((event, sourceId) => {
      if (disposed) return
      const update = chest.push(event, sourceId)
      if (update) ctx.emit('breathing:chest', update)
    }) ?? ((): void => undefined)

  function schedule(): void {
    timer = ctx.clock.setTimeout(tick, intervalMs)
  }

  function tick(): void {
    timer = null
    if (disposed) return
    const now = ctx.clock.now()
    const rsa = pipeline.metrics(now)
    const m: LiveMetrics | null = rsa && {
      ...rsa,
      respSource: chest.current(now) ? 'chest' : 'rsa',
      chestRateBpm: chest.rateBpm(now)
    }
    if (m) {
      recent.addMetrics(m)
      ctx.emit('metrics:update', m)
      metricsListeners.emit(m)
    }
    schedule()
  }

  return {
    handlers: {
      'live:recent': () => recent.snapshot()
    },
    onBeatSample: (listener) => beatSamples.add(listener),
    onRaw: (listener) => pipeline.onRaw(listener),
    onBeat: (listener) => pipeline.onBeat(listener),
    onMetrics: (listener) => metricsListeners.add(listener),
    lastContact: () => pipeline.lastContact,
    dispose: async () => {
      disposed = true
      unsubSample()
      unsubChest()
      if (timer !== null) ctx.clock.clearTimeout(timer)
      timer = null
    }
  }
}
