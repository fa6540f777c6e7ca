/**
 * Live device state for the screens, fed by main's events. Beats also go to plain callbacks so
 * the chart can append one point per beat without Svelte diffing an array.
 */
import { hrBpmFromRrMs } from '../../../src-main/shared/perMinute'
import type { AppApi, LiveBeat, SourceStatus } from '../../../src-main/shared/contract'

type BeatListener = (beat: LiveBeat) => void

export class LiveStore {
  hrBpm = $state<number | null>(null)
  strapHrBpm = $state<number | null>(null)
  contact = $state<SourceStatus['contact']>(null)
  beats = $state(0)
  lastSeq = $state(-1)
  simulated = $state(false)
  platform = $state('linux')
  statuses = $state<Record<string, SourceStatus>>({})
  private recentRr: number[] = []
  private heartSourceId: string | null = null
  // Plain Set on purpose: listeners are callbacks, not state to render.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly beatListeners = new Set<BeatListener>()

  connect(api: AppApi): () => void {
    const offs = [
      api.on('heart:beat', (beat) => this.onBeat(beat)),
      api.on('heart:measurement', (m) => {
        this.strapHrBpm = m.hrBpm
        this.contact = m.contact
      }),
      api.on('device:status', (s) => this.onStatus(s))
    ]
    void api.devicesStatus().then((list) => list.forEach((s) => this.onStatus(s)))
    void api.appInfo().then((info) => (this.platform = info.platform))
    return () => offs.forEach((off) => off())
  }

  onBeatAdded(listener: BeatListener): () => void {
    this.beatListeners.add(listener)
    return () => this.beatListeners.delete(listener)
  }

  /** The heart source in use: a live one beats a released one; among equals, the newest report. */
  get heartStatus(): SourceStatus | null {
    const rank = (s: SourceStatus): number => (s.state === 'disconnected' || s.state === 'idle' ? 0 : 1)
    let best: SourceStatus | null = null
    for (const s of Object.values(this.statuses)) {
      if (!s.device?.channels.includes('heart')) continue
      if (!best || rank(s) > rank(best) || (rank(s) === rank(best) && s.tMs >= best.tMs)) best = s
    }
    return best
  }

  private onBeat(beat: LiveBeat): void {
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

export const live = new LiveStore()
