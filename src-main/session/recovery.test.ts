import { spawn } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../devices/clock'
import { SessionRecorder } from './recorder'
import { recoverSessions } from './recovery'
import { parseRawLog } from './rawLog'
import { pythonReadCsv } from './testSupport/pythonCsv'
import { summarizeAll } from './sessionsIndex'

let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'limbic-kill-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

/** Start the recorder in a real child process (one node process: tsx as an --import hook). */
function startRecorder(rootDir: string): Promise<{ pid: number; id: string; kill: () => Promise<number> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'testSupport', 'recordForever.ts'), rootDir],
    {
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  let err = ''
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<void>((r) => child.on('exit', () => r()))
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /ready (\S+)\n/.exec(out)
      if (m)
        resolve({
          pid: child.pid!,
          id: m[1]!,
          kill: async () => {
            const at = Date.now()
            child.kill('SIGKILL')
            await exited
            return at
          }
        })
    })
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`recorder exited early (${code}): ${err}`))
    })
  })
}

describe('kill during recording', () => {
  it('SIGKILL mid-recording: the next launch closes the session and keeps everything up to the last second', async () => {
    const rec = await startRecorder(root)
    await new Promise((r) => setTimeout(r, 2500))
    const killedAt = await rec.kill()
    const dir = join(root, rec.id)
    expect(await readdir(dir)).toContain('recording.lock')
    expect(JSON.parse(await readFile(join(dir, 'session.json'), 'utf8')).endUtc).toBeNull()

    const report = await recoverSessions(root)
    expect(report.failed).toEqual([])
    expect(report.recovered.map((r) => r.id)).toEqual([rec.id])
    expect(await readdir(dir)).not.toContain('recording.lock')

    // Every balance row (100 Hz, cop_x_mm = sequence number) from the first to the last is there,
    // in order, with no hole, read back by Python's csv module.
    const balance = pythonReadCsv(join(dir, 'balance.csv'))
    expect(balance[0]).toEqual([
      't_s',
      'utc',
      'tr_kg',
      'br_kg',
      'tl_kg',
      'bl_kg',
      'total_kg',
      'cop_x_mm',
      'cop_y_mm'
    ])
    const seqs = balance.slice(1).map((r) => Number(r[7]))
    expect(seqs.length).toBeGreaterThan(50)
    expect(seqs).toEqual(seqs.map((_, i) => i))
    // "Up to the last second": the last row on disk is less than a second older than the kill
    // (flush every 500 ms; allow scheduling slack on a busy 2-core machine).
    const meta = JSON.parse(await readFile(join(dir, 'session.json'), 'utf8'))
    const lastRowMs = Date.parse(balance.at(-1)![1]!)
    expect(killedAt - lastRowMs).toBeLessThan(1500)
    expect(meta.endReason).toBe('recovered')
    // The end is the last row of any file. Tables are appended one after another in a flush, so a
    // kill between two appends can leave another file (beats, raw.log) one flush ahead of
    // balance.csv: the end is at or after the last balance row, by less than a flush and slack.
    const endMs = Date.parse(meta.endUtc)
    expect(endMs).toBeGreaterThanOrEqual(lastRowMs - 20)
    expect(endMs - lastRowMs).toBeLessThan(1000)
    expect(killedAt - endMs).toBeLessThan(1500)
    expect(meta.stats.rows.balance).toBe(seqs.length)

    // Beats and events survive too, awkward text intact; raw.log has no half line.
    const beats = pythonReadCsv(join(dir, 'beats.csv')).slice(1)
    expect(beats.length).toBeGreaterThan(5)
    const events = pythonReadCsv(join(dir, 'events.csv')).slice(1)
    for (const e of events) expect(JSON.parse(e[3]!).text).toBe('comma, "quote"\nnew line')
    const raw = parseRawLog(await readFile(join(dir, 'raw.log'), 'utf8'))
    expect(raw.problems).toEqual([])
    expect(raw.droppedPartialLine).toBe(false)
    expect(raw.packets.length).toBeGreaterThan(5)

    const [summary] = await summarizeAll(root)
    expect(summary).toMatchObject({ id: rec.id, recording: false, problem: null })
    // Running recovery again finds nothing to do.
    expect((await recoverSessions(root)).recovered).toEqual([])
  })
})

describe('beat journal', () => {
  it('beats still waiting for their cleaned row at a crash come back from beats.pending.csv', async () => {
    const T0 = Date.UTC(2026, 0, 1, 9)
    const clock = new ManualClock(T0)
    const rec = await SessionRecorder.start({
      rootDir: root,
      appVersion: 't',
      clock,
      id: 'J1',
      beatJournal: true
    })
    const beat = (i: number) => ({
      tMs: T0 + i * 1000,
      rrMs: 1000,
      rrCleanMs: null,
      artifact: null,
      hrBpm: 60
    })
    for (let i = 1; i <= 10; i++) rec.journalBeat(beat(i))
    for (let i = 1; i <= 6; i++)
      rec.recordBeatClean({ ...beat(i), rrCleanMs: 990, artifact: i === 3 ? 'ectopic' : null })
    await rec.flush()
    // "Crash": the recorder is never closed.
    const report = await recoverSessions(root)
    expect(report.recovered[0]).toMatchObject({ id: 'J1', journalBeats: 4 })
    const rows = pythonReadCsv(join(root, 'J1', 'beats.csv')).slice(1)
    expect(rows.map((r) => [r[0], r[3], r[4]])).toEqual([
      ['1', '990', ''],
      ['2', '990', ''],
      ['3', '990', 'ectopic'],
      ['4', '990', ''],
      ['5', '990', ''],
      ['6', '990', ''],
      ['7', '', ''],
      ['8', '', ''],
      ['9', '', ''],
      ['10', '', '']
    ])
    expect(await readdir(join(root, 'J1'))).not.toContain('beats.pending.csv')
    const meta = JSON.parse(await readFile(join(root, 'J1', 'session.json'), 'utf8'))
    expect(meta.stats.rows.beats).toBe(10)
    expect(meta.endUtc).toBe('2026-01-01T09:00:10.000Z')
  })

  it('a normal close removes the journal', async () => {
    const clock = new ManualClock()
    const rec = await SessionRecorder.start({
      rootDir: root,
      appVersion: 't',
      clock,
      id: 'J2',
      beatJournal: true
    })
    rec.journalBeat({ tMs: clock.now() + 5, rrMs: 800, rrCleanMs: null, artifact: null, hrBpm: 75 })
    await rec.close()
    expect(await readdir(join(root, 'J2'))).not.toContain('beats.pending.csv')
  })
})
