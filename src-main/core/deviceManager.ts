/**
 * Owns the data sources and decides which one feeds each channel (heart, balance). Discovery runs
 * over every registered source at once, so the device picker lists straps, boards and the
 * simulator side by side; connecting a device replaces the current source for its channels.
 */
import type { PmdEvent } from '../devices/ble/pmdStream'
import type { Channel, DataSource, DeviceInfo, Sample, SourceStatus } from '../devices/dataSource'
import { Listeners } from '../devices/emitter'

/** A source the app can use, created on first need (hardware modules load lazily). */
export interface SourceProvider {
  name: string
  create(): Promise<DataSource>
}

export interface RoutedSample {
  sample: Sample
  source: DataSource
}

/** Chest data (Polar PMD) of the active heart source. */
export interface RoutedChest {
  event: PmdEvent
  source: DataSource
}

export function channelOf(sample: Sample): Channel {
  switch (sample.type) {
    case 'hr':
    case 'beat':
      return 'heart'
    case 'balance':
    case 'button':
      return 'balance'
    case 'gap':
      return sample.channel
  }
}

export class DeviceManager {
  private readonly created = new Map<string, Promise<DataSource>>()
  private readonly deviceOwner = new Map<string, { provider: SourceProvider; device: DeviceInfo }>()
  private readonly active = new Map<Channel, DataSource>()
  private readonly subscriptions = new Map<DataSource, () => void>()
  private readonly samples = new Listeners<RoutedSample>()
  private readonly chest = new Listeners<RoutedChest>()
  private readonly statuses = new Listeners<SourceStatus>()

  constructor(private readonly providers: SourceProvider[]) {}

  onSample(listener: (routed: RoutedSample) => void): () => void {
    return this.samples.add(listener)
  }

  onStatus(listener: (status: SourceStatus) => void): () => void {
    return this.statuses.add(listener)
  }

  /** Chest data from the source active for 'heart' (a strap streaming PMD), never from others. */
  onChest(listener: (routed: RoutedChest) => void): () => void {
    return this.chest.add(listener)
  }

  /** Discover on every provider in parallel; a provider that fails is skipped, not fatal. */
  async scan(timeoutMs = 5000): Promise<DeviceInfo[]> {
    const results = await Promise.all(
      this.providers.map(async (provider) => {
        try {
          const source = await this.sourceOf(provider)
          const devices = await source.discover({ timeoutMs })
          return devices.map((device) => ({ provider, device }))
        } catch {
          return []
        }
      })
    )
    const all = results.flat()
    for (const entry of all) this.deviceOwner.set(entry.device.id, entry)
    return all.map((e) => e.device)
  }

  /** Connect a discovered device and make its source the active one for its channels. */
  async connect(deviceId: string): Promise<SourceStatus> {
    let owner = this.deviceOwner.get(deviceId)
    if (!owner) {
      await this.scan()
      owner = this.deviceOwner.get(deviceId)
    }
    if (!owner) throw new Error(`device "${deviceId}" not found; scan again`)
    const source = await this.sourceOf(owner.provider)
    for (const channel of owner.device.channels) await this.release(channel, source)
    this.subscribe(source)
    for (const channel of owner.device.channels) this.active.set(channel, source)
    await source.connect(deviceId)
    await source.start()
    this.statuses.emit(source.status())
    return source.status()
  }

  async disconnect(channel: Channel): Promise<void> {
    await this.release(channel, null)
  }

  activeSource(channel: Channel): DataSource | null {
    return this.active.get(channel) ?? null
  }

  statusAll(): SourceStatus[] {
    return [...new Set(this.active.values())].map((s) => s.status())
  }

  async dispose(): Promise<void> {
    for (const unsubscribe of this.subscriptions.values()) unsubscribe()
    this.subscriptions.clear()
    this.active.clear()
    for (const p of this.created.values()) await (await p).dispose().catch(() => {})
    this.created.clear()
    this.samples.clear()
    this.chest.clear()
    this.statuses.clear()
  }

  private sourceOf(provider: SourceProvider): Promise<DataSource> {
    let p = this.created.get(provider.name)
    if (!p) {
      p = provider.create()
      this.created.set(provider.name, p)
      p.catch(() => this.created.delete(provider.name))
    }
    return p
  }

  /** One subscription per source; samples pass only for the channels the source is active for. */
  private subscribe(source: DataSource): void {
    if (this.subscriptions.has(source)) return
    const unsubSample = source.onSample((sample) => {
      if (this.active.get(channelOf(sample)) === source) this.samples.emit({ sample, source })
    })
    const unsubStatus = source.onStatus((status) => {
      if ([...this.active.values()].includes(source)) this.statuses.emit(status)
    })
    const unsubChest = source.onChest?.((event) => {
      if (this.active.get('heart') === source) this.chest.emit({ event, source })
    })
    this.subscriptions.set(source, () => {
      unsubSample()
      unsubStatus()
      unsubChest?.()
    })
  }

  /** Stop using the current source of `channel` unless it is `keep`. */
  private async release(channel: Channel, keep: DataSource | null): Promise<void> {
    const current = this.active.get(channel)
    if (!current || current === keep) return
    this.active.delete(channel)
    const stillUsed = [...this.active.values()].includes(current)
    if (!stillUsed) {
      this.subscriptions.get(current)?.()
      this.subscriptions.delete(current)
      await current.stop()
      this.statuses.emit({ ...current.status(), state: 'disconnected' })
    }
  }
}
