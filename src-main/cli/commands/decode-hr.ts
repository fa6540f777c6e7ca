/**
 * `decode-hr <hex> [<hex> ...]`: decodes Heart Rate Measurement (0x2A37) payloads with the app's
 * own decoder and prints one JSON object per payload, e.g.
 *   {"hrBpm":60,"contact":"detected","energyKj":null,"rrMs":[1016.6015625]}
 * Each argument is one payload; spaces, colons and 0x prefixes inside it are allowed, so
 * `decode-hr "16 3C 11 04"` works. `-` reads payloads from stdin, one per line.
 * A malformed payload prints {"error":"..."}; the rest are still decoded, then the exit code is 1.
 */
import { decodeHeartRateMeasurement, hexToBytes } from '../../devices/ble/heartRateMeasurement'
import type { CliIo } from '../io'

export const summary = 'Decode BLE Heart Rate Measurement (0x2A37) payloads given as hex, one JSON line each'

const HELP = `Usage: npm run cli -- decode-hr <hex> [<hex> ...]
  Each argument is one payload; it may contain spaces ("16 3C 11 04").
  -        read payloads from standard input, one per line
  Prints one JSON object per payload: {"hrBpm","contact","energyKj","rrMs"} (RR in ms, unrounded)
  or {"error": "..."} for a malformed payload; exits 1 if any payload was malformed.`

export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(HELP)
    return 0
  }
  const payloads: string[] = []
  for (const arg of args) {
    if (arg === '-') payloads.push(...(await io.readStdin()).split(/\r?\n/).filter((l) => l.trim() !== ''))
    else payloads.push(arg)
  }
  if (payloads.length === 0) {
    io.err(HELP)
    return 2
  }
  let failed = 0
  for (const hex of payloads) {
    try {
      const m = decodeHeartRateMeasurement(hexToBytes(hex))
      io.out(JSON.stringify({ hrBpm: m.hrBpm, contact: m.contact, energyKj: m.energyKj, rrMs: m.rrMs }))
    } catch (err) {
      failed++
      io.out(JSON.stringify({ error: (err as Error).message }))
    }
  }
  return failed > 0 ? 1 : 0
}
