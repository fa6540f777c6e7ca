/**
 * The lifecycle every hardware source shares (BLE strap, balance board): connect / start / stop /
 * dispose, the 'paused' gap emitted on resume, losing the link and reconnecting with backoff,
 * the status it reports and the listeners it feeds.
 *
 * Why a base class: BleHeartRateSource and WbbSource carried these ~150 lines twice, word for
 * word, and a fix to one (a retry race, a status field) had to be remembered in the other. What
 * differs between them is the transport: how a link is established, released and closed, how a
 * loss is marked in the data, and which problems make retrying pointless. Those are the abstract
 * hooks below; everything else lives here once.
 *
 * Stale async work (a connect still running when the user switches device, a link that dropped)
 * is cancelled by a generation counter: every callback checks that its generation is current
 * (`checker`), and superseded work throws `Superseded`, which never escapes to callers.
 */
import { ReconnectPolicy, type ReconnectPolicyOptions } from './ble/reconnectPolicy'
import type { Clock } from './clock'
import type {
  Channel,
  ConnectionState,
  Contact,
  DataSource,
  DeviceInfo,
  HeartDataQuality,
  ProblemCode,
  RawListener,
  Sample,
  SourceKind,
  SourceStatus,
  Unsubscribe
} from './dataSource'
import { Listeners } from './emitter'

/** Thrown inside superseded async work; never escapes to callers as a failure of theirs. */
export class Superseded extends Error {}

export type StatusPatch = Partial<
  Omit<SourceStatus, 'sourceId' | 'kind' | 'tMs' | 'simulated' | 'malformedCount' | 'heartQuality'>
>

export type RawKind = 'hr' | 'wbb'

export interface LinkedSourceConfig<K extends RawKind> {
  clock: Clock
  id: string
  /** The channel of the 'paused' gap emitted when streaming resumes. */
  channel: Channel
  /** How raw bytes are tagged for raw listeners. */
  rawKind: K
  /** What the source is called in "disposed" errors. */
  label: string
  preferredDeviceId?: string | null
  reconnect?: ReconnectPolicy | ReconnectPolicyOptions
  simulated?: boolean
  onRaw?: (tMs: number, kind: K, bytes: Uint8Array) => void
}

export abstract class LinkedSource<L, K extends RawKind> implements DataSource {
  readonly id: string
  abstract readonly kind: SourceKind
  protected readonly clock: Clock
  protected readonly policy: ReconnectPolicy
  protected readonly samples = new Listeners<Sample>()
  protected readonly statuses = new Listeners<SourceStatus>()
  protected readonly raws = new Set<RawListener>()

  protected state: ConnectionState = 'idle'
  protected problem: ProblemCode | null = null
  protected detail: string | null = null
  protected device: DeviceInfo | null = null
  protected batteryPct: number | null = null
  protected contact: Contact | null = null
  protected reconnectAttempt = 0
  protected nextRetryAtMs: number | null = null

  /** Bumped whenever in-flight work must be abandoned (new connect, link loss, dispose). */
  protected generation = 0
  protected link: L | null = null
  /** The device we mean to stay connected to; null = none (never connected, or disposed). */
  protected wantedId: string | null = null
  private retryTimer: unknown = null
  protected started = false
  private stoppedAtMs: number | null = null
  protected disposed = false

  constructor(private readonly config: LinkedSourceConfig<K>) {
    this.id = config.id
    this.clock = config.clock
    this.policy =
      config.reconnect instanceof ReconnectPolicy ? config.reconnect : new ReconnectPolicy(config.reconnect)
  }

  // ---- what each transport supplies -------------------------------------------------------------

