/**
 * Raw sensor words -> kilograms per sensor, total and centre of pressure.
 *
 * Sensor layout, seen from above with the power button / LED side ("bottom") nearest you:
 *
 *        TL -------- 433 mm -------- TR        +y (front, away from the button)
 *        |                            |          ^
 *      238 mm                       238 mm       |
 *        |                            |          +--> +x (right)
 *        BL ------------------------- BR
 *
 * With the tared loads TR, BR, TL, BL (kg) and total F = TR + BR + TL + BL:
 *
 *   copXMm = (433 / 2) * ((TR + BR) - (TL + BL)) / F
 *   copYMm = (238 / 2) * ((TR + TL) - (BR + BL)) / F
 *
 * i.e. the load-weighted mean of the sensor positions (+-216.5 mm, +-119 mm). The spacing is the
 * one used by posturography code citing Leach et al. 2014.
 *
 * Where the CoP is undefined or impossible:
 * - Total below MIN_COP_LOAD_KG: nobody stands on the board and the ratio is sensor noise divided
 *   by ~0, so there is no CoP (null), not (0, 0) - a point in the middle of the board that sway
 *   and the drill would take for a perfectly still person.
 * - Outside the sensor rectangle: with every load >= 0 the CoP is a weighted mean of the sensor
 *   positions and cannot leave it; it does only when loads have opposite signs (a tare or
 *   calibration that is off, a board lifted at one corner), where the ratio blows up (4,955 mm was
 *   seen). Such a CoP is clamped to the rectangle and flagged (`copClamped`).
 */
import type { BalanceSample } from '../dataSource'
import { sensorsKg, type Calibration } from './calibration'
import type { Quad } from './protocol'

export const SENSOR_SPACING_X_MM = 433
export const SENSOR_SPACING_Y_MM = 238
/**
 * Below this total load there is no CoP. 1 kg is far above the board's noise once tared (tens of
 * grams) and far below anyone standing on it; sway metrics and the drill ask for 10 kg anyway.
 */
export const MIN_COP_LOAD_KG = 1
const HALF_X_MM = SENSOR_SPACING_X_MM / 2
const HALF_Y_MM = SENSOR_SPACING_Y_MM / 2

export interface DecodedBalance {
  /** Tared load per sensor, kg, order TR, BR, TL, BL. */
  kg: Quad
  totalKg: number
  /** Null below MIN_COP_LOAD_KG (see the header). */
  copXMm: number | null
  copYMm: number | null
  /** The raw CoP lay outside the sensor rectangle (loads of opposite signs) and was clamped. */
  copClamped: boolean
}

export const ZERO_TARE: Quad = [0, 0, 0, 0]

/**
 * Centre of pressure of four loads (TR, BR, TL, BL), mm: null when the total is below
 * MIN_COP_LOAD_KG, clamped (and flagged) to the sensor rectangle.
 */
export function centreOfPressure(kg: Quad): Omit<DecodedBalance, 'kg'> {
  const [tr, br, tl, bl] = kg
  const totalKg = tr + br + tl + bl
  if (!(totalKg >= MIN_COP_LOAD_KG)) return { copXMm: null, copYMm: null, totalKg, copClamped: false }
  const x = (HALF_X_MM * (tr + br - (tl + bl))) / totalKg
  const y = (HALF_Y_MM * (tr + tl - (br + bl))) / totalKg
  const copXMm = Math.min(HALF_X_MM, Math.max(-HALF_X_MM, x))
  const copYMm = Math.min(HALF_Y_MM, Math.max(-HALF_Y_MM, y))
  // A CoP exactly on an edge may land a rounding error outside it: that is not worth a flag.
  const outsideMm = Math.max(Math.abs(x) - HALF_X_MM, Math.abs(y) - HALF_Y_MM)
  return { copXMm, copYMm, totalKg, copClamped: outsideMm > 1e-6 }
}

/** Decode one frame: calibrate, subtract the per-sensor tare, sum, centre of pressure. */
export function decodeBalance(raw: Quad, cal: Calibration, tare: Quad = ZERO_TARE): DecodedBalance {
  const s = sensorsKg(raw, cal)
  const kg: Quad = [s[0] - tare[0], s[1] - tare[1], s[2] - tare[2], s[3] - tare[3]]
  return { kg, ...centreOfPressure(kg) }
}

/** A total tare (kg) spread evenly over the four sensors (the CLI's --tare-kg). */
export function evenTare(totalKg: number): Quad {
  const q = totalKg / 4
  return [q, q, q, q]
}

/** The sample a decoded frame becomes (the live board and a raw-log replay alike). */
export function balanceSample(tMs: number, d: DecodedBalance): BalanceSample {
  return { type: 'balance', tMs, kg: d.kg, totalKg: d.totalKg, copXMm: d.copXMm, copYMm: d.copYMm }
}

/**
 * A report's sample time: reports carry no time and are stamped on arrival, so one arriving at or
 * before the last sample's time gets +1 ms (sample times strictly increase through bursts).
 */
export function strictlyAfter(lastMs: number | null, nowMs: number): number {
  return lastMs !== null && nowMs <= lastMs ? lastMs + 1 : nowMs
}
