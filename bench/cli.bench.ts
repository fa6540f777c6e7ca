/**
 * CLI start-up: `analyze` of a short RR file (337 beats; the analysis itself takes ~3 ms), from
 * spawning the process to its exit, with the process's peak memory. Three ways in:
 * - the bundle itself (`node out/cli.js`),
 * - `node scripts/cli.mjs`, which is what `npm run cli` runs (checks the bundle is current, then loads it),
 * - `npm run cli`, which adds npm's own start-up (~0.3 s, not Limbic's),
 * and, for comparison, the sources through tsx (how `npm run cli` ran before the bundle).
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MAX_RSS_PRELOAD, printRuns, runChild, type ChildRun } from './runs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const SHORT_FILE = 'resources/fixtures/rr/pyhrv_SampleNNISeriesShort.txt'

function repeat(n: number, cmd: string, args: string[]): ChildRun[] {
  runChild(cmd, args, { cwd: root }) // warm the file cache; not counted
  return Array.from({ length: n }, () => runChild(cmd, args, { cwd: root }))
}

function print(name: string, runs: ChildRun[]): void {
  printRuns(
    `${name}: start to exit`,
    runs.map((r) => r.wallMs),
    'ms'
  )
  if (runs.some((r) => Number.isFinite(r.maxRssMiB)))
    printRuns(
      `${name}: peak RSS`,
      runs.map((r) => r.maxRssMiB),
      'MiB'
    )
}

export default async function (): Promise<void> {
  const builds = Array.from({ length: 3 }, () => runChild('node', ['scripts/buildCli.mjs'], { cwd: root }))
  printRuns(
    'build out/cli.js (once per source change)',
    builds.map((r) => r.wallMs),
    'ms'
  )
  const analyze = ['analyze', SHORT_FILE, '--json']
  print('node out/cli.js analyze', repeat(15, 'node', ['-r', MAX_RSS_PRELOAD, 'out/cli.js', ...analyze]))
  print(
    'node scripts/cli.mjs analyze',
    repeat(15, 'node', ['-r', MAX_RSS_PRELOAD, 'scripts/cli.mjs', ...analyze])
  )
  print('npm run cli -- analyze', repeat(5, 'npm', ['run', '-s', 'cli', '--', ...analyze]))
  print(
    'sources via tsx (before the bundle)',
    repeat(3, 'npx', ['tsx', '-r', MAX_RSS_PRELOAD, 'src-main/cli/bin.ts', ...analyze])
  )
}