  /** Find, connect, initialise, then `linkUp`. Throws Superseded if a newer request took over. */
  protected abstract establish(
    generation: number,
    targetId: string | null,
    reconnecting: boolean
  ): Promise<void>
  /** The id of the device `link` talks to. */
  protected abstract linkedDeviceId(link: L): string | null
  /** Start the link's liveness timers (watchdog, ticks) once it is up. */
  protected abstract armLink(link: L): void
  /** Stop listening to the link and its timers; forget it if it is the current one. */
  protected abstract releaseLink(link: L): void
  /** Mark in the data that the link went away, so the next sample is preceded by a gap. */
  protected abstract markLinkLost(): void
  /** The source's own problem code carried by `err`, if it is one of its problem errors. */
  protected abstract problemCodeOf(err: unknown): ProblemCode | null
  /** A retry failed with `code`: true when retrying is pointless until something else resumes it. */
  protected abstract waitsForResume(code: ProblemCode | null): boolean
  protected abstract get malformedCount(): number
  /** Sources that parse heart notifications report what they flagged (SourceStatus.heartQuality). */
  protected get heartQuality(): HeartDataQuality | null {
    return null
  }

  /** A link reported lost that is not (or no longer) the current one. */
  protected discardLink(_link: L): void {}
  /** A link dropped on purpose, already released: end it with the device. */
  protected async closeDropped(_link: L): Promise<void> {}
  /** After dispose has dropped the link, before the final status: release the driver. */
  protected async releaseDriver(): Promise<void> {}

  // ---- DataSource -------------------------------------------------------------------------------

  abstract discover(options?: { timeoutMs?: number }): Promise<DeviceInfo[]>

  async connect(deviceId?: string): Promise<void> {
    this.assertUsable()
    const target = deviceId ?? this.wantedId ?? this.config.preferredDeviceId ?? null
    if (this.link && (target === null || this.linkedDeviceId(this.link) === target)) return
    const generation = this.supersede()
    await this.dropLink('switching')
    this.wantedId = target
    this.reconnectAttempt = 0
    this.nextRetryAtMs = null
    try {
      await this.establish(generation, target, false)
    } catch (err) {
      if (err instanceof Superseded) return
      const problem = this.problemCodeOf(err) ?? 'connect-failed'
      this.set({ state: 'error', problem, detail: (err as Error).message })
      throw err
    }
  }

  async start(): Promise<void> {
    this.assertUsable()
    if (this.started) return
    if (this.link === null && (this.state === 'idle' || this.state === 'disconnected')) await this.connect()
    this.started = true
    if (this.stoppedAtMs !== null) {
      const now = this.clock.now()
      this.samples.emit({
        type: 'gap',
        tMs: now,
        channel: this.config.channel,
        fromMs: this.stoppedAtMs,
        toMs: now,
        reason: 'paused'
      })
      this.stoppedAtMs = null
    }
    if (this.link) this.setState('streaming')
  }

  async stop(): Promise<void> {
    if (!this.started) return
    this.started = false
    this.stoppedAtMs = this.clock.now()
    if (this.link && !this.disposed) this.setState('connected')
  }

  async dispose(): Promise<void> {
    if (this.disposed) return
    this.started = false
    this.supersede()
    this.wantedId = null
    await this.dropLink('dispose')
    this.disposed = true
    await this.releaseDriver()
    this.set({ state: 'disconnected', nextRetryAtMs: null })
    this.samples.clear()
    this.statuses.clear()
    this.raws.clear()
  }

  status(): SourceStatus {
    return {
      sourceId: this.id,
      kind: this.kind,
      state: this.state,
      device: this.device,
      problem: this.problem,
      detail: this.detail,
      batteryPct: this.batteryPct,
      contact: this.contact,
      malformedCount: this.malformedCount,
      ...(this.heartQuality ? { heartQuality: this.heartQuality } : {}),
      reconnectAttempt: this.reconnectAttempt,
      nextRetryAtMs: this.nextRetryAtMs,
      simulated: this.config.simulated ?? false,
      tMs: this.clock.now()
    }
  }

  onSample(listener: (sample: Sample) => void): Unsubscribe {
    return this.samples.add(listener)
  }

  onStatus(listener: (status: SourceStatus) => void): Unsubscribe {
    return this.statuses.add(listener)
  }

  onRaw(listener: RawListener): Unsubscribe {
    this.raws.add(listener)
    return () => this.raws.delete(listener)
  }

  // ---- for the transports -----------------------------------------------------------------------

  /** Run a discovery; an idle source shows 'scanning' meanwhile and returns to 'idle' after. */
  protected async scanning<T>(work: () => Promise<T>): Promise<T> {
    const idle = this.link === null && this.state !== 'reconnecting'
    if (idle) this.setState('scanning')
    try {
      return await work()
    } finally {
      if (idle && this.state === 'scanning') this.set({ state: 'idle', problem: null, detail: null })
    }
  }

