/**
 * raw.log: the device bytes exactly as received, so a problem can be replayed.
 * One line per packet/report, LF-terminated, ASCII:
 *
 *   <t_ms> <hr|wbb|pmd> <hex>
 *
 * - t_ms: milliseconds since session start, a decimal number with up to 3 decimals
 *   (integer in practice; negative if a packet predates the start marker).
 * - hr = a Heart Rate Measurement (0x2A37) notification, wbb = a Wii Balance Board HID report,
 *   pmd = a Polar Measurement Data frame (FB005C82 notification: ACC / ECG from a Polar H10).
 *   Logs written before `pmd` existed hold only hr/wbb and read as before.
 * - hex: the payload, lower-case, two digits per byte, no separators (empty payload -> `-`).
 * Example: `1234 hr 163c1104`
 * Lines starting with `#` are comments. A cut-off last line (crash) has no LF and is dropped.
 *
 * Decoder state that is not in the bytes is written as a comment line, so older readers skip it
 * (no migration: a log without it replays as before):
 *
 *   # state <t_ms> wbb-tare <TR> <BR> <TL> <BL>
 *
 * the balance board's per-sensor tare in kg (order TR, BR, TL, BL), written when a session with
 * raw capture starts (the tare then in force, zeros if none) and whenever a tare completes. Replay
 * subtracts it from then on, so replayed loads equal the recorded ones.
 */
import { createReadStream } from 'node:fs'
import { formatNumber } from './csv'

export type RawDevice = 'hr' | 'wbb' | 'pmd'
export const RAW_DEVICES: readonly RawDevice[] = ['hr', 'wbb', 'pmd']

export interface RawPacket {
  tMs: number
  device: RawDevice
  bytes: Uint8Array
}

export type TareKg = [number, number, number, number]

export interface RawState {
  tMs: number
  tareKg: TareKg
}

export function formatRawStateLine(tMs: number, tareKg: readonly number[]): string {
  return `# state ${formatNumber(tMs, 3)} wbb-tare ${tareKg.map((v) => formatNumber(v, 6)).join(' ')}\n`
}

const NUM = '(-?\\d+(?:\\.\\d+)?(?:e-?\\d+)?)'
const STATE = new RegExp(`^# state ${NUM} wbb-tare ${NUM} ${NUM} ${NUM} ${NUM}$`)

/** A `# state` line (see the header), or null for anything else. */
export function parseRawState(line: string): RawState | null {
  const m = STATE.exec(line.endsWith('\r') ? line.slice(0, -1) : line)
  if (!m) return null
  const v = m.slice(1).map(Number)
  if (!v.every(Number.isFinite)) return null
  return { tMs: v[0]!, tareKg: [v[1]!, v[2]!, v[3]!, v[4]!] }
}

export function formatRawLine(tMs: number, device: RawDevice, bytes: Uint8Array): string {
  const hex =
    bytes.length === 0 ? '-' : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
  return `${formatNumber(tMs, 3)} ${device} ${hex}\n`
}

const LINE = /^(-?\d+(?:\.\d+)?) (hr|wbb|pmd) (-|(?:[0-9a-fA-F]{2})*)$/

/** Whether `line` (no LF) is a packet, comment or blank line that `parseRawLine` accepts. */
export function isRawLine(line: string): boolean {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line
  return text.trim() === '' || text.startsWith('#') || LINE.test(text)
}

/** Parse one line; null for comments/blank lines; throws with a reason for malformed lines. */
export function parseRawLine(line: string): RawPacket | null {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line
  if (text.trim() === '' || text.startsWith('#')) return null
  const m = LINE.exec(text)
  if (!m) throw new Error(`not "<t_ms> <hr|wbb|pmd> <hex>": ${JSON.stringify(text.slice(0, 80))}`)
  const hex = m[3]!
  return {
    tMs: Number(m[1]),
    device: m[2] as RawDevice,
    bytes: hex === '-' ? new Uint8Array(0) : new Uint8Array(Buffer.from(hex, 'hex'))
  }
}

export interface RawLogParse {
  packets: RawPacket[]
  /** Malformed lines (1-based line number + reason); they are skipped, never half-decoded. */
  problems: { line: number; reason: string }[]
  droppedPartialLine: boolean
}

/** Parse a whole raw.log text (for small logs and tests). */
export function parseRawLog(text: string): RawLogParse {
  const lines = text.split('\n')
  const tail = lines.pop() ?? ''
  const out: RawLogParse = { packets: [], problems: [], droppedPartialLine: tail.length > 0 }
  lines.forEach((line, i) => {
    try {
      const p = parseRawLine(line)
      if (p) out.packets.push(p)
    } catch (err) {
      out.problems.push({ line: i + 1, reason: (err as Error).message })
    }
  })
  return out
}

/**
 * Stream a raw.log file packet by packet (long captures, the replay CLI). Malformed lines are
 * reported to `onProblem` and skipped. A last line without LF was cut off by a crash (it may
 * still *look* valid, e.g. a hex payload cut at a byte boundary), so it is dropped and reported.
 */
export async function* readRawLog(
  path: string,
  onProblem?: (line: number, reason: string) => void,
  onState?: (state: RawState) => void
): AsyncGenerator<RawPacket> {
  let rest = ''
  let n = 0
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const lines = (rest + (chunk as string)).split('\n')
    rest = lines.pop() ?? ''
    for (const line of lines) {
      n++
      let p: RawPacket | null = null
      try {
        p = parseRawLine(line)
      } catch (err) {
        onProblem?.(n, (err as Error).message)
      }
      if (p) yield p
      else if (onState && line.startsWith('# state ')) {
        const s = parseRawState(line)
        if (s) onState(s)
      }
    }
  }
  if (rest.length > 0) onProblem?.(n + 1, 'cut-off last line (no line feed) dropped')
}
