/**
 * The built-in simulator as a DataSource. It sits *below* the parsers: the simulated strap
 * produces 0x2A37 bytes that go through the same HeartRateStream a real strap's notifications go
 * through, so everything downstream (beat timing, artefact correction, HRV, arousal, recording)
 * is exercised exactly as with hardware.
 */
import type { Clock } from '../clock'
import type { DataSource, DeviceInfo, RawListener, Sample, SourceStatus } from '../dataSource'
import { Listeners } from '../emitter'
import { HeartRateStream } from '../ble/heartRateStream'
import { SimulatedHeart, type SimulatedHeartOptions } from './simulatedHeart'
import { SimulatedStrap } from './simulatedStrap'
import type { BreathPattern } from '../../shared/breathing'

export const SIM_STRAP_ID = 'sim-strap'

export interface SimulatorSourceOptions extends SimulatedHeartOptions {
  clock: Clock
  /** Called with every raw packet, for raw capture (`raw.log`). */
  onRaw?: (tMs: number, kind: 'hr', bytes: Uint8Array) => void
}

export class SimulatorSource implements DataSource {
  readonly id = 'simulator'
  readonly kind = 'simulator' as const
  readonly heart: SimulatedHeart
  private readonly strap: SimulatedStrap
  private readonly stream: HeartRateStream
  private readonly samples = new Listeners<Sample>()
  private readonly statuses = new Listeners<SourceStatus>()
  private readonly raws = new Set<RawListener>()
  private readonly clock: Clock
  private timer: unknown = null
  private startedAtMs = 0
  private state: SourceStatus['state'] = 'idle'
  private contact: SourceStatus['contact'] = null
  private disposed = false

  static readonly device: DeviceInfo = {
    id: SIM_STRAP_ID,
    kind: 'simulator',
    name: 'Simulated heart-rate strap',
    rssi: null,
    channels: ['heart'],
    simulated: true
  }

  constructor(private readonly options: SimulatorSourceOptions) {
    this.clock = options.clock
    this.heart = new SimulatedHeart(options)
    this.strap = new SimulatedStrap(this.heart)
    this.stream = new HeartRateStream((s) => this.samples.emit(s))
  }

  async discover(): Promise<DeviceInfo[]> {
    return [SimulatorSource.device]
  }

  async connect(deviceId?: string): Promise<void> {
    if (deviceId && deviceId !== SIM_STRAP_ID) throw new Error(`unknown simulated device "${deviceId}"`)
    this.setState('connected')
  }

  async start(): Promise<void> {
    if (this.disposed) throw new Error('simulator disposed')
    if (this.timer !== null) return
    this.startedAtMs = this.clock.now() - this.heart.elapsedMs
    this.setState('streaming')
    this.schedule()
  }

  async stop(): Promise<void> {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
    if (!this.disposed) this.setState('connected')
  }

  async dispose(): Promise<void> {
    await this.stop()
    this.disposed = true
    this.setState('disconnected')
    this.samples.clear()
    this.statuses.clear()
    this.raws.clear()
  }

  /** The app drives the simulated person: how aroused, and whether they follow a pacer. */
  setArousal(level: number, immediately = false): void {
    this.heart.setArousal(level, immediately)
  }

  followPattern(pattern: BreathPattern | null): void {
    this.heart.followPattern(pattern)
  }

  status(): SourceStatus {
    return {
      sourceId: this.id,
      kind: this.kind,
      state: this.state,
      device: this.state === 'idle' ? null : SimulatorSource.device,
      problem: null,
      detail: null,
      batteryPct: 100,
      contact: this.contact,
      malformedCount: this.stream.malformedCount,
      heartQuality: this.stream.qualityCounts,
      reconnectAttempt: 0,
      nextRetryAtMs: null,
      simulated: true,
      tMs: this.clock.now()
    }
  }

  onSample(listener: (sample: Sample) => void): () => void {
    return this.samples.add(listener)
  }

  onStatus(listener: (status: SourceStatus) => void): () => void {
    return this.statuses.add(listener)
  }

  onRaw(listener: RawListener): () => void {
    this.raws.add(listener)
    return () => this.raws.delete(listener)
  }

  private schedule(): void {
    const dueAt = this.startedAtMs + this.strap.nextPacketAtMs
    this.timer = this.clock.setTimeout(() => this.tick(), Math.max(0, dueAt - this.clock.now()))
  }

  private tick(): void {
    this.timer = null
    const simNow = this.clock.now() - this.startedAtMs
    for (const packet of this.strap.packetsUntil(simNow)) {
      const arrivalMs = this.startedAtMs + packet.tMs
      this.options.onRaw?.(arrivalMs, 'hr', packet.bytes)
      for (const raw of this.raws) raw(arrivalMs, 'hr', packet.bytes)
      const m = this.stream.push(arrivalMs, packet.bytes)
      if (m && m.contact !== this.contact) {
        this.contact = m.contact
        this.statuses.emit(this.status())
      }
    }
    if (this.state === 'streaming') this.schedule()
  }

  private setState(state: SourceStatus['state']): void {
    this.state = state
    this.statuses.emit(this.status())
  }
}
