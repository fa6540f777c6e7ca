/**
 * Cost of the balance-board path per HID report, and what 100 Hz of it takes from one core:
 * parse alone, parse + calibrate + tare + CoP, and the whole driver (WbbSource receiving a report
 * from the emulated board: copy, parse, decode, step detection, sample object, listeners).
 */
import { ManualClock } from '../src-main/devices/clock'
import type { Sample } from '../src-main/devices/dataSource'
import { decodeBalance } from '../src-main/devices/wbb/decoder'
import { FAKE_CALIBRATION, FakeHid } from '../src-main/devices/wbb/fakeHid'
import { encodeBoardReport, parseInputReport, type Quad } from '../src-main/devices/wbb/protocol'
import { rawForKg } from '../src-main/devices/wbb/calibration'
import { WbbSource } from '../src-main/devices/wbb/wbbSource'
import { printFigure } from './stats'

function perCallUs(n: number, fn: (i: number) => void): number {
  for (let i = 0; i < Math.min(n, 20_000); i++) fn(i) // warm-up
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < n; i++) fn(i)
  return Number(process.hrtime.bigint() - t0) / 1000 / n
}

const coreAt100Hz = (us: number): string =>
  `${((us * 100) / 1e6) * 100 < 0.001 ? '<0.001' : (((us * 100) / 1e6) * 100).toFixed(4)} % of one core at 100 Hz`

export default async function (): Promise<void> {
  // 1000 realistic reports: a 70 kg person swaying a few mm.
  const reports = Array.from({ length: 1000 }, (_, i) => {
    const kg = [17.5, 17.5, 17.5, 17.5].map((k, s) => k + 0.4 * Math.sin(i / 30 + s)) as Quad
    return encodeBoardReport(0x34, {
      raw: kg.map((k, s) => Math.round(rawForKg(k, FAKE_CALIBRATION, s))) as Quad
    })
  })
  const tare: Quad = [-1.1, 0.5, -0.9, -0.4]

  let sink = 0
  const parseUs = perCallUs(1_000_000, (i) => {
    const r = parseInputReport(reports[i % 1000]!)
    if (r.kind === 'board') sink += r.raw[0]
  })
  printFigure('parse 0x34 report', parseUs, 'us/report', coreAt100Hz(parseUs))

  const decodeUs = perCallUs(1_000_000, (i) => {
    const r = parseInputReport(reports[i % 1000]!)
    if (r.kind === 'board') sink += decodeBalance(r.raw, FAKE_CALIBRATION, tare).copXMm ?? 0
  })
  printFigure('parse + calibrate + tare + CoP', decodeUs, 'us/report', coreAt100Hz(decodeUs))

  // The whole driver: connect WbbSource to the emulated board, then inject reports one by one.
  const clock = new ManualClock()
  const hid = new FakeHid({ clock, boards: [{ serialNumber: 'bench', replyDelayMs: 1 }] })
  const board = hid.board('bench')
  const source = new WbbSource({ hid, clock, watchdogMs: 1e12, modeReassertMs: 1e12 })
  let samples = 0
  source.onSample((s: Sample) => {
    if (s.type === 'balance') samples++
  })
  const connecting = source.connect()
  for (let t = 0; t < 200; t++) {
    clock.advance(1)
    await new Promise((r) => setImmediate(r))
  }
  await connecting
  await source.start()
  board.stall() // only our injected reports from now on
  let k = 0
  const driverUs = perCallUs(300_000, () => {
    clock.advance(10) // every report 10 ms after the previous one, as at 100 Hz
    board.inject(reports[k++ % 1000]!)
  })
  printFigure(
    'WbbSource: report -> BalanceSample',
    driverUs,
    'us/report',
    `${coreAt100Hz(driverUs)}; ${samples} samples`
  )
  await source.dispose()
  if (sink === 42) console.log('')
}
