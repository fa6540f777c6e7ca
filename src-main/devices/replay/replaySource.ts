/**
 * Replays recorded raw device bytes through the real parsers, as a DataSource. Each fed packet
 * goes through exactly the path a live device's bytes take (HeartRateStream for 0x2A37), so a
 * replay reproduces a problem byte for byte. Used by benchmarks and tests; the `replay` CLI's
 * RawLogSource extends it with balance-board reports, so both share one lifecycle and status.
 */
import type { Clock } from '../clock'
import type { DataSource, DeviceInfo, Sample, SourceStatus } from '../dataSource'
import { Listeners } from '../emitter'
import { HeartRateStream } from '../ble/heartRateStream'

export const REPLAY_DEVICE: DeviceInfo = {
  id: 'replay',
  kind: 'replay',
  name: 'Recording replay',
  rssi: null,
  channels: ['heart'],
  simulated: true
}

export class ReplaySource implements DataSource {
  readonly id: string
  readonly kind = 'replay' as const
  protected readonly samples = new Listeners<Sample>()
  private readonly statuses = new Listeners<SourceStatus>()
  protected readonly heart = new HeartRateStream((s) => this.samples.emit(s))
  private state: SourceStatus['state'] = 'idle'

  /** `device`: what the replay presents itself as (its id is the source's id). */
  constructor(
    protected readonly clock: Clock,
    private readonly device: DeviceInfo = REPLAY_DEVICE
  ) {
    this.id = device.id
  }

  async discover(): Promise<DeviceInfo[]> {
    return [this.device]
  }
  async connect(): Promise<void> {
    this.setState('connected')
  }
  async start(): Promise<void> {
    this.setState('streaming')
  }
  async stop(): Promise<void> {
    this.setState('connected')
  }
  async dispose(): Promise<void> {
    this.setState('disconnected')
    this.samples.clear()
    this.statuses.clear()
  }

  /** Push one recorded heart-rate notification; returns false if it was dropped as malformed. */
  feedHeartRate(bytes: Uint8Array, arrivalMs = this.clock.now()): boolean {
    return this.heart.push(arrivalMs, bytes) !== null
  }

  status(): SourceStatus {
    return {
      sourceId: this.id,
      kind: this.kind,
      state: this.state,
      device: this.state === 'idle' ? null : this.device,
      problem: null,
      detail: null,
      batteryPct: null,
      contact: null,
      malformedCount: this.malformedCount,
      heartQuality: this.heart.qualityCounts,
      reconnectAttempt: 0,
      nextRetryAtMs: null,
      simulated: this.device.simulated,
      tMs: this.clock.now()
    }
  }

  onSample(listener: (sample: Sample) => void): () => void {
    return this.samples.add(listener)
  }
  onStatus(listener: (status: SourceStatus) => void): () => void {
    return this.statuses.add(listener)
  }

  protected get malformedCount(): number {
    return this.heart.malformedCount
  }

  private setState(state: SourceStatus['state']): void {
    this.state = state
    this.statuses.emit(this.status())
  }
}
