/**
 * A synthetic raw.log as Limbic writes it with raw capture on: a heart strap's 0x2A37
 * notifications (one per beat, RR varying with a slow breathing-like wave) and a balance board at
 * 100 Hz (mode 0x34 reports, a person swaying), preceded by the board's calibration read replies
 * as the app logs them when the board connects. Written as a stream, so a 2-hour log (about 50 MB)
 * never sits in memory.
 */
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { encodeCalibration, rawForKg } from '../src-main/devices/wbb/calibration'
import { FAKE_CALIBRATION } from '../src-main/devices/wbb/fakeHid'
import { DRM_KEE, encodeBoardReport, encodeReadReply, type Quad } from '../src-main/devices/wbb/protocol'
import { formatRawLine } from '../src-main/session/rawLog'

export interface BoardRawLogShape {
  hours: number
  /** Balance-board reports per second (the real board: 100). */
  boardHz?: number
}

export interface BoardRawLogCounts {
  hrLines: number
  wbbLines: number
  bytes: number
}

export async function writeBoardRawLog(path: string, shape: BoardRawLogShape): Promise<BoardRawLogCounts> {
  const boardPeriodMs = 1000 / (shape.boardHz ?? 100)
  const endMs = shape.hours * 3600_000
  const out = createWriteStream(path)
  let bytes = 0
  let pending = ''
  const write = async (line: string): Promise<void> => {
    pending += line
    if (pending.length < 1 << 16) return
    bytes += pending.length
    const ok = out.write(pending)
    pending = ''
    if (!ok) await once(out, 'drain')
  }
  const cal = encodeCalibration(FAKE_CALIBRATION)
  await write(
    formatRawLine(-2, 'wbb', encodeReadReply({ error: 0, addressLow: 0x0024, data: cal.slice(0, 16) }))
  )
  await write(
    formatRawLine(-1, 'wbb', encodeReadReply({ error: 0, addressLow: 0x0034, data: cal.slice(16) }))
  )
  let hrLines = 0
  let wbbLines = 0
  let beatMs = 0
  let k = 0
  let boardMs = 0
  let i = 0
  while (beatMs < endMs || boardMs < endMs) {
    if (beatMs <= boardMs && beatMs < endMs) {
      const rr1024 = Math.round((820 + 60 * Math.sin(k / 4)) * 1.024)
      beatMs += rr1024 / 1.024
      const bpm = Math.round(60_000 / (rr1024 / 1.024))
      await write(
        formatRawLine(Math.round(beatMs), 'hr', Uint8Array.from([0x10, bpm, rr1024 & 0xff, rr1024 >> 8]))
      )
      hrLines++
      k++
    } else {
      const sway = 3 * Math.sin(i / 130) + Math.sin(i / 7)
      const kg: Quad = [15 + sway, 15 + sway, 15 - sway, 15 - sway]
      const raw = kg.map((v, s) => rawForKg(v, FAKE_CALIBRATION, s)) as Quad
      await write(formatRawLine(Math.round(boardMs), 'wbb', encodeBoardReport(DRM_KEE, { raw })))
      wbbLines++
      i++
      boardMs = i * boardPeriodMs
    }
  }
  bytes += pending.length
  out.end(pending)
  await once(out, 'finish')
  return { hrLines, wbbLines, bytes }
}
