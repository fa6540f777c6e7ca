/**
 * How long `npm test` takes, stage by stage (issue 20, item 7: under 6 minutes on 2 cores).
 * Each stage is the command `npm test` runs, timed from spawn to exit: lint, typecheck, the unit
 * suite, the build the e2e suite needs, and the e2e specs. It runs the whole suite, so it takes
 * minutes and only runs when named: `npm run bench -- suite` (LIMBIC_BENCH_SUITE_RUNS=n repeats it).
 * The e2e specs skip the simulated person's seconds through the harness clock
 * (`src-main/devices/skippableClock.ts` + Playwright's page clock), so their time is the work of
 * the parsers, core and renderer, not the person's minutes.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { printRuns, runChild } from './runs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

const STAGES: [string, string, string[]][] = [
  ['lint', 'npm', ['run', 'lint']],
  ['typecheck', 'npm', ['run', 'typecheck']],
  ['unit tests', 'npm', ['run', 'test:unit']],
  ['e2e build', 'npx', ['electron-vite', 'build']],
  ['e2e specs', 'npx', ['playwright', 'test']]
]

export default async function (): Promise<void> {
  if (process.argv[2] !== 'suite') {
    console.log('skipped: runs the whole test suite; run it by name: npm run bench -- suite')
    return
  }
  const runs = Math.max(1, Number(process.env.LIMBIC_BENCH_SUITE_RUNS ?? 1))
  const times = new Map<string, number[]>(STAGES.map(([name]) => [name, []]))
  const totals: number[] = []
  for (let i = 0; i < runs; i++) {
    let total = 0
    for (const [name, cmd, args] of STAGES) {
      const { wallMs } = runChild(cmd, args, { cwd: root })
      times.get(name)!.push(wallMs / 1000)
      total += wallMs / 1000
    }
    totals.push(total)
  }
  for (const [name] of STAGES) printRuns(`npm test: ${name}`, times.get(name)!, 's')
  printRuns('npm test: all stages', totals, 's', { note: 'target < 360 s on 2 cores' })
}
