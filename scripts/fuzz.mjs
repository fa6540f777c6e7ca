#!/usr/bin/env node
/**
 * `npm run fuzz`: the parser fuzz properties of the unit suite (tests named "fuzz: ..."), with many
 * more cases. FUZZ_RUNS sets the cases per property (default 200,000; the unit suite runs 10,000).
 * Extra arguments go to vitest, e.g. `npm run fuzz -- src-main/devices/ble`.
 */
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const runs = process.env.FUZZ_RUNS ?? '200000'
if (!/^[1-9]\d*$/.test(runs)) {
  console.error(`FUZZ_RUNS must be a positive whole number, got "${runs}"`)
  process.exit(2)
}
console.log(`fuzz: ${runs} cases per property`)
const r = spawnSync('npx', ['vitest', 'run', '-t', 'fuzz: ', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs },
  shell: process.platform === 'win32'
})
process.exit(r.status ?? 1)
