/**
 * A full disk (ENOSPC, short writes) during recording, injected through the SessionFs seam on
 * real files: nothing crashes, nothing within the bound is lost, no half row is ever followed by
 * another row, and the recorder says when it paused and resumed.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../devices/clock'
import { AppendFile } from './appendFile'
import { SessionRecorder, type RecorderWriteState } from './recorder'
import { recoverSessions } from './recovery'
import { FullDisk } from './testSupport/fullDisk'
import { pythonReadCsv } from './testSupport/pythonCsv'

let root: string
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'limbic-full-'))
  unhandled.length = 0
  process.on('unhandledRejection', onUnhandled)
})
afterEach(async () => {
  process.off('unhandledRejection', onUnhandled)
  await rm(root, { recursive: true, force: true })
})

const T0 = Date.UTC(2026, 0, 1, 9)
const HEADER = 't_s,utc,tr_kg,br_kg,tl_kg,bl_kg,total_kg,cop_x_mm,cop_y_mm'

/** Let queued async writes (timer flushes) run. */
const settle = () => new Promise((r) => setTimeout(r, 20))

describe('AppendFile on a full disk', () => {
  it('continues short writes: the file is byte-exact', async () => {
    const disk = new FullDisk()
    disk.maxBytesPerWrite = 7
    const f = await AppendFile.open(join(root, 'a.csv'), 'h1,h2\r\n', disk.fs)
    for (let i = 0; i < 50; i++) f.append(`${i},row ${i}\r\n`)
    await f.close()
    const expected = 'h1,h2\r\n' + Array.from({ length: 50 }, (_, i) => `${i},row ${i}\r\n`).join('')
    expect(await readFile(join(root, 'a.csv'), 'utf8')).toBe(expected)
    expect(disk.shortWrites).toBeGreaterThan(50)
  })

  it('a write that fails half-way is cut back to the last complete row and retried whole', async () => {
    const disk = new FullDisk()
    const path = join(root, 'b.csv')
    const f = await AppendFile.open(path, 'x,y\r\n', disk.fs)
    f.append('1,first\r\n')
    await f.flush(false)
    disk.freeBytes = 13 // "2,second\r\n" (10 bytes) fits, "3,third\r\n" does not
    f.append('2,second\r\n')
    f.append('3,third\r\n')
    await expect(f.flush(false)).rejects.toMatchObject({ code: 'ENOSPC' })
    // No half row on disk: the partial batch was cut off (its space is free again).
    expect(await readFile(path, 'utf8')).toBe('x,y\r\n1,first\r\n')
    expect(f.pending).toEqual({ bytes: 19, rows: 2 })
    f.append('4,fourth\r\n') // arrives while the disk is full
    await expect(f.flush(false)).rejects.toMatchObject({ code: 'ENOSPC' })
    disk.freeBytes = Infinity
    await f.flush(true)
    expect(await readFile(path, 'utf8')).toBe('x,y\r\n1,first\r\n2,second\r\n3,third\r\n4,fourth\r\n')
    expect(f.pending).toEqual({ bytes: 0, rows: 0 })
    await f.close()
  })
})

function balance(rec: SessionRecorder, seq: number): void {
  rec.recordSample({
    type: 'balance',
    tMs: T0 + seq * 10,
    kg: [1, 2, 3, 4],
    totalKg: 10,
    copXMm: seq,
    copYMm: 0
  })
}

async function startRec(
  disk: FullDisk,
  clock: ManualClock,
  extra: Partial<Parameters<typeof SessionRecorder.start>[0]> = {}
) {
  const states: RecorderWriteState[] = []
  const errors: Error[] = []
  const rec = await SessionRecorder.start({
    rootDir: root,
    appVersion: 't',
    clock,
    id: 'F1',
    rawCapture: true,
    beatJournal: true,
    fs: disk.fs,
    onWriteState: (s) => states.push(s),
    onError: (e) => errors.push(e),
    ...extra
  })
  return { rec, states, errors }
}

/** Record 10 ms of balance rows per step for `steps` steps, letting the flush timer run. */
async function run(rec: SessionRecorder, clock: ManualClock, from: number, steps: number): Promise<number> {
  let seq = from
  for (let i = 0; i < steps; i++) {
    balance(rec, seq)
    rec.recordRaw(T0 + seq * 10, 'wbb', new Uint8Array([0x32, seq & 0xff]))
    seq++
    clock.advance(10)
    if (i % 25 === 0) await settle()
  }
  await settle()
  return seq
}

