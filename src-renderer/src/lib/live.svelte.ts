/**
 * Live device state for the screens, fed by main's events. Beats also go to plain callbacks so
 * the chart can append one point per beat without Svelte diffing an array.
 */
import { hrBpmFromRrMs } from '../../../src-main/shared/perMinute'
import type {
  AppApi,
  ChestBreathingUpdate,
  LiveBeat,
  LiveRecent,
  SourceStatus
} from '../../../src-main/shared/contract'
import type { LiveMetrics } from '../../../src-main/shared/arousal'

/**
 * How much recent data the store keeps for the Live screen. The store lives as long as the
 * window, so the chart and the trends keep their history when the person leaves Live and comes
 * back; main keeps the same window ('live:recent'), so a reload starts from it, not afresh.
 */
export const RECENT_BEATS_MS = 120_000
export const METRICS_HISTORY_MS = 120_000

/** The board's latest reading, for the Live screen. */
export interface BoardReading {
  tMs: number
  totalKg: number
  copXMm: number | null
  copYMm: number | null
}

type BeatListener = (beat: LiveBeat) => void
type ChestListener = (update: ChestBreathingUpdate) => void

export class LiveStore {
  hrBpm = $state<number | null>(null)
  strapHrBpm = $state<number | null>(null)
  contact = $state<SourceStatus['contact']>(null)
  beats = $state(0)
  lastSeq = $state(-1)
  simulated = $state(false)
  platform = $state('linux')
  statuses = $state<Record<string, SourceStatus>>({})
  /** main's rolling figures (about once a second): RMSSD, breathing rate with its confidence. */
  metrics = $state<LiveMetrics | null>(null)
  board = $state<BoardReading | null>(null)
  /** Recent beats and figures (plain arrays: read when drawing, not rendered reactively). */
  readonly recentBeats: LiveBeat[] = []
  readonly metricsHistory: LiveMetrics[] = []
  /** Bumped when main's recent window is merged in, so charts drawn from it redraw. */
  historyVersion = $state(0)
  private recentRr: number[] = []
  private heartSourceId: string | null = null
  // Plain Set on purpose: listeners are callbacks, not state to render.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly beatListeners = new Set<BeatListener>()
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly chestListeners = new Set<ChestListener>()

  connect(api: AppApi): () => void {
    const offs = [
      api.on('heart:beat', (beat) => this.onBeat(beat)),
      api.on('heart:measurement', (m) => {
        this.strapHrBpm = m.hrBpm
        this.contact = m.contact
      }),
      api.on('device:status', (s) => this.onStatus(s)),
      api.on('metrics:update', (m) => this.onMetrics(m)),
      // Breathing measured at the chest: passed straight to the views that draw it.
      api.on('breathing:chest', (update) => {
        for (const l of this.chestListeners) l(update)
      }),
      api.on('balance:samples', (samples) => {
        const last = samples.at(-1)
        if (last)
          this.board = { tMs: last.tMs, totalKg: last.totalKg, copXMm: last.copXMm, copYMm: last.copYMm }
      })
    ]
    void api.devicesStatus().then((list) => list.forEach((s) => this.onStatus(s)))
    void this.loadRecent(api)
    void api.appInfo().then((info) => (this.platform = info.platform))
    return () => offs.forEach((off) => off())
  }

  /** Asks main for its recent window (a reload, or a screen that opens) and merges it in. */
  async loadRecent(api: Pick<AppApi, 'liveRecent'>): Promise<void> {
    try {
      this.mergeRecent(await api.liveRecent())
    } catch {
      // An older main without the channel: the history starts with the next beat, as before.
    }
  }

