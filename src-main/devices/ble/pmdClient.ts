/**
 * Polar Measurement Data (PMD) over one connected strap: find the service, read the features,
 * ask for settings, start and stop a measurement, and hand every data notification on.
 *
 * Used by BleHeartRateSource after the heart-rate link is up, inside the same link (same
 * connect, same drop, same reconnect): a strap without PMD gives `open() === null` and nothing
 * else changes. The protocol bytes are in pmdProtocol.ts; the source of each fact is cited there.
 *
 * Requests are serialised (the control point answers one at a time). Each waits for its
 * indication (`F0 <op> <type> ...`, continued while `more` is set) up to `timeoutMs`; a refusal
 * rejects with PmdRequestError carrying the sensor's status name ('invalid-sample-rate', ...).
 */
import type { Clock } from '../clock'
import { shortUuid, type CharacteristicLike, type PeripheralLike } from './nobleLike'
import {
  encodePmdRequest,
  parsePmdFeatures,
  parsePmdResponse,
  parsePmdSettings,
  PMD_CONTROL_POINT,
  PMD_DATA,
  PMD_OP_GET_SETTINGS,
  PMD_OP_START,
  PMD_OP_STOP,
  PMD_SERVICE,
  type PmdControlPointResponse,
  type PmdSettings
} from './pmdProtocol'

export class PmdRequestError extends Error {
  constructor(
    readonly statusName: string,
    message: string
  ) {
    super(message)
    this.name = 'PmdRequestError'
  }
}

interface Pending {
  op: number
  measurementType: number
  parts: Uint8Array[]
  resolve: (r: { response: PmdControlPointResponse; parameters: Uint8Array }) => void
  reject: (err: Error) => void
  timer: unknown
}

export class PmdClient {
  private pending: Pending | null = null
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false
  private readonly cleanups: (() => void)[] = []

  private constructor(
    private readonly controlPoint: CharacteristicLike,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
    /** Measurement types the sensor offers (features read). */
    readonly features: number[]
  ) {}

  /**
   * Find PMD on a connected peripheral and subscribe to its control point and data. Null when
   * the strap has no PMD service (every strap but Polar's); throws when PMD is there but broken.
   */
  static async open(
    peripheral: PeripheralLike,
    options: { clock: Clock; timeoutMs?: number; onFrame: (bytes: Uint8Array) => void }
  ): Promise<PmdClient | null> {
    const { characteristics } = await peripheral.discoverSomeServicesAndCharacteristicsAsync(
      [PMD_SERVICE],
      [PMD_CONTROL_POINT, PMD_DATA]
    )
    const find = (uuid: string): CharacteristicLike | undefined =>
      characteristics.find((c) => shortUuid(c.uuid) === uuid)
    const cp = find(PMD_CONTROL_POINT)
    const data = find(PMD_DATA)
    if (!cp || !data) return null
    if (!cp.writeAsync) throw new Error('PMD control point is not writable here')
    const features = parsePmdFeatures(new Uint8Array(await cp.readAsync()))
    const client = new PmdClient(cp, options.clock, options.timeoutMs ?? 5000, features)
    const onIndication = (buf: Buffer, isNotification: boolean): void => {
      if (isNotification)
        client.indication(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength).slice())
    }
    const onData = (buf: Buffer): void => {
      if (!client.closed) options.onFrame(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength).slice())
    }
    cp.on('data', onIndication)
    data.on('data', onData)
    client.cleanups.push(
      () => cp.removeListener('data', onIndication),
      () => data.removeListener('data', onData)
    )
    await cp.subscribeAsync()
    await data.subscribeAsync()
    return client
  }

  offers(measurementType: number): boolean {
    return this.features.includes(measurementType)
  }

  /** What the sensor can do for a measurement (sample rates, resolutions, ranges...). */
  async getSettings(measurementType: number): Promise<PmdSettings> {
    const { parameters } = await this.request(PMD_OP_GET_SETTINGS, measurementType)
    return parsePmdSettings(parameters)
  }

  /** Start streaming with one value per setting; resolves once the sensor said yes. */
  async start(measurementType: number, settings: PmdSettings): Promise<void> {
    await this.request(PMD_OP_START, measurementType, settings)
  }

  async stop(measurementType: number): Promise<void> {
    await this.request(PMD_OP_STOP, measurementType)
  }

  /** Stop listening (the link is going away or was lost); pending requests fail. */
  close(): void {
    this.closed = true
    for (const c of this.cleanups) c()
    this.cleanups.length = 0
    const p = this.pending
    this.pending = null
    if (p) {
      this.clock.clearTimeout(p.timer)
      p.reject(new Error('PMD link closed'))
    }
  }

  private request(
    op: number,
    measurementType: number,
    settings?: PmdSettings
  ): Promise<{ response: PmdControlPointResponse; parameters: Uint8Array }> {
    const run = (): Promise<{ response: PmdControlPointResponse; parameters: Uint8Array }> =>
      new Promise((resolve, reject) => {
        if (this.closed) {
          reject(new Error('PMD link closed'))
          return
        }
        const timer = this.clock.setTimeout(() => {
          if (this.pending?.timer !== timer) return
          this.pending = null
          reject(
            new PmdRequestError('timeout', `no control-point answer to op ${op} in ${this.timeoutMs} ms`)
          )
        }, this.timeoutMs)
        this.pending = { op, measurementType, parts: [], resolve, reject, timer }
        this.controlPoint.writeAsync!(
          Buffer.from(encodePmdRequest(op, measurementType, settings)),
          false
        ).catch((err: Error) => {
          if (this.pending?.timer !== timer) return
          this.clock.clearTimeout(timer)
          this.pending = null
          reject(err)
        })
      })
    const next = this.queue.then(run, run)
    this.queue = next.catch(() => undefined)
    return next
  }

  private indication(bytes: Uint8Array): void {
    const p = this.pending
    let response: PmdControlPointResponse
    try {
      response = parsePmdResponse(bytes)
    } catch {
      return // not an answer (e.g. a features echo): ignore
    }
    if (!p || response.opCode !== p.op || response.measurementType !== p.measurementType) return
    if (response.status !== 0) {
      this.pending = null
      this.clock.clearTimeout(p.timer)
      p.reject(
        new PmdRequestError(
          response.statusName,
          `PMD op ${p.op} for measurement ${p.measurementType} refused: ${response.statusName}`
        )
      )
      return
    }
    p.parts.push(response.parameters)
    if (response.more) return
    this.pending = null
    this.clock.clearTimeout(p.timer)
    const total = p.parts.reduce((n, x) => n + x.length, 0)
    const parameters = new Uint8Array(total)
    let at = 0
    for (const part of p.parts) {
      parameters.set(part, at)
      at += part.length
    }
    p.resolve({ response, parameters })
  }
}
