/**
 * `decode-wbb --calibration <24-byte hex> [--tare-kg <n>] <report-hex> ...`: decodes Wii Balance
 * Board input reports with the app's own parser and decoder, one JSON line per data report:
 *   {"kg":[tr,br,tl,bl],"totalKg":...,"copXMm":...,"copYMm":...}
 * Reports are the bytes node-hid returns (report id first, no 0xA1 header); spaces inside an
 * argument are allowed. `-` reads reports from stdin, one per line. Reports without the four
 * sensors (status 0x20, read replies 0x21, acks 0x22, buttons-only data) are skipped; a
 * malformed one prints {"error":"..."}, the rest are still decoded, and the exit code is 1.
 * --tare-kg n subtracts n kg from the total, n/4 from each sensor.
 */
import { parseCalibration } from '../../devices/wbb/calibration'
import { decodeBalance, evenTare } from '../../devices/wbb/decoder'
import { hexToBytes, parseInputReport } from '../../devices/wbb/protocol'
import { parseArgs, type CliIo } from '../io'

export const summary =
  'Decode Wii Balance Board HID reports (hex) with a calibration block, one JSON line each'

const HELP = `Usage: npm run cli -- decode-wbb --calibration <24-byte hex> [--tare-kg <n>] <report-hex> [...]
  --calibration   the board's 24-byte calibration block (register 0xA40024: 0/17/34 kg x TR,BR,TL,BL)
  --tare-kg n     subtract n kg (n/4 per sensor); default 0
  -               read reports from standard input, one per line
  Each report is the bytes node-hid returns: report id first, no 0xA1 header ("34 00 00 17 70 ...").
  Prints {"kg":[tr,br,tl,bl],"totalKg","copXMm","copYMm"} per data report (0x32/0x34/0x35/0x3D);
  other reports are skipped; a malformed one prints {"error": "..."} and the exit code becomes 1.`

const round = (v: number, digits: number): number => {
  const f = 10 ** digits
  const r = Math.round(v * f) / f
  return r === 0 ? 0 : r
}

export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(HELP)
    return 0
  }
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs(args, { values: ['calibration', 'tare-kg'] })
  } catch (err) {
    io.err(`${(err as Error).message}\n${HELP}`)
    return 2
  }
  const calHex = parsed.values.calibration
  if (calHex === undefined) {
    io.err(`--calibration is required\n${HELP}`)
    return 2
  }
  let cal
  try {
    cal = parseCalibration(hexToBytes(calHex))
  } catch (err) {
    io.err(`bad --calibration: ${(err as Error).message}`)
    return 2
  }
  const tareText = parsed.values['tare-kg'] ?? '0'
  const tareKg = Number(tareText)
  if (!Number.isFinite(tareKg)) {
    io.err(`bad --tare-kg: "${tareText}"`)
    return 2
  }
  const tare = evenTare(tareKg)
  const reports: string[] = []
  for (const arg of parsed.positionals) {
    if (arg === '-') reports.push(...(await io.readStdin()).split(/\r?\n/).filter((l) => l.trim() !== ''))
    else reports.push(arg)
  }
  if (reports.length === 0) {
    io.err(HELP)
    return 2
  }
  let failed = 0
  for (const hex of reports) {
    try {
      const r = parseInputReport(hexToBytes(hex))
      if (r.kind !== 'board') continue
      const d = decodeBalance(r.raw, cal, tare)
      io.out(
        JSON.stringify({
          kg: d.kg.map((k) => round(k, 4)),
          totalKg: round(d.totalKg, 4),
          copXMm: d.copXMm === null ? null : round(d.copXMm, 2),
          copYMm: d.copYMm === null ? null : round(d.copYMm, 2),
          ...(d.copClamped ? { copClamped: true } : {})
        })
      )
    } catch (err) {
      failed++
      io.out(JSON.stringify({ error: (err as Error).message }))
    }
  }
  return failed > 0 ? 1 : 0
}
