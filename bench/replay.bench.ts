/**
 * Replay memory and speed: a synthetic raw.log (heart strap notifications + balance board at
 * 100 Hz, as the app writes with raw capture on) replayed by the bundled CLI in a child process,
 * so its peak RSS is the replay's own. The 10-minute and 2-hour logs should peak at about the
 * same memory (the replay streams with backpressure); the speed target is >= 500x real time.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeBoardRawLog } from './boardRawLog'
import { MAX_RSS_PRELOAD, printRuns, runChild } from './runs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const START = '2026-11-23T06:00:00Z'

export default async function (): Promise<void> {
  runChild('node', ['scripts/buildCli.mjs'], { cwd: root })
  const dir = await mkdtemp(join(tmpdir(), 'limbic-bench-replay-'))
  try {
    for (const [label, hours, runs] of [
      ['10 min', 1 / 6, 3],
      ['2 h', 2, 3]
    ] as const) {
      const log = join(dir, `raw-${hours}.log`)
      const shape = await writeBoardRawLog(log, { hours, boardHz: 100 })
      const speed: number[] = []
      const rss: number[] = []
      for (let i = 0; i < runs; i++) {
        const out = join(dir, `out-${i}`)
        const r = runChild(
          'node',
          ['-r', MAX_RSS_PRELOAD, 'out/cli.js', 'replay', log, '--out', out, '--start', START, '--json'],
          { cwd: root }
        )
        speed.push((JSON.parse(r.stdout) as { speedup: number }).speedup)
        rss.push(r.maxRssMiB)
        await rm(out, { recursive: true, force: true })
      }
      const what = `${shape.hrLines} hr + ${shape.wbbLines} wbb lines, ${(shape.bytes / 1e6).toFixed(0)} MB`
      printRuns(`replay ${label} raw.log + 100 Hz board: speed`, speed, 'x real time', {
        worst: 'min',
        note: what
      })
      printRuns(`replay ${label} raw.log + 100 Hz board: peak RSS`, rss, 'MiB')
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
