import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { open, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { encodeCalibration, rawForKg } from '../devices/wbb/calibration'
import { FAKE_CALIBRATION } from '../devices/wbb/fakeHid'
import { DRM_KEE, encodeBoardReport, encodeReadReply, type Quad } from '../devices/wbb/protocol'
import { formatRawLine } from '../session/rawLog'
import { PACKETS_PER_SETTLE, replayRawLog } from './commands/replay'
import { fileWritesSettled } from './fileWritesSettled'

const dirs: string[] = []
const tmp = (p: string): string => {
  const d = mkdtempSync(join(tmpdir(), p))
  dirs.push(d)
  return d
}
const restore: (() => void)[] = []
afterEach(async () => {
  for (const undo of restore.splice(0)) undo()
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

const T0 = Date.UTC(2026, 10, 23, 7, 0, 0)

function boardLog(reports: number): string {
  const cal = encodeCalibration(FAKE_CALIBRATION)
  const lines = [
    formatRawLine(-2, 'wbb', encodeReadReply({ error: 0, addressLow: 0x0024, data: cal.slice(0, 16) })),
    formatRawLine(-1, 'wbb', encodeReadReply({ error: 0, addressLow: 0x0034, data: cal.slice(16) }))
  ]
  for (let i = 0; i < reports; i++) {
    const kg: Quad = [15 + (i % 7), 15, 15, 15 - (i % 5)]
    const raw = kg.map((v, s) => rawForKg(v, FAKE_CALIBRATION, s)) as Quad
    lines.push(formatRawLine(10 + i * 10, 'wbb', encodeBoardReport(DRM_KEE, { raw })))
  }
  return lines.join('')
}

describe('replay backpressure', () => {
  it('fileWritesSettled resolves only after every write in flight (and the writes chained after them) landed', async () => {
    const dir = tmp('limbic-settle-')
    const landed: string[] = []
    const big = 'x'.repeat(4 << 20)
    const chain = (async () => {
      for (const f of ['a', 'b', 'c']) {
        await writeFile(join(dir, f), big)
        landed.push(f)
      }
    })()
    await fileWritesSettled()
    expect(landed).toEqual(['a', 'b', 'c'])
    await chain
  })

  it('what the recorder has not yet written stays bounded while a long board log replays to a slow disk', async () => {
    const reports = 3 * PACKETS_PER_SETTLE
    const dir = tmp('limbic-replay-bp-')
    await writeFile(join(dir, 'raw.log'), boardLog(reports))
    // A slow disk: every write of a file handle first waits for 40 real file-system round trips.
    const probe = await open(join(dir, 'raw.log'), 'r')
    const proto = Object.getPrototypeOf(probe) as { write: (...a: unknown[]) => Promise<unknown> }
    await probe.close()
    const write = proto.write
    proto.write = async function (this: unknown, ...args: unknown[]) {
      for (let i = 0; i < 40; i++) await stat(dir)
      return write.apply(this, args)
    }
    restore.push(() => (proto.write = write))
    const lag: number[] = []
    let sessionDir = ''
    const r = await replayRawLog(join(dir, 'raw.log'), join(dir, 'out'), {
      startMs: T0,
      onSettled: (packets) => {
        if (!sessionDir) sessionDir = join(dir, 'out', readdir1(join(dir, 'out')))
        const onDisk = readFileSync(join(sessionDir, 'balance.csv'), 'utf8').split('\n').length - 2
        lag.push(packets - 2 - onDisk) // the 2 calibration replies make no balance row
      }
    })
    expect(r.wbbPackets).toBe(reports + 2)
    expect(lag.length).toBe(Math.floor((reports + 2) / PACKETS_PER_SETTLE))
    // At every wait, rows from at most two batches of packets are still in memory, however long the log.
    for (const l of lag) expect(l).toBeLessThanOrEqual(2 * PACKETS_PER_SETTLE)
    expect(readFileSync(join(r.dir, 'balance.csv'), 'utf8').split('\n').length - 2).toBe(reports)
  })
})

function readdir1(dir: string): string {
  const names = readdirSync(dir)
  return names.find((n) => !n.includes('.'))!
}
