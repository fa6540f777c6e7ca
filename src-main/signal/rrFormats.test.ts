import { Encoder, Profile, type FileIdMesg, type HrvMesg, type RecordMesg } from '@garmin/fitsdk'
import { mkdtempSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../devices/clock'
import { importPaths } from '../session/exportImport'
import { SessionRecorder } from '../session/recorder'
import { pythonReadCsv } from '../session/testSupport/pythonCsv'
import { memoryIo } from '../cli/io'
import { main } from '../cli/main'
import { looksLikeFit } from './rrFit'
import { parseRrBytes } from './rrInput'

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0)
const dirs: string[] = []
const tmp = (p: string): string => {
  const d = mkdtempSync(join(tmpdir(), p))
  dirs.push(d)
  return d
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

/** A FIT activity file as a strap with HRV logging writes it: hrv messages of up to 5 intervals (s). */
function fitFile(intervalsS: number[], opts: { hrv?: boolean } = {}): Uint8Array {
  const enc = new Encoder()
  const fileId: FileIdMesg = {
    mesgNum: Profile.MesgNum.FILE_ID,
    type: 'activity',
    manufacturer: 'development',
    product: 0,
    timeCreated: new Date(T0),
    serialNumber: 1234
  }
  enc.writeMesg({ ...fileId, mesgNum: Profile.MesgNum.FILE_ID })
  const record: RecordMesg = { timestamp: new Date(T0), heartRate: 70 }
  enc.writeMesg({ ...record, mesgNum: Profile.MesgNum.RECORD })
  if (opts.hrv !== false) {
    for (let i = 0; i < intervalsS.length; i += 5) {
      const time = intervalsS.slice(i, i + 5)
      // the last message is padded with the invalid value, as devices do
      while (time.length < 5) time.push(65.535)
      const hrv: HrvMesg = { time }
      enc.writeMesg({ ...hrv, mesgNum: Profile.MesgNum.HRV })
    }
  }
  return enc.close()
}

const series = Array.from({ length: 120 }, (_, i) => Math.round(800 + 40 * Math.sin(i / 4) + ((i * 7) % 11)))

describe('RR file formats', () => {
  it('CSV with a header naming the RR column: rr, "RR (ms)", ibi, IBI in seconds', () => {
    expect(parseRrBytes(bytes('time,rr\n0.8,800\n1.61,810\n')).rrMs).toEqual([800, 810])
    const p = parseRrBytes(bytes('Time (s),RR (ms),HR\n0.8,800,75\n1.61,810,74\n'))
    expect(p.rrMs).toEqual([800, 810])
    expect(p.notes.join(' ')).toMatch(/column "RR \(ms\)" \(column 2\)/)
    expect(parseRrBytes(bytes('ibi\n812\n845\n')).rrMs).toEqual([812, 845])
    expect(parseRrBytes(bytes('timestamp;IBI (s)\n1;0.812\n2;0.845\n')).rrMs).toEqual([812, 845])
  })

  it("Limbic's own beats.csv (text and empty cells beside the RR column) reads back the recorded beats", async () => {
    const root = tmp('limbic-fmt-')
    const rec = await SessionRecorder.start({
      rootDir: root,
      appVersion: '0.1.0',
      clock: new ManualClock(T0),
      id: 'S1',
      startMs: T0,
      updateIndex: false
    })
    let t = T0
    series.forEach((rr, i) => {
      t += rr
      rec.recordBeatClean({
        tMs: t,
        rrMs: rr,
        rrCleanMs: i % 3 === 0 ? null : rr,
        artifact: i === 10 ? 'ectopic' : null,
        hrBpm: 60000 / rr
      })
    })
    await rec.close({ endMs: t })
    const csv = await readFile(join(root, 'S1', 'beats.csv'))
    expect(new TextDecoder().decode(csv).split(/\r?\n/)[0]).toBe('t_s,utc,rr_ms,rr_clean_ms,artifact,hr_bpm')
    const p = parseRrBytes(csv, 'beats.csv')
    expect(p.rrMs).toEqual(series)
    expect(p.unit).toBe('ms')
    expect(p.notes.join(' ')).toMatch(/column "rr_ms" \(column 3\)/)
  })

  it('FIT hrv messages, decoded with the official SDK: padding skipped, a 7.48 s gap kept as a gap', () => {
    const withGap = [...series.slice(0, 60), 7480, ...series.slice(60)].map((ms) => ms / 1000)
    const fit = fitFile(withGap)
    expect(looksLikeFit(fit)).toBe(true)
    const p = parseRrBytes(fit, 'ride.fit')
    expect(p.format).toBe('fit')
    expect(p.rrMs.map((v) => Math.round(v))).toEqual(series)
    expect(p.gaps).toEqual([{ line: 13, durationMs: 7480, beforeIndex: 60 }])
    expect(p.notes.join(' ')).toMatch(/121 intervals from 25 hrv message\(s\).*ignored 4 unused/)
  })

  it('FIT faults: damaged, no hrv messages, impossible values name the message', () => {
    const fit = fitFile(series.map((ms) => ms / 1000))
    const damaged = fit.slice()
    damaged[40] = damaged[40]! ^ 0xff
    expect(() => parseRrBytes(damaged, 'bad.fit')).toThrow(/^bad\.fit: FIT file fails its CRC check/)
    expect(() => parseRrBytes(fit.slice(0, 60), 'cut.fit')).toThrow(/cut\.fit: FIT file fails its CRC check/)
    expect(() => parseRrBytes(fitFile([], { hrv: false }), 'run.fit')).toThrow(
      /run\.fit: FIT file without beat intervals \(no hrv messages\)/
    )
    expect(() => parseRrBytes(fitFile([0.8, 0.81, 0.05]), 'x.fit')).toThrow(
      /^x\.fit hrv message 1: 0\.05 s is not a possible RR interval/
    )
  })

  it('unknown layouts name what was expected', () => {
    expect(() => parseRrBytes(bytes('time,hr\n1,60\n2,61\n'), 'hr.csv')).toThrow(
      /hr\.csv line 1: expected one RR interval per line.*name the RR column in a header line \(rr, rr_ms.*FIT/
    )
  })

  it('analyze and History import both read a FIT file and a beats.csv', async () => {
    const dir = tmp('limbic-fmt-')
    const fitPath = join(dir, 'strap.fit')
    await writeFile(fitPath, fitFile(series.map((ms) => ms / 1000)))
    const io = memoryIo('')
    expect(await main(['analyze', fitPath, '--json', '--raw'], io)).toBe(0)
    expect(JSON.parse(io.stdout[0]!).beats).toBe(series.length)
    const csvPath = join(dir, 'beats.csv')
    await writeFile(
      csvPath,
      't_s,utc,rr_ms,rr_clean_ms,artifact,hr_bpm\r\n' +
        series
          .map((rr, i) => `${i},2026-11-20T09:00:0${i % 10}.000Z,${rr},,${i === 3 ? 'ectopic' : ''},75`)
          .join('\r\n') +
        '\r\n'
    )
    const root = tmp('limbic-fmt-root-')
    const res = await importPaths(root, [fitPath, csvPath], 'rr', '0.1.0', T0)
    expect(res.problems).toEqual([])
    expect(res.imported).toHaveLength(2)
    for (const id of res.imported) {
      const beats = pythonReadCsv(join(root, id, 'beats.csv')).slice(1)
      expect(beats.map((r) => Math.round(Number(r[2])))).toEqual(series)
    }
    const meta = JSON.parse(await readFile(join(root, res.imported[0]!, 'session.json'), 'utf8'))
    expect(meta.rrImport.format).toBe('fit')
  })
})
