import { spawn } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
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
    expect(Math.abs(Date.parse(meta.endUtc) - lastRowMs)).toBeLessThanOrEqual(20)
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