  /** Throws Superseded once `generation` is no longer current (or the source is disposed). */
  protected checker(generation: number): () => void {
    return () => {
      if (generation !== this.generation || this.disposed) throw new Superseded()
    }
  }

  /** The link is established: make it current and report it (`detail`: a warning, or null). */
  protected linkUp(link: L, deviceId: string, detail: string | null): void {
    this.link = link
    this.wantedId = deviceId
    this.cancelRetry()
    this.reconnectAttempt = 0
    this.armLink(link)
    this.set({
      state: this.started ? 'streaming' : 'connected',
      problem: null,
      detail,
      nextRetryAtMs: null
    })
  }

  /** Raw bytes as received, to the `onRaw` option and every raw listener. */
  protected emitRaw(tMs: number, bytes: Uint8Array): void {
    this.config.onRaw?.(tMs, this.config.rawKind, bytes)
    for (const raw of this.raws) raw(tMs, this.config.rawKind, bytes)
  }

  /** The link dropped (error, silence): report 'reconnecting' and retry with backoff. */
  protected linkLost(link: L, detail: string): void {
    if (link !== this.link || this.disposed) {
      this.discardLink(link)
      return
    }
    this.supersede()
    this.releaseLink(link)
    this.markLinkLost()
    this.set({ state: 'reconnecting', problem: 'link-lost', detail })
    this.scheduleRetry(this.generation)
  }

  protected scheduleRetry(generation: number): void {
    this.cancelRetry()
    const attempt = this.reconnectAttempt + 1
    const delayMs = this.policy.delayMs(attempt)
    if (delayMs === null) {
      this.set({ state: 'disconnected', problem: 'gave-up', nextRetryAtMs: null })
      return
    }
    this.reconnectAttempt = attempt
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = null
      void this.retry(generation)
    }, delayMs)
    this.set({ state: 'reconnecting', nextRetryAtMs: this.clock.now() + delayMs })
  }

  private async retry(generation: number): Promise<void> {
    if (generation !== this.generation || this.disposed) return
    this.set({ nextRetryAtMs: null })
    try {
      await this.establish(generation, this.wantedId, true)
    } catch (err) {
      if (err instanceof Superseded || generation !== this.generation || this.disposed) return
      if (this.waitsForResume(this.problemCodeOf(err))) return
      this.set({ state: 'reconnecting', problem: 'link-lost', detail: (err as Error).message })
      this.scheduleRetry(generation)
    }
  }

  protected cancelRetry(): void {
    if (this.retryTimer !== null) this.clock.clearTimeout(this.retryTimer)
    this.retryTimer = null
  }

  /** Abandon in-flight work; returns the new generation. */
  protected supersede(): number {
    this.cancelRetry()
    return ++this.generation
  }

  /** End the current link on purpose (switching device, dispose). */
  private async dropLink(why: 'switching' | 'dispose'): Promise<void> {
    const link = this.link
    if (!link) return
    this.releaseLink(link)
    this.markLinkLost()
    this.contact = null
    this.batteryPct = null
    if (why === 'dispose') this.device = null
    await this.closeDropped(link)
  }

  protected assertUsable(): void {
    if (this.disposed) throw new Error(`${this.config.label} disposed`)
  }

  protected setState(state: ConnectionState): void {
    this.set({ state })
  }

  protected set(patch: StatusPatch): void {
    if (patch.state !== undefined) this.state = patch.state
    if (patch.problem !== undefined) this.problem = patch.problem
    if (patch.detail !== undefined) this.detail = patch.detail
    if (patch.device !== undefined) this.device = patch.device
    if (patch.batteryPct !== undefined) this.batteryPct = patch.batteryPct
    if (patch.contact !== undefined) this.contact = patch.contact
    if (patch.reconnectAttempt !== undefined) this.reconnectAttempt = patch.reconnectAttempt
    if (patch.nextRetryAtMs !== undefined) this.nextRetryAtMs = patch.nextRetryAtMs
    this.statuses.emit(this.status())
  }
}
