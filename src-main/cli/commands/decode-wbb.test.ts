import { execFile } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { parseCalibration, sensorKg } from '../../devices/wbb/calibration'
import { bytesToHex, encodeBoardReport, hexToBytes } from '../../devices/wbb/protocol'
import { memoryIo } from '../io'
import { main } from '../main'

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..')
/** Carl Kenner's board (wiibrew): 0 / 17 / 34 kg rows, TR BR TL BL. */
const CAL = '07C33CF8048C296B 0ED243840B3A3069 15E94A1011EF376E'
const cal = parseCalibration(hexToBytes(CAL))
/** A report with every sensor exactly at its 17 kg point: 68 kg, centred. */
const AT_17 = bytesToHex(encodeBoardReport(0x34, { raw: cal.kg17 }))
/** TR at 34 kg, the others at 0 kg: all load top-right. */
const TR_34 = bytesToHex(encodeBoardReport(0x34, { raw: [cal.kg34[0], cal.kg0[1], cal.kg0[2], cal.kg0[3]] }))

describe('decode-wbb', () => {
  it('decodes data reports with the calibration: kg per sensor, total, CoP', async () => {
    const io = memoryIo()
    expect(await main(['decode-wbb', '--calibration', CAL, AT_17, TR_34], io)).toBe(0)
    expect(io.stdout.map((l) => JSON.parse(l))).toEqual([
      { kg: [17, 17, 17, 17], totalKg: 68, copXMm: 0, copYMm: 0 },
      { kg: [34, 0, 0, 0], totalKg: 34, copXMm: 216.5, copYMm: 119 }
    ])
    expect(io.stdout[0]).toBe('{"kg":[17,17,17,17],"totalKg":68,"copXMm":0,"copYMm":0}')
  })

  it('decodes a real 0x34 capture (takeru/Wiimote#2); readings below the 0 kg point stay negative', async () => {
    const io = memoryIo()
    const report = '34 00 00 09 B2 4B B5 1E 7E 3F 4C 17 00 99 00 00 00 00 00 00 00 00'
    expect(await main(['decode-wbb', '--calibration', CAL, report], io)).toBe(0)
    const out = JSON.parse(io.stdout[0]!)
    const raw = [2482, 19381, 7806, 16204]
    out.kg.forEach((k: number, i: number) => expect(k).toBeCloseTo(sensorKg(raw[i]!, cal, i), 4))
    expect(out.kg[1]).toBeGreaterThan(34) // beyond the 34 kg point: extrapolated, not clamped
    const below = memoryIo()
    const idle = bytesToHex(encodeBoardReport(0x34, { raw: [1887, 15608, 1164, 10603] }))
    expect(await main(['decode-wbb', '--calibration', CAL, idle], below)).toBe(0)
    expect(JSON.parse(below.stdout[0]!).kg[0]).toBeCloseTo((-100 * 17) / 1807, 4)
  })

  it('applies --tare-kg evenly, skips non-data reports, reports malformed ones and exits 1', async () => {
    const io = memoryIo()
    const code = await main(
      [
        'decode-wbb',
        '--calibration',
        CAL,
        '--tare-kg',
        '8',
        '20 00 00 02 00 00 D5', // status: skipped
        '21 00 00 50 00 FA 00 00 A4 20 04 02 00 00 00 00 00 00 00 00 00 00', // read reply: skipped
        AT_17,
        '34 00 00 09', // truncated
        'A1 ' + AT_17 // with the Bluetooth header
      ],
      io
    )
    expect(code).toBe(1)
    expect(io.stdout).toHaveLength(3)
    expect(JSON.parse(io.stdout[0]!)).toEqual({ kg: [15, 15, 15, 15], totalKg: 60, copXMm: 0, copYMm: 0 })
    expect(JSON.parse(io.stdout[1]!).error).toMatch(/0x34 has 4 bytes; 22 expected/)
    expect(JSON.parse(io.stdout[2]!).error).toMatch(/0xA1/)
  })

  it('reads reports from stdin with "-"; bad calibration or missing options exit 2', async () => {
    const io = memoryIo(`${AT_17}\n\n${TR_34}\n`)
    expect(await main(['decode-wbb', '--calibration', CAL, '-'], io)).toBe(0)
    expect(io.stdout).toHaveLength(2)
    const noCal = memoryIo()
    expect(await main(['decode-wbb', AT_17], noCal)).toBe(2)
    expect(noCal.stderr.join('\n')).toMatch(/--calibration is required/)
    const badCal = memoryIo()
    expect(await main(['decode-wbb', '--calibration', '00 11', AT_17], badCal)).toBe(2)
    expect(badCal.stderr.join('\n')).toMatch(/24 expected/)
  })

  it('works as a real subprocess', async () => {
    const exec = promisify(execFile)
    const { stdout } = await exec(
      'npx',
      ['tsx', 'src-main/cli/bin.ts', 'decode-wbb', '--calibration', CAL, AT_17],
      {
        cwd: root
      }
    )
    expect(stdout).toBe('{"kg":[17,17,17,17],"totalKg":68,"copXMm":0,"copYMm":0}\n')
  })
})