  /**
   * Puts main's recent beats and metrics before the ones this window already has (those it
   * received itself win: main's copy of them is the same), oldest first, within the window.
   */
  mergeRecent(recent: LiveRecent): void {
    const firstBeat = this.recentBeats[0]?.tMs ?? Infinity
    const olderBeats = recent.beats.filter((b) => b.tMs < firstBeat)
    const firstMetrics = this.metricsHistory[0]?.tMs ?? Infinity
    const olderMetrics = recent.metrics.filter((m) => m.tMs < firstMetrics)
    if (olderBeats.length === 0 && olderMetrics.length === 0) return
    this.recentBeats.unshift(...olderBeats)
    this.metricsHistory.unshift(...olderMetrics)
    const newestBeat = this.recentBeats.at(-1)?.tMs ?? 0
    while (this.recentBeats.length > 0 && this.recentBeats[0]!.tMs < newestBeat - RECENT_BEATS_MS)
      this.recentBeats.shift()
    const newestMetrics = this.metricsHistory.at(-1)?.tMs ?? 0
    while (this.metricsHistory.length > 0 && this.metricsHistory[0]!.tMs < newestMetrics - METRICS_HISTORY_MS)
      this.metricsHistory.shift()
    this.historyVersion++
  }

  onBeatAdded(listener: BeatListener): () => void {
    this.beatListeners.add(listener)
    return () => this.beatListeners.delete(listener)
  }

  /** Measured breathing (chest sensor), as main sends it; returns an unsubscribe. */
  onChestBreathing(listener: ChestListener): () => void {
    this.chestListeners.add(listener)
    return () => this.chestListeners.delete(listener)
  }

  /** The heart source in use: a live one beats a released one; among equals, the newest report. */
  get heartStatus(): SourceStatus | null {
    const rank = (s: SourceStatus): number => (s.state === 'disconnected' || s.state === 'idle' ? 0 : 1)
    let best: SourceStatus | null = null
    for (const s of Object.values(this.statuses)) {
      if (!isHeartStatus(s)) continue
      if (!best || rank(s) > rank(best) || (rank(s) === rank(best) && s.tMs >= best.tMs)) best = s
    }
    return best
  }

  /** The board in use, when one streams. */
  get boardStatus(): SourceStatus | null {
    return (
      Object.values(this.statuses).find(
        (s) => s.device?.channels.includes('balance') && s.state === 'streaming'
      ) ?? null
    )
  }

  /** True while the heart source streams: figures shown otherwise are the last known, not live. */
  get heartFresh(): boolean {
    return this.heartStatus?.state === 'streaming'
  }

  private onMetrics(m: LiveMetrics): void {
    this.metrics = m
    this.metricsHistory.push(m)
    while (this.metricsHistory.length > 0 && this.metricsHistory[0]!.tMs < m.tMs - METRICS_HISTORY_MS)
      this.metricsHistory.shift()
  }

  private onBeat(beat: LiveBeat): void {
    this.recentBeats.push(beat)
    while (this.recentBeats.length > 0 && this.recentBeats[0]!.tMs < beat.tMs - RECENT_BEATS_MS)
      this.recentBeats.shift()
    // Shown HR: mean of 60000/RR over the last 3 beats - steady to read, still beat-responsive.
    this.recentRr.push(beat.rrMs)
    if (this.recentRr.length > 3) this.recentRr.shift()
    this.hrBpm = this.recentRr.reduce((sum, rr) => sum + hrBpmFromRrMs(rr), 0) / this.recentRr.length
    this.beats++
    this.lastSeq = beat.seq
    for (const l of this.beatListeners) l(beat)
  }

  private onStatus(status: SourceStatus): void {
    this.statuses = { ...this.statuses, [status.sourceId]: status }
    this.simulated = Object.values(this.statuses).some(
      (s) => s.simulated && s.state === 'streaming' && s.device?.channels.includes('heart')
    )
    if (!status.device?.channels.includes('heart')) return
    // A new heart source (or a gap in this one): don't average its beats with the old ones.
    if (status.state !== 'streaming' || status.sourceId !== this.heartSourceId) this.recentRr = []
    if (status.state === 'streaming') this.heartSourceId = status.sourceId
  }
}

/**
 * A status of a heart source: its device measures the heart, or - before any device was reached
 * (a strap not found) - it is a kind of source that only measures the heart.
 */
function isHeartStatus(s: SourceStatus): boolean {
  return s.device ? s.device.channels.includes('heart') : s.kind === 'ble-hr'
}

export const live = new LiveStore()