describe('SessionRecorder on a full disk', () => {
  it('pauses without a crash, holds every row, resumes and writes them all in order with no spliced row', async () => {
    const clock = new ManualClock(T0)
    const disk = new FullDisk()
    const { rec, states, errors } = await startRec(disk, clock)
    let seq = await run(rec, clock, 0, 200)
    disk.freeBytes = 1000 // fills up in the middle of a flush
    seq = await run(rec, clock, seq, 1500) // 15 s on a full disk: timed flushes keep failing
    await rec.flush() // at least one attempt has surely failed by now, however slow this machine
    expect(states.map((s) => s.state)).toEqual(['paused'])
    expect(states[0]).toMatchObject({ diskFull: true, errorCode: 'ENOSPC', dropped: { rows: 0 } })
    expect(errors).toHaveLength(1) // reported once per spell, not once per retry
    expect(rec.heldBytes).toBeGreaterThan(50_000)
    // The balance file ends with a complete row: nothing half-written is left on disk.
    const during = await readFile(join(rec.dir, 'balance.csv'), 'utf8')
    expect(during.endsWith('\r\n')).toBe(true)
    expect(await readdir(rec.dir)).not.toContain('session.json.tmp')

    disk.freeBytes = Infinity
    await rec.flush() // the next flush retries at once
    expect(states.map((s) => s.state)).toEqual(['paused', 'resumed'])
    expect(states[1]!.dropped.rows).toBe(0)
    seq = await run(rec, clock, seq, 100)
    await rec.close()
    expect(unhandled).toEqual([])

    const rows = pythonReadCsv(join(rec.dir, 'balance.csv'))
    expect(rows[0]!.join(',')).toBe(HEADER)
    for (const r of rows.slice(1)) expect(r).toHaveLength(9)
    expect(rows.slice(1).map((r) => Number(r[7]))).toEqual(Array.from({ length: seq }, (_, i) => i))
    const raw = (await readFile(join(rec.dir, 'raw.log'), 'utf8')).split('\n')
    expect(raw.pop()).toBe('')
    expect(raw).toHaveLength(seq)
    raw.forEach((line, i) => expect(line).toBe(`${i * 10} wbb 32${(i & 0xff).toString(16).padStart(2, '0')}`))
    const meta = JSON.parse(await readFile(join(rec.dir, 'session.json'), 'utf8'))
    expect(meta.stats.rows.balance).toBe(seq)
    expect(meta.endReason).toBe('closed')
  })

  it('timed retries back off while the disk stays full', async () => {
    const clock = new ManualClock(T0)
    const disk = new FullDisk()
    const { rec } = await startRec(disk, clock)
    disk.freeBytes = 0
    balance(rec, 0)
    const attempts: number[] = []
    for (let s = 0; s < 40; s++) {
      const before = disk.enospc
      clock.advance(500)
      // Wait until a fired flush has finished and re-armed its timer, so virtual time only moves on
      // once the next retry is scheduled (no dependence on how fast this machine is).
      while (clock.pendingTimers() === 0) await new Promise((r) => setTimeout(r, 2))
      if (disk.enospc > before) attempts.push(clock.now() - T0)
    }
    // 500 ms apart at first, then 1, 2, 4, 8 s apart, never further.
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!)
    expect(gaps.slice(0, 4)).toEqual([1000, 2000, 4000, 8000])
    expect(Math.max(...gaps)).toBe(8000)
    disk.freeBytes = Infinity
    await rec.close()
    expect(pythonReadCsv(join(rec.dir, 'balance.csv'))).toHaveLength(2)
    expect(unhandled).toEqual([])
  })

  it('past the bound it drops new rows, says how many, and marks the hole in events.csv', async () => {
    const clock = new ManualClock(T0)
    const disk = new FullDisk()
    const { rec, states } = await startRec(disk, clock, { rawCapture: false, maxHeldBytes: 20_000 })
    let seq = await run(rec, clock, 0, 100)
    disk.freeBytes = 0
    seq = await run(rec, clock, seq, 1000) // ~48 KB of rows: less than half fits in the bound
    await rec.flush() // still failing: reports the drops so far
    expect(rec.heldBytes).toBeLessThanOrEqual(20_000)
    const paused = states.filter((s) => s.state === 'paused')
    expect(paused[0]!.dropped.rows).toBe(0) // "nothing lost so far"
    const dropped = paused.at(-1)!.dropped
    expect(dropped.rows).toBeGreaterThan(500)
    disk.freeBytes = Infinity
    await rec.flush()
    const resumed = states.at(-1)!
    expect(resumed.state).toBe('resumed')
    expect(resumed.dropped.rows).toBe(dropped.rows)
    await rec.close()

    const seqs = pythonReadCsv(join(rec.dir, 'balance.csv'))
      .slice(1)
      .map((r) => Number(r[7]))
    // Kept: everything up to the bound, in order; the rest of the spell is the hole.
    expect(seqs.length + dropped.rows).toBe(seq)
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i))
    const events = pythonReadCsv(join(rec.dir, 'events.csv')).slice(1)
    const hole = events.find((e) => e[2] === 'recording-dropped')!
    expect(JSON.parse(hole[3]!)).toEqual({
      rows: dropped.rows,
      fromS: (dropped.fromMs! - T0) / 1000,
      toS: (dropped.toMs! - T0) / 1000,
      reason: 'ENOSPC'
    })
    expect(dropped.fromMs! - T0).toBe(seqs.length * 10)
    expect(unhandled).toEqual([])
  })

  it('a close while the disk is still full says what is lost, keeps the lock, and the next launch recovers', async () => {
    const clock = new ManualClock(T0)
    const disk = new FullDisk()
    const { rec, states } = await startRec(disk, clock)
    const seq = await run(rec, clock, 0, 100)
    disk.freeBytes = 0
    await run(rec, clock, seq, 100)
    await rec.close()
    const lost = states.at(-1)!
    expect(lost.state).toBe('lost')
    expect(lost.dropped.rows).toBeGreaterThanOrEqual(100)
    expect(await readdir(rec.dir)).toContain('recording.lock')
    expect(await readdir(rec.dir)).not.toContain('session.json.tmp')

    const report = await recoverSessions(root)
    expect(report.failed).toEqual([])
    expect(report.recovered.map((r) => r.id)).toEqual(['F1'])
    const seqs = pythonReadCsv(join(rec.dir, 'balance.csv'))
      .slice(1)
      .map((r) => Number(r[7]))
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i))
    expect(seqs.length).toBeGreaterThanOrEqual(seq - 50)
    expect(unhandled).toEqual([])
  })

  it('a session that cannot start on a full disk fails with ENOSPC and leaves no folder', async () => {
    const disk = new FullDisk()
    disk.freeBytes = 300 // the lock fits, session.json does not
    await expect(startRec(disk, new ManualClock(T0))).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(await readdir(root)).toEqual([])
  })
})

describe('a recorder nobody listens to', () => {
  it('rejects a close that cannot write everything (an import fails instead of losing rows)', async () => {
    const clock = new ManualClock(T0)
    const disk = new FullDisk()
    const rec = await SessionRecorder.start({
      rootDir: root,
      appVersion: 't',
      clock,
      id: 'Q1',
      fs: disk.fs,
      onError: () => {}
    })
    // While writes succeed there is no bound: a whole file may be buffered before the close.
    for (let seq = 0; seq < 3000; seq++) balance(rec, seq)
    expect(rec.heldBytes).toBeGreaterThan(100_000)
    disk.freeBytes = 0
    await expect(rec.close()).rejects.toThrow(/3000 rows could not be written.*ENOSPC/)
    expect(unhandled).toEqual([])
  })

  it('buffers any amount while writes succeed, even past the bound', async () => {
    const clock = new ManualClock(T0)
    const rec = await SessionRecorder.start({
      rootDir: root,
      appVersion: 't',
      clock,
      id: 'Q2',
      maxHeldBytes: 1000
    })
    for (let seq = 0; seq < 500; seq++) balance(rec, seq)
    await rec.close()
    expect(pythonReadCsv(join(rec.dir, 'balance.csv'))).toHaveLength(501)
  })
})
