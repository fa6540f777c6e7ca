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
 * one used by posturography code citing Leach et al. 2014. With less than MIN_COP_LOAD_KG on the
 * board the centre of pressure is meaningless (noise divided by ~0) and is reported as 0, 0.
 */
import type { BalanceSample } from '../dataSource'
import { sensorsKg, type Calibration } from './calibration'
import type { Quad } from './protocol'

export const SENSOR_SPACING_X_MM = 433
export const SENSOR_SPACING_Y_MM = 238
/** Below this total load CoP is reported as (0, 0). */
export const MIN_COP_LOAD_KG = 1

export interface DecodedBalance {
  /** Tared load per sensor, kg, order TR, BR, TL, BL. */
  kg: Quad
  totalKg: number
  copXMm: number
  copYMm: number
}

export const ZERO_TARE: Quad = [0, 0, 0, 0]

/** Centre of pressure of four loads (TR, BR, TL, BL), mm; (0, 0) when the total is too small. */
export function centreOfPressure(kg: Quad): { copXMm: number; copYMm: number; totalKg: number } {
  const [tr, br, tl, bl] = kg
  const totalKg = tr + br + tl + bl
  if (!(totalKg >= MIN_COP_LOAD_KG)) return { copXMm: 0, copYMm: 0, totalKg }
  return {
    copXMm: ((SENSOR_SPACING_X_MM / 2) * (tr + br - (tl + bl))) / totalKg,
    copYMm: ((SENSOR_SPACING_Y_MM / 2) * (tr + tl - (br + bl))) / totalKg,
    totalKg
  }
}

/** Decode one frame: calibrate, subtract the per-sensor tare, sum, centre of pressure. */
export function decodeBalance(raw: Quad, cal: Calibration, tare: Quad = ZERO_TARE): DecodedBalance {
  const s = sensorsKg(raw, cal)
  const kg: Quad = [s[0] - tare[0], s[1] - tare[1], s[2] - tare[2], s[3] - tare[3]]
  const { copXMm, copYMm, totalKg } = centreOfPressure(kg)
  return { kg, totalKg, copXMm, copYMm }
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
