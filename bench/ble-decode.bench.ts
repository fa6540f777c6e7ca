/**
 * Cost of the heart-rate parsing path per BLE notification: decode alone, and the whole stream
 * (decode + beat timeline + sample objects) on realistic packets from the emulated strap.
 */
import { hexToBytes, decodeHeartRateMeasurement } from '../src-main/devices/ble/heartRateMeasurement'
import { HeartRateStream } from '../src-main/devices/ble/heartRateStream'
import { rhythmPayloads } from '../src-main/devices/ble/fakeNoble'
import { printFigure } from './stats'

function perCallUs(n: number, fn: (i: number) => void): number {
  for (let i = 0; i < Math.min(n, 10_000); i++) fn(i) // warm-up
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < n; i++) fn(i)
  return Number(process.hrtime.bigint() - t0) / 1000 / n
}

export default async function (): Promise<void> {
  const h7 = hexToBytes('16 3C 11 04')
  const full = hexToBytes('19 3C 00 10 27 00 04 00 04 00 04 00 04 00 04 00 04 00 04') // uint16 HR, EE, 7 RRs
  printFigure(
    'decode, 1 RR (Polar H7 packet)',
    perCallUs(1_000_000, () => decodeHeartRateMeasurement(h7)),
    'us/packet'
  )
  printFigure(
    'decode, uint16 HR + EE + 7 RRs (19 bytes)',
    perCallUs(1_000_000, () => decodeHeartRateMeasurement(full)),
    'us/packet'
  )

  const gen = rhythmPayloads({ bpm: 75 })
  const packets = Array.from({ length: 3600 }, (_, i) => gen(i * 1000)) // one hour at 1 notification/s
  let emitted = 0
  const stream = new HeartRateStream(() => emitted++)
  const t0 = Date.UTC(2026, 0, 1)
  let k = 0
  const us = perCallUs(500_000, () => {
    stream.push(t0 + k * 1000, packets[k % packets.length]!)
    k++
  })
  printFigure(
    'HeartRateStream.push (decode + beats + samples)',
    us,
    'us/packet',
    `${emitted} samples emitted`
  )
}
