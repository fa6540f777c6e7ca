/**
 * Child-process fixture for the kill test: records into argv[2] until killed. Rows carry a
 * sequence number so the test can tell whether anything before the kill went missing:
 * balance cop_x_mm = seq (100 Hz), beats rr_ms = 800 + seq % 100, events with awkward JSON.
 * Prints `ready <sessionId>` once the folder exists.
 */
import { SessionRecorder } from '../recorder'

async function main(): Promise<void> {
  const rootDir = process.argv[2]
  if (!rootDir) throw new Error('usage: recordForever <rootDir>')
  const rec = await SessionRecorder.start({ rootDir, appVersion: 'kill-test', rawCapture: true })
  let seq = 0
  setInterval(() => {
    const tMs = Date.now()
    const s = seq++
    rec.recordSample({ type: 'balance', tMs, kg: [10, 11, 12, 13], totalKg: 46, copXMm: s, copYMm: -s / 2 })
    if (s % 8 === 0) rec.recordSample({ type: 'beat', tMs, rrMs: 800 + (s % 100), seq: s / 8 })
    if (s % 50 === 0) rec.recordEvent(tMs, 'note', { seq: s, text: 'comma, "quote"\nnew line' })
    if (s % 10 === 0) rec.recordRaw(tMs, 'hr', new Uint8Array([0x16, s & 0xff, 0x11, 0x04]))
  }, 10)
  process.stdout.write(`ready ${rec.id}\n`)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
