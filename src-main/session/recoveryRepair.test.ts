/**
 * Recovery repairs damage anywhere in a file (not only its end), says how much, and on a full
 * disk fails cleanly: the original files and session.json stay, no temp file is left, and the
 * next launch succeeds.
 */
import { appendFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../devices/clock'
import { SessionRecorder } from './recorder'
import { recoverSessions } from './recovery'
import { parseRawLog } from './rawLog'
import { FullDisk } from './testSupport/fullDisk'
import { pythonReadCsv } from './testSupport/pythonCsv'

let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'limbic-repair-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

const T0 = Date.UTC(2026, 11, 3, 14, 30)

/** A crashed session: 100 balance rows (cop_x_mm = seq), beats, events, raw.log; never closed. */
async function crashedSession(id: string): Promise<string> {
  const clock = new ManualClock(T0)
  const rec = await SessionRecorder.start({ rootDir: root, appVersion: 't', clock, id, rawCapture: true })
  for (let seq = 0; seq < 100; seq++) {
    const tMs = T0 + seq * 10
    rec.recordSample({ type: 'balance', tMs, kg: [1, 2, 3, 4], totalKg: 10, copXMm: seq, copYMm: -seq })
    if (seq % 10 === 0) {
      rec.recordBeatClean({ tMs, rrMs: 800 + seq, rrCleanMs: null, artifact: null, hrBpm: 70 })
      rec.recordEvent(tMs, 'note', { seq, text: 'comma, "quote"\nnew line' })
      rec.recordRaw(tMs, 'hr', new Uint8Array([0x16, seq]))
    }
  }
  await rec.flush()
  return rec.dir
}

/** Replace the line that starts with `prefix` using `edit` (CRLF rows). */
async function editLine(path: string, prefix: string, edit: (line: string) => string): Promise<void> {
  const lines = (await readFile(path, 'utf8')).split('\r\n')
  const i = lines.findIndex((l) => l.startsWith(prefix))
  expect(i).toBeGreaterThan(0)
  lines[i] = edit(lines[i]!)
  await writeFile(path, lines.join('\r\n'))
}

describe('recovery repairs malformed rows anywhere', () => {
  it('keeps the valid tail of a spliced row, drops rows with a wrong column count or unparsable values', async () => {
    const dir = await crashedSession('R1')
    const balance = join(dir, 'balance.csv')
    // The old writer's failure: half a row, then the next row appended to it.
    await editLine(balance, '0.3,', (l) => '0.29,2026-12-03T14:30:0' + l)
    await editLine(balance, '0.5,', (l) => l + ',7') // one column too many
    await editLine(balance, '0.6,', (l) => l.replace(',1,2,', ',1,x2,')) // not a number
    await editLine(balance, '0.7,', (l) => l.replace('14:30:00.700Z', '14:30:09.700Z')) // utc disagrees with t_s
    await appendFile(balance, '1,2026-12-03T14:30:01.000Z,1,2,') // cut off at the end
    const events = join(dir, 'events.csv')
    await editLine(events, '0.4,', (l) => '0.3,2026-12-03T14:30:00.300Z,note,"{""s' + l)
    await appendFile(join(dir, 'raw.log'), '50 hr 16\n')
    const raw = (await readFile(join(dir, 'raw.log'), 'utf8')).replace('200 hr 1614\n', '200 hr 16') // spliced: "200 hr 16300 hr 161e"
    await writeFile(join(dir, 'raw.log'), raw)

    const report = await recoverSessions(root)
    expect(report.failed).toEqual([])
    const r = report.recovered[0]!
    expect(r.repaired).toEqual(
      expect.arrayContaining([
        { file: 'balance.csv', droppedBytes: 31, droppedRows: 3, repairedRows: 1 },
        { file: 'events.csv', droppedBytes: 0, droppedRows: 0, repairedRows: 1 },
        { file: 'raw.log', droppedBytes: 0, droppedRows: 1, repairedRows: 0 }
      ])
    )
    expect([r.droppedRows, r.repairedRows]).toEqual([4, 2])

    const rows = pythonReadCsv(balance).slice(1)
    for (const row of rows) expect(row).toHaveLength(9)
    const expected = Array.from({ length: 100 }, (_, i) => i).filter((i) => i !== 50 && i !== 60 && i !== 70)
    expect(rows.map((row) => Number(row[7]))).toEqual(expected)
    expect(rows.find((row) => row[7] === '30')![0]).toBe('0.3') // the spliced row's tail, whole
    const ev = pythonReadCsv(events).slice(1)
    expect(ev.map((e) => JSON.parse(e[3]!).seq)).toEqual(Array.from({ length: 10 }, (_, i) => i * 10))
    const log = parseRawLog(await readFile(join(dir, 'raw.log'), 'utf8'))
    expect(log.problems).toEqual([])
    expect(log.packets.map((p) => p.tMs)).toEqual([0, 100, 400, 500, 600, 700, 800, 900, 50])

    const meta = JSON.parse(await readFile(join(dir, 'session.json'), 'utf8'))
    expect(meta.recovery).toEqual({ droppedRows: 4, repairedRows: 2 })
    expect(meta.stats.rows.balance).toBe(97)
    expect(await readdir(dir)).not.toContain('balance.csv.repair.tmp')
  })

  it('a file that is only cut off at the end is cut in place and counts no row', async () => {
    const dir = await crashedSession('R2')
    await appendFile(join(dir, 'beats.csv'), '0.95,2026-12-03T14:30:00.95')
    const report = await recoverSessions(root)
    const r = report.recovered[0]!
    expect(r.repaired).toEqual([{ file: 'beats.csv', droppedBytes: 27, droppedRows: 0, repairedRows: 0 }])
    expect(r.droppedRows).toBe(0)
    expect(JSON.parse(await readFile(join(dir, 'session.json'), 'utf8')).recovery).toBeUndefined()
  })
})

describe('recovery on a full disk', () => {
  it('fails cleanly (original files and session.json kept, no temp file) and succeeds at the next launch', async () => {
    const dir = await crashedSession('R3')
    await editLine(join(dir, 'balance.csv'), '0.5,', (l) => l + ',7') // needs a rewrite
    await appendFile(join(dir, 'hr.csv'), '0.1,2026') // only a cut-off end
    const before = new Map<string, Buffer>()
    for (const f of await readdir(dir)) before.set(f, await readFile(join(dir, f)))

    const disk = new FullDisk()
    disk.freeBytes = 0
    const failed = await recoverSessions(root, { fs: disk.fs })
    expect(failed.recovered).toEqual([])
    expect(failed.failed).toEqual([{ id: 'R3', problem: expect.stringMatching(/ENOSPC/) }])
    expect(disk.enospc).toBeGreaterThan(0)
    const after = await readdir(dir)
    expect(after.sort()).toEqual([...before.keys()].sort()) // no .tmp of any kind
    for (const f of ['session.json', 'balance.csv', 'recording.lock', 'events.csv', 'raw.log'])
      expect(await readFile(join(dir, f))).toEqual(before.get(f))

    // Only session.json cannot be written: the repairs are kept, session.json is not touched.
    disk.freeBytes = (await readFile(join(dir, 'balance.csv'))).length + 10
    const again = await recoverSessions(root, { fs: disk.fs })
    expect(again.failed).toHaveLength(1)
    expect(await readdir(dir)).not.toContain('session.json.tmp')
    expect(await readFile(join(dir, 'session.json'))).toEqual(before.get('session.json'))
    expect(await readdir(dir)).toContain('recording.lock')

    // Next launch, space again.
    const ok = await recoverSessions(root)
    expect(ok.failed).toEqual([])
    expect(ok.recovered.map((r) => r.id)).toEqual(['R3'])
    const meta = JSON.parse(await readFile(join(dir, 'session.json'), 'utf8'))
    expect(meta.endReason).toBe('recovered')
    expect(meta.stats.rows.balance).toBe(99)
    expect(pythonReadCsv(join(dir, 'hr.csv'))).toHaveLength(1)
  })

  it('a journal whose beats cannot be appended fails the recovery and leaves beats.csv whole', async () => {
    const clock = new ManualClock(T0)
    const rec = await SessionRecorder.start({
      rootDir: root,
      appVersion: 't',
      clock,
      id: 'R4',
      beatJournal: true
    })
    for (let i = 1; i <= 20; i++)
      rec.journalBeat({ tMs: T0 + i * 1000, rrMs: 1000, rrCleanMs: null, artifact: null, hrBpm: 60 })
    for (let i = 1; i <= 5; i++)
      rec.recordBeatClean({ tMs: T0 + i * 1000, rrMs: 1000, rrCleanMs: 1000, artifact: null, hrBpm: 60 })
    await rec.flush()
    const beatsBefore = await readFile(join(rec.dir, 'beats.csv'))
    const disk = new FullDisk()
    disk.freeBytes = 100 // a few of the 15 journal rows fit, then ENOSPC
    const failed = await recoverSessions(root, { fs: disk.fs })
    expect(failed.failed.map((f) => f.id)).toEqual(['R4'])
    expect(await readFile(join(rec.dir, 'beats.csv'))).toEqual(beatsBefore)
    expect(await readdir(rec.dir)).toContain('beats.pending.csv')
    const ok = await recoverSessions(root)
    expect(ok.recovered[0]).toMatchObject({ id: 'R4', journalBeats: 15 })
    expect(
      pythonReadCsv(join(rec.dir, 'beats.csv'))
        .slice(1)
        .map((r) => r[0])
    ).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)))
  })

  it('an empty session.json.tmp an older version left on a full disk is removed; a complete one is the newest', async () => {
    const dir = await crashedSession('R5')
    const original = await readFile(join(dir, 'session.json'), 'utf8')
    await writeFile(join(dir, 'session.json.tmp'), '')
    expect((await recoverSessions(root)).recovered.map((r) => r.id)).toEqual(['R5'])
    expect(await readdir(dir)).not.toContain('session.json.tmp')
    expect(JSON.parse(await readFile(join(dir, 'session.json'), 'utf8')).startUtc).toBe(
      JSON.parse(original).startUtc
    )

    const dir2 = await crashedSession('R6')
    const newer = {
      ...JSON.parse(await readFile(join(dir2, 'session.json'), 'utf8')),
      reflection: 'written last'
    }
    await writeFile(join(dir2, 'session.json.tmp'), JSON.stringify(newer))
    await recoverSessions(root)
    expect(await readdir(dir2)).not.toContain('session.json.tmp')
    expect(JSON.parse(await readFile(join(dir2, 'session.json'), 'utf8')).reflection).toBe('written last')
  })
})
