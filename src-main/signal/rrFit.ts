/**
 * Beat intervals from FIT files (Garmin, Wahoo, Coros chest straps record them in `hrv`
 * messages: each holds up to five intervals in seconds, unused slots invalid), read with the
 * official @garmin/fitsdk decoder. The file's CRC is checked first, so a truncated or damaged
 * download is refused with a clear message instead of being half read. Intervals too long to be
 * a beat become gaps exactly as in text files (see rrFile.ts).
 */
import { Decoder, Stream } from '@garmin/fitsdk'
import { finish, type ParsedRr } from './rrFile'

/** True when the bytes start with a FIT file header (".FIT" at offset 8). */
export function looksLikeFit(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 12 && bytes[8] === 0x2e && bytes[9] === 0x46 && bytes[10] === 0x49 && bytes[11] === 0x54
  )
}

export function parseRrFit(bytes: Uint8Array, fileName?: string): ParsedRr {
  const name = fileName ?? 'input'
  const stream = (): Stream =>
    Stream.fromArrayBuffer(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
    )
  if (!Decoder.isFIT(stream())) throw new Error(`${name}: not a FIT file (no FIT header)`)
  if (!new Decoder(stream()).checkIntegrity())
    throw new Error(`${name}: FIT file fails its CRC check (truncated or damaged); not read`)
  const { messages, errors } = new Decoder(stream()).read({ mergeHeartRates: false })
  if (errors.length > 0) throw new Error(`${name}: FIT file could not be decoded: ${errors[0]!.message}`)
  const hrv = messages.hrvMesgs ?? []
  if (hrv.length === 0) {
    throw new Error(
      `${name}: FIT file without beat intervals (no hrv messages); record with a chest strap and ` +
        'heart-rate variability logging on (Garmin: "Log HRV"), or export RR intervals as text'
    )
  }
  const got = { lines: [] as number[], values: [] as number[] }
  let padding = 0
  hrv.forEach((m, k) => {
    for (const t of m.time ?? []) {
      // Unused slots decode as null (the uint16 invalid value 0xFFFF).
      if (typeof t !== 'number' || !Number.isFinite(t)) {
        padding++
        continue
      }
      got.lines.push(k + 1)
      got.values.push(t)
    }
  })
  const notes = [
    `FIT: ${got.values.length} intervals from ${hrv.length} hrv message(s) (decoded with @garmin/fitsdk)`
  ]
  if (padding > 0) notes.push(`ignored ${padding} unused (invalid) slot(s)`)
  if (got.values.length === 0) throw new Error(`${name}: FIT hrv messages hold no valid interval`)
  return finish(got, fileName, 'fit', notes, 's', (k) => `${name} hrv message ${k}`)
}
