/**
 * Polar H10 chest data: PMD frame decode cost per frame and per sample (delta-compressed ACC as
 * the H10 sends it, raw ECG), the whole PmdStream path, and the breathing estimator's cost per
 * second of 50 Hz accelerometer data. Each figure: median and min over several runs.
 */
import { decodePmdFrame, encodeCompressedPmdFrame, encodeRawPmdFrame } from '../src-main/devices/ble/pmdFrame'
import { PMD_ACC, PMD_ECG } from '../src-main/devices/ble/pmdProtocol'
import { PmdStream } from '../src-main/devices/ble/pmdStream'
import { SimulatedChest } from '../src-main/devices/sim/simulatedChest'
import { lungVolumeAt, spontaneousPattern } from '../src-main/shared/breathing'
import { ChestBreathing } from '../src-main/signal/chestBreathing'
import { printFigure } from './stats'

const RUNS = 7

/** Median and min over RUNS of `perRun()` (each returns µs per unit). */
function runs(perRun: () => number): { median: number; min: number } {
  perRun() // warm-up
  const xs = Array.from({ length: RUNS }, perRun).sort((a, b) => a - b)
  return { median: xs[RUNS >> 1]!, min: xs[0]! }
}

function timeUs(fn: () => void): number {
  const t0 = process.hrtime.bigint()
  fn()
  return Number(process.hrtime.bigint() - t0) / 1000
}

function print(name: string, r: { median: number; min: number }, unit: string): void {
  printFigure(name, r.median, unit, `min ${r.min.toFixed(4)}, ${RUNS} runs`)
}

export default async function (): Promise<void> {
  const chest = new SimulatedChest((t) => lungVolumeAt(spontaneousPattern(8), t))
  const ACC_PER_FRAME = 25 // 50 Hz, a frame every 500 ms
  const frames = Array.from({ length: 1200 }, (_, f) =>
    encodeCompressedPmdFrame(
      PMD_ACC,
      BigInt(f + 1) * 500_000_000n,
      Array.from({ length: ACC_PER_FRAME }, (_, i) => chest.accMg(f * 500 + i * 20).map(Math.round))
    )
  )
  const ECG_PER_FRAME = 73
  const ecgFrames = Array.from({ length: 200 }, (_, f) =>
    encodeRawPmdFrame(
      PMD_ECG,
      BigInt(f + 1) * 561_538_462n,
      0x00,
      Array.from({ length: ECG_PER_FRAME }, (_, i) => [Math.round(800 * Math.sin((f * 73 + i) / 20))])
    )
  )
  const reps = 20
  const acc = runs(
    () =>
      timeUs(() => {
        for (let r = 0; r < reps; r++) for (const b of frames) decodePmdFrame(b)
      }) /
      (reps * frames.length)
  )
  print(`decode ACC 0x80 frame (${ACC_PER_FRAME} samples x 3 axes)`, acc, 'us/frame')
  print(
    'decode ACC 0x80, per sample',
    { median: acc.median / ACC_PER_FRAME, min: acc.min / ACC_PER_FRAME },
    'us/sample'
  )
  const ecg = runs(
    () =>
      timeUs(() => {
        for (let r = 0; r < reps * 6; r++) for (const b of ecgFrames) decodePmdFrame(b)
      }) /
      (reps * 6 * ecgFrames.length)
  )
  print(`decode ECG raw frame (${ECG_PER_FRAME} samples)`, ecg, 'us/frame')
  print(
    'decode ECG raw, per sample',
    { median: ecg.median / ECG_PER_FRAME, min: ecg.min / ECG_PER_FRAME },
    'us/sample'
  )

  const stream = runs(() => {
    const s = new PmdStream(() => undefined)
    s.configure('acc', { sampleRateHz: 50 })
    return (
      timeUs(() => {
        frames.forEach((b, i) => s.push(1_000_000 + i * 500, b))
      }) / frames.length
    )
  })
  print('PmdStream.push ACC frame (decode + times + gaps)', stream, 'us/frame')

  // 10 minutes of 50 Hz samples through the estimator.
  const seconds = 600
  const samples = Array.from({ length: seconds * 50 }, (_, i) => chest.accMg(i * 20))
  const est = runs(() => {
    const e = new ChestBreathing()
    return (
      timeUs(() => {
        samples.forEach((a, i) => e.push(i * 20, a[0], a[1], a[2]))
      }) / seconds
    )
  })
  print('ChestBreathing, per second of 50 Hz ACC', est, 'us/s of data')
}
