/**
 * The Polar Measurement Data service of an emulated Polar H10 (used by fakeNoble.ts): the control
 * point answers get-settings / start / stop like the strap (features ECG + ACC; ACC 25/50/100/200
 * Hz, 16 bit, +-2/4/8 G; ECG 130 Hz, 14 bit), and while a measurement runs the data
 * characteristic notifies frames built to the documented layout (pmdFrame.ts): ACC as
 * delta-compressed 0x80 frames (or raw 0x01), ECG as raw type 0, each stamped with the sensor
 * time of its last sample (ns, the strap's own clock, which starts at an arbitrary value).
 *
 * What it measures comes from the caller: `accMg(tMs)` (e.g. a SimulatedChest breathing with the
 * simulated heart) and `ecgUv(tMs)`. It runs on the adapter's Clock.
 */
import type { Clock } from '../clock'
import { encodeCompressedPmdFrame, encodeRawPmdFrame } from './pmdFrame'
import {
  encodePmdFeatures,
  encodePmdSettings,
  parsePmdSettings,
  PMD_ACC,
  PMD_ECG,
  PMD_OP_GET_SETTINGS,
  PMD_OP_START,
  PMD_OP_STOP,
  PMD_RESPONSE_CODE,
  type PmdSettings
} from './pmdProtocol'

export interface FakePmdOptions {
  /** Acceleration [x, y, z] mG at clock time tMs. */
  accMg?: (tMs: number) => [number, number, number]
  /** ECG µV at clock time tMs. */
  ecgUv?: (tMs: number) => number
  /** How often a data frame is sent. */
  frameIntervalMs?: number
  /** ACC frames delta-compressed (0x80, default) or raw 16-bit (0x01). */
  accCompressed?: boolean
}

const OFFERED: Record<number, PmdSettings> = {
  [PMD_ACC]: { sampleRateHz: [25, 50, 100, 200], resolutionBits: [16], rangeG: [2, 4, 8] },
  [PMD_ECG]: { sampleRateHz: [130], resolutionBits: [14] }
}

const STATUS_INVALID_MEASUREMENT_TYPE = 2
const STATUS_INVALID_PARAMETER = 5
const STATUS_ALREADY_IN_STATE = 6
const STATUS_INVALID_SAMPLE_RATE = 8
const STATUS_INVALID_RANGE = 9

interface Running {
  measurementType: number
  sampleRateHz: number
  nextSampleMs: number
  timer: unknown
}

export class FakePmd {
  /** Control-point requests received (tests check what the client asked). */
  readonly requests: Uint8Array[] = []
  framesSent = 0
  private indicate: ((bytes: Uint8Array) => void) | null = null
  private notify: ((bytes: Uint8Array) => void) | null = null
  private readonly running = new Map<number, Running>()
  /** Sensor clock: ns since an arbitrary boot value, advancing with the adapter clock. */
  private readonly sensorBaseNs = 599_616_000_000_000_000n
  private readonly frameIntervalMs: number

  constructor(
    private readonly clock: Clock,
    private readonly options: FakePmdOptions
  ) {
    this.frameIntervalMs = options.frameIntervalMs ?? 500
  }

  get features(): Uint8Array {
    const types = [...(this.options.accMg ? [PMD_ACC] : []), ...(this.options.ecgUv ? [PMD_ECG] : [])]
    return encodePmdFeatures(types)
  }

  isRunning(measurementType: number): boolean {
    return this.running.has(measurementType)
  }

  /** @internal the control point's subscriber (null = unsubscribed). */
  setIndicate(fn: ((b: Uint8Array) => void) | null): void {
    this.indicate = fn
  }

  /** @internal the data characteristic's subscriber (null = unsubscribed). */
  setNotify(fn: ((b: Uint8Array) => void) | null): void {
    this.notify = fn
  }

  /** The connection ended: measurements stop (a new connection starts them again). */
  disconnected(): void {
    for (const r of this.running.values()) this.clock.clearTimeout(r.timer)
    this.running.clear()
    this.indicate = null
    this.notify = null
  }

  /** Send exactly these bytes as a data notification now (bad-input tests). */
  inject(bytes: Uint8Array): boolean {
    if (!this.notify) return false
    this.notify(bytes)
    return true
  }

  /** A write to the control point. Answers after a short delay, like the strap. */
  write(bytes: Uint8Array): void {
    this.requests.push(bytes.slice())
    const op = bytes[0] ?? 0
    const type = bytes[1] ?? 0xff
    const answer = (status: number, params: Uint8Array = new Uint8Array(0)): void => {
      const out = Uint8Array.from([PMD_RESPONSE_CODE, op, type, status, 0, ...params])
      this.clock.setTimeout(() => this.indicate?.(out), 20)
    }
    const offered = OFFERED[type]
    const measures = (type === PMD_ACC && this.options.accMg) || (type === PMD_ECG && this.options.ecgUv)
    if (!offered || !measures) return answer(STATUS_INVALID_MEASUREMENT_TYPE)
    if (op === PMD_OP_GET_SETTINGS) return answer(0, encodePmdSettings(offered))
    if (op === PMD_OP_STOP) {
      const r = this.running.get(type)
      if (!r) return answer(STATUS_ALREADY_IN_STATE)
      this.clock.clearTimeout(r.timer)
      this.running.delete(type)
      return answer(0)
    }
    if (op !== PMD_OP_START) return answer(1)
    if (this.running.has(type)) return answer(STATUS_ALREADY_IN_STATE)
    let asked: PmdSettings
    try {
      asked = parsePmdSettings(bytes.subarray(2))
    } catch {
      return answer(STATUS_INVALID_PARAMETER)
    }
    const rate = asked.sampleRateHz?.[0]
    if (rate === undefined || !offered.sampleRateHz!.includes(rate)) return answer(STATUS_INVALID_SAMPLE_RATE)
    if (asked.rangeG && offered.rangeG && !offered.rangeG.includes(asked.rangeG[0]!)) {
      return answer(STATUS_INVALID_RANGE)
    }
    answer(0)
    const run: Running = {
      measurementType: type,
      sampleRateHz: rate,
      nextSampleMs: this.clock.now(),
      timer: null
    }
    this.running.set(type, run)
    this.schedule(run)
  }

  private schedule(run: Running): void {
    run.timer = this.clock.setTimeout(() => {
      if (this.running.get(run.measurementType) !== run) return
      this.sendFrame(run)
      this.schedule(run)
    }, this.frameIntervalMs)
  }

  private sendFrame(run: Running): void {
    const now = this.clock.now()
    const stepMs = 1000 / run.sampleRateHz
    const times: number[] = []
    while (run.nextSampleMs <= now) {
      times.push(run.nextSampleMs)
      run.nextSampleMs += stepMs
    }
    if (times.length === 0 || !this.notify) return
    const last = times[times.length - 1]!
    const ts = this.sensorBaseNs + BigInt(Math.round(last * 1e6))
    let bytes: Uint8Array
    if (run.measurementType === PMD_ACC) {
      const samples = times.map((t) => this.options.accMg!(t).map(Math.round))
      bytes =
        this.options.accCompressed === false
          ? encodeRawPmdFrame(PMD_ACC, ts, 0x01, samples)
          : encodeCompressedPmdFrame(PMD_ACC, ts, samples)
    } else {
      bytes = encodeRawPmdFrame(
        PMD_ECG,
        ts,
        0x00,
        times.map((t) => [Math.round(this.options.ecgUv!(t))])
      )
    }
    this.framesSent++
    this.notify(bytes)
  }
}
