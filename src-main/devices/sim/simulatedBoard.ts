/**
 * Turns a simulated body into what a Wii Balance Board sends: four raw 16-bit sensor words per
 * report, through a factory calibration (the inverse of the real decoder's interpolation), with
 * the board's own quirks - each sensor idles a little off its 0 kg point (real boards read a few
 * kg below zero when empty) and jitters by a count or two - encoded as real 0x34 input reports.
 *
 * The simulated board source is the REAL driver (WbbSource) talking to the emulated HID board
 * (devices/wbb/fakeHid.ts) whose sensors are this board: init sequence, calibration read, CRC
 * check, 0x34 reports at 100 Hz, parsing, calibration, tare, CoP and step detection all run
 * exactly as with hardware. The simulator sits below the parser.
 *
 * Load distribution: a body with total load F and CoP (x, y) loads the sensors bilinearly,
 *   fx = 1/2 + x / 433, fy = 1/2 + y / 238
 *   TR = F fx fy, BR = F fx (1 - fy), TL = F (1 - fx) fy, BL = F (1 - fx)(1 - fy),
 * which the decoder's CoP formula maps back to exactly (x, y).
 */
import type { Clock } from '../clock'
import { createRng, type Rng } from './random'
import { rawForKg, type Calibration } from '../wbb/calibration'
import { SENSOR_SPACING_X_MM, SENSOR_SPACING_Y_MM } from '../wbb/decoder'
import { FAKE_CALIBRATION, FakeHid } from '../wbb/fakeHid'
import { BOARD_PRODUCT_NAME, encodeBoardReport, type BoardFrame, type Quad } from '../wbb/protocol'
import { WbbSource } from '../wbb/wbbSource'
import { SimulatedBody, type SimulatedBodyOptions } from './simulatedBody'

export const SIM_BOARD_ID = 'sim-board'
export const SIM_BOARD_NAME = 'Simulated balance board'

export interface SimulatedBoardOptions {
  seed?: number
  calibration?: Calibration
  /** What each sensor reads with nobody on the board, kg (TR, BR, TL, BL). */
  idleKg?: Quad
  /** Sensor jitter, raw counts (sd). */
  noiseCounts?: number
  temperature?: number
  batteryRaw?: number
}

/** Sensor loads (TR, BR, TL, BL) for a total load and a centre of pressure. */
export function distributeLoad(totalKg: number, copXMm: number, copYMm: number): Quad {
  const fx = Math.min(1, Math.max(0, 0.5 + copXMm / SENSOR_SPACING_X_MM))
  const fy = Math.min(1, Math.max(0, 0.5 + copYMm / SENSOR_SPACING_Y_MM))
  return [totalKg * fx * fy, totalKg * fx * (1 - fy), totalKg * (1 - fx) * fy, totalKg * (1 - fx) * (1 - fy)]
}

export class SimulatedBoard {
  readonly calibration: Calibration
  readonly idleKg: Quad
  private readonly rng: Rng
  private readonly noiseCounts: number
  private readonly temperature: number
  private readonly batteryRaw: number
  private lastMs: number | null = null

  constructor(
    readonly body: SimulatedBody,
    options: SimulatedBoardOptions = {}
  ) {
    this.calibration = options.calibration ?? FAKE_CALIBRATION
    this.idleKg = options.idleKg ?? [-0.9, 0.35, -1.2, -0.25]
    this.rng = createRng((options.seed ?? 1) ^ 0x5eed)
    this.noiseCounts = options.noiseCounts ?? 1.2
    this.temperature = options.temperature ?? 0x17
    this.batteryRaw = options.batteryRaw ?? 0x9e
  }

  /** The sensors at clock time `tMs` (the body is advanced by the time since the last call). */
  frameAt(tMs: number): BoardFrame {
    // After a pause (board not streaming) only the last few seconds matter for the sway.
    const dt = this.lastMs === null ? 0 : Math.min(5000, Math.max(0, tMs - this.lastMs))
    this.lastMs = tMs
    const load = this.body.advance(dt)
    const kg = distributeLoad(load.totalKg, load.copXMm, load.copYMm)
    const raw = kg.map((k, i) =>
      Math.round(rawForKg(k + this.idleKg[i]!, this.calibration, i) + this.noiseCounts * this.rng.gauss())
    ) as Quad
    return { raw, temperature: this.temperature, batteryRaw: this.batteryRaw }
  }

  /** The 0x34 (or 0x32) report the board sends at `tMs`. */
  reportAt(tMs: number, mode = 0x34): Uint8Array {
    return encodeBoardReport(mode, this.frameAt(tMs))
  }
}

export interface SimulatedBoardSourceOptions extends SimulatedBodyOptions {
  clock: Clock
  board?: SimulatedBoardOptions
  onRaw?: (tMs: number, kind: 'wbb', bytes: Uint8Array) => void
}

/**
 * The simulated board as a DataSource ("Simulated balance board" in the picker): the real driver
 * over the emulated HID board fed by the simulated body. Taring makes the person step off first,
 * as the app asks a real user to, and back on afterwards.
 */
export class SimulatedBoardSource extends WbbSource {
  readonly body: SimulatedBody
  readonly board: SimulatedBoard
  readonly hidFake: FakeHid
  private readonly simClock: Clock

  constructor(options: SimulatedBoardSourceOptions) {
    const body = new SimulatedBody(options)
    const board = new SimulatedBoard(body, { seed: options.seed, ...options.board })
    const fake = new FakeHid({
      clock: options.clock,
      boards: [
        {
          serialNumber: SIM_BOARD_ID,
          product: BOARD_PRODUCT_NAME,
          calibration: board.calibration,
          frames: (tMs) => board.frameAt(tMs),
          batteryRaw: 0xc8,
          replyDelayMs: 1,
          keepLog: false // runs for hours in the app
        }
      ]
    })
    super({
      hid: fake,
      clock: options.clock,
      id: SIM_BOARD_ID,
      simulated: true,
      onRaw: options.onRaw,
      describeDevice: () => ({ id: SIM_BOARD_ID, name: SIM_BOARD_NAME })
    })
    this.body = body
    this.board = board
    this.hidFake = fake
    this.simClock = options.clock
  }

  /** The person takes a stance on the board, or steps off (null). */
  setStance(stance: Parameters<SimulatedBody['setStance']>[0]): void {
    this.body.setStance(stance)
  }

  override async tare(options: { durationMs?: number; maxLoadKg?: number } = {}): Promise<Quad> {
    const before = this.body.stance
    this.body.setStance(null)
    try {
      await new Promise<void>((resolve) => this.simClock.setTimeout(resolve, 600))
      return await super.tare(options)
    } finally {
      if (before) this.body.setStance(before)
    }
  }
}
